// Each space's settings on Redis (name, colours, charter, profiles, filter choices). The pool's
// one record from before spaces were kept apart (`settings`) stands for a space that has saved
// none of its own yet, so an upgrade changes nothing a resident sees; its first save copies it.

import type Redis from 'ioredis';
import type { SpaceSettings } from '../../domain/console';
import { settingsRecord } from '../records';
import type { RedisConnection } from './connection';
import { UPSERT_CAS } from './scripts';
import { conflict, readVersioned } from './versioned';

export function getSettings(ctx: RedisConnection): Promise<SpaceSettings | null> {
  return ctx.run('getSettings', async (c) => (await readSettings(ctx, c))?.value ?? null);
}

async function readSettings(
  ctx: RedisConnection,
  c: Redis,
): Promise<{ value: SpaceSettings; own: number | null } | null> {
  const own = await readVersioned(c, ctx.key('settings', ctx.spaceId), settingsRecord, 'settings');
  if (own) return { value: own.value, own: own.v };
  const shared = await readVersioned(c, ctx.key('settings'), settingsRecord, 'settings');
  return shared ? { value: shared.value, own: null } : null;
}

export function updateSettings(
  ctx: RedisConnection,
  change: (current: SpaceSettings | null) => SpaceSettings,
): Promise<SpaceSettings> {
  return ctx.run('updateSettings', async (c) => {
    const attempts = ctx.maxAttempts;
    for (let i = 0; i < attempts; i++) {
      const current = await readSettings(ctx, c);
      const next = settingsRecord.parse({
        ...change(current?.value ?? null),
        version: (current?.value.version ?? 0) + 1,
      });
      const own = current?.own ?? null;
      const res = await c.eval(
        UPSERT_CAS,
        1,
        ctx.key('settings', ctx.spaceId),
        own === null ? '' : own,
        own === null ? 0 : own + 1,
        JSON.stringify(next),
        '',
      );
      if (res === 1) return next;
    }
    throw conflict('updateSettings', attempts);
  });
}
