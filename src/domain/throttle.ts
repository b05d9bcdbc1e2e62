// Rate limit on wrong ticket codes, per device: a few tries, then a wait that doubles with
// each further wrong code, up to a ceiling. Pure rules on a DeviceCounter.

import type { DeviceCounter } from './ports';

export interface ThrottlePolicy {
  /** Wrong codes allowed before the first wait. */
  maxTries: number;
  /** First wait, in seconds; doubles with each further wrong code. */
  waitSeconds: number;
  maxWaitSeconds: number;
  /** How long the count is remembered after the last wrong code (or its wait); a day when not given. */
  memorySeconds?: number;
}

/** How long a wrong-code count is remembered after the last wrong code or its wait, unless the policy says. */
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
    // Remembered from the end of the wait, not from its start: otherwise a memory shorter than
    // the wait (an access point's) would forget the count while the wait runs, and never double.
    expiresAt: Math.max(now, until ?? 0) + (policy.memorySeconds ?? THROTTLE_MEMORY_MS / 1000) * 1000,
    version: (current?.version ?? 0) + 1,
  };
}

/**
 * The guessing limits, each a counter per key: a small fixed set, usable as a metric label.
 * Console accounts and addresses, portal devices, RADIUS Calling-Station-Ids and access points.
 */
export const GUESS_LIMITS = [
  'console_account',
  'console_address',
  'portal_device',
  'radius_station',
  'radius_nas',
] as const;
export type GuessLimit = (typeof GUESS_LIMITS)[number];

export interface TakenAttempt {
  key: string;
  /** The counter as it was before the attempt was taken. */
  before: DeviceCounter | null;
  /** The counter as the attempt left it. */
  after: DeviceCounter;
}

/**
 * Takes one attempt before its (slow) check, so parallel guesses cannot all pass a limit read
 * before any of them was counted. Refused while a wait runs, and then the counter is left as it
 * is (a refusal does not lengthen the wait). The attempt that reaches the allowance is still
 * checked, and already starts the wait for the ones after it.
 */
export function takeAttempt(
  current: DeviceCounter | null,
  key: string,
  now: number,
  policy: ThrottlePolicy,
): { allowed: true; counter: DeviceCounter } | { allowed: false; counter: DeviceCounter; until: number } {
  const until = blockedUntil(current, now);
  if (until !== null) return { allowed: false, counter: current!, until };
  return { allowed: true, counter: countWrongCode(current, key, now, policy) };
}

/**
 * Gives back an attempt that was no guess (a right password, a real ticket). Restores the counter
 * as it was when nothing was counted since; otherwise removes one count and keeps any wait that
 * later attempts started, so giving back never opens the way to more guesses.
 */
export function returnAttempt(
  current: DeviceCounter | null,
  taken: TakenAttempt,
  now: number,
): DeviceCounter {
  const version = (current?.version ?? 0) + 1;
  if (current === null || sameCounter(current, taken.after)) {
    // A record that has already run out behaves like none (blockedUntil, countWrongCode).
    const restored = taken.before ?? { key: taken.key, count: 0, firstAt: now, until: null, expiresAt: now };
    return { ...restored, version };
  }
  return { ...current, count: Math.max(0, current.count - 1), version };
}

function sameCounter(a: DeviceCounter, b: DeviceCounter): boolean {
  return a.count === b.count && a.firstAt === b.firstAt && a.until === b.until && a.version === b.version;
}
