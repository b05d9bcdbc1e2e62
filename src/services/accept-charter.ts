// Record that a device accepted the current charter, and tell whether it must accept again.

import { deviceKey, type Device } from '../domain/device';
import { needsAcceptance, ticketAcceptance, type CharterAcceptance, type Language } from '../domain/charter';
import type { Ticket } from '../domain/ticket';
import type { ServiceDeps } from './deps';

type Deps = Pick<ServiceDeps, 'store' | 'clock' | 'events' | 'newId'>;

export async function acceptCharter(
  deps: Deps,
  req: { device: Device; charterVersion: string; lang: Language; ticketId: string | null },
): Promise<CharterAcceptance> {
  const acceptance: CharterAcceptance = {
    id: deps.newId(),
    spaceId: deps.store.spaceId,
    charterVersion: req.charterVersion,
    lang: req.lang,
    acceptedAt: deps.clock.now(),
    device: deviceKey(req.device),
    ticketId: req.ticketId,
    via: 'portal',
  };
  await deps.store.recordAcceptance(acceptance);
  deps.events.emit('charter.accepted', { charterVersion: req.charterVersion, lang: req.lang, via: 'portal' });
  return acceptance;
}

/**
 * A device's first use of a printed ticket (through an access point's own page, which never
 * shows our charter) accepts the charter version printed on it. Nothing when the ticket's
 * batch printed no charter line.
 */
export async function acceptCharterByTicket(
  deps: Deps,
  req: { device: Device; ticket: Ticket; lang: Language },
): Promise<CharterAcceptance | null> {
  const batch = await deps.store.getBatch(req.ticket.batchId);
  const acceptance = ticketAcceptance({
    id: deps.newId(),
    spaceId: deps.store.spaceId,
    printedVersion: batch?.charterVersion ?? null,
    lang: req.lang,
    at: deps.clock.now(),
    device: deviceKey(req.device),
    ticketId: req.ticket.id,
  });
  if (acceptance === null) return null;
  await deps.store.recordAcceptance(acceptance);
  deps.events.emit('charter.accepted', {
    charterVersion: acceptance.charterVersion,
    lang: acceptance.lang,
    via: 'ticket',
  });
  return acceptance;
}

export async function mustAcceptCharter(
  deps: Pick<Deps, 'store'>,
  device: Device,
  currentVersion: string,
): Promise<boolean> {
  return needsAcceptance(await deps.store.latestAcceptance(deviceKey(device)), currentVersion);
}
