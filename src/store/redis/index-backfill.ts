// Index back-fills run at start: indexes added by an upgrade (device and NAS session indexes,
// issue 12; per-space open sessions, issue #13) are built once per pool for the records written
// before them, so a box's data survives the upgrade.

import type Redis from 'ioredis';
import { deviceBindings, nasSessionKeyOf, sessionDeviceKey } from '../device-index';
import { sessionRecord, ticketRecord } from '../records';
import type { RedisConnection } from './connection';
import { CAS, INDEX_IF_UNCHANGED } from './scripts';
import { readVersioned, skipCorrupt } from './versioned';

/** Version of the device indexes (issue 12); bumped when a new index needs a back-fill. */
const DEVICE_INDEX_VERSION = 1;

/** Version of the per-space indexes (issue #13, item 1). */
const SPACE_INDEX_VERSION = 1;

const PAGE = 500;

/** Every back-fill a pool still lacks, in order. */
export async function backfillIndexes(ctx: RedisConnection, c: Redis): Promise<void> {
  await backfillDeviceIndexes(ctx, c);
  await backfillSpaceIndexes(ctx, c);
}

/**
 * Builds the device and NAS session indexes for records written before they existed, once
 * per pool: the first box started after the upgrade does it, the others find it done.
 * Concurrent writers are safe: a device entry is only added if its record has not changed
 * since it was read.
 */
async function backfillDeviceIndexes(ctx: RedisConnection, c: Redis): Promise<void> {
  const marker = ctx.key('index-version', 'devices');
  if (Number(await c.get(marker)) >= DEVICE_INDEX_VERSION) return;
  await backfillDeviceTickets(ctx, c);
  await backfillDeviceSessions(ctx, c);
  await backfillNasSessions(ctx, c);
  await c.set(marker, DEVICE_INDEX_VERSION);
}

async function backfillDeviceTickets(ctx: RedisConnection, c: Redis): Promise<void> {
  for (let start = 0; ; start += PAGE) {
    const ids = await c.zrange(ctx.key('tickets'), start, start + PAGE - 1);
    for (const id of ids) {
      const key = ctx.key('ticket', id);
      const t = await readVersioned(c, key, ticketRecord, 'ticket').catch(skipCorrupt);
      const bindings = t ? deviceBindings(t.value) : [];
      if (t === null || bindings.length === 0) continue;
      await c.eval(
        INDEX_IF_UNCHANGED,
        1 + bindings.length,
        key,
        ...bindings.map((b) => ctx.key('device-tickets', b.device)),
        t.v,
        ...bindings.flatMap((b) => [id, b.usableUntil]),
      );
    }
    if (ids.length < PAGE) break;
  }
}

async function backfillDeviceSessions(ctx: RedisConnection, c: Redis): Promise<void> {
  for (const id of await c.smembers(ctx.key('sessions-open'))) {
    const key = ctx.key('session', id);
    const s = await readVersioned(c, key, sessionRecord, 'session').catch(skipCorrupt);
    const device = s && s.value.endedAt === null ? sessionDeviceKey(s.value.device) : null;
    if (s === null || device === null) continue;
    await c.eval(INDEX_IF_UNCHANGED, 2, key, ctx.key('device-sessions', device), s.v, id, s.value.startedAt);
  }
}

/** NAS sessions by accounting key: the fields it is made of never change, so no check is needed. */
async function backfillNasSessions(ctx: RedisConnection, c: Redis): Promise<void> {
  for (let start = 0; ; start += PAGE) {
    const ids = await c.zrange(ctx.key('sessions'), start, start + PAGE - 1);
    for (const id of ids) {
      const s = await readVersioned(c, ctx.key('session', id), sessionRecord, 'session').catch(skipCorrupt);
      const nasKey = s ? nasSessionKeyOf(s.value) : null;
      if (nasKey !== null) await c.set(ctx.keys.nasSession(s!.value.spaceId, nasKey), id, 'NX');
    }
    if (ids.length < PAGE) break;
  }
}

/**
 * Open sessions written before spaces were kept apart carry no space. Once per pool, the first
 * box started after the upgrade takes them as its own (a pool served one box in practice: two
 * never worked together before), so its sweeper still ends them when their ticket ends and the
 * purge can let their ticket go. Ended ones stay without a space: only city-wide reads see them.
 */
async function backfillSpaceIndexes(ctx: RedisConnection, c: Redis): Promise<void> {
  const marker = ctx.key('index-version', 'spaces');
  if (Number(await c.get(marker)) >= SPACE_INDEX_VERSION) return;
  for (const id of await c.smembers(ctx.key('sessions-open'))) {
    const key = ctx.key('session', id);
    const s = await readVersioned(c, key, sessionRecord, 'session').catch(skipCorrupt);
    if (s === null || s.value.spaceId !== '' || s.value.endedAt !== null) continue;
    const stamped = JSON.stringify({ ...s.value, spaceId: ctx.spaceId });
    const done = await c.eval(
      CAS,
      2,
      key,
      ctx.keys.spaceOpen(ctx.spaceId),
      s.v,
      s.v + 1,
      stamped,
      'sadd',
      id,
      '',
    );
    const nasKey = nasSessionKeyOf(s.value);
    if (done === 1 && nasKey !== null) await c.set(ctx.keys.nasSession(ctx.spaceId, nasKey), id, 'NX');
  }
  await c.set(marker, SPACE_INDEX_VERSION);
}
