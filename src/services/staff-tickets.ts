// What staff do to tickets, as one use case each for every edge (console, `ecn`, the control
// socket): issue a batch, revoke a ticket or a batch, print. Each publishes `operator.acted`
// with who acted, so the audit trail records it alike whatever the edge; never a ticket code.

import type { Actor } from '../domain/events';
import type { Batch, Ticket } from '../domain/ticket';
import { actorText, announce } from './audit-trail';
import type { ServiceDeps } from './deps';
import { issueTickets, type IssueRequest } from './issue-tickets';
import { revokeBatch, revokeTicket } from './revoke-tickets';

export async function issueBatchAs(
  deps: ServiceDeps,
  actor: Actor,
  req: Omit<IssueRequest, 'createdBy'>,
): Promise<{ batch: Batch; tickets: Ticket[] }> {
  const issued = await issueTickets(deps, { ...req, createdBy: actorText(actor) });
  const { batch } = issued;
  await announce(deps, actor, 'tickets.issued', batch.id, {
    count: batch.count,
    profile: batch.profileName,
    note: batch.note,
    validFrom: batch.validFrom,
    validUntil: batch.validUntil,
  });
  return issued;
}

/** Revokes one ticket; `context` adds what the page knew (the session it was revoked from). */
export async function revokeTicketAs(
  deps: ServiceDeps,
  actor: Actor,
  ticketId: string,
  context: { sessionId?: string } = {},
): Promise<Ticket> {
  const ticket = await revokeTicket(deps, ticketId, actorText(actor));
  const details: Record<string, string | number> =
    context.sessionId === undefined
      ? { kind: 'ticket', count: 1, batch: ticket.batchId }
      : { count: 1, profile: ticket.profileName, sessionId: context.sessionId };
  await announce(deps, actor, 'tickets.revoked', ticket.id, details);
  return ticket;
}

export async function revokeBatchAs(
  deps: ServiceDeps,
  actor: Actor,
  batchId: string,
): Promise<{ revoked: number; already: number }> {
  const r = await revokeBatch(deps, batchId, actorText(actor));
  await announce(deps, actor, 'tickets.revoked', batchId, {
    kind: 'batch',
    count: r.revoked,
    already: r.already,
  });
  return r;
}

/** A print (HTML page or PDF) of a batch or one ticket: what was printed, never the codes. */
export function recordPrint(
  deps: Pick<ServiceDeps, 'events'>,
  actor: Actor,
  target: string,
  details: { layout: string; count: number; skipped: number; format: 'html' | 'pdf' },
): Promise<void> {
  return announce(deps, actor, 'tickets.printed', target, details);
}
