// Per-device counters on Redis (wrong-code rate limit, free-access allowance): compare-and-set
// records that Redis expires by itself (PEXPIREAT).

import type { DeviceCounter } from '../../domain/ports';
import { counterRecord } from '../records';
import type { RedisConnection } from './connection';
import { getVersioned, upsert } from './versioned';

export function getCounter(ctx: RedisConnection, key: string): Promise<DeviceCounter | null> {
  return getVersioned(ctx, 'getCounter', ctx.key('counter', key), counterRecord, 'counter');
}

export function updateCounter(
  ctx: RedisConnection,
  key: string,
  change: (current: DeviceCounter | null) => DeviceCounter,
): Promise<DeviceCounter> {
  return upsert(ctx, 'updateCounter', ctx.key('counter', key), counterRecord, 'counter', (current) => {
    const next = counterRecord.parse({ ...change(current), key });
    // Redis refuses an expiry in the past; an already stale counter lives one more second.
    return { next, expireAt: Math.max(next.expiresAt, Date.now() + 1000) };
  });
}

export function deleteCounter(ctx: RedisConnection, key: string): Promise<void> {
  return ctx.run('deleteCounter', async (c) => {
    await c.del(ctx.key('counter', key));
  });
}
