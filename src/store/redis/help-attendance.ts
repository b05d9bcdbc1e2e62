// A space's day on Redis (issue 15, items 5 and 6): residents' calls for help (one record per
// device, with the space's open list) and the attendance entries (one hash per space, with a
// day index).

import type Redis from 'ioredis';
import type { AttendanceEntry } from '../../domain/attendance';
import { EcnError } from '../../domain/errors';
import type { HelpRequest } from '../../domain/help-request';
import { attendanceRecord, helpRequestRecord, readRecord } from '../records';
import type { RedisConnection } from './connection';
import { ATTENDANCE_WRITE, HELP_UPSERT } from './scripts';
import { conflict, deleteIfUnchanged, readOrNullRecord, readVersioned, type Versioned } from './versioned';

export function saveHelpRequest(
  ctx: RedisConnection,
  spaceId: string,
  device: string,
  change: (current: HelpRequest | null) => HelpRequest,
): Promise<HelpRequest> {
  return ctx.run('saveHelpRequest', async (c) => {
    const key = ctx.key('help', spaceId, device);
    const attempts = ctx.maxAttempts;
    for (let i = 0; i < attempts; i++) {
      const current = await readVersioned(c, key, helpRequestRecord, 'help request');
      const next = helpRequestRecord.parse({ ...change(current?.value ?? null), spaceId, device });
      if (current && current.value.id !== next.id) {
        throw new EcnError('ECN_ERR_INTERNAL', 'A refreshed help request must keep its id.');
      }
      const res = await c.eval(
        HELP_UPSERT,
        2,
        key,
        ctx.key('help-open', spaceId),
        current ? current.v : '',
        current ? current.v + 1 : 0,
        JSON.stringify(next),
        next.openedAt,
        device,
      );
      if (res === 1) return next;
    }
    throw conflict('saveHelpRequest', attempts);
  });
}

/** The space's open requests with their version, longest waiting first. */
async function openHelp(ctx: RedisConnection, c: Redis, spaceId: string): Promise<Versioned<HelpRequest>[]> {
  const devices = await c.zrange(ctx.key('help-open', spaceId), 0, -1);
  const found: Versioned<HelpRequest>[] = [];
  for (const device of devices) {
    const r = await readVersioned(c, ctx.key('help', spaceId, device), helpRequestRecord, 'help request');
    if (r) found.push(r);
  }
  return found.sort((a, b) => a.value.openedAt - b.value.openedAt || a.value.id.localeCompare(b.value.id));
}

export function listHelpRequests(ctx: RedisConnection, spaceId: string): Promise<HelpRequest[]> {
  return ctx.run('listHelpRequests', async (c) => (await openHelp(ctx, c, spaceId)).map((r) => r.value));
}

/** Deletes an open request read at version `r.v`, unless it was asked again meanwhile. */
function deleteHelp(
  ctx: RedisConnection,
  c: Redis,
  spaceId: string,
  r: Versioned<HelpRequest>,
): Promise<boolean> {
  const { device } = r.value;
  return deleteIfUnchanged(c, ctx.key('help', spaceId, device), r.v, [
    [ctx.key('help-open', spaceId), 'zrem', device],
  ]);
}

export function closeHelpRequest(
  ctx: RedisConnection,
  spaceId: string,
  id: string,
): Promise<HelpRequest | null> {
  return ctx.run('closeHelpRequest', async (c) => {
    for (let i = 0; i < ctx.maxAttempts; i++) {
      const found = (await openHelp(ctx, c, spaceId)).find((r) => r.value.id === id);
      if (!found) return null;
      if (await deleteHelp(ctx, c, spaceId, found)) return found.value;
    }
    throw new EcnError('ECN_ERR_STORE_CONFLICT', 'Gave up closeHelpRequest after concurrent conflicts.');
  });
}

export function purgeHelpRequests(
  ctx: RedisConnection,
  spaceId: string,
  askedBefore: number,
): Promise<number> {
  return ctx.run('purgeHelpRequests', async (c) => {
    let purged = 0;
    for (const r of await openHelp(ctx, c, spaceId)) {
      if (r.value.askedAt >= askedBefore) continue;
      // A request asked again meanwhile changed its version and stays.
      if (await deleteHelp(ctx, c, spaceId, r)) purged++;
    }
    return purged;
  });
}

/** The day index's score: 2026-03-14 → 20260314. */
function dayScore(day: string): number {
  return Number(day.replace(/-/g, '')) || 0;
}

async function writeAttendance(
  ctx: RedisConnection,
  c: Redis,
  spaceId: string,
  id: string,
  json: string,
  day: string,
): Promise<AttendanceEntry | null> {
  const previous = (await c.eval(
    ATTENDANCE_WRITE,
    2,
    ctx.key('attendance', spaceId),
    ctx.key('attendance-days', spaceId),
    id,
    json,
    dayScore(day),
  )) as string | null;
  return previous ? readOrNullRecord(attendanceRecord, previous) : null;
}

export function saveAttendance(
  ctx: RedisConnection,
  entry: AttendanceEntry,
): Promise<AttendanceEntry | null> {
  return ctx.run('saveAttendance', async (c) => {
    const next = attendanceRecord.parse(entry);
    return writeAttendance(ctx, c, next.spaceId, next.id, JSON.stringify(next), next.day);
  });
}

export function listAttendance(
  ctx: RedisConnection,
  spaceId: string,
  fromDay: string,
  toDay: string,
): Promise<AttendanceEntry[]> {
  return ctx.run('listAttendance', async (c) => {
    const ids = await c.zrangebyscore(
      ctx.key('attendance-days', spaceId),
      dayScore(fromDay),
      dayScore(toDay),
    );
    if (ids.length === 0) return [];
    const rows = await c.hmget(ctx.key('attendance', spaceId), ...ids);
    const entries = rows
      .filter((r): r is string => typeof r === 'string')
      .map((r) => readRecord(attendanceRecord, r, 'attendance entry'));
    return entries.sort(
      (a, b) => a.day.localeCompare(b.day) || a.recordedAt - b.recordedAt || a.id.localeCompare(b.id),
    );
  });
}

export function deleteAttendance(
  ctx: RedisConnection,
  spaceId: string,
  id: string,
): Promise<AttendanceEntry | null> {
  return ctx.run('deleteAttendance', (c) => writeAttendance(ctx, c, spaceId, id, '', ''));
}
