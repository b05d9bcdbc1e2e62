// Record that a device accepted the current charter, and tell whether it must accept again.

import { deviceKey, type Device } from '../domain/device';
import { needsAcceptance, type CharterAcceptance, type Language } from '../domain/charter';
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
  };
  await deps.store.recordAcceptance(acceptance);
  deps.events.emit('charter.accepted', { charterVersion: req.charterVersion, lang: req.lang });
  return acceptance;
}

export async function mustAcceptCharter(
  deps: Pick<Deps, 'store'>,
  device: Device,
  currentVersion: string,
): Promise<boolean> {
  return needsAcceptance(await deps.store.latestAcceptance(deviceKey(device)), currentVersion);
}
