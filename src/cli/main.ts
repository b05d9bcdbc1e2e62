// The `ecn` command: tickets, charter and configuration, from the same configuration as the
// service. It opens the store itself (SQLite allows the service and the command side by side).

import { Command, CommanderError, Option } from 'commander';
import os from 'node:os';
import { loadConfig, resolveConfigFile, type FrozenConfig } from '../config/load';
import { configReference } from '../config/reference';
import { portalPublicUrl } from '../config/portal-url';
import { readCharter } from '../config/charter-texts';
import { createJournal, createServiceDeps, createStats, createStore, embeddedStoreFile } from '../compose';
import { SqliteStore, storedSchemaVersion } from '../store/sqlite-store';
import { recordStatistics } from '../stats/stats-recorder';
import { recordSessionsInJournal } from '../journal/journal-recorder';
import { errorsReference } from '../domain/errors-reference';
import { EcnError, isEcnError } from '../domain/errors';
import { isLanguage, LANGUAGES } from '../domain/charter';
import { TICKET_STATES, type TicketState } from '../domain/ticket';
import { createLogger } from '../log';
import type { ServiceDeps } from '../services/deps';
import { applyStoredProfiles } from '../services/space-settings';
import { listTickets } from '../services/list-tickets';
import { readWindowTime } from '../services/issue-tickets';
import { formatTicketCsv, formatTicketLine, TICKET_CSV_HEADER } from './format';
import { registerFilterCommands } from './filter';
import { registerTlsCommands } from './tls';
import { registerBackupCommands } from './backup';
import { registerJournalCommands } from './journal';
import { readCertificates } from '../tls/configured-certificates';
import { readSecretFromStdin, registerUserCommands } from './users';
import { adoptAccountsWithoutSpace } from '../services/accounts';
import { registerDeviceCommands } from './devices';
import { registerStatsCommand } from './stats';
import { registerAttendanceCommands } from './attendance';
import { askService } from '../control/control-client';
import { ACTOR_RE, controlSocketPath } from '../control/control-protocol';
import { commandPolicy, issueFromBox, revokeBatchFromBox, revokeTicketFromBox } from '../control/box-actions';
import { findTicket } from '../services/find-ticket';
import { purgeStore } from '../services/purge-store';
import { registerSetupCommand } from './setup/command';
import { terminalPrompter, type Prompter } from './setup/prompter';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: Record<string, string | undefined>;
  /** One line of secret input (a password): standard input, hidden on a terminal. */
  readSecret?: (prompt: string) => Promise<string>;
  /** Whether standard input is a terminal (a backup passphrase is only ever typed on one). */
  terminal?: boolean;
  /** Questions on a terminal (`ecn setup`), or null when standard input is not one. */
  prompter?: () => Prompter | null;
}

/**
 * Who runs the command, for the audit trail: `system:` and the Unix user. Under sudo (as root
 * or as the service user, `sudo -u ecn`), the person behind it (SUDO_USER); otherwise the real
 * user of the process, not $USER. A record, not a proof: whoever can run commands as the
 * service user could also write the store directly.
 */
function operator(env: Record<string, string | undefined>): string {
  const sudo = env.SUDO_USER || undefined;
  let name: string;
  try {
    name = sudo ?? os.userInfo().username;
  } catch {
    name = `uid${process.getuid?.() ?? 'unknown'}`;
  }
  const actor = `system:${name}`;
  return ACTOR_RE.test(actor) ? actor : `system:uid${process.getuid?.() ?? 'unknown'}`;
}

/** How long the command waits for the service once it has sent a request (a big batch). */
const CONTROL_TIMEOUT_MS = 60_000;

export function buildProgram(io: CliIo): Command {
  const program = new Command('ecn')
    .description('ECN gateway command line: tickets, charter, configuration, legal journal.')
    .option('-c, --config <file>', 'configuration file (default: $ECN_CONFIG, else config/default.yaml)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError();

  const configFile = () => resolveConfigFile(program.opts<{ config?: string }>().config, io.env);
  const config = (): FrozenConfig => loadConfig({ file: configFile(), env: io.env });

  /** Opens the store for one command and closes it afterwards, whatever happens. */
  /**
   * Opens the store for one command, with the same event subscribers as the service (legal
   * journal, statistics), so what the command changes is recorded the same way.
   */
  async function withServices<T>(
    fn: (deps: ServiceDeps, cfg: FrozenConfig) => Promise<T>,
    cfg: FrozenConfig = config(),
  ): Promise<T> {
    const store = createStore(cfg);
    const stats = createStats(cfg);
    const journal = cfg.journal.enabled ? createJournal(cfg).journal : null;
    // Subscriber failures (journal, statistics) must not pass silently in a one-shot command.
    const failures: string[] = [];
    const deps = createServiceDeps(cfg, store, createLogger('silent'), undefined, (event) =>
      failures.push(event),
    );
    const offs: (() => void)[] = [];
    await store.start();
    try {
      // Profiles managers made or changed in the console count here too.
      await applyStoredProfiles(deps);
      // As the service does at start (issue #13, item 2): one box's old accounts are its own.
      if (store.kind === 'embedded') await adoptAccountsWithoutSpace(deps, cfg.space.id);
      stats.start();
      offs.push(recordStatistics(deps.events, stats, deps.clock, cfg.space.timezone));
      if (journal) {
        journal.start();
        offs.push(recordSessionsInJournal(deps.events, journal, deps.clock, cfg.journal.publicIp || null));
      }
      const result = await fn(deps, cfg);
      if (failures.length) {
        throw new EcnError(
          'ECN_ERR_INTERNAL',
          `Done, but recording it failed for: ${[...new Set(failures)].join(', ')}.`,
        );
      }
      return result;
    } finally {
      offs.forEach((off) => off());
      journal?.stop();
      stats.stop();
      await store.stop();
    }
  }

  /** Said on standard error when the command had to do the work without the service. */
  const notReached = (reason: string) =>
    io.err(
      `The gateway service was not reached (${reason}): done by this command; ` +
        'the service cuts open sessions at its next sweep.\n',
    );

  const tickets = program.command('tickets').description('issue, list and revoke tickets');

  tickets
    .command('create')
    .description('issue a batch of tickets and print their codes')
    .option('-p, --profile <name>', 'ticket profile (default: the default profile)')
    .requiredOption('-n, --count <n>', 'how many tickets', (v) => parseCount(v))
    .option('--note <text>', 'a note to find the batch again, e.g. "atelier CV mardi"')
    .option(
      '--valid-from <iso>',
      "a workshop: the tickets work from this time (ISO-8601; without an offset, the space's local time)",
    )
    .option('--valid-until <iso>', 'a workshop: the tickets stop working at this time (same forms)')
    .option('--csv', 'print CSV (code, batch, profile, created) instead of one code per line')
    .action(
      async (opts: {
        profile?: string;
        count: number;
        note?: string;
        validFrom?: string;
        validUntil?: string;
        csv?: boolean;
      }) => {
        await withServices(async (deps, cfg) => {
          const tz = cfg.space.timezone;
          const req = {
            actor: operator(io.env),
            profile: opts.profile,
            count: opts.count,
            note: opts.note ?? null,
            validFrom: opts.validFrom === undefined ? null : readWindowTime(opts.validFrom, tz),
            validUntil: opts.validUntil === undefined ? null : readWindowTime(opts.validUntil, tz),
          };
          // The running service issues them when it can be reached: its metrics count them.
          const asked = await askService(
            controlSocketPath(cfg.dataDir),
            { op: 'tickets.issue', ...req },
            CONTROL_TIMEOUT_MS,
          );
          const batchId = asked.reached
            ? asked.reply.batchId!
            : (await issueFromBox({ ...deps, policy: await commandPolicy(deps, cfg.charter.version) }, req))
                .batchId;
          if (!asked.reached) notReached(asked.reason);
          const batch = (await deps.store.getBatch(batchId))!;
          const issued = await deps.store.listTickets({ batchId });
          if (opts.csv) {
            io.out(TICKET_CSV_HEADER + '\n');
            for (const t of issued) io.out(formatTicketCsv(t, 'issued') + '\n');
          } else {
            for (const t of issued) io.out(formatTicketLine(t) + '\n');
          }
          const window =
            batch.validFrom === null && batch.validUntil === null
              ? ''
              : `, valid ${batch.validFrom === null ? '…' : new Date(batch.validFrom).toISOString()} → ` +
                `${batch.validUntil === null ? '…' : new Date(batch.validUntil).toISOString()}`;
          io.err(`Batch ${batch.id}: ${issued.length} ticket(s), profile ${batch.profileName}${window}.\n`);
        });
      },
    );

  tickets
    .command('list')
    .description('list tickets with their current state')
    .addOption(
      new Option('-s, --state <state>', 'only tickets in this state').choices(TICKET_STATES as string[]),
    )
    .option('-b, --batch <id>', 'only tickets of this batch')
    .option('--csv', 'print CSV')
    .action(async (opts: { state?: TicketState; batch?: string; csv?: boolean }) => {
      await withServices(async (deps) => {
        const listed = await listTickets(deps, { state: opts.state, batchId: opts.batch });
        if (opts.csv) io.out(TICKET_CSV_HEADER + '\n');
        for (const { ticket, state } of listed) {
          io.out((opts.csv ? formatTicketCsv(ticket, state) : formatTicketLine(ticket, state)) + '\n');
        }
        if (!opts.csv) io.err(`${listed.length} ticket(s).\n`);
      });
    });

  tickets
    .command('revoke')
    .description('revoke one ticket (by code) or a whole batch')
    .argument('[code]', 'ticket code, with or without dashes')
    .option('-b, --batch <id>', 'revoke every ticket of this batch')
    .action(async (code: string | undefined, opts: { batch?: string }) => {
      if ((code === undefined) === (opts.batch === undefined)) {
        throw new CommanderError(2, 'ecn.usage', 'Give either a ticket code or --batch ID, not both.');
      }
      await withServices(async (deps, cfg) => {
        const actor = operator(io.env);
        const socket = controlSocketPath(cfg.dataDir);
        // The running service revokes when it can be reached: it cuts the sessions at once
        // (gateway, RADIUS Disconnect-Request), counts and audits; otherwise this process does
        // and the service's next sweep cuts them.
        if (opts.batch !== undefined) {
          const req = { actor, batchId: opts.batch };
          const asked = await askService(socket, { op: 'batch.revoke', ...req }, CONTROL_TIMEOUT_MS);
          const r = asked.reached
            ? { count: asked.reply.count ?? 0, already: asked.reply.already ?? 0 }
            : await revokeBatchFromBox(deps, req);
          if (!asked.reached) notReached(asked.reason);
          io.out(
            `Revoked ${r.count} ticket(s) of batch ${opts.batch}` +
              (r.already ? ` (${r.already} already revoked).\n` : '.\n'),
          );
        } else {
          // The code is looked up here, so it never travels on the socket.
          const req = { actor, ticketId: (await findTicket(deps.store, code!)).id };
          const asked = await askService(socket, { op: 'tickets.revoke', ...req }, CONTROL_TIMEOUT_MS);
          const t = asked.reached
            ? { ticketId: asked.reply.ticketId!, batchId: asked.reply.batchId! }
            : await revokeTicketFromBox(deps, req);
          if (!asked.reached) notReached(asked.reason);
          io.out(`Revoked ticket ${t.ticketId} (batch ${t.batchId}).\n`);
        }
      });
    });

  program
    .command('charter')
    .description('the resident charter')
    .command('show')
    .description('print the current charter text')
    .addOption(new Option('-l, --lang <lang>', 'language').choices([...LANGUAGES]))
    .action(async (opts: { lang?: string }) => {
      const cfg = config();
      const lang = opts.lang ?? cfg.charter.defaultLanguage;
      if (!isLanguage(lang)) throw new EcnError('ECN_ERR_LANGUAGE_UNKNOWN', `Unknown language "${lang}".`);
      // A charter published in the console replaces the file's (a language it did not write
      // keeps the file's text under the new version, as the portal shows it).
      const published = (await withServices((deps) => deps.store.getSettings()))?.charter;
      const file = readCharter(cfg.charter.dir, cfg.charter.version, lang);
      const c = published ? { ...(published.texts[lang] ?? file), version: published.version } : file;
      io.out(`${c.title} (version ${c.version}, ${c.lang})\n\n`);
      for (const s of c.summary) io.out(`  • ${s}\n`);
      for (const section of c.sections) {
        io.out(`\n${section.title}\n`);
        for (const p of section.paragraphs) io.out(`${p}\n`);
        for (const i of section.items) io.out(`  - ${i}\n`);
      }
    });

  const configCmd = program.command('config').description('the configuration');
  configCmd
    .command('check')
    .description('validate the configuration and check that the store and charter can be opened')
    .action(async () => {
      await withServices(async (deps, cfg) => {
        await deps.store.ping();
        for (const lang of LANGUAGES) readCharter(cfg.charter.dir, cfg.charter.version, lang);
        const certificates = readCertificates(cfg, new Date());
        io.out(
          `Configuration OK: space ${cfg.space.id}, store ${cfg.store.kind}, portal ${cfg.portal.listen} ` +
            `(residents are sent to ${portalPublicUrl(cfg)}), ` +
            `${cfg.profiles.length} profile(s), charter ${cfg.charter.version}.\n`,
        );
        if (certificates.console)
          io.out(`Console certificate SHA-256: ${certificates.console.fingerprint}\n`);
        if (certificates.portal) io.out(`Portal certificate SHA-256: ${certificates.portal.fingerprint}\n`);
      });
    });
  configCmd
    .command('docs')
    .description('print the configuration reference (docs/configuration.md)')
    .action(() => io.out(configReference()));

  registerJournalCommands(program, io, config, withServices, operator(io.env));

  const storeCmd = program
    .command('store')
    .description('the operational store (tickets, sessions, acceptances)');
  storeCmd
    .command('migrate')
    .description(
      "bring the store's schema up to this gateway's (the package runs it on upgrade; the service also does at start)",
    )
    .action(async () => {
      const cfg = config();
      const file = embeddedStoreFile(cfg);
      const before = cfg.store.kind === 'embedded' ? storedSchemaVersion(file) : null;
      const store = createStore(cfg);
      await store.start();
      try {
        if (store instanceof SqliteStore) {
          const after = store.schemaVersion();
          io.out(
            before === null
              ? `Store created at schema ${after}: ${file}\n`
              : before === after
                ? `Store up to date at schema ${after}: ${file}\n`
                : `Store migrated from schema ${before} to ${after}: ${file}\n`,
          );
        } else {
          io.out('Redis store reached; its indexes are up to date.\n');
        }
      } finally {
        await store.stop();
      }
    });
  storeCmd
    .command('purge')
    .description('delete what is past its retention now (the service also does it daily)')
    .action(() =>
      withServices(async (deps, cfg) => {
        const r = await purgeStore(deps, cfg.retention);
        io.out(
          `Purged ${r.sessions} session(s), the devices of ${r.deviceBindings} ticket(s), ` +
            `${r.acceptances} charter acceptance(s) and ${r.tickets} ticket(s).\n`,
        );
      }),
    );

  registerStatsCommand(program, io, config, withServices);
  // --- filter: content filter lists and the DNS front-end (issue 6) ---
  registerFilterCommands(program, io, config);
  registerTlsCommands(program, io);
  registerBackupCommands(program, io, configFile, config);
  registerUserCommands(program, io, withServices, operator(io.env));

  registerSetupCommand(program, {
    io,
    configFlag: () => program.opts<{ config?: string }>().config,
    withServices: (cfg, fn) => withServices((deps) => fn(deps), cfg),
    prompter: () => io.prompter?.() ?? null,
  });
  registerDeviceCommands(program, io, withServices, operator(io.env));
  registerAttendanceCommands(program, io, withServices, operator(io.env));

  program
    .command('errors')
    .description('print the error code reference (docs/errors.md)')
    .action(() => io.out(errorsReference()));

  return program;
}

function parseCount(v: string): number {
  if (!/^\d{1,7}$/.test(v))
    throw new EcnError('ECN_ERR_BATCH_SIZE', `"${v}" is not a whole number of tickets.`);
  return Number(v);
}

/** Runs the command line; resolves to the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      if (err.code === 'ecn.usage') io.err(`ecn: ${err.message}\n`);
      return err.exitCode || 2;
    }
    if (isEcnError(err)) {
      io.err(`ecn: ${err.message} [${err.code}]\n`);
      return 1;
    }
    io.err(`ecn: unexpected failure: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

/** Entry point of bin/ecn. */
export function main(): void {
  void runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    env: process.env,
    readSecret: readSecretFromStdin,
    terminal: process.stdin.isTTY === true,
    prompter: () =>
      process.stdin.isTTY
        ? terminalPrompter(
            process.stdin,
            (s) => process.stdout.write(s),
            () => process.exit(130),
          )
        : null,
  }).then((code) => {
    process.exitCode = code;
  });
}
