// Rate limit on wrong ticket codes, per device: a few tries, then a wait that doubles with
// each further wrong code, up to a ceiling. Pure rules on a DeviceCounter.

import type { DeviceCounter } from './ports';

export interface ThrottlePolicy {
  /** Wrong codes allowed before the first wait. */
  maxTries: number;
  /** First wait, in seconds; doubles with each further wrong code. */
  waitSeconds: number;
  maxWaitSeconds: number;
}

/** How long a wrong-code count is remembered after the last wrong code. */
export const THROTTLE_MEMORY_MS = 24 * 3600_000;

export function throttleKey(deviceKey: string): string {
  return `tries:${deviceKey}`;
}

/** Until when the device must wait (epoch ms), or null when it may try now. */
export function blockedUntil(counter: DeviceCounter | null, now: number): number | null {
  if (!counter || counter.expiresAt <= now) return null;
  return counter.until !== null && counter.until > now ? counter.until : null;
}

/** The counter after one more wrong code at `now`. */
export function countWrongCode(
  current: DeviceCounter | null,
  key: string,
  now: number,
  policy: ThrottlePolicy,
): DeviceCounter {
  const live = current && current.expiresAt > now ? current : null;
  const count = (live?.count ?? 0) + 1;
  const over = count - policy.maxTries;
  const waitSeconds =
    over < 0 ? 0 : Math.min(policy.maxWaitSeconds, policy.waitSeconds * 2 ** Math.min(over, 30));
  const until = waitSeconds > 0 ? now + waitSeconds * 1000 : null;
  return {
    key,
    count,
    firstAt: live?.firstAt ?? now,
    until,
    expiresAt: Math.max(now + THROTTLE_MEMORY_MS, until ?? 0),
    version: (current?.version ?? 0) + 1,
  };
}
