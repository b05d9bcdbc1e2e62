// `ecn journal`: the legal connection log on the box — integrity, requisition exports and their
// audit, the clock's record, retention (split out of main.ts; behaviour unchanged).

import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FrozenConfig } from '../config/load';
import { createJournal } from '../compose';
import { EcnError } from '../domain/errors';
import { answerRequisitionAs } from '../journal/answer-requisition-as';
import { cliActor } from '../services/audit-trail';
import { requisitionScope } from '../journal/requisition-scope';
import type { SqliteJournal } from '../journal/sqlite-journal';
import type { CliIo } from './main';
import type { WithServices } from './users';

interface JournalCli {
  io: CliIo;
  withServices: WithServices;
  operator: string;
  /** Opens the journal of the current configuration for one piece of work. */
  withJournal: <T>(fn: (journal: SqliteJournal, cfg: FrozenConfig) => T | Promise<T>) => Promise<T>;
}

export function registerJournalCommands(
  program: Command,
  io: CliIo,
  config: () => FrozenConfig,
  withServices: WithServices,
  operator: string,
): void {
  const journalCmd = program
    .command('journal')
    .description('the legal connection log (requisitions, integrity, retention)');
  const withJournal: JournalCli['withJournal'] = async (fn) => {
    const cfg = config();
    const { journal } = createJournal(cfg);
    journal.start();
    try {
      return await fn(journal, cfg);
    } finally {
      journal.stop();
    }
  };
  const cli: JournalCli = { io, withServices, operator, withJournal };
  for (const add of [addVerify, addExport, addAudit, addClock, addPurge]) add(journalCmd, cli);
}

function addVerify(journalCmd: Command, { io, withJournal }: JournalCli): void {
  journalCmd
    .command('verify')
    .description('check that no entry was altered, removed or re-ordered')
    .action(() =>
      withJournal((journal) => {
        const r = journal.verify();
        if (!r.ok) {
          throw new EcnError(
            'ECN_ERR_JOURNAL_TAMPERED',
            `Journal integrity check FAILED at entry ${r.failure!.seq} (${r.failure!.reason}) after ${r.entries} good entries.`,
          );
        }
        io.out(`Journal intact: ${r.entries} entries.\n`);
      }),
    );
}

function addExport(journalCmd: Command, { io, withServices, operator, withJournal }: JournalCli): void {
  journalCmd
    .command('export')
    .description('answer a judicial requisition: a scoped query, written as CSV with a manifest, and audited')
    .requiredOption('-r, --reference <ref>', 'the requisition reference (required)')
    .requiredOption('-o, --out <dir>', 'folder to write connections.csv and manifest.json into')
    .option('--public-ip <ip>', 'public IP address named in the requisition')
    .option('--port <port>', 'source port named in the requisition')
    .option('--from <iso>', 'start of the window (ISO-8601)')
    .option('--to <iso>', 'end of the window (ISO-8601)')
    .option('--ticket <code>', 'a ticket code (or identifier) instead of an address')
    .option('--operator <name>', 'who runs the export (default: the system user)')
    .action(
      async (opts: {
        reference: string;
        out: string;
        publicIp?: string;
        port?: string;
        from?: string;
        to?: string;
        ticket?: string;
        operator?: string;
      }) => {
        const parseTime = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));
        const scope = await withServices((deps) =>
          requisitionScope(deps.store, {
            ticket: opts.ticket,
            publicIp: opts.publicIp,
            port: opts.port,
            from: parseTime(opts.from),
            to: parseTime(opts.to),
          }),
        );
        // Audited as the console's exports are: in the journal, and in the staff audit trail.
        await withServices((deps) =>
          withJournal(async (journal) => {
            const answer = await answerRequisitionAs(deps, journal, cliActor(operator), {
              reference: opts.reference,
              operator: opts.operator ?? operator,
              scope,
              now: Date.now(),
            });
            mkdirSync(opts.out, { recursive: true, mode: 0o700 });
            writeFileSync(path.join(opts.out, answer.manifest.file), answer.csv, { mode: 0o600 });
            writeFileSync(
              path.join(opts.out, 'manifest.json'),
              JSON.stringify(answer.manifest, null, 2) + '\n',
              { mode: 0o600 },
            );
            io.out(
              `${answer.manifest.rows} connection(s) written to ${path.join(opts.out, answer.manifest.file)} (sha256 ${answer.manifest.sha256}).\n`,
            );
          }),
        );
      },
    );
}

function addAudit(journalCmd: Command, { io, withJournal }: JournalCli): void {
  journalCmd
    .command('audit')
    .description('list the requisition exports (read-only)')
    .action(() =>
      withJournal((journal) => {
        const { records, intact } = journal.exportAudit();
        for (const r of records) {
          io.out(
            `${new Date(r.at).toISOString()}  #${r.seq}  ${r.reference}  by ${r.operator}  ${r.rows} row(s)  sha256 ${r.sha256}\n`,
          );
        }
        io.err(`${records.length} export(s); audit chain ${intact ? 'intact' : 'BROKEN'}.\n`);
        if (!intact) throw new EcnError('ECN_ERR_JOURNAL_TAMPERED', 'The export audit log was altered.');
      }),
    );
}

function addClock(journalCmd: Command, { io, withJournal }: JournalCli): void {
  journalCmd
    .command('clock')
    .description("when the box's clock was not synchronised, and when it was again (read-only)")
    .action(() =>
      withJournal((journal) => {
        const lines = journal.securityEvents().filter((e) => String(e.event.kind).startsWith('clock.'));
        for (const { at, event } of lines) {
          io.out(
            `${new Date(at).toISOString()}  ${String(event.kind)}  ${String(event.source)}  ${String(event.detail)}\n`,
          );
        }
        io.err(`${lines.length} clock change(s) recorded.\n`);
      }),
    );
}

function addPurge(journalCmd: Command, { io, withJournal }: JournalCli): void {
  journalCmd
    .command('purge')
    .description('delete entries past retention now (the service also does it daily)')
    .action(() =>
      withJournal((journal, cfg) => {
        const day = 24 * 3600 * 1000;
        const now = Date.now();
        const r = journal.purge(
          now - cfg.journal.retentionDays * day,
          now - cfg.journal.securityRetentionDays * day,
        );
        io.out(
          `Purged ${r.entries} journal entr${r.entries === 1 ? 'y' : 'ies'} and ${r.securityLines} security line(s).\n`,
        );
      }),
    );
}
