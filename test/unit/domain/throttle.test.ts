// The wrong-code rate limit: a few free tries, then a wait that doubles, up to a ceiling,
// forgotten a day after the last wrong code (or after the end of its wait).

import {
  blockedUntil,
  countWrongCode,
  returnAttempt,
  takeAttempt,
  THROTTLE_MEMORY_MS,
  type TakenAttempt,
} from '../../../src/domain/throttle';
import type { DeviceCounter } from '../../../src/domain/ports';

const policy = { maxTries: 5, waitSeconds: 60, maxWaitSeconds: 3600 };

describe('wrong-code rate limit', () => {
  it('lets four wrong codes pass, then waits 1, 2, 4 … minutes up to an hour', () => {
    const now = 1_000_000;
    let c: DeviceCounter | null = null;
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      c = countWrongCode(c, 'k', now, policy);
      const until = blockedUntil(c, now);
      waits.push(until === null ? 0 : (until - now) / 1000);
    }
    expect(waits).toEqual([0, 0, 0, 0, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it('lets the device try again once the wait is over, and forgets a day after the wait', () => {
    const now = 5_000_000;
    let c: DeviceCounter | null = null;
    for (let i = 0; i < 5; i++) c = countWrongCode(c, 'k', now, policy);
    expect(blockedUntil(c, now + 59_000)).toBe(now + 60_000);
    expect(blockedUntil(c, now + 60_000)).toBeNull();
    const later = now + 60_000 + THROTTLE_MEMORY_MS + 1;
    expect(countWrongCode(c, 'k', later - 2, policy).count).toBe(6);
    expect(countWrongCode(c, 'k', later, policy).count).toBe(1);
  });
});

describe('attempts taken before the check', () => {
  const now = 9_000_000;

  it('takes five attempts, the fifth starting the wait; the sixth is refused and changes nothing', () => {
    let c: DeviceCounter | null = null;
    for (let i = 0; i < 5; i++) {
      const t = takeAttempt(c, 'k', now, policy);
      expect(t.allowed).toBe(true);
      c = t.counter;
    }
    expect(blockedUntil(c, now)).toBe(now + 60_000);
    const refused = takeAttempt(c, 'k', now, policy);
    expect(refused).toEqual({ allowed: false, counter: c, until: now + 60_000 });
    // After the wait one more attempt, and the next wait is twice as long.
    const after = takeAttempt(c, 'k', now + 60_000, policy);
    expect(after.allowed).toBe(true);
    expect(blockedUntil(after.counter, now + 60_000)).toBe(now + 60_000 + 120_000);
  });

  it('gives an attempt back exactly when nothing was taken since, else only its count', () => {
    let c: DeviceCounter | null = null;
    for (let i = 0; i < 4; i++) c = takeAttempt(c, 'k', now, policy).counter;
    const fifth = takeAttempt(c, 'k', now, policy);
    const taken: TakenAttempt = { key: 'k', before: c, after: fifth.counter };
    // Nothing since: the wait the fifth attempt started is lifted, the count is back to 4.
    const back = returnAttempt(fifth.counter, taken, now);
    expect(back.count).toBe(4);
    expect(blockedUntil(back, now)).toBeNull();
    // Another attempt was taken since (and its wait runs): one count less, the wait stays.
    const later = countWrongCode(fifth.counter, 'k', now, policy);
    const kept = returnAttempt(later, taken, now);
    expect(kept.count).toBe(5);
    expect(blockedUntil(kept, now)).toBe(later.until);
  });

  it('an access point forgets its count a short while after its wait, not during it', () => {
    const short = { ...policy, maxTries: 2, memorySeconds: 60 };
    let c: DeviceCounter | null = null;
    for (let i = 0; i < 2; i++) c = takeAttempt(c, 'k', now, short).counter;
    expect(blockedUntil(c, now)).toBe(now + 60_000);
    // Right after the wait the count is still there: the next wrong code waits twice as long.
    const next = takeAttempt(c, 'k', now + 60_000, short);
    expect(next.counter.count).toBe(3);
    // A minute after the end of a wait with no wrong code, it starts afresh.
    const fresh = takeAttempt(c, 'k', now + 120_001, short);
    expect(fresh.counter.count).toBe(1);
  });
});
