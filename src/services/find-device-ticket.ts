// MAC authentication: which ticket a device is already using. A device qualifies when it holds
// an open session, or when a ticket that can still be used is bound to its MAC. Anyone near an
// access point can ask for any MAC, so the answer comes from the stores' device indexes: a few
// indexed reads, whatever the number or age of the tickets, never a scan.

import { ticketState, type Ticket } from '../domain/ticket';
import type { ServiceDeps } from './deps';

type Deps = Pick<ServiceDeps, 'store' | 'clock'>;

/**
 * How many open sessions and bound tickets of one device are read at most. A device normally
 * has one of each; a shared space PC may hold a few tickets at once, and any of them will do.
 */
export const DEVICE_LOOKUP_LIMIT = 4;

export async function findTicketForMac(deps: Deps, mac: string): Promise<Ticket | null> {
  const now = deps.clock.now();
  const key = `mac:${mac}`;
  const usable = (t: Ticket | null): t is Ticket =>
    t !== null && (ticketState(t, now) === 'active' || ticketState(t, now) === 'issued');
  // The ticket of the session the device holds comes first: it is the one the resident is using.
  for (const s of await deps.store.listOpenSessionsByDevice(key, DEVICE_LOOKUP_LIMIT)) {
    if (s.ticketId === null) continue;
    const ticket = await deps.store.getTicket(s.ticketId);
    if (usable(ticket)) return ticket;
  }
  const bound = await deps.store.listTicketsByDevice(key, now, DEVICE_LOOKUP_LIMIT);
  return bound.find(usable) ?? null;
}
