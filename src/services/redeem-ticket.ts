// Redeem a ticket for a device: the one path the portal, RADIUS and the CLI all take, so
// device limits, validity windows and revocation hold the same everywhere.

import { deviceKey, type Device } from '../domain/device';
import { isEcnError } from '../domain/errors';
import { runOpenClock } from '../domain/open-clock';
import type { OpeningHours } from '../domain/opening-hours';
import { redeem, secondsLeft, type Redemption, type Ticket } from '../domain/ticket';
import type { DomainEvents } from '../domain/events';
import type { ServiceDeps } from './deps';
import type { AccessPolicy } from './client-access';
import { findTicket } from './find-ticket';
import { hoursInForce } from './opening-hours';

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

/** The hours matter to a profile whose clock runs only while the space is open. */
type RedeemDeps = Pick<ServiceDeps, 'store' | 'clock' | 'events'> & {
  policy?: Pick<AccessPolicy, 'openingHours'>;
};

export async function redeemTicket(deps: RedeemDeps, req: RedeemRequest): Promise<Redemption> {
  try {
    const ticket = await findTicket(deps.store, req.code);
    if (req.admit) await req.admit(ticket);
    const key = deviceKey(req.device);
    const now = deps.clock.now();
    const hours = hoursInForce({ policy: deps.policy ?? {} });
    // A device coming back to a ticket already started changes nothing stored: answer from the
    // ticket just read (never from a cache, so a revocation committed before it is seen). A
    // clock that waited for this opening is moved first, by compare-and-set below.
    if (
      ticket.firstUsedAt !== null &&
      ticket.devices.includes(key) &&
      runOpenClock(ticket, hours, now) === ticket
    ) {
      const again = redeem(ticket, key, now);
      emitRedeemed(deps, req, ticket, again);
      return { ...again, ticket };
    }
    let outcome: Redemption | null = null;
    const stored = await deps.store.updateTicket(ticket.id, (current) => {
      outcome = redeemOnOpenClock(current, key, hours, now);
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

/**
 * `redeem` on a clock that may run only while the space is open: time kept since the last
 * closing is spent from the opening first, and time past this opening's closing is kept after.
 */
function redeemOnOpenClock(t: Ticket, device: string, hours: OpeningHours | null, now: number): Redemption {
  const done = redeem(runOpenClock(t, hours, now), device, now);
  const ticket = runOpenClock(done.ticket, hours, now);
  return ticket === done.ticket ? done : { ...done, ticket, secondsLeft: secondsLeft(ticket, now) };
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
