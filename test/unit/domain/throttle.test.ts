// The wrong-code rate limit: a few free tries, then a wait that doubles, up to a ceiling,
// forgotten a day after the last wrong code.

import { blockedUntil, countWrongCode, THROTTLE_MEMORY_MS } from '../../../src/domain/throttle';
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

  it('lets the device try again once the wait is over, and forgets after a day', () => {
    const now = 5_000_000;
    let c: DeviceCounter | null = null;
    for (let i = 0; i < 5; i++) c = countWrongCode(c, 'k', now, policy);
    expect(blockedUntil(c, now + 59_000)).toBe(now + 60_000);
    expect(blockedUntil(c, now + 60_000)).toBeNull();
    const later = now + THROTTLE_MEMORY_MS + 1;
    expect(countWrongCode(c, 'k', later, policy).count).toBe(1);
  });
});
