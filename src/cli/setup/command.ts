// `ecn setup`: the first-run command of a box. It asks (or reads from flags) the answers,
// writes the configuration and the system's snippets, makes the first manager account,
// enables the units and checks that everything answers. A re-run offers the current answers.

import { Command, Option } from 'commander';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type FrozenConfig } from '../../config/load';
import { portalPublicUrl, portalSecureUrl } from '../../config/portal-url';
import { normaliseUsername, createAccount } from '../../services/accounts';
import { checkPasswordRules } from '../../services/passwords';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../domain/console';
import { EcnError, isEcnError } from '../../domain/errors';
import type { ServiceDeps } from '../../services/deps';
import type { CliIo } from '../main';
import {
  answersFromConfig,
  checkAnswer,
  ipv4Interface,
  mayBeEmpty,
  QUESTIONS,
  UNSET_SPACE_ID,
  type Answers,
  type Refusal,
} from './answers';
import { checkBox } from './check';
import {
  groupId,
  handOver,
  readIfThere,
  userIds,
  underRoot,
  writeBoxFile,
  type PlannedFile,
  type WrittenFile,
} from './files';
import { pickLanguage, translator, type Translate } from './messages';
import type { Prompter } from './prompter';
import {
  adminNetOf,
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

export const DEFAULT_SETUP_CONFIG = '/etc/ecn/config.yaml';
const NFTABLES_FILE = '/etc/nftables.conf';
const DHCP_FILE = '/etc/dnsmasq.d/ecn.conf';
const RESOLVER_FILE = '/etc/dnsmasq.d/ecn-resolver.conf';
const AGENT_FILE = '/etc/ecn/prometheus-agent.yml';
const FIRST_MANAGER = 'gestionnaire';
const CHECK_WAIT_MS = 30_000;

export interface SetupDeps {
  io: CliIo;
  /** The program's `--config`, when given. */
  configFlag: () => string | undefined;
  /** Opens the store of `cfg` for one piece of work, as the other commands do. */
  withServices: <T>(cfg: FrozenConfig, fn: (deps: ServiceDeps) => Promise<T>) => Promise<T>;
  /** A terminal to ask on, or null when standard input is not one. */
  prompter: () => Prompter | null;
}

interface SetupOptions {
  mode?: string;
  spaceId?: string;
  spaceName?: string;
  wifiSsid?: string;
  lanIf?: string;
  wanIf?: string;
  lanAddress?: string;
  adminNet?: string;
  remoteWriteUrl?: string;
  manager?: string;
  managerPasswordFile?: string;
  yes?: boolean;
  lang?: string;
  root: string;
  check: boolean;
  systemctlCommand: string;
}

/** The option property of each question's flag (`--space-id` → spaceId). */
const optionKey = (flag: string): keyof SetupOptions =>
  flag.slice(2).replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()) as keyof SetupOptions;

export function registerSetupCommand(program: Command, deps: SetupDeps): void {
  const cmd = program
    .command('setup')
    .description(
      "first run of a box: asks (or takes as flags) the space, interfaces, addresses, Wi-Fi and the city's URL, writes the configuration and system files, makes the first manager, enables the units and checks",
    )
    .option('--mode <mode>', "the box's role: router, opennds, chilli or access-points")
    .option('--space-id <id>', 'space.id, e.g. roubaix-epeule')
    .option('--space-name <name>', 'space.name')
    .option('--wifi-ssid <ssid>', 'space.wifiName, printed on tickets')
    .option('--lan-if <name>', "gateway.clientInterface: residents' side (router mode)")
    .option('--wan-if <name>', 'gateway.upstreamInterface: Internet side (router mode)')
    .option('--lan-address <cidr>', "the box's address and prefix, e.g. 10.42.0.1/24 (gateway.portalAddress)")
    .option('--admin-net <cidr>', 'network allowed to SSH from the Internet side ("all": any; router mode)')
    .option(
      '--remote-write-url <url>',
      'metrics.remoteWriteUrl: the city\'s Prometheus remote_write URL ("none")',
    )
    .option('--manager <name>', 'the first manager account of the console')
    .option('--manager-password-file <file>', "file whose first line is that account's password")
    .option('-y, --yes', 'ask nothing: flags, else the current answers; fail on a missing one')
    .option('--lang <lang>', 'fr (default) or en; else from LANG')
    .option('--root <dir>', 'write every file under this folder (tests, images)', '/')
    .option('--no-check', 'skip the final check')
    .addOption(new Option('--systemctl-command <path>', 'systemctl program').default('systemctl').hideHelp());
  cmd.action((opts: SetupOptions) => runSetup(opts, deps));
}

async function runSetup(opts: SetupOptions, deps: SetupDeps): Promise<void> {
  const { io } = deps;
  const lang = pickLanguage(opts.lang, io.env);
  if (lang === null) throw invalid(translator('fr'), { key: 'bad.lang', vars: { value: opts.lang! } });
  const t = translator(lang);
  const root = path.resolve(opts.root);
  const configTarget = path.resolve(deps.configFlag() ?? io.env.ECN_CONFIG ?? DEFAULT_SETUP_CONFIG);
  const configFile = underRoot(root, configTarget);

  // What the box says now: the defaults of every question.
  const currentText = readIfThere(configFile);
  let current: FrozenConfig | null = null;
  if (currentText !== null) {
    try {
      current = loadConfig({ file: configFile, env: {} });
    } catch (err) {
      throw new EcnError(
        'ECN_ERR_SETUP_INVALID',
        `${t('bad.config', { config: configFile, reason: (err as Error).message })}\n${t('bad.stopped')}`,
      );
    }
  }
  const configured = current !== null && current.space.id !== UNSET_SPACE_ID;
  const defaults = answersFromConfig(
    configured ? current : null,
    adminNetOf(readIfThere(underRoot(root, NFTABLES_FILE))),
  );

  const prompter = opts.yes ? null : deps.prompter();
  if (!opts.yes && prompter === null) {
    throw invalid(t, { key: 'bad.noTerminal', vars: {} });
  }
  try {
    if (prompter) io.out(`${configured ? t('intro.again', { config: configFile }) : t('intro.first')}\n`);
    const answers = await collectAnswers(opts, defaults, t, prompter);
    const manager = await collectManager(
      opts,
      current && { file: configFile, cfg: current },
      root,
      deps,
      t,
      prompter,
    );
    prompter?.close();
    await apply({
      opts,
      deps,
      t,
      root,
      configTarget,
      configFile,
      currentText,
      current,
      configured,
      defaults,
      answers,
      manager,
    });
  } finally {
    prompter?.close();
  }
}

function invalid(t: Translate, r: Refusal): EcnError {
  return new EcnError('ECN_ERR_SETUP_INVALID', `${t(r.key, r.vars)} ${t('bad.stopped')}`);
}

async function collectAnswers(
  opts: SetupOptions,
  defaults: Answers,
  t: Translate,
  prompter: Prompter | null,
): Promise<Answers> {
  const answers: Partial<Answers> = {};
  for (const q of QUESTIONS) {
    const given = opts[optionKey(q.flag)] as string | undefined;
    if (!q.when(answers) && given === undefined) {
      answers[q.key] = defaults[q.key] as never;
      continue;
    }
    const normalise = (raw: string) => {
      const v = raw.trim();
      return q.emptyWords?.includes(v.toLowerCase()) ? '' : v;
    };
    if (given !== undefined) {
      // A flag is an answer given in advance: a bad one stops, even at a terminal.
      const value = normalise(given);
      const refusal = checkAnswer(q.key, value, answers);
      if (refusal) throw invalid(t, refusal);
      answers[q.key] = value as never;
      continue;
    }
    const def = defaults[q.key];
    if (prompter === null) {
      if (def === '' && !mayBeEmpty(q.key)) throw invalid(t, { key: 'bad.missing', vars: { flag: q.flag } });
      // A current answer is checked like a new one (a hand-made file may hold what setup refuses).
      const refusal = checkAnswer(q.key, def, answers);
      if (refusal) throw invalid(t, refusal);
      answers[q.key] = def as never;
      continue;
    }
    for (;;) {
      const shown = def === '' && mayBeEmpty(q.key) && q.emptyWords ? q.emptyWords[0]! : def;
      const line = await prompter.ask(`${t(q.prompt(answers))}${shown ? ` [${shown}]` : ''} : `);
      if (line === null) throw invalid(t, { key: 'bad.missing', vars: { flag: q.flag } });
      const value = line.trim() === '' ? def : normalise(line);
      const refusal = checkAnswer(q.key, value, answers);
      if (!refusal) {
        answers[q.key] = value as never;
        break;
      }
      prompter.say(t(refusal.key, refusal.vars));
    }
  }
  return answers as Answers;
}

interface ManagerPlan {
  username: string;
  /** Null when the account exists already. */
  password: string | null;
}

async function collectManager(
  opts: SetupOptions,
  current: { file: string; cfg: FrozenConfig } | null,
  root: string,
  deps: SetupDeps,
  t: Translate,
  prompter: Prompter | null,
): Promise<ManagerPlan | null> {
  // On a re-run the store is where the current configuration says: its accounts are kept.
  const existing =
    current === null
      ? []
      : await deps.withServices(effectiveConfig(current.file, current.cfg, root, deps.io.env), (d) =>
          d.store.listUsers(),
        );
  let username: string;
  if (opts.manager !== undefined) {
    const refusal = usernameRefusal(opts.manager);
    if (refusal) throw invalid(t, refusal);
    username = normaliseUsername(opts.manager);
  } else if (existing.some((u) => u.role === 'manager' && u.disabledAt === null)) {
    return {
      username: existing.find((u) => u.role === 'manager' && u.disabledAt === null)!.username,
      password: null,
    };
  } else if (prompter === null) {
    return null;
  } else {
    for (;;) {
      const line = await prompter.ask(`${t('q.manager')} [${FIRST_MANAGER}] : `);
      if (line === null) throw invalid(t, { key: 'bad.missing', vars: { flag: '--manager' } });
      const value = line.trim() || FIRST_MANAGER;
      const refusal = usernameRefusal(value);
      if (!refusal) {
        username = normaliseUsername(value);
        break;
      }
      prompter.say(t(refusal.key, refusal.vars));
    }
  }
  if (existing.some((u) => u.username === username)) return { username, password: null };
  if (opts.managerPasswordFile !== undefined) {
    let password: string;
    try {
      password = readFileSync(opts.managerPasswordFile, 'utf8').split(/\r?\n/)[0] ?? '';
    } catch (err) {
      throw invalid(t, {
        key: 'bad.passwordFile',
        vars: { file: opts.managerPasswordFile, reason: (err as NodeJS.ErrnoException).code ?? 'error' },
      });
    }
    if (passwordRefused(password)) throw invalid(t, passwordRefusal());
    return { username, password };
  }
  if (prompter === null) throw invalid(t, { key: 'bad.passwordNoTerminal', vars: { user: username } });
  for (;;) {
    const first = await prompter.askSecret(t('q.password', { user: username }));
    if (first === null) throw invalid(t, { key: 'bad.missing', vars: { flag: '--manager-password-file' } });
    if (passwordRefused(first)) {
      prompter.say(t('bad.password', passwordRefusal().vars));
      continue;
    }
    const second = await prompter.askSecret(t('q.password2'));
    if (second === first) return { username, password: first };
    prompter.say(t('bad.passwordMismatch'));
  }
}

function usernameRefusal(value: string): Refusal | null {
  try {
    normaliseUsername(value);
    return null;
  } catch {
    return { key: 'bad.manager', vars: { value } };
  }
}

function passwordRefused(password: string): boolean {
  try {
    checkPasswordRules(password);
    return false;
  } catch (err) {
    if (isEcnError(err, 'ECN_ERR_PASSWORD_WEAK')) return true;
    throw err;
  }
}

const passwordRefusal = (): Refusal => ({
  key: 'bad.password',
  vars: { min: String(PASSWORD_MIN), max: String(PASSWORD_MAX) },
});

/**
 * The configuration as the service will see it (file, then ECN_* variables); under `--root`,
 * its data folder is under the root too, so a test never touches the real /var/lib/ecn.
 */
function effectiveConfig(
  configFile: string,
  fileCfg: FrozenConfig,
  root: string,
  env: Record<string, string | undefined>,
): FrozenConfig {
  const withRoot = { ...env };
  if (root !== path.resolve('/') && withRoot.ECN_DATA_DIR === undefined) {
    withRoot.ECN_DATA_DIR = underRoot(root, fileCfg.dataDir);
  }
  return loadConfig({ file: configFile, env: withRoot });
}

interface ApplyInput {
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

async function apply(input: ApplyInput): Promise<void> {
  const { opts, deps, t, root, configTarget, configFile, currentText, current, defaults, answers } = input;
  const { io } = deps;

  // 1. Every file's new content, checked, before the first write.
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
  const ecnGid = groupId(root, 'ecn');
  const asRoot = process.getuid?.() === 0;
  const planned: { id: keyof typeof FILE_UNITS; file: PlannedFile }[] = [
    { id: 'resolver', file: { target: RESOLVER_FILE, content: renderResolver(), mode: 0o644, gid: null } },
  ];
  if (answers.mode === 'router') {
    planned.push(
      {
        id: 'dhcp',
        file: { target: DHCP_FILE, content: renderDhcp(answers, captiveApi), mode: 0o644, gid: null },
      },
      {
        id: 'nftables',
        file: { target: NFTABLES_FILE, content: renderNftables(answers), mode: 0o644, gid: null },
      },
    );
  }
  if (answers.remoteWriteUrl !== '') {
    planned.push({
      id: 'agent',
      file: { target: AGENT_FILE, content: renderAgent(answers), mode: 0o644, gid: null },
    });
  }
  // The configuration holds secrets (RADIUS, openNDS, Chilli): root writes it, the service reads it.
  planned.push({
    id: 'config',
    file: {
      target: configTarget,
      content: configText,
      mode: ecnGid !== null && asRoot ? 0o640 : 0o600,
      gid: ecnGid !== null && asRoot ? ecnGid : null,
    },
  });

  // 2. Write, each file whole or not at all.
  const written: { id: keyof typeof FILE_UNITS; result: WrittenFile }[] = planned.map((p) => ({
    id: p.id,
    result: writeBoxFile(root, p.file),
  }));
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
  if (secretMade)
    io.out(
      `${t('secret.generated', { key: secretMade.path.join('.'), config: configFile, gear: secretMade.gear })}\n`,
    );
  const cfg = effectiveConfig(configFile, candidate, root, io.env);
  const asksRadius = answers.mode === 'access-points' || answers.mode === 'chilli';
  if (asksRadius && cfg.radius.clients.length === 0)
    io.out(`${t('radius.clientsTodo', { config: configFile })}\n`);
  if (answers.remoteWriteUrl === '') io.out(`${t('agent.none')}\n`);

  // 3. The first manager, never made twice.
  if (input.manager === null) {
    io.out(`${t('manager.skipped')}\n`);
  } else if (input.manager.password === null) {
    io.out(`${t('manager.exists', { user: input.manager.username })}\n`);
  } else {
    const { username, password } = input.manager;
    const made = await deps.withServices(cfg, async (d) => {
      if (await d.store.getUser(username)) return false;
      await createAccount(d, {
        username,
        role: 'manager',
        password: password!,
        createdBy: 'system:ecn-setup',
        via: 'box',
        // The space being set up; city staff widen an account with `ecn users spaces`.
        spaces: [cfg.space.id],
      });
      return true;
    });
    io.out(`${t(made ? 'manager.created' : 'manager.exists', { user: username })}\n`);
  }

  // The store and journal this command opened as root belong to the service's user.
  const serviceUser = userIds(root, 'ecn');
  if (serviceUser !== null && process.getuid?.() === 0) handOver(cfg.dataDir, serviceUser);

  // 4. The units.
  const units = unitsFor(answers.mode);
  io.out(`\n${t('units.heading')}\n`);
  const systemd = existsSync(underRoot(root, '/run/systemd/system'));
  if (systemd) {
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
  } else {
    io.out(`${t('units.noSystemd', { units: units.join(', ') })}\n`);
  }

  // 5. Does everything answer?
  io.out(`\n${t('check.heading')}\n`);
  if (!opts.check) {
    io.out(`${t('check.skipped')}\n`);
    return;
  }
  // Units just started get a moment to answer; without systemd nothing was started here.
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
