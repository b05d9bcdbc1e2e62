// Redeem a ticket for a device: the one path the portal, RADIUS and the CLI all take, so
// device limits, validity windows and revocation hold the same everywhere.

import { deviceKey, type Device } from '../domain/device';
import { isEcnError } from '../domain/errors';
import { redeem, type Redemption, type Ticket } from '../domain/ticket';
import type { DomainEvents } from '../domain/events';
import type { ServiceDeps } from './deps';
import { findTicket } from './find-ticket';

export interface RedeemRequest {
  code: string;
  device: Device;
  via: DomainEvents['ticket.redeemed']['via'];
  /**
   * Runs on the ticket just read, before anything is decided or written; throwing refuses.
   * RADIUS checks CHAP and its guessing limits here, so the ticket is read once per request.
   */
  admit?: (ticket: Ticket) => Promise<void> | void;
}

export async function redeemTicket(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'events'>,
  req: RedeemRequest,
): Promise<Redemption> {
  try {
    const ticket = await findTicket(deps.store, req.code);
    if (req.admit) await req.admit(ticket);
    const key = deviceKey(req.device);
    const now = deps.clock.now();
    // A device coming back to a ticket already started changes nothing stored: answer from the
    // ticket just read (never from a cache, so a revocation committed before it is seen).
    if (ticket.firstUsedAt !== null && ticket.devices.includes(key)) {
      const again = redeem(ticket, key, now);
      emitRedeemed(deps, req, ticket, again);
      return { ...again, ticket };
    }
    let outcome: Redemption | null = null;
    const stored = await deps.store.updateTicket(ticket.id, (current) => {
      outcome = redeem(current, key, now);
      return outcome.ticket;
    });
    const done = outcome as Redemption | null;
    if (!stored || !done) throw new Error('ticket vanished during redemption');
    emitRedeemed(deps, req, stored, done);
    return { ...done, ticket: stored };
  } catch (err) {
    if (isEcnError(err) && err.code.startsWith('ECN_ERR_TICKET_')) {
      deps.events.emit('ticket.refused', { code: err.code, via: req.via });
    }
    throw err;
  }
}

function emitRedeemed(
  deps: Pick<ServiceDeps, 'events'>,
  req: RedeemRequest,
  ticket: Ticket,
  done: Redemption,
): void {
  deps.events.emit('ticket.redeemed', {
    ticketId: ticket.id,
    profileName: ticket.profileName,
    firstUse: done.firstUse,
    newDevice: done.newDevice,
    via: req.via,
  });
}
