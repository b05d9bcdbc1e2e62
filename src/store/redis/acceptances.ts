// Charter acceptances on Redis: one sorted set per device and space, scored by the time of
// acceptance, so the latest is one read.

import type { CharterAcceptance } from '../../domain/charter';
import { acceptanceRecord, readRecord } from '../records';
import type { RedisConnection } from './connection';

export function recordAcceptance(ctx: RedisConnection, a: CharterAcceptance): Promise<void> {
  return ctx.run('recordAcceptance', async (c) => {
    const json = JSON.stringify(acceptanceRecord.parse(a));
    await c.zadd(ctx.keys.acceptances(a.spaceId, a.device), a.acceptedAt, json);
  });
}

export function latestAcceptance(ctx: RedisConnection, device: string): Promise<CharterAcceptance | null> {
  return ctx.run('latestAcceptance', async (c) => {
    const [json] = await c.zrevrange(ctx.keys.acceptances(ctx.spaceId, device), 0, 0);
    return json === undefined ? null : readRecord(acceptanceRecord, json, 'charter acceptance');
  });
}
