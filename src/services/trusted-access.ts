// Issue #15, item 2: the space's own devices (public PCs, staff laptops) pass without a ticket
// and without the charter form, during opening hours (outside them too when the space says so).
// Their session has no ticket and carries the device's label: the sessions page shows it and
// the legal journal records it as the space's device. They go through the same DNS filter.

import { deviceKey, type Device } from '../domain/device';
import type { Session } from '../domain/session';
import type { AccessDeps } from './client-access';
import { capAtClosing, isOpenAt } from './opening-hours';
import { announceSession, endSession, OPEN_SESSIONS_PER_DEVICE, startSession } from './sessions';

type TrustDeps = Pick<AccessDeps, 'store' | 'policy' | 'clock'>;

/** The trusted device behind this device's MAC in this space, if any and if it may pass now. */
async function admissibleLabel(deps: TrustDeps, device: Device, now: number): Promise<string | null> {
  const t = deps.policy.trustedDevices;
  if (!t || device.mac === null) return null;
  if (!t.outsideHours && !isOpenAt(deps, now)) return null;
  return (await deps.store.getTrustedDevice(t.spaceId, device.mac))?.label ?? null;
}

/**
 * Seconds a trusted session still grants: none once the device is no longer trusted or the
 * space closed (unless trusted devices pass outside the hours); else up to the grant, and no
 * further than closing time.
 */
export async function trustedSecondsLeft(deps: TrustDeps, session: Session, now: number): Promise<number> {
  const t = deps.policy.trustedDevices;
  if (!t || (await admissibleLabel(deps, session.device, now)) === null) return 0;
  const end = session.startedAt + t.grantSeconds * 1000;
  const left = Math.max(0, Math.floor((end - now) / 1000));
  return t.outsideHours ? left : capAtClosing(deps, now, left);
}

/**
 * Lets a trusted device through if it is one: starts its session (or keeps the open one) and
 * has the gateway let it pass. Null when the device is not trusted here or may not pass now.
 */
export async function admitTrustedDevice(deps: AccessDeps, device: Device): Promise<Session | null> {
  const now = deps.clock.now();
  const label = await admissibleLabel(deps, device, now);
  if (label === null) return null;
  const open = await deps.store.listOpenSessionsByDevice(deviceKey(device), OPEN_SESSIONS_PER_DEVICE);
  const current = open.find((s) => s.trustedLabel);
  if (current && (await trustedSecondsLeft(deps, current, now)) > 0) return current;
  const session = await startSession(
    deps,
    { ticketId: null, device, origin: { kind: 'local' }, trustedLabel: label },
    { announce: false },
  );
  let announced = session;
  try {
    const outcome = await deps.gateway.authorize({
      device,
      sessionId: session.id,
      secondsLeft: await trustedSecondsLeft(deps, session, now),
      bytesLeft: null,
      bandwidthUpBps: null,
      bandwidthDownBps: null,
      idleTimeoutSeconds: null,
    });
    // The NAT port block the gateway gave, for the legal journal (as for a resident's login).
    if (outcome?.natPorts) announced = { ...session, natPorts: outcome.natPorts };
  } catch (err) {
    await endSession(deps, session.id, 'disconnected', { announce: false });
    throw err;
  }
  announceSession(deps, announced);
  return announced;
}
