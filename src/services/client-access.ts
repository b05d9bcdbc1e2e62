// Who a portal client is and what access it has now: the device from the gateway layer
// (MAC when it knows it, IP otherwise) and its open session, ticket or free-access time left.

import { deviceKey, makeDevice, type Device } from '../domain/device';
import type { Gateway, NasSessionControl } from '../domain/ports';
import type { Session } from '../domain/session';
import { bytesLeft, secondsLeft, ticketState, type Ticket } from '../domain/ticket';
import { freeAccessKey, freeSecondsLeft } from '../domain/free-access';
import type { ThrottlePolicy } from '../domain/throttle';
import type { OpeningHours } from '../domain/opening-hours';
import type { ServiceDeps } from './deps';
import { OPEN_SESSIONS_PER_DEVICE } from './sessions';
import { trustedSecondsLeft } from './trusted-access';

export interface AccessPolicy {
  charterVersion: string;
  throttle: ThrottlePolicy;
  freeAccess: { enabled: boolean; dailyAllowanceSeconds: number };
  /** The calendar day (YYYY-MM-DD) of an instant in the space's time zone. */
  dayOf(epochMs: number): string;
  /**
   * The opening hours in force (issue #15, item 1), read at each use so the console's changes
   * apply at once; absent or null: always open.
   */
  openingHours?: () => OpeningHours | null;
  /**
   * The space's own devices (issue #15, item 2): which space's list, whether they pass outside
   * the hours, how long one admission lasts. Absent: no device is trusted.
   */
  trustedDevices?: { spaceId: string; outsideHours: boolean; grantSeconds: number };
}

export interface AccessDeps extends ServiceDeps {
  gateway: Gateway;
  policy: AccessPolicy;
  /** The access points' sessions (RADIUS CoA), set when RADIUS runs; absent: none can change. */
  nasSessions?: NasSessionControl;
}

export interface ClientAccess {
  session: Session;
  ticket: Ticket | null;
  secondsLeft: number;
  bytesLeft: number | null;
  devicesUsed: number;
  maxDevices: number;
  /** The label of the space's own device (issue #15, item 2); absent for a resident. */
  trustedLabel?: string;
}

/** The device behind an IP: the gateway's MAC when it knows it. */
export async function identifyDevice(gateway: Gateway, ip: string): Promise<Device> {
  const mac = await gateway.identify(ip);
  return makeDevice({ mac, ip });
}

/**
 * The device's open sessions, newest first, at most OPEN_SESSIONS_PER_DEVICE (a device holds
 * one: a login reuses it). Every portal request asks, for any address, so it is an indexed
 * lookup by device, never a scan of the open sessions.
 */
export async function openSessionsOf(deps: Pick<ServiceDeps, 'store'>, device: Device): Promise<Session[]> {
  return deps.store.listOpenSessionsByDevice(deviceKey(device), OPEN_SESSIONS_PER_DEVICE);
}

/** What a session still grants at `now`; zero seconds when its ticket or allowance is used up. */
export async function sessionAccess(
  deps: Pick<AccessDeps, 'store' | 'policy' | 'clock'>,
  session: Session,
  now: number,
): Promise<ClientAccess> {
  if (session.trustedLabel) {
    return {
      session,
      ticket: null,
      secondsLeft: await trustedSecondsLeft(deps, session, now),
      bytesLeft: null,
      devicesUsed: 1,
      maxDevices: 1,
      trustedLabel: session.trustedLabel,
    };
  }
  if (session.ticketId === null) {
    const key = freeAccessKey(
      deps.store.spaceId,
      deviceKey(session.device),
      deps.policy.dayOf(session.startedAt),
    );
    const counter = await deps.store.getCounter(key);
    return {
      session,
      ticket: null,
      secondsLeft: freeSecondsLeft(counter, now),
      bytesLeft: null,
      devicesUsed: 1,
      maxDevices: 1,
    };
  }
  const ticket = await deps.store.getTicket(session.ticketId);
  const usable = ticket !== null && ticketState(ticket, now) === 'active';
  return {
    session,
    ticket,
    secondsLeft: usable ? secondsLeft(ticket, now) : 0,
    bytesLeft: ticket ? bytesLeft(ticket) : null,
    devicesUsed: ticket?.devices.length ?? 0,
    maxDevices: ticket?.limits.maxDevices ?? 0,
  };
}

/** The device's current access, or null when it is captive (no open session with time left). */
export async function clientAccess(
  deps: Pick<AccessDeps, 'store' | 'policy' | 'clock'>,
  device: Device,
): Promise<ClientAccess | null> {
  const now = deps.clock.now();
  for (const s of await openSessionsOf(deps, device)) {
    const access = await sessionAccess(deps, s, now);
    if (access.secondsLeft > 0 && access.bytesLeft !== 0) return access;
  }
  return null;
}
