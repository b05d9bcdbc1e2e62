// A ticket ended in another space (revoked there, or its data used up there): this box ends its
// own open sessions of it, each through its own gateway, and writes its own journal lines.

import { ticketEndCause, ticketState } from '../domain/ticket';
import type { AccessDeps } from './client-access';
import { endSession } from './sessions';

/**
 * Ends this space's open sessions of the ticket if the ticket can no longer be used, with the
 * cause its state says. A message about a ticket still usable (a stale or forged one) ends
 * nothing: the stored ticket, not the message, decides. Returns how many sessions ended.
 */
export async function endSpaceSessionsOfEndedTicket(deps: AccessDeps, ticketId: string): Promise<number> {
  const ticket = await deps.store.getTicket(ticketId);
  if (ticket === null) return 0;
  const cause = ticketEndCause(ticketState(ticket, deps.clock.now()));
  if (cause === null) return 0;
  let ended = 0;
  for (const s of await deps.store.listSessionsByTicket(ticketId)) {
    if (s.endedAt !== null || s.spaceId !== deps.store.spaceId) continue;
    await endSession(deps, s.id, cause);
    // A NAS's session is cut by the RADIUS Disconnect client, which reacts to `session.ended`.
    if (s.origin.kind === 'local') await deps.gateway.deauthorize(s.device, s.id);
    ended++;
  }
  return ended;
}
