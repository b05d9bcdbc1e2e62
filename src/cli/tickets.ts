// `ecn tickets create|list|revoke`. The running service issues and revokes when its control
// socket answers (its gateway, RADIUS Disconnect client, metrics and audit see it at once);
// otherwise the command does it itself and the service's next sweep cuts open sessions.

import { CommanderError, Option, type Command } from 'commander';
import { commandPolicy, issueFromBox, revokeBatchFromBox, revokeTicketFromBox } from '../control/box-actions';
import { askService } from '../control/control-client';
import { controlSocketPath } from '../control/control-protocol';
import { EcnError } from '../domain/errors';
import { TICKET_STATES, type TicketState } from '../domain/ticket';
import { findTicket } from '../services/find-ticket';
import { readWindowTime } from '../services/issue-tickets';
import { listTickets } from '../services/list-tickets';
import { formatTicketCsv, formatTicketLine, TICKET_CSV_HEADER } from './format';
import type { CliIo } from './main';
import type { WithConfiguredServices } from './with-services';

/** How long the command waits for the service once it has sent a request (a big batch). */
const CONTROL_TIMEOUT_MS = 60_000;

interface TicketsCli {
  io: CliIo;
  withServices: WithConfiguredServices;
  /** Who runs the command, for the audit trail. */
  operator: string;
}

export function registerTicketCommands(
  program: Command,
  io: CliIo,
  withServices: WithConfiguredServices,
  operator: string,
): void {
  const tickets = program.command('tickets').description('issue, list and revoke tickets');
  const cli: TicketsCli = { io, withServices, operator };
  addCreate(tickets, cli);
  addList(tickets, cli);
  addRevoke(tickets, cli);
}

/** Said on standard error when the command had to do the work without the service. */
function notReached(io: CliIo, reason: string): void {
  io.err(
    `The gateway service was not reached (${reason}): done by this command; ` +
      'the service cuts open sessions at its next sweep.\n',
  );
}

function parseCount(v: string): number {
  if (!/^\d{1,7}$/.test(v))
    throw new EcnError('ECN_ERR_BATCH_SIZE', `"${v}" is not a whole number of tickets.`);
  return Number(v);
}

function addCreate(tickets: Command, cli: TicketsCli): void {
  const { io, withServices } = cli;
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
            actor: cli.operator,
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
          if (!asked.reached) notReached(io, asked.reason);
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
}

function addList(tickets: Command, { io, withServices }: TicketsCli): void {
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
}

function addRevoke(tickets: Command, cli: TicketsCli): void {
  const { io, withServices } = cli;
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
        const actor = cli.operator;
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
          if (!asked.reached) notReached(io, asked.reason);
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
          if (!asked.reached) notReached(io, asked.reason);
          io.out(`Revoked ticket ${t.ticketId} (batch ${t.batchId}).\n`);
        }
      });
    });
}
