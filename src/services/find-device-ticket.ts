// MAC authentication: which ticket a device is already using. A device qualifies when it holds
// an open session, or when a ticket that can still be used is bound to its MAC.

import { ticketState, type Ticket } from '../domain/ticket';
import type { ServiceDeps } from './deps';

type Deps = Pick<ServiceDeps, 'store' | 'clock'>;

export async function findTicketForMac(deps: Deps, mac: string): Promise<Ticket | null> {
  const now = deps.clock.now();
  const usable = (t: Ticket | null): t is Ticket =>
    t !== null && (ticketState(t, now) === 'active' || ticketState(t, now) === 'issued');
  for (const s of await deps.store.listOpenSessions()) {
    if (s.device.mac !== mac || s.ticketId === null) continue;
    const ticket = await deps.store.getTicket(s.ticketId);
    if (usable(ticket)) return ticket;
  }
  // No open session: a ticket already bound to this device (it redeemed it before). The store has
  // no index by device, so this scans the recent tickets; MAC authentication is rare next to PAP.
  const key = `mac:${mac}`;
  const bound = (await deps.store.listTickets({})).filter((t) => t.devices.includes(key) && usable(t));
  return bound[0] ?? null;
}
