// The `ecn` command: tickets, charter and configuration, from the same configuration as the
// service. It opens the store itself (SQLite allows the service and the command side by side).

import { Command, CommanderError, Option } from 'commander';
import os from 'node:os';
import { loadConfig, resolveConfigFile, type FrozenConfig } from '../config/load';
import { configReference } from '../config/reference';
import { readCharter } from '../config/charter-texts';
import { createServiceDeps, createStore } from '../compose';
import { errorsReference } from '../domain/errors-reference';
import { EcnError, isEcnError } from '../domain/errors';
import { isLanguage, LANGUAGES } from '../domain/charter';
import { TICKET_STATES, type TicketState } from '../domain/ticket';
import { createLogger } from '../log';
import type { ServiceDeps } from '../services/deps';
import { issueTickets } from '../services/issue-tickets';
import { listTickets } from '../services/list-tickets';
import { revokeBatch, revokeTicketByCode } from '../services/revoke-tickets';
import { formatTicketCsv, formatTicketLine, TICKET_CSV_HEADER } from './format';
import { registerFilterCommands } from './filter';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: Record<string, string | undefined>;
}

function operator(env: Record<string, string | undefined>): string {
  return `cli:${env.SUDO_USER ?? env.USER ?? os.userInfo().username}`;
}

export function buildProgram(io: CliIo): Command {
  const program = new Command('ecn')
    .description('ECN gateway command line: tickets, charter, configuration.')
    .option('-c, --config <file>', 'configuration file (default: $ECN_CONFIG, else config/default.yaml)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError();

  const config = (): FrozenConfig =>
    loadConfig({ file: resolveConfigFile(program.opts<{ config?: string }>().config, io.env), env: io.env });

  /** Opens the store for one command and closes it afterwards, whatever happens. */
  async function withServices<T>(fn: (deps: ServiceDeps, cfg: FrozenConfig) => Promise<T>): Promise<T> {
    const cfg = config();
    const store = createStore(cfg);
    await store.start();
    try {
      return await fn(createServiceDeps(cfg, store, createLogger('silent')), cfg);
    } finally {
      await store.stop();
    }
  }

  const tickets = program.command('tickets').description('issue, list and revoke tickets');

  tickets
    .command('create')
    .description('issue a batch of tickets and print their codes')
    .option('-p, --profile <name>', 'ticket profile (default: the default profile)')
    .requiredOption('-n, --count <n>', 'how many tickets', (v) => parseCount(v))
    .option('--note <text>', 'a note to find the batch again, e.g. "atelier CV mardi"')
    .option('--csv', 'print CSV (code, batch, profile, created) instead of one code per line')
    .action(async (opts: { profile?: string; count: number; note?: string; csv?: boolean }) => {
      await withServices(async (deps) => {
        const { batch, tickets: issued } = await issueTickets(deps, {
          profile: opts.profile,
          count: opts.count,
          note: opts.note ?? null,
          createdBy: operator(io.env),
        });
        if (opts.csv) {
          io.out(TICKET_CSV_HEADER + '\n');
          for (const t of issued) io.out(formatTicketCsv(t, 'issued') + '\n');
        } else {
          for (const t of issued) io.out(formatTicketLine(t) + '\n');
        }
        io.err(`Batch ${batch.id}: ${issued.length} ticket(s), profile ${batch.profileName}.\n`);
      });
    });

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
      await withServices(async (deps) => {
        const by = operator(io.env);
        if (opts.batch !== undefined) {
          const r = await revokeBatch(deps, opts.batch, by);
          io.out(
            `Revoked ${r.revoked} ticket(s) of batch ${opts.batch}` +
              (r.already ? ` (${r.already} already revoked).\n` : '.\n'),
          );
        } else {
          const t = await revokeTicketByCode(deps, code!, by);
          io.out(`Revoked ticket ${t.id} (batch ${t.batchId}).\n`);
        }
      });
    });

  program
    .command('charter')
    .description('the resident charter')
    .command('show')
    .description('print the current charter text')
    .addOption(new Option('-l, --lang <lang>', 'language').choices([...LANGUAGES]))
    .action((opts: { lang?: string }) => {
      const cfg = config();
      const lang = opts.lang ?? cfg.charter.defaultLanguage;
      if (!isLanguage(lang)) throw new EcnError('ECN_ERR_LANGUAGE_UNKNOWN', `Unknown language "${lang}".`);
      const c = readCharter(cfg.charter.dir, cfg.charter.version, lang);
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
        io.out(
          `Configuration OK: space ${cfg.space.id}, store ${cfg.store.kind}, portal ${cfg.portal.listen}, ` +
            `${cfg.profiles.length} profile(s), charter ${cfg.charter.version}.\n`,
        );
      });
    });
  configCmd
    .command('docs')
    .description('print the configuration reference (docs/configuration.md)')
    .action(() => io.out(configReference()));

  // --- filter: content filter lists and the DNS front-end (issue 6) ---
  registerFilterCommands(program, io, config);

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
  }).then((code) => {
    process.exitCode = code;
  });
}
