// Free-access mode: no ticket, the charter only, and a daily allowance per device counted
// from its first login of the day (in the space's time zone). Pure rules on a DeviceCounter.

import type { DeviceCounter } from './ports';

/** `free:<space>:<device>:<YYYY-MM-DD>`; the day is given by the caller (time zone is I/O-free but configured). */
export function freeAccessKey(spaceId: string, deviceKey: string, day: string): string {
  // Each space's own allowance (issue #13): free time used in one space is not taken from
  // another's, since each space decides whether and how much it offers.
  return `free:${spaceId}:${deviceKey}:${day}`;
}

/** The allowance record after a login at `now`: the first login of the day starts the clock. */
export function startFreeAccess(
  current: DeviceCounter | null,
  key: string,
  now: number,
  allowanceSeconds: number,
): DeviceCounter {
  if (current) return { ...current, count: current.count + 1, version: current.version + 1 };
  const until = now + allowanceSeconds * 1000;
  return { key, count: 1, firstAt: now, until, expiresAt: until + 24 * 3600_000, version: 1 };
}

export function freeSecondsLeft(counter: DeviceCounter | null, now: number): number {
  if (!counter || counter.until === null) return 0;
  return Math.max(0, Math.floor((counter.until - now) / 1000));
}
