// A resident logs out: every open session of the device ends with cause "logout" and the
// gateway stops letting it through. Logging out twice is harmless. The space's own device
// (issue #15, item 2) is not logged out: its next probe would let it straight back in, so a
// logout would only pretend; its status page says so and offers none.

import type { Device } from '../domain/device';
import type { AccessDeps } from './client-access';
import { openSessionsOf } from './client-access';
import { endSession } from './sessions';

export async function logout(
  deps: Pick<AccessDeps, 'store' | 'clock' | 'events' | 'newId' | 'gateway'>,
  device: Device,
): Promise<number> {
  const open = (await openSessionsOf(deps, device)).filter((s) => !s.trustedLabel);
  for (const s of open) {
    await endSession(deps, s.id, 'logout');
    await deps.gateway.deauthorize(s.device, s.id);
  }
  return open.length;
}
