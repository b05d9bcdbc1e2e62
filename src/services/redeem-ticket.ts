// Redeem a ticket for a device: the one path the portal, RADIUS and the CLI all take, so
// device limits, validity windows and revocation hold the same everywhere.

import { deviceKey, type Device } from '../domain/device';
import { isEcnError } from '../domain/errors';
import { redeem, type Redemption } from '../domain/ticket';
import type { DomainEvents } from '../domain/events';
import type { ServiceDeps } from './deps';
import { findTicket } from './find-ticket';

export interface RedeemRequest {
  code: string;
  device: Device;
  via: DomainEvents['ticket.redeemed']['via'];
}

export async function redeemTicket(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'events'>,
  req: RedeemRequest,
): Promise<Redemption> {
  try {
    const ticket = await findTicket(deps.store, req.code);
    const key = deviceKey(req.device);
    let outcome: Redemption | null = null;
    const now = deps.clock.now();
    const stored = await deps.store.updateTicket(ticket.id, (current) => {
      outcome = redeem(current, key, now);
      return outcome.ticket;
    });
    const done = outcome as Redemption | null;
    if (!stored || !done) throw new Error('ticket vanished during redemption');
    deps.events.emit('ticket.redeemed', {
      ticketId: stored.id,
      profileName: stored.profileName,
      firstUse: done.firstUse,
      newDevice: done.newDevice,
      via: req.via,
    });
    return { ...done, ticket: stored };
  } catch (err) {
    if (isEcnError(err) && err.code.startsWith('ECN_ERR_TICKET_')) {
      deps.events.emit('ticket.refused', { code: err.code, via: req.via });
    }
    throw err;
  }
}
