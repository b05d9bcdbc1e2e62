// Connection sessions on Redis: each space's open list, the device and NAS indexes that the
// gateway and RADIUS accounting look sessions up by, kept in step with each session record.

import type { Mutation } from '../../domain/ports';
import type { Session } from '../../domain/session';
import { nasSessionKey, nasSessionKeyOf, sessionDeviceKey } from '../device-index';
import { readRecord, sessionRecord } from '../records';
import { emptiedError, type RedisConnection } from './connection';
import type Redis from 'ioredis';
import { casUpdate, getVersioned, readVersioned, type IndexChange } from './versioned';

export function createSession(ctx: RedisConnection, s: Session): Promise<void> {
  return ctx.run('createSession', async (c) => {
    const json = JSON.stringify(sessionRecord.parse(s));
    const m = c.multi().hset(ctx.key('session', s.id), 'v', 0, 'data', json);
    m.zadd(ctx.key('sessions'), s.startedAt, s.id);
    if (s.ticketId !== null) m.zadd(ctx.key('ticket-sessions', s.ticketId), s.startedAt, s.id);
    const device = sessionDeviceKey(s.device);
    if (s.endedAt === null) m.sadd(ctx.key('sessions-open'), s.id);
    if (s.endedAt === null && s.spaceId !== '') m.sadd(ctx.keys.spaceOpen(s.spaceId), s.id);
    if (s.endedAt === null && device !== null) m.zadd(ctx.key('device-sessions', device), s.startedAt, s.id);
    const nasKey = nasSessionKeyOf(s);
    // NX: if a lost reply made the NAS open it twice, accounting keeps finding the first.
    if (nasKey !== null) m.set(ctx.keys.nasSession(s.spaceId, nasKey), s.id, 'NX');
    const results = await m.exec();
    for (const [err] of results ?? []) if (err) throw err;
  });
}

export function getSession(ctx: RedisConnection, id: string): Promise<Session | null> {
  return getVersioned(ctx, 'getSession', ctx.key('session', id), sessionRecord, 'session');
}

export function updateSession(
  ctx: RedisConnection,
  id: string,
  change: Mutation<Session>,
): Promise<Session | null> {
  return casUpdate(
    ctx,
    'updateSession',
    ctx.key('session', id),
    sessionRecord,
    'session',
    change,
    (before, after) => sessionIndexChanges(ctx, id, before, after),
  );
}

/** The index entries a session's change moves: open lists, and its device's open sessions. */
function sessionIndexChanges(
  ctx: RedisConnection,
  id: string,
  before: Session,
  after: Session,
): IndexChange[] {
  const open = after.endedAt === null;
  const changes: IndexChange[] = [{ key: ctx.key('sessions-open'), op: open ? 'sadd' : 'srem', member: id }];
  if (before.spaceId !== '' && (before.spaceId !== after.spaceId || !open))
    changes.push({ key: ctx.keys.spaceOpen(before.spaceId), op: 'srem', member: id });
  if (after.spaceId !== '' && open)
    changes.push({ key: ctx.keys.spaceOpen(after.spaceId), op: 'sadd', member: id });
  const was = sessionDeviceKey(before.device);
  const is = sessionDeviceKey(after.device);
  if (was !== null && (was !== is || !open)) {
    changes.push({ key: ctx.key('device-sessions', was), op: 'zrem', member: id });
  }
  if (is !== null && open) {
    changes.push({
      key: ctx.key('device-sessions', is),
      op: 'zadd',
      member: id,
      score: after.startedAt,
    });
  }
  return changes;
}

async function readSessions(ctx: RedisConnection, c: Redis, ids: string[]): Promise<Session[]> {
  if (ids.length === 0) return [];
  const p = c.pipeline();
  for (const id of ids) p.hget(ctx.key('session', id), 'data');
  const out: Session[] = [];
  for (const [err, data] of (await p.exec()) ?? []) {
    if (err) throw err;
    if (typeof data === 'string') out.push(readRecord(sessionRecord, data, 'session'));
  }
  return out;
}

export function listOpenSessions(ctx: RedisConnection): Promise<Session[]> {
  return ctx.run('listOpenSessions', async (c) => {
    const ids = await c.smembers(ctx.keys.spaceOpen(ctx.spaceId));
    // The sweeper cuts every client this list does not name: an empty answer from a store
    // that lost its data must not read as "nobody is connected" (issue #13, item 4).
    if (ids.length === 0 && !(await ctx.checkMarker(c))) throw emptiedError();
    const sessions = await readSessions(ctx, c, ids);
    return sessions
      .filter((s) => s.endedAt === null && s.spaceId === ctx.spaceId)
      .sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
  });
}

export function listOpenSessionsByDevice(
  ctx: RedisConnection,
  device: string,
  limit: number,
): Promise<Session[]> {
  return ctx.run('listOpenSessionsByDevice', async (c) => {
    // The index holds the device's open sessions in every space (a handful: one per space it
    // is connected in), so reading them all and keeping this space's stays one small read.
    const ids = await c.zrevrange(ctx.key('device-sessions', device), 0, -1);
    return (await readSessions(ctx, c, ids))
      .filter((s) => s.endedAt === null && s.spaceId === ctx.spaceId)
      .slice(0, limit);
  });
}

export function findNasSession(
  ctx: RedisConnection,
  ticketId: string,
  nas: string,
  nasSessionId: string,
): Promise<Session | null> {
  return ctx.run('findNasSession', async (c) => {
    const id = await c.get(ctx.keys.nasSession(ctx.spaceId, nasSessionKey(ticketId, nas, nasSessionId)));
    if (id === null) return null;
    const s = await readVersioned(c, ctx.key('session', id), sessionRecord, 'session');
    return s !== null && s.value.spaceId === ctx.spaceId ? s.value : null;
  });
}

export function listSessionsByTicket(ctx: RedisConnection, ticketId: string): Promise<Session[]> {
  return ctx.run('listSessionsByTicket', async (c) =>
    readSessions(ctx, c, await c.zrange(ctx.key('ticket-sessions', ticketId), 0, -1)),
  );
}
