// Retention on Redis (issue 13): the daily purge of sessions, device bindings, charter
// acceptances and tickets whose time has come. Records are read, judged by the domain's rule,
// and deleted only if unchanged since (DELETE_IF_UNCHANGED), so a concurrent writer is never
// overridden. A record that cannot be read back (corrupt) is kept: nothing can tell whether its
// time has come.

import type Redis from 'ioredis';
import type { CharterAcceptance } from '../../domain/charter';
import { ticketEndedBefore } from '../../domain/retention';
import { nasSessionKeyOf, sessionDeviceKey } from '../device-index';
import { acceptanceRecord, readRecord, sessionRecord, ticketRecord } from '../records';
import type { RedisConnection } from './connection';
import { DELETE_EMPTY_BATCH } from './scripts';
import { updateTicket } from './tickets';
import { deleteIfUnchanged, readVersioned, skipCorrupt, type IndexEntry } from './versioned';

/** Records a retention purge reads per round trip. */
const PURGE_PAGE = 500;

/**
 * Walks the members of a zset scored at most `below` (exclusive), oldest first, and calls
 * `visit` on each; `visit` says whether it removed the member from this zset, so the walk
 * does not skip the next ones.
 */
async function walkOlder(
  c: Redis,
  zset: string,
  below: number,
  visit: (id: string) => Promise<boolean>,
): Promise<void> {
  for (let offset = 0; ;) {
    const ids = await c.zrangebyscore(zset, '-inf', `(${below}`, 'LIMIT', offset, PURGE_PAGE);
    let kept = 0;
    for (const id of ids) if (!(await visit(id))) kept++;
    if (ids.length < PURGE_PAGE) return;
    offset += kept;
  }
}

export function purgeSessions(ctx: RedisConnection, endedBefore: number): Promise<number> {
  return ctx.run('purgeSessions', async (c) => {
    let purged = 0;
    // Scored by start: a session that ended before the cutoff started before it.
    await walkOlder(c, ctx.key('sessions'), endedBefore, async (id) => {
      const key = ctx.key('session', id);
      const s = await readVersioned(c, key, sessionRecord, 'session').catch(skipCorrupt);
      if (s === null) {
        // A record already gone leaves only its index entry; a corrupt one is kept.
        if ((await c.exists(key)) === 1) return false;
        await c.zrem(ctx.key('sessions'), id);
        return true;
      }
      const { endedAt } = s.value;
      if (endedAt === null || endedAt >= endedBefore) return false;
      const entries: IndexEntry[] = [
        [ctx.key('sessions'), 'zrem', id],
        [ctx.key('sessions-open'), 'srem', id],
      ];
      if (s.value.ticketId !== null) entries.push([ctx.key('ticket-sessions', s.value.ticketId), 'zrem', id]);
      const device = sessionDeviceKey(s.value.device);
      if (device !== null) entries.push([ctx.key('device-sessions', device), 'zrem', id]);
      const nasKey = nasSessionKeyOf(s.value);
      if (nasKey !== null) entries.push([ctx.keys.nasSession(s.value.spaceId, nasKey), 'delif', id]);
      if (s.value.spaceId !== '') entries.push([ctx.keys.spaceOpen(s.value.spaceId), 'srem', id]);
      if (!(await deleteIfUnchanged(c, key, s.v, entries))) return false;
      purged++;
      return true;
    });
    return purged;
  });
}

export function purgeDeviceBindings(ctx: RedisConnection, endedBefore: number): Promise<number> {
  return ctx.run('purgeDeviceBindings', async (c) => {
    let purged = 0;
    await walkOlder(c, ctx.key('tickets'), endedBefore, async (id) => {
      const t = await readVersioned(c, ctx.key('ticket', id), ticketRecord, 'ticket').catch(skipCorrupt);
      if (t === null || t.value.devices.length === 0 || !ticketEndedBefore(t.value, endedBefore))
        return false;
      const next = await updateTicket(ctx, id, (current) =>
        current.devices.length > 0 && ticketEndedBefore(current, endedBefore)
          ? { ...current, devices: [], version: current.version + 1 }
          : current,
      );
      if (next !== null && next.devices.length === 0) purged++;
      return false;
    });
    return purged;
  });
}

export function purgeAcceptances(ctx: RedisConnection, before: number): Promise<number> {
  return ctx.run('purgeAcceptances', async (c) => {
    let purged = 0;
    const gone = ticketGone(ctx, c, before);
    // Acceptances are kept per device; the prefix holds no glob character (config schema).
    const match = `${ctx.key('acceptances')}:*`;
    let cursor = '0';
    do {
      const [next, keys] = await c.scan(cursor, 'MATCH', match, 'COUNT', PURGE_PAGE);
      cursor = next;
      for (const key of keys) {
        for (const json of await c.zrangebyscore(key, '-inf', `(${before}`)) {
          let a: CharterAcceptance;
          try {
            a = readRecord(acceptanceRecord, json, 'charter acceptance');
          } catch (err) {
            skipCorrupt(err);
            continue;
          }
          if (a.ticketId !== null && !(await gone(a.ticketId))) continue;
          purged += await c.zrem(key, json);
        }
      }
    } while (cursor !== '0');
    return purged;
  });
}

/**
 * Whether a ticket is gone or ended before `before`, remembered per ticket for one purge: the
 * proof of acceptance is kept while its ticket may still be used, and as long after it ended.
 */
function ticketGone(ctx: RedisConnection, c: Redis, before: number): (ticketId: string) => Promise<boolean> {
  const tickets = new Map<string, boolean>();
  return async (ticketId) => {
    let gone = tickets.get(ticketId);
    if (gone === undefined) {
      const t = await readVersioned(c, ctx.key('ticket', ticketId), ticketRecord, 'ticket').catch(
        (err: unknown) => (skipCorrupt(err), undefined),
      );
      gone = t === null || (t !== undefined && ticketEndedBefore(t.value, before));
      tickets.set(ticketId, gone);
    }
    return gone;
  };
}

export function purgeTickets(ctx: RedisConnection, endedBefore: number): Promise<number> {
  return ctx.run('purgeTickets', async (c) => {
    let purged = 0;
    await walkOlder(c, ctx.key('tickets'), endedBefore, async (id) => {
      const key = ctx.key('ticket', id);
      const t = await readVersioned(c, key, ticketRecord, 'ticket').catch(skipCorrupt);
      if (t === null || !ticketEndedBefore(t.value, endedBefore)) return false;
      if (await hasOpenSession(ctx, c, id)) return false;
      const entries: IndexEntry[] = [
        [ctx.key('tickets'), 'zrem', id],
        [ctx.key('batch-tickets', t.value.batchId), 'zrem', id],
        [ctx.key('code', t.value.code), 'delif', id],
        ...[...new Set(t.value.devices)].map((device): IndexEntry => [
          ctx.key('device-tickets', device),
          'zrem',
          id,
        ]),
      ];
      if (!(await deleteIfUnchanged(c, key, t.v, entries))) return false;
      purged++;
      await c.eval(
        DELETE_EMPTY_BATCH,
        3,
        ctx.key('batch', t.value.batchId),
        ctx.key('batches'),
        ctx.key('batch-tickets', t.value.batchId),
        t.value.batchId,
      );
      return true;
    });
    return purged;
  });
}

async function hasOpenSession(ctx: RedisConnection, c: Redis, ticketId: string): Promise<boolean> {
  const ids = await c.zrange(ctx.key('ticket-sessions', ticketId), 0, -1);
  if (ids.length === 0) return false;
  const open = await c.smismember(ctx.key('sessions-open'), ...ids);
  return open.some((x) => x === 1);
}
