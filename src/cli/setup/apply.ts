// `ecn setup`'s second half: with every answer known, it writes the files (each checked before
// the first write), makes the first manager, enables the units and checks that the box answers.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type FrozenConfig } from '../../config/load';
import { portalPublicUrl, portalSecureUrl } from '../../config/portal-url';
import { createAccount } from '../../services/accounts';
import { EcnError } from '../../domain/errors';
import { ipv4Interface, type Answers } from './answers';
import { checkBox } from './check';
import {
  groupId,
  handOver,
  underRoot,
  userIds,
  writeBoxFile,
  type PlannedFile,
  type WrittenFile,
} from './files';
import type { ManagerPlan } from './manager';
import type { Translate } from './messages';
import {
  AGENT_FILE,
  DHCP_FILE,
  effectiveConfig,
  NFTABLES_FILE,
  RESOLVER_FILE,
  type SetupDeps,
  type SetupOptions,
} from './options';
import {
  configSettings,
  neededSecret,
  newSecret,
  renderAgent,
  renderConfig,
  renderDhcp,
  renderNftables,
  renderResolver,
  type Setting,
} from './render';
import { enableUnits, FILE_UNITS, gatewayUnit, systemctlRunner, unitsFor, unitsToDisable } from './units';

const CHECK_WAIT_MS = 30_000;

export interface ApplyInput {
  opts: SetupOptions;
  deps: SetupDeps;
  t: Translate;
  root: string;
  configTarget: string;
  configFile: string;
  currentText: string | null;
  current: FrozenConfig | null;
  /** Whether the current configuration is a set-up box's (not the package's demo one). */
  configured: boolean;
  defaults: Answers;
  answers: Answers;
  manager: ManagerPlan | null;
}

type FileId = keyof typeof FILE_UNITS;

interface Plan {
  files: { id: FileId; file: PlannedFile }[];
  candidate: FrozenConfig;
  secretMade: ReturnType<typeof neededSecret>;
}

export async function apply(input: ApplyInput): Promise<void> {
  const { opts, deps, t, root, configFile, answers } = input;
  const { io } = deps;
  const plan = planFiles(input);
  const written = plan.files.map((p) => ({ id: p.id, result: writeBoxFile(root, p.file) }));
  reportFiles(input, plan, written);
  const cfg = effectiveConfig(configFile, plan.candidate, root, io.env);
  const asksRadius = answers.mode === 'access-points' || answers.mode === 'chilli';
  if (asksRadius && cfg.radius.clients.length === 0)
    io.out(`${t('radius.clientsTodo', { config: configFile })}\n`);
  if (answers.remoteWriteUrl === '') io.out(`${t('agent.none')}\n`);

  await makeFirstManager(input, cfg);
  // The store and journal this command opened as root belong to the service's user.
  const serviceUser = userIds(root, 'ecn');
  if (serviceUser !== null && process.getuid?.() === 0) handOver(cfg.dataDir, serviceUser);

  const systemd = setUpUnits(input, written);
  io.out(`\n${t('check.heading')}\n`);
  if (!opts.check) {
    io.out(`${t('check.skipped')}\n`);
    return;
  }
  await checkAndReport(input, cfg, systemd);
}

/** Every file's new content, checked with the real loader, before the first write. */
function planFiles(input: ApplyInput): Plan {
  const { root, configTarget, currentText, current, defaults, answers } = input;
  const secret = neededSecret(answers.mode);
  const extra: Setting[] = [];
  const secretMade =
    secret !== null && (current === null || readPath(current, secret.path) === '') ? secret : null;
  if (secretMade) extra.push([secretMade.path, newSecret()]);
  const configText = renderConfig(
    currentText,
    configSettings(answers),
    input.configured && ipv4Interface(defaults.lanAddress) !== null ? configSettings(defaults) : null,
    extra,
  );
  const candidate = loadCandidate(configText);
  const captiveApi = `${portalSecureUrl(candidate) ?? portalPublicUrl(candidate)}/api/captive`;
  const system = (target: string, content: string): PlannedFile => ({
    target,
    content,
    mode: 0o644,
    gid: null,
  });
  const files: Plan['files'] = [{ id: 'resolver', file: system(RESOLVER_FILE, renderResolver()) }];
  if (answers.mode === 'router') {
    files.push(
      { id: 'dhcp', file: system(DHCP_FILE, renderDhcp(answers, captiveApi)) },
      { id: 'nftables', file: system(NFTABLES_FILE, renderNftables(answers)) },
    );
  }
  if (answers.remoteWriteUrl !== '')
    files.push({ id: 'agent', file: system(AGENT_FILE, renderAgent(answers)) });
  // The configuration holds secrets (RADIUS, openNDS, Chilli): root writes it, the service reads it.
  const ecnGid = groupId(root, 'ecn');
  const shared = ecnGid !== null && process.getuid?.() === 0;
  files.push({
    id: 'config',
    file: {
      target: configTarget,
      content: configText,
      mode: shared ? 0o640 : 0o600,
      gid: shared ? ecnGid : null,
    },
  });
  return { files, candidate, secretMade };
}

/** Checks the new configuration with the real loader before anything is written. */
function loadCandidate(text: string): FrozenConfig {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-setup-'));
  try {
    const file = path.join(dir, 'config.yaml');
    writeFileSync(file, text, { mode: 0o600 });
    return loadConfig({ file, env: {} });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function reportFiles(input: ApplyInput, plan: Plan, written: { result: WrittenFile }[]): void {
  const { deps, t, answers, configFile } = input;
  const { io } = deps;
  io.out(`\n${t('files.heading')}\n`);
  for (const { result } of written) {
    const key =
      result.outcome === 'created'
        ? 'file.created'
        : result.outcome === 'changed'
          ? 'file.changed'
          : 'file.unchanged';
    io.out(`${t(key, { path: result.written, bak: result.backup ?? '' })}\n`);
  }
  if (answers.mode !== 'router') io.out(`${t('file.removedNote', { mode: answers.mode })}\n`);
  const made = plan.secretMade;
  if (made)
    io.out(`${t('secret.generated', { key: made.path.join('.'), config: configFile, gear: made.gear })}\n`);
}

/** The first manager, never made twice. */
async function makeFirstManager(input: ApplyInput, cfg: FrozenConfig): Promise<void> {
  const { deps, t, manager } = input;
  const { io } = deps;
  if (manager === null) {
    io.out(`${t('manager.skipped')}\n`);
    return;
  }
  if (manager.password === null) {
    io.out(`${t('manager.exists', { user: manager.username })}\n`);
    return;
  }
  const { username, password } = manager;
  const made = await deps.withServices(cfg, async (d) => {
    if (await d.store.getUser(username)) return false;
    await createAccount(d, {
      username,
      role: 'manager',
      password,
      createdBy: 'system:ecn-setup',
      via: 'box',
      // The space being set up; city staff widen an account with `ecn users spaces`.
      spaces: [cfg.space.id],
    });
    return true;
  });
  io.out(`${t(made ? 'manager.created' : 'manager.exists', { user: username })}\n`);
}

/** Enables (or restarts) the mode's units when systemd runs; says whether it does. */
function setUpUnits(input: ApplyInput, written: { id: FileId; result: WrittenFile }[]): boolean {
  const { opts, deps, t, root, answers } = input;
  const { io } = deps;
  const units = unitsFor(answers.mode);
  io.out(`\n${t('units.heading')}\n`);
  const systemd = existsSync(underRoot(root, '/run/systemd/system'));
  if (!systemd) {
    io.out(`${t('units.noSystemd', { units: units.join(', ') })}\n`);
    return false;
  }
  const changed = new Set(
    written.filter((w) => w.result.outcome !== 'unchanged').flatMap((w) => FILE_UNITS[w.id] ?? []),
  );
  const results = enableUnits(
    systemctlRunner(opts.systemctlCommand),
    units,
    unitsToDisable(answers.mode),
    changed,
  );
  for (const r of results) {
    const key =
      r.error !== null ? 'units.failed' : r.action === 'enabled' ? 'units.enabled' : 'units.restarted';
    io.out(`${t(key, { unit: r.unit, reason: r.error ?? '' })}\n`);
  }
  return true;
}

/** Does everything answer? Units just started get a moment; without systemd nothing was started. */
async function checkAndReport(input: ApplyInput, cfg: FrozenConfig, systemd: boolean): Promise<void> {
  const { deps, t, answers } = input;
  const { io } = deps;
  const items = await checkBox(cfg, systemd ? CHECK_WAIT_MS : 0);
  for (const item of items) {
    if (item.ok) {
      io.out(`${t('check.ok', { what: t(item.what, item.vars) })}\n`);
      if (item.note) io.out(`      ${t(item.note.key, item.note.vars)}\n`);
    } else {
      const fix = t(item.fix!, { unit: gatewayUnit(answers.mode), ...item.fixVars });
      io.out(`${t('check.bad', { what: t(item.what, item.vars), fix })}\n`);
    }
  }
  const bad = items.filter((i) => !i.ok).length;
  if (bad === 0) {
    io.out(`${t('check.allGood')}\n`);
    return;
  }
  throw new EcnError('ECN_ERR_SETUP_CHECK_FAILED', t('check.someBad', { count: bad }));
}

function readPath(cfg: FrozenConfig, at: string[]): unknown {
  let cur: unknown = cfg;
  for (const p of at) cur = (cur as Record<string, unknown> | undefined)?.[p];
  return cur;
}
