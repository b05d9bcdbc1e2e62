// Revoke one ticket or a whole batch, and end the sessions open under it. Gateways and the
// RADIUS Disconnect client react to the `session.ended` / `ticket.revoked` events.

import { EcnError, isEcnError } from '../domain/errors';
import { revoke, type Ticket } from '../domain/ticket';
import type { ServiceDeps } from './deps';
import { findTicket } from './find-ticket';
import { endSession } from './sessions';

type Deps = Pick<ServiceDeps, 'store' | 'clock' | 'events'>;

export async function revokeTicketByCode(deps: Deps, code: string, by: string): Promise<Ticket> {
  const ticket = await findTicket(deps.store, code);
  return revokeTicket(deps, ticket.id, by);
}

export async function revokeTicket(deps: Deps, ticketId: string, by: string): Promise<Ticket> {
  const now = deps.clock.now();
  const revoked = await deps.store.updateTicket(ticketId, (t) => revoke(t, by, now));
  if (!revoked) throw new EcnError('ECN_ERR_TICKET_UNKNOWN', 'No ticket has this identifier.');
  deps.events.emit('ticket.revoked', { ticketId, profileName: revoked.profileName, by });
  await endTicketSessions(deps, ticketId);
  return revoked;
}

/** Revokes every ticket of the batch not yet revoked; returns how many were revoked now. */
export async function revokeBatch(
  deps: Deps,
  batchId: string,
  by: string,
): Promise<{ revoked: number; already: number }> {
  const batch = await deps.store.getBatch(batchId);
  if (!batch) throw new EcnError('ECN_ERR_BATCH_UNKNOWN', `No batch has the identifier "${batchId}".`);
  let revoked = 0;
  let already = 0;
  for (const t of await deps.store.listTickets({ batchId })) {
    try {
      await revokeTicket(deps, t.id, by);
      revoked++;
    } catch (err) {
      if (!isEcnError(err, 'ECN_ERR_TICKET_ALREADY_REVOKED')) throw err;
      already++;
    }
  }
  return { revoked, already };
}

/**
 * Ends this space's sessions of the ticket. Another space's are its box's to end, through its
 * own gateway and journal: it hears of the revocation at once (TicketEndRelay) or at its sweep.
 */
async function endTicketSessions(deps: Deps, ticketId: string): Promise<void> {
  for (const s of await deps.store.listSessionsByTicket(ticketId)) {
    if (s.endedAt === null && s.spaceId === deps.store.spaceId) await endSession(deps, s.id, 'revoked');
  }
}
