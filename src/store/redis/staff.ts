// Staff on Redis (issue 7): console accounts, console sessions (expired by Redis itself) and
// each space's audit trail.

import { EcnError } from '../../domain/errors';
import type { Mutation } from '../../domain/ports';
import type { AuditEntry, AuditQuery, ConsoleSession, ConsoleUser } from '../../domain/console';
import { auditRecord, consoleSessionRecord, readRecord, userRecord } from '../records';
import type { RedisConnection } from './connection';
import { CREATE_IF_ABSENT } from './scripts';
import { casUpdate, getVersioned, readVersioned } from './versioned';

export function createUser(ctx: RedisConnection, user: ConsoleUser): Promise<boolean> {
  return ctx.run('createUser', async (c) => {
    const json = JSON.stringify(userRecord.parse(user));
    const ok = await c.eval(
      CREATE_IF_ABSENT,
      2,
      ctx.key('user', user.username),
      ctx.key('users'),
      json,
      user.username,
      '',
    );
    return ok === 1;
  });
}

export function getUser(ctx: RedisConnection, username: string): Promise<ConsoleUser | null> {
  return getVersioned(ctx, 'getUser', ctx.key('user', username), userRecord, 'console user');
}

export function listUsers(ctx: RedisConnection): Promise<ConsoleUser[]> {
  return ctx.run('listUsers', async (c) => {
    const names = (await c.smembers(ctx.key('users'))).sort();
    const out: ConsoleUser[] = [];
    for (const n of names) {
      const u = await readVersioned(c, ctx.key('user', n), userRecord, 'console user');
      if (u) out.push(u.value);
    }
    return out;
  });
}

export function updateUser(
  ctx: RedisConnection,
  username: string,
  change: Mutation<ConsoleUser>,
): Promise<ConsoleUser | null> {
  return casUpdate(ctx, 'updateUser', ctx.key('user', username), userRecord, 'console user', (u) => ({
    ...change(u),
    username,
    version: u.version + 1,
  }));
}

export function createConsoleSession(ctx: RedisConnection, s: ConsoleSession): Promise<void> {
  return ctx.run('createConsoleSession', async (c) => {
    const json = JSON.stringify(consoleSessionRecord.parse(s));
    const ok = await c.eval(
      CREATE_IF_ABSENT,
      2,
      ctx.key('console-session', s.id),
      ctx.key('console-sessions'),
      json,
      '',
      Math.max(s.expiresAt, Date.now() + 1000),
    );
    if (ok !== 1) throw new EcnError('ECN_ERR_STORE_CONFLICT', 'A console session with this id exists.');
  });
}

export function getConsoleSession(ctx: RedisConnection, id: string): Promise<ConsoleSession | null> {
  return getVersioned(
    ctx,
    'getConsoleSession',
    ctx.key('console-session', id),
    consoleSessionRecord,
    'console session',
  );
}

export async function updateConsoleSession(
  ctx: RedisConnection,
  id: string,
  change: Mutation<ConsoleSession>,
): Promise<ConsoleSession | null> {
  const next = await casUpdate(
    ctx,
    'updateConsoleSession',
    ctx.key('console-session', id),
    consoleSessionRecord,
    'console session',
    (s) => ({ ...change(s), id, version: s.version + 1 }),
  );
  if (next) {
    await ctx.run('updateConsoleSession', (c) =>
      c.pexpireat(ctx.key('console-session', id), Math.max(next.expiresAt, Date.now() + 1000)),
    );
  }
  return next;
}

export function deleteConsoleSession(ctx: RedisConnection, id: string): Promise<void> {
  return ctx.run('deleteConsoleSession', async (c) => {
    await c.del(ctx.key('console-session', id));
  });
}

export function appendAudit(ctx: RedisConnection, entry: AuditEntry): Promise<void> {
  return ctx.run('appendAudit', async (c) => {
    const stamped = auditRecord.parse({ ...entry, spaceId: ctx.spaceId });
    await c.zadd(ctx.keys.audit(ctx.spaceId), entry.at, JSON.stringify(stamped));
  });
}

export function listAudit(ctx: RedisConnection, query: AuditQuery): Promise<AuditEntry[]> {
  return ctx.run('listAudit', async (c) => {
    const out: AuditEntry[] = [];
    const max: string = query.before === undefined ? '+inf' : `(${query.before}`;
    let offset = 0;
    const page = Math.max(query.limit, 100);
    // Page backwards through the sorted set until enough entries of the asked action are found.
    for (;;) {
      const docs = await c.zrevrangebyscore(ctx.keys.audit(ctx.spaceId), max, '-inf', 'LIMIT', offset, page);
      for (const d of docs) {
        const e = readRecord(auditRecord, d, 'audit entry');
        if (query.action === undefined || e.action === query.action) out.push(e);
        if (out.length === query.limit) return out;
      }
      if (docs.length < page) return out;
      offset += page;
    }
  });
}

export function purgeAudit(ctx: RedisConnection, before: number): Promise<number> {
  return ctx.run('purgeAudit', async (c) => {
    const own = await c.zremrangebyscore(ctx.keys.audit(ctx.spaceId), '-inf', `(${before}`);
    // The pool-wide list written before spaces were kept apart: no console shows it any more
    // (its entries' space is unknown), and it is purged by the same rule until it is empty.
    const before13 = await c.zremrangebyscore(ctx.key('audit'), '-inf', `(${before}`);
    return own + before13;
  });
}
