// Space claims on Redis (issue #13): one box per space id on a pool, held by a heartbeat.

import type { RedisConnection } from './connection';
import { CLAIM_SPACE, RELEASE_SPACE } from './scripts';

/**
 * Claims `space:<id>` for this box's instance for `ttlMs` (again: a heartbeat). Returns null
 * when this instance holds it, else the instance id of the box that does.
 */
export function claimSpace(ctx: RedisConnection, instanceId: string, ttlMs: number): Promise<string | null> {
  return ctx.run('claimSpace', async (c) => {
    const holder = (await c.eval(CLAIM_SPACE, 1, ctx.key('space', ctx.spaceId), instanceId, ttlMs)) as string;
    return holder === '' ? null : holder;
  });
}

/** Lets the claim go at a clean stop, so the box (or its replacement) starts again at once. */
export function releaseSpace(ctx: RedisConnection, instanceId: string): Promise<void> {
  return ctx.run('releaseSpace', async (c) => {
    await c.eval(RELEASE_SPACE, 1, ctx.key('space', ctx.spaceId), instanceId);
  });
}
