// The shared store: Redis through ioredis, for several boxes drawing on one ticket pool.
// Records are JSON documents with a version; updates are compare-and-set in a Lua script,
// retried when another writer got there first, so the domain rules run in TypeScript only.

import Redis from 'ioredis';
import { EcnError, isEcnError } from '../domain/errors';
import type { BatchWithTickets, DeviceCounter, Mutation, Store, TicketQuery } from '../domain/ports';
import type { AuditEntry, AuditQuery, ConsoleSession, ConsoleUser, SpaceSettings } from '../domain/console';
import type { Batch, Ticket } from '../domain/ticket';
import type { CharterAcceptance } from '../domain/charter';
import type { Session } from '../domain/session';
import type { HelpRequest } from '../domain/help-request';
import type { AttendanceEntry } from '../domain/attendance';
import {
  acceptanceRecord,
  attendanceRecord,
  auditRecord,
  helpRequestRecord,
  batchRecord,
  consoleSessionRecord,
  settingsRecord,
  trustedDeviceRecord,
  userRecord,
  counterRecord,
  readRecord,
  sessionRecord,
  ticketRecord,
} from './records';
import { byLabel, type TrustedDevice } from '../domain/trusted-device';
import {
  deviceBindings,
  nasSessionKey,
  nasSessionKeyOf,
  sessionDeviceKey,
  unboundDevices,
} from './device-index';
import type { z } from 'zod';
import { ticketEndedBefore } from '../domain/retention';

export interface RedisStoreOptions {
  url: string;
  keyPrefix: string;
  /**
   * The box's space (`space.id`): the scope of the space-scoped reads (see `Store`). Sessions,
   * acceptances and settings are kept per space on the shared pool; tickets are the city's.
   */
  spaceId: string;
  connectTimeoutMs?: number;
  /**
   * How long one command may wait for its answer before it fails with
   * ECN_ERR_STORE_UNAVAILABLE (a hung or very slow Redis). 1000 ms by default: see
   * docs/redis-city.md.
   */
  commandTimeoutMs?: number;
  /** Compare-and-set attempts before ECN_ERR_STORE_CONFLICT. */
  maxAttempts?: number;
}

// Writes a batch only if none of its codes is taken. KEYS: batch, batches zset, tickets zset,
// batch's ticket zset, then per ticket: ticket key, code key, then per device binding: the
// device's ticket zset. ARGV: batch json, created, batch id, ticket count, then per ticket: id,
// json, then per device binding: ticket id, usable-until score.
const CREATE_BATCH = `
local n = tonumber(ARGV[4])
for i = 1, n do
  if redis.call('EXISTS', KEYS[4 + 2 * i]) == 1 then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
for i = 1, n do
  local id = ARGV[3 + 2 * i]
  redis.call('HSET', KEYS[3 + 2 * i], 'v', 0, 'data', ARGV[4 + 2 * i])
  redis.call('SET', KEYS[4 + 2 * i], id)
  redis.call('ZADD', KEYS[3], ARGV[2], id)
  redis.call('ZADD', KEYS[4], ARGV[2], id)
end
for j = 1, #KEYS - 4 - 2 * n do
  redis.call('ZADD', KEYS[4 + 2 * n + j], ARGV[4 + 2 * n + 2 * j], ARGV[3 + 2 * n + 2 * j])
end
return 1
`;

// Compare-and-set of a versioned record, with the indexes that follow it in the same atomic
// step. KEYS: record, then one key per index change. ARGV: expected version, new version, json,
// then per index change: op ('sadd', 'srem', 'zadd' or 'zrem'), member, score (zadd only).
const CAS = `
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return -1 end
if tonumber(v) ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'data', ARGV[3])
for i = 2, #KEYS do
  local op, member, score = ARGV[3 * i - 2], ARGV[3 * i - 1], ARGV[3 * i]
  if op == 'sadd' then redis.call('SADD', KEYS[i], member)
  elseif op == 'srem' then redis.call('SREM', KEYS[i], member)
  elseif op == 'zadd' then redis.call('ZADD', KEYS[i], score, member)
  elseif op == 'zrem' then redis.call('ZREM', KEYS[i], member) end
end
return 1
`;

// Back-fills index entries for a record written before the index existed, unless it changed
// since it was read (then its writer, which maintains the index, already wrote them). KEYS:
// record, then one index zset per entry. ARGV: version read, then per entry: member, score.
const INDEX_IF_UNCHANGED = `
local v = redis.call('HGET', KEYS[1], 'v')
if (not v) or tonumber(v) ~= tonumber(ARGV[1]) then return 0 end
for i = 2, #KEYS do redis.call('ZADD', KEYS[i], ARGV[2 * i - 1], ARGV[2 * i - 2]) end
return 1
`;

// Compare-and-set of a record that may not exist yet (a counter, the settings). KEYS: record.
// ARGV: expected version ('' when absent), new version, json, expiry (epoch ms; '' for none).
const UPSERT_CAS = `
local v = redis.call('HGET', KEYS[1], 'v')
if ARGV[1] == '' then
  if v then return 0 end
elseif (not v) or tonumber(v) ~= tonumber(ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'data', ARGV[3])
if ARGV[4] ~= '' then redis.call('PEXPIREAT', KEYS[1], ARGV[4]) end
return 1
`;

// Creates a versioned record only if absent. KEYS: record, index set. ARGV: json, index member,
// expiry (epoch ms, '' for none).
const CREATE_IF_ABSENT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', 0, 'data', ARGV[1])
if ARGV[2] ~= '' then redis.call('SADD', KEYS[2], ARGV[2]) end
if ARGV[3] ~= '' then redis.call('PEXPIREAT', KEYS[1], ARGV[3]) end
return 1
`;

// Deletes a versioned record if it has not changed since it was read, with its index entries.
// KEYS: record, then one key per index entry. ARGV: version read, then per index entry: op
// ('zrem', 'srem', or 'delif': delete the key if it holds the member), member.
const DELETE_IF_UNCHANGED = `
local v = redis.call('HGET', KEYS[1], 'v')
if (not v) or tonumber(v) ~= tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1])
for i = 2, #KEYS do
  local op, member = ARGV[2 * i - 2], ARGV[2 * i - 1]
  if op == 'zrem' then redis.call('ZREM', KEYS[i], member)
  elseif op == 'srem' then redis.call('SREM', KEYS[i], member)
  elseif op == 'delif' then
    if redis.call('GET', KEYS[i]) == member then redis.call('DEL', KEYS[i]) end
  end
end
return 1
`;

// Drops a batch that has no ticket left. KEYS: batch, batches zset, batch's ticket zset.
// ARGV: batch id.
const DELETE_EMPTY_BATCH = `
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
`;

// Compare-and-set of a help request (issue 15) with its entry in the space's open list.
// KEYS: record, open zset. ARGV: expected version ('' when absent), new version, json, score,
// member (the device key).
const HELP_UPSERT = `
local v = redis.call('HGET', KEYS[1], 'v')
if ARGV[1] == '' then
  if v then return 0 end
elseif (not v) or tonumber(v) ~= tonumber(ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'data', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
return 1
`;

// Writes or removes one attendance entry (issue 15) with its day index; returns the entry it
// replaced or removed. KEYS: entries hash, days zset. ARGV: id, json ('' to remove), day score.
const ATTENDANCE_WRITE = `
local previous = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
end
return previous
`;

/** Records a retention purge reads per round trip. */
const PURGE_PAGE = 500;

type Versioned<T> = { value: T; v: number };

/** One change to an index set that a compare-and-set applies with the record. */
interface IndexChange {
  key: string;
  op: 'sadd' | 'srem' | 'zadd' | 'zrem';
  member: string;
  score?: number;
}

/**
 * Redis answers in well under a millisecond and a login makes about ten round trips, so 1 s
 * per command is far above a healthy link (even an association's ADSL) yet short enough that
 * a resident gets the outage page in about a second and a NAS, which resends an Access-Request
 * after 3 to 5 s, never waits on a hung store. A Redis slower than this is treated as absent.
 */
const DEFAULT_COMMAND_TIMEOUT_MS = 1000;

/**
 * Longest wait between reconnection attempts: a Redis that comes back is used again within
 * this, so logins work again within the promised 5 s.
 */
const MAX_RECONNECT_WAIT_MS = 1000;

/** Version of the device indexes (issue 12); bumped when a new index needs a back-fill. */
const DEVICE_INDEX_VERSION = 1;

/** Version of the per-space indexes (issue #13, item 1). */
const SPACE_INDEX_VERSION = 1;

// Claims a space id for one box. KEYS: claim. ARGV: instance id, lifetime (ms). Returns '' when
// this instance holds the claim (now or already), else the instance id of the box that holds it.
const CLAIM_SPACE = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return holder end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ''
`;

// Drops a claim if this instance holds it. KEYS: claim. ARGV: instance id.
const RELEASE_SPACE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
return 0
`;

export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly spaceId: string;
  private client: Redis | null = null;
  /**
   * Set when the marker written at the first start is missing after a reconnect (or at a
   * ping): Redis came back empty (flushed, or restarted without its AOF). Every operation then
   * fails with ECN_ERR_STORE_EMPTIED instead of reading "no such ticket, no open session" and
   * acting on it; only a restart of the service, an operator's decision, clears it.
   */
  private emptied = false;

  constructor(private readonly options: RedisStoreOptions) {
    this.spaceId = options.spaceId;
  }

  private key(...parts: string[]): string {
    return this.options.keyPrefix + parts.join(':');
  }

  async start(): Promise<void> {
    if (this.client) return;
    const client = new Redis(this.options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: this.options.connectTimeoutMs ?? 3000,
      commandTimeout: this.options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
      retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_WAIT_MS),
    });
    // Errors surface through the commands that fail; an unhandled 'error' event would crash.
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      // The first start of a pool writes the marker; a later start keeps the one it finds.
      await client.set(this.key('marker'), new Date().toISOString(), 'NX');
      await this.backfillDeviceIndexes(client);
      await this.backfillSpaceIndexes(client);
    } catch (err) {
      client.disconnect();
      throw new EcnError(
        'ECN_ERR_STORE_UNAVAILABLE',
        `Cannot reach Redis at ${redactUrl(this.options.url)}: ${(err as Error).message}`,
        {},
        { cause: err },
      );
    }
    this.client = client;
    this.emptied = false;
    // Every reconnection checks the marker before the store is used again.
    client.on('ready', () => {
      void this.checkMarker(client).catch(() => {});
    });
  }

  /** Notes a missing marker; returns whether the store still holds it. */
  private async checkMarker(c: Redis): Promise<boolean> {
    const present = (await c.exists(this.key('marker'))) === 1;
    if (!present) this.emptied = true;
    return present;
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = null;
    if (!c) return;
    try {
      await c.quit();
    } catch {
      c.disconnect();
    }
  }

  private async run<T>(operation: string, fn: (c: Redis) => Promise<T>): Promise<T> {
    if (!this.client) throw new EcnError('ECN_ERR_STORE_UNAVAILABLE', 'The Redis store is not connected.');
    if (this.emptied) throw emptiedError();
    try {
      return await fn(this.client);
    } catch (err) {
      if (isEcnError(err) || !isRedisFailure(err)) throw err;
      throw new EcnError(
        'ECN_ERR_STORE_UNAVAILABLE',
        `Redis failed during ${operation}: ${(err as Error).message}`,
        { operation },
        { cause: err },
      );
    }
  }

  async ping(): Promise<void> {
    // A FLUSHALL without a reconnection is seen here, at the health check's next round.
    const present = await this.run('ping', (c) => this.checkMarker(c));
    if (!present) throw emptiedError();
  }

  createBatch(batch: Batch, tickets: Ticket[]): Promise<void> {
    return this.run('createBatch', async (c) => {
      const keys = [
        this.key('batch', batch.id),
        this.key('batches'),
        this.key('tickets'),
        this.key('batch-tickets', batch.id),
      ];
      const args: (string | number)[] = [JSON.stringify(batch), batch.createdAt, batch.id, tickets.length];
      for (const t of tickets) {
        keys.push(this.key('ticket', t.id), this.key('code', t.code));
        args.push(t.id, JSON.stringify(t));
      }
      for (const t of tickets) {
        for (const b of deviceBindings(t)) {
          keys.push(this.key('device-tickets', b.device));
          args.push(t.id, b.usableUntil);
        }
      }
      const ok = await c.eval(CREATE_BATCH, keys.length, ...keys, ...args);
      if (ok !== 1) {
        throw new EcnError(
          'ECN_ERR_STORE_CONFLICT',
          'A ticket code of the new batch already exists; nothing was written.',
        );
      }
    });
  }

  getBatch(id: string): Promise<Batch | null> {
    return this.run('getBatch', async (c) => {
      const json = await c.get(this.key('batch', id));
      return json === null ? null : readRecord(batchRecord, json, 'batch');
    });
  }

  listBatches(limit: number): Promise<Batch[]> {
    return this.run('listBatches', async (c) => {
      const ids = await c.zrevrange(this.key('batches'), 0, limit - 1);
      if (ids.length === 0) return [];
      const docs = await c.mget(ids.map((id) => this.key('batch', id)));
      return docs.filter((d): d is string => d !== null).map((d) => readRecord(batchRecord, d, 'batch'));
    });
  }

  listBatchesWithTickets(limit: number): Promise<BatchWithTickets[]> {
    return this.run('listBatchesWithTickets', async (c) => {
      const ids = await c.zrevrange(this.key('batches'), 0, limit - 1);
      if (ids.length === 0) return [];
      // Two pipelined round trips whatever the number of batches: the batches and their
      // ticket lists, then every ticket.
      const first = c.pipeline();
      for (const id of ids) first.get(this.key('batch', id));
      for (const id of ids) first.zrevrangebyscore(this.key('batch-tickets', id), '+inf', '-inf');
      const heads = pipelineValues(await first.exec());
      const second = c.pipeline();
      const ticketIds = ids.map((_, i) => heads[ids.length + i] as string[]);
      for (const list of ticketIds) for (const tid of list) second.hget(this.key('ticket', tid), 'data');
      const docs = pipelineValues(await second.exec());
      const out: BatchWithTickets[] = [];
      let next = 0;
      ids.forEach((_, i) => {
        const doc = heads[i];
        const tickets: Ticket[] = [];
        for (let n = 0; n < ticketIds[i]!.length; n++) {
          const data = docs[next++];
          if (typeof data === 'string') tickets.push(readRecord(ticketRecord, data, 'ticket'));
        }
        if (typeof doc === 'string') out.push({ batch: readRecord(batchRecord, doc, 'batch'), tickets });
      });
      return out;
    });
  }

  private async readVersioned<T>(
    c: Redis,
    key: string,
    schema: z.ZodType<T>,
    what: string,
  ): Promise<Versioned<T> | null> {
    const [v, data] = await c.hmget(key, 'v', 'data');
    if (v === null || v === undefined || data === null || data === undefined) return null;
    return { value: readRecord(schema, data, what), v: Number(v) };
  }

  getTicket(id: string): Promise<Ticket | null> {
    return this.run(
      'getTicket',
      async (c) =>
        (await this.readVersioned(c, this.key('ticket', id), ticketRecord, 'ticket'))?.value ?? null,
    );
  }

  findTicketByCode(code: string): Promise<Ticket | null> {
    return this.run('findTicketByCode', async (c) => {
      const id = await c.get(this.key('code', code));
      if (id === null) return null;
      return (await this.readVersioned(c, this.key('ticket', id), ticketRecord, 'ticket'))?.value ?? null;
    });
  }

  listTickets(query: TicketQuery): Promise<Ticket[]> {
    return this.run('listTickets', async (c) => {
      const index =
        query.batchId !== undefined ? this.key('batch-tickets', query.batchId) : this.key('tickets');
      const min = query.createdSince ?? '-inf';
      const ids = await c.zrevrangebyscore(index, '+inf', min, 'LIMIT', 0, query.limit ?? 10000);
      const out: Ticket[] = [];
      const pipeline = c.pipeline();
      for (const id of ids) pipeline.hget(this.key('ticket', id), 'data');
      const results = (await pipeline.exec()) ?? [];
      for (const [err, data] of results) {
        if (err) throw err;
        if (typeof data === 'string') out.push(readRecord(ticketRecord, data, 'ticket'));
      }
      return out;
    });
  }

  /** Read, apply, compare-and-set; retried when a concurrent writer bumped the version. */
  private async casUpdate<T>(
    operation: string,
    key: string,
    schema: z.ZodType<T>,
    what: string,
    change: Mutation<T>,
    indexes?: (current: T, next: T) => IndexChange[],
  ): Promise<T | null> {
    return this.run(operation, async (c) => {
      const attempts = this.options.maxAttempts ?? 200;
      for (let i = 0; i < attempts; i++) {
        const current = await this.readVersioned(c, key, schema, what);
        if (!current) return null;
        const next = schema.parse(change(current.value));
        const changes = indexes?.(current.value, next) ?? [];
        const res = await c.eval(
          CAS,
          1 + changes.length,
          key,
          ...changes.map((x) => x.key),
          current.v,
          current.v + 1,
          JSON.stringify(next),
          ...changes.flatMap((x) => [x.op, x.member, x.score ?? '']),
        );
        if (res === 1) return next;
        if (res === -1) return null;
      }
      throw new EcnError(
        'ECN_ERR_STORE_CONFLICT',
        `Gave up ${operation} after ${attempts} concurrent conflicts.`,
      );
    });
  }

  updateTicket(id: string, change: Mutation<Ticket>): Promise<Ticket | null> {
    return this.casUpdate(
      'updateTicket',
      this.key('ticket', id),
      ticketRecord,
      'ticket',
      change,
      (before, after) => [
        ...unboundDevices(before, after).map((device): IndexChange => ({
          key: this.key('device-tickets', device),
          op: 'zrem',
          member: id,
        })),
        ...deviceBindings(after).map((b): IndexChange => ({
          key: this.key('device-tickets', b.device),
          op: 'zadd',
          member: id,
          score: b.usableUntil,
        })),
      ],
    );
  }

  listTicketsByDevice(device: string, now: number, limit: number): Promise<Ticket[]> {
    return this.run('listTicketsByDevice', async (c) => {
      const ids = await c.zrevrangebyscore(
        this.key('device-tickets', device),
        '+inf',
        `(${now}`,
        'LIMIT',
        0,
        limit,
      );
      const out: Ticket[] = [];
      for (const id of ids) {
        const t = await this.readVersioned(c, this.key('ticket', id), ticketRecord, 'ticket');
        if (t) out.push(t.value);
      }
      return out;
    });
  }

  recordAcceptance(a: CharterAcceptance): Promise<void> {
    return this.run('recordAcceptance', async (c) => {
      const json = JSON.stringify(acceptanceRecord.parse(a));
      await c.zadd(this.acceptancesKey(a.spaceId, a.device), a.acceptedAt, json);
    });
  }

  latestAcceptance(device: string): Promise<CharterAcceptance | null> {
    return this.run('latestAcceptance', async (c) => {
      const [json] = await c.zrevrange(this.acceptancesKey(this.spaceId, device), 0, 0);
      return json === undefined ? null : readRecord(acceptanceRecord, json, 'charter acceptance');
    });
  }

  createSession(s: Session): Promise<void> {
    return this.run('createSession', async (c) => {
      const json = JSON.stringify(sessionRecord.parse(s));
      const m = c.multi().hset(this.key('session', s.id), 'v', 0, 'data', json);
      m.zadd(this.key('sessions'), s.startedAt, s.id);
      if (s.ticketId !== null) m.zadd(this.key('ticket-sessions', s.ticketId), s.startedAt, s.id);
      const device = sessionDeviceKey(s.device);
      if (s.endedAt === null) m.sadd(this.key('sessions-open'), s.id);
      if (s.endedAt === null && s.spaceId !== '') m.sadd(this.spaceOpenKey(s.spaceId), s.id);
      if (s.endedAt === null && device !== null)
        m.zadd(this.key('device-sessions', device), s.startedAt, s.id);
      const nasKey = nasSessionKeyOf(s);
      // NX: if a lost reply made the NAS open it twice, accounting keeps finding the first.
      if (nasKey !== null) m.set(this.nasSessionKey(s.spaceId, nasKey), s.id, 'NX');
      const results = await m.exec();
      for (const [err] of results ?? []) if (err) throw err;
    });
  }

  getSession(id: string): Promise<Session | null> {
    return this.run(
      'getSession',
      async (c) =>
        (await this.readVersioned(c, this.key('session', id), sessionRecord, 'session'))?.value ?? null,
    );
  }

  updateSession(id: string, change: Mutation<Session>): Promise<Session | null> {
    return this.casUpdate(
      'updateSession',
      this.key('session', id),
      sessionRecord,
      'session',
      change,
      (before, after) => {
        const open = after.endedAt === null;
        const changes: IndexChange[] = [
          { key: this.key('sessions-open'), op: open ? 'sadd' : 'srem', member: id },
        ];
        if (before.spaceId !== '' && (before.spaceId !== after.spaceId || !open))
          changes.push({ key: this.spaceOpenKey(before.spaceId), op: 'srem', member: id });
        if (after.spaceId !== '' && open)
          changes.push({ key: this.spaceOpenKey(after.spaceId), op: 'sadd', member: id });
        const was = sessionDeviceKey(before.device);
        const is = sessionDeviceKey(after.device);
        if (was !== null && (was !== is || !open)) {
          changes.push({ key: this.key('device-sessions', was), op: 'zrem', member: id });
        }
        if (is !== null && open) {
          changes.push({
            key: this.key('device-sessions', is),
            op: 'zadd',
            member: id,
            score: after.startedAt,
          });
        }
        return changes;
      },
    );
  }

  private async readSessions(c: Redis, ids: string[]): Promise<Session[]> {
    if (ids.length === 0) return [];
    const p = c.pipeline();
    for (const id of ids) p.hget(this.key('session', id), 'data');
    const out: Session[] = [];
    for (const [err, data] of (await p.exec()) ?? []) {
      if (err) throw err;
      if (typeof data === 'string') out.push(readRecord(sessionRecord, data, 'session'));
    }
    return out;
  }

  listOpenSessions(): Promise<Session[]> {
    return this.run('listOpenSessions', async (c) => {
      const ids = await c.smembers(this.spaceOpenKey(this.spaceId));
      // The sweeper cuts every client this list does not name: an empty answer from a store
      // that lost its data must not read as "nobody is connected" (issue #13, item 4).
      if (ids.length === 0 && !(await this.checkMarker(c))) throw emptiedError();
      const sessions = await this.readSessions(c, ids);
      return sessions
        .filter((s) => s.endedAt === null && s.spaceId === this.spaceId)
        .sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
    });
  }

  listOpenSessionsByDevice(device: string, limit: number): Promise<Session[]> {
    return this.run('listOpenSessionsByDevice', async (c) => {
      // The index holds the device's open sessions in every space (a handful: one per space it
      // is connected in), so reading them all and keeping this space's stays one small read.
      const ids = await c.zrevrange(this.key('device-sessions', device), 0, -1);
      return (await this.readSessions(c, ids))
        .filter((s) => s.endedAt === null && s.spaceId === this.spaceId)
        .slice(0, limit);
    });
  }

  /** This space's open sessions (the city-wide `sessions-open` set serves the purge). */
  private spaceOpenKey(spaceId: string): string {
    return this.key('space-sessions-open', spaceId);
  }

  /**
   * A device's charter acceptances in one space. Those written before spaces were kept apart
   * (`acceptances:<device>`) are read by no space: the resident accepts the charter once more.
   */
  private acceptancesKey(spaceId: string, device: string): string {
    return spaceId === '' ? this.key('acceptances', device) : this.key('acceptances', spaceId, device);
  }

  /**
   * The key of a NAS session's index entry; base64url, as the accounting key holds any text.
   * Per space: two spaces may well name their access points alike. A session written before
   * spaces were kept apart (no space) keeps its old key.
   */
  private nasSessionKey(spaceId: string, nasKey: string): string {
    const encoded = Buffer.from(nasKey).toString('base64url');
    return spaceId === '' ? this.key('nas-session', encoded) : this.key('nas-session', spaceId, encoded);
  }

  findNasSession(ticketId: string, nas: string, nasSessionId: string): Promise<Session | null> {
    return this.run('findNasSession', async (c) => {
      const id = await c.get(this.nasSessionKey(this.spaceId, nasSessionKey(ticketId, nas, nasSessionId)));
      if (id === null) return null;
      const s = await this.readVersioned(c, this.key('session', id), sessionRecord, 'session');
      return s !== null && s.value.spaceId === this.spaceId ? s.value : null;
    });
  }

  /**
   * Builds the device and NAS session indexes for records written before they existed, once
   * per pool: the first box started after the upgrade does it, the others find it done.
   * Concurrent writers are safe: a device entry is only added if its record has not changed
   * since it was read.
   */
  private async backfillDeviceIndexes(c: Redis): Promise<void> {
    const marker = this.key('index-version', 'devices');
    if (Number(await c.get(marker)) >= DEVICE_INDEX_VERSION) return;
    const page = 500;
    for (let start = 0; ; start += page) {
      const ids = await c.zrange(this.key('tickets'), start, start + page - 1);
      for (const id of ids) {
        const key = this.key('ticket', id);
        const t = await this.readVersioned(c, key, ticketRecord, 'ticket').catch(skipCorrupt);
        const bindings = t ? deviceBindings(t.value) : [];
        if (t === null || bindings.length === 0) continue;
        await c.eval(
          INDEX_IF_UNCHANGED,
          1 + bindings.length,
          key,
          ...bindings.map((b) => this.key('device-tickets', b.device)),
          t.v,
          ...bindings.flatMap((b) => [id, b.usableUntil]),
        );
      }
      if (ids.length < page) break;
    }
    for (const id of await c.smembers(this.key('sessions-open'))) {
      const key = this.key('session', id);
      const s = await this.readVersioned(c, key, sessionRecord, 'session').catch(skipCorrupt);
      const device = s && s.value.endedAt === null ? sessionDeviceKey(s.value.device) : null;
      if (s === null || device === null) continue;
      await c.eval(
        INDEX_IF_UNCHANGED,
        2,
        key,
        this.key('device-sessions', device),
        s.v,
        id,
        s.value.startedAt,
      );
    }
    // NAS sessions by accounting key: the fields it is made of never change, so no check is needed.
    for (let start = 0; ; start += page) {
      const ids = await c.zrange(this.key('sessions'), start, start + page - 1);
      for (const id of ids) {
        const s = await this.readVersioned(c, this.key('session', id), sessionRecord, 'session').catch(
          skipCorrupt,
        );
        const nasKey = s ? nasSessionKeyOf(s.value) : null;
        if (nasKey !== null) await c.set(this.nasSessionKey(s!.value.spaceId, nasKey), id, 'NX');
      }
      if (ids.length < page) break;
    }
    await c.set(marker, DEVICE_INDEX_VERSION);
  }

  /**
   * Open sessions written before spaces were kept apart carry no space. Once per pool, the first
   * box started after the upgrade takes them as its own (a pool served one box in practice: two
   * never worked together before), so its sweeper still ends them when their ticket ends and the
   * purge can let their ticket go. Ended ones stay without a space: only city-wide reads see them.
   */
  private async backfillSpaceIndexes(c: Redis): Promise<void> {
    const marker = this.key('index-version', 'spaces');
    if (Number(await c.get(marker)) >= SPACE_INDEX_VERSION) return;
    for (const id of await c.smembers(this.key('sessions-open'))) {
      const key = this.key('session', id);
      const s = await this.readVersioned(c, key, sessionRecord, 'session').catch(skipCorrupt);
      if (s === null || s.value.spaceId !== '' || s.value.endedAt !== null) continue;
      const stamped = JSON.stringify({ ...s.value, spaceId: this.spaceId });
      const done = await c.eval(
        CAS,
        2,
        key,
        this.spaceOpenKey(this.spaceId),
        s.v,
        s.v + 1,
        stamped,
        'sadd',
        id,
        '',
      );
      const nasKey = nasSessionKeyOf(s.value);
      if (done === 1 && nasKey !== null) await c.set(this.nasSessionKey(this.spaceId, nasKey), id, 'NX');
    }
    await c.set(marker, SPACE_INDEX_VERSION);
  }

  listSessionsByTicket(ticketId: string): Promise<Session[]> {
    return this.run('listSessionsByTicket', async (c) =>
      this.readSessions(c, await c.zrange(this.key('ticket-sessions', ticketId), 0, -1)),
    );
  }

  // ---- Retention (issue 13). Records are read, judged by the domain's rule, and deleted only if
  // unchanged since (DELETE_IF_UNCHANGED), so a concurrent writer is never overridden. A record
  // that cannot be read back (corrupt) is kept: nothing can tell whether its time has come.

  /**
   * Walks the members of a zset scored at most `below` (exclusive), oldest first, and calls
   * `visit` on each; `visit` says whether it removed the member from this zset, so the walk
   * does not skip the next ones.
   */
  private async walkOlder(
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

  purgeSessions(endedBefore: number): Promise<number> {
    return this.run('purgeSessions', async (c) => {
      let purged = 0;
      // Scored by start: a session that ended before the cutoff started before it.
      await this.walkOlder(c, this.key('sessions'), endedBefore, async (id) => {
        const key = this.key('session', id);
        const s = await this.readVersioned(c, key, sessionRecord, 'session').catch(skipCorrupt);
        if (s === null) {
          // A record already gone leaves only its index entry; a corrupt one is kept.
          if ((await c.exists(key)) === 1) return false;
          await c.zrem(this.key('sessions'), id);
          return true;
        }
        const { endedAt } = s.value;
        if (endedAt === null || endedAt >= endedBefore) return false;
        const entries: [string, 'zrem' | 'srem' | 'delif', string][] = [
          [this.key('sessions'), 'zrem', id],
          [this.key('sessions-open'), 'srem', id],
        ];
        if (s.value.ticketId !== null)
          entries.push([this.key('ticket-sessions', s.value.ticketId), 'zrem', id]);
        const device = sessionDeviceKey(s.value.device);
        if (device !== null) entries.push([this.key('device-sessions', device), 'zrem', id]);
        const nasKey = nasSessionKeyOf(s.value);
        if (nasKey !== null) entries.push([this.nasSessionKey(s.value.spaceId, nasKey), 'delif', id]);
        if (s.value.spaceId !== '') entries.push([this.spaceOpenKey(s.value.spaceId), 'srem', id]);
        if (!(await this.deleteIfUnchanged(c, key, s.v, entries))) return false;
        purged++;
        return true;
      });
      return purged;
    });
  }

  private async deleteIfUnchanged(
    c: Redis,
    key: string,
    version: number,
    entries: [string, 'zrem' | 'srem' | 'delif', string][],
  ): Promise<boolean> {
    const res = await c.eval(
      DELETE_IF_UNCHANGED,
      1 + entries.length,
      key,
      ...entries.map((e) => e[0]),
      version,
      ...entries.flatMap((e) => [e[1], e[2]]),
    );
    return res === 1;
  }

  purgeDeviceBindings(endedBefore: number): Promise<number> {
    return this.run('purgeDeviceBindings', async (c) => {
      let purged = 0;
      await this.walkOlder(c, this.key('tickets'), endedBefore, async (id) => {
        const t = await this.readVersioned(c, this.key('ticket', id), ticketRecord, 'ticket').catch(
          skipCorrupt,
        );
        if (t === null || t.value.devices.length === 0 || !ticketEndedBefore(t.value, endedBefore))
          return false;
        const next = await this.updateTicket(id, (current) =>
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

  purgeAcceptances(before: number): Promise<number> {
    return this.run('purgeAcceptances', async (c) => {
      let purged = 0;
      const tickets = new Map<string, boolean>();
      // Acceptances are kept per device; the prefix holds no glob character (config schema).
      const match = `${this.key('acceptances')}:*`;
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
            if (a.ticketId !== null) {
              let gone = tickets.get(a.ticketId);
              if (gone === undefined) {
                const t = await this.readVersioned(
                  c,
                  this.key('ticket', a.ticketId),
                  ticketRecord,
                  'ticket',
                ).catch((err: unknown) => (skipCorrupt(err), undefined));
                // The proof is kept while its ticket may still be used, and as long after it ended.
                gone = t === null || (t !== undefined && ticketEndedBefore(t.value, before));
                tickets.set(a.ticketId, gone);
              }
              if (!gone) continue;
            }
            purged += await c.zrem(key, json);
          }
        }
      } while (cursor !== '0');
      return purged;
    });
  }

  purgeTickets(endedBefore: number): Promise<number> {
    return this.run('purgeTickets', async (c) => {
      let purged = 0;
      await this.walkOlder(c, this.key('tickets'), endedBefore, async (id) => {
        const key = this.key('ticket', id);
        const t = await this.readVersioned(c, key, ticketRecord, 'ticket').catch(skipCorrupt);
        if (t === null || !ticketEndedBefore(t.value, endedBefore)) return false;
        if (await this.hasOpenSession(c, id)) return false;
        const entries: [string, 'zrem' | 'srem' | 'delif', string][] = [
          [this.key('tickets'), 'zrem', id],
          [this.key('batch-tickets', t.value.batchId), 'zrem', id],
          [this.key('code', t.value.code), 'delif', id],
          ...[...new Set(t.value.devices)].map((device): [string, 'zrem', string] => [
            this.key('device-tickets', device),
            'zrem',
            id,
          ]),
        ];
        if (!(await this.deleteIfUnchanged(c, key, t.v, entries))) return false;
        purged++;
        await c.eval(
          DELETE_EMPTY_BATCH,
          3,
          this.key('batch', t.value.batchId),
          this.key('batches'),
          this.key('batch-tickets', t.value.batchId),
          t.value.batchId,
        );
        return true;
      });
      return purged;
    });
  }

  private async hasOpenSession(c: Redis, ticketId: string): Promise<boolean> {
    const ids = await c.zrange(this.key('ticket-sessions', ticketId), 0, -1);
    if (ids.length === 0) return false;
    const open = await c.smismember(this.key('sessions-open'), ...ids);
    return open.some((x) => x === 1);
  }

  getCounter(key: string): Promise<DeviceCounter | null> {
    return this.run(
      'getCounter',
      async (c) =>
        (await this.readVersioned(c, this.key('counter', key), counterRecord, 'counter'))?.value ?? null,
    );
  }

  updateCounter(
    key: string,
    change: (current: DeviceCounter | null) => DeviceCounter,
  ): Promise<DeviceCounter> {
    return this.upsert('updateCounter', this.key('counter', key), counterRecord, 'counter', (current) => {
      const next = counterRecord.parse({ ...change(current), key });
      // Redis refuses an expiry in the past; an already stale counter lives one more second.
      return { next, expireAt: Math.max(next.expiresAt, Date.now() + 1000) };
    });
  }

  /**
   * Read, compute, compare-and-set a record that may not exist yet; retried when a concurrent
   * writer got there first. `compute` may run more than once and must have no effects.
   */
  private upsert<T>(
    operation: string,
    key: string,
    schema: z.ZodType<T>,
    what: string,
    compute: (current: T | null) => { next: T; expireAt: number | null },
  ): Promise<T> {
    return this.run(operation, async (c) => {
      const attempts = this.options.maxAttempts ?? 200;
      for (let i = 0; i < attempts; i++) {
        const current = await this.readVersioned(c, key, schema, what);
        const { next, expireAt } = compute(current?.value ?? null);
        const res = await c.eval(
          UPSERT_CAS,
          1,
          key,
          current ? current.v : '',
          current ? current.v + 1 : 0,
          JSON.stringify(next),
          expireAt ?? '',
        );
        if (res === 1) return next;
      }
      throw new EcnError(
        'ECN_ERR_STORE_CONFLICT',
        `Gave up ${operation} after ${attempts} concurrent conflicts.`,
      );
    });
  }

  deleteCounter(key: string): Promise<void> {
    return this.run('deleteCounter', async (c) => {
      await c.del(this.key('counter', key));
    });
  }

  /** Redis expires counters by itself (PEXPIREAT); nothing is left to purge. */
  purgeCounters(_now: number): Promise<number> {
    return Promise.resolve(0);
  }

  // ---- Console (issue 7)

  createUser(user: ConsoleUser): Promise<boolean> {
    return this.run('createUser', async (c) => {
      const json = JSON.stringify(userRecord.parse(user));
      const ok = await c.eval(
        CREATE_IF_ABSENT,
        2,
        this.key('user', user.username),
        this.key('users'),
        json,
        user.username,
        '',
      );
      return ok === 1;
    });
  }

  getUser(username: string): Promise<ConsoleUser | null> {
    return this.run(
      'getUser',
      async (c) =>
        (await this.readVersioned(c, this.key('user', username), userRecord, 'console user'))?.value ?? null,
    );
  }

  listUsers(): Promise<ConsoleUser[]> {
    return this.run('listUsers', async (c) => {
      const names = (await c.smembers(this.key('users'))).sort();
      const out: ConsoleUser[] = [];
      for (const n of names) {
        const u = await this.readVersioned(c, this.key('user', n), userRecord, 'console user');
        if (u) out.push(u.value);
      }
      return out;
    });
  }

  updateUser(username: string, change: Mutation<ConsoleUser>): Promise<ConsoleUser | null> {
    return this.casUpdate('updateUser', this.key('user', username), userRecord, 'console user', (u) => ({
      ...change(u),
      username,
      version: u.version + 1,
    }));
  }

  createConsoleSession(s: ConsoleSession): Promise<void> {
    return this.run('createConsoleSession', async (c) => {
      const json = JSON.stringify(consoleSessionRecord.parse(s));
      const ok = await c.eval(
        CREATE_IF_ABSENT,
        2,
        this.key('console-session', s.id),
        this.key('console-sessions'),
        json,
        '',
        Math.max(s.expiresAt, Date.now() + 1000),
      );
      if (ok !== 1) throw new EcnError('ECN_ERR_STORE_CONFLICT', 'A console session with this id exists.');
    });
  }

  getConsoleSession(id: string): Promise<ConsoleSession | null> {
    return this.run(
      'getConsoleSession',
      async (c) =>
        (
          await this.readVersioned(
            c,
            this.key('console-session', id),
            consoleSessionRecord,
            'console session',
          )
        )?.value ?? null,
    );
  }

  async updateConsoleSession(id: string, change: Mutation<ConsoleSession>): Promise<ConsoleSession | null> {
    const next = await this.casUpdate(
      'updateConsoleSession',
      this.key('console-session', id),
      consoleSessionRecord,
      'console session',
      (s) => ({ ...change(s), id, version: s.version + 1 }),
    );
    if (next) {
      await this.run('updateConsoleSession', (c) =>
        c.pexpireat(this.key('console-session', id), Math.max(next.expiresAt, Date.now() + 1000)),
      );
    }
    return next;
  }

  deleteConsoleSession(id: string): Promise<void> {
    return this.run('deleteConsoleSession', async (c) => {
      await c.del(this.key('console-session', id));
    });
  }

  /** Redis expires console sessions by themselves (PEXPIREAT); nothing is left to purge. */
  purgeConsoleSessions(_now: number): Promise<number> {
    return Promise.resolve(0);
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    return this.run('appendAudit', async (c) => {
      const stamped = auditRecord.parse({ ...entry, spaceId: this.spaceId });
      await c.zadd(this.auditKey(), entry.at, JSON.stringify(stamped));
    });
  }

  listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return this.run('listAudit', async (c) => {
      const out: AuditEntry[] = [];
      const max: string = query.before === undefined ? '+inf' : `(${query.before}`;
      let offset = 0;
      const page = Math.max(query.limit, 100);
      // Page backwards through the sorted set until enough entries of the asked action are found.
      for (;;) {
        const docs = await c.zrevrangebyscore(this.auditKey(), max, '-inf', 'LIMIT', offset, page);
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

  purgeAudit(before: number): Promise<number> {
    return this.run('purgeAudit', async (c) => {
      const own = await c.zremrangebyscore(this.auditKey(), '-inf', `(${before}`);
      // The pool-wide list written before spaces were kept apart: no console shows it any more
      // (its entries' space is unknown), and it is purged by the same rule until it is empty.
      const before13 = await c.zremrangebyscore(this.key('audit'), '-inf', `(${before}`);
      return own + before13;
    });
  }

  /** Each space's audit trail: a manager sees what was done in their space only. */
  private auditKey(): string {
    return this.key('audit-space', this.spaceId);
  }

  // Settings are each space's (name, colours, charter, profiles, filter choices). The pool's one
  // record from before spaces were kept apart (`settings`) stands for a space that has saved none
  // of its own yet, so an upgrade changes nothing a resident sees; its first save copies it.

  getSettings(): Promise<SpaceSettings | null> {
    return this.run('getSettings', async (c) => (await this.readSettings(c))?.value ?? null);
  }

  private async readSettings(c: Redis): Promise<{ value: SpaceSettings; own: number | null } | null> {
    const own = await this.readVersioned(c, this.key('settings', this.spaceId), settingsRecord, 'settings');
    if (own) return { value: own.value, own: own.v };
    const shared = await this.readVersioned(c, this.key('settings'), settingsRecord, 'settings');
    return shared ? { value: shared.value, own: null } : null;
  }

  updateSettings(change: (current: SpaceSettings | null) => SpaceSettings): Promise<SpaceSettings> {
    return this.run('updateSettings', async (c) => {
      const attempts = this.options.maxAttempts ?? 200;
      for (let i = 0; i < attempts; i++) {
        const current = await this.readSettings(c);
        const next = settingsRecord.parse({
          ...change(current?.value ?? null),
          version: (current?.value.version ?? 0) + 1,
        });
        const own = current?.own ?? null;
        const res = await c.eval(
          UPSERT_CAS,
          1,
          this.key('settings', this.spaceId),
          own === null ? '' : own,
          own === null ? 0 : own + 1,
          JSON.stringify(next),
          '',
        );
        if (res === 1) return next;
      }
      throw new EcnError(
        'ECN_ERR_STORE_CONFLICT',
        `Gave up updateSettings after ${attempts} concurrent conflicts.`,
      );
    });
  }

  // ---- Space claims (issue #13): one box per space id on a pool.

  /**
   * Claims `space:<id>` for this box's instance for `ttlMs` (again: a heartbeat). Returns null
   * when this instance holds it, else the instance id of the box that does.
   */
  claimSpace(instanceId: string, ttlMs: number): Promise<string | null> {
    return this.run('claimSpace', async (c) => {
      const holder = (await c.eval(
        CLAIM_SPACE,
        1,
        this.key('space', this.spaceId),
        instanceId,
        ttlMs,
      )) as string;
      return holder === '' ? null : holder;
    });
  }

  /** Lets the claim go at a clean stop, so the box (or its replacement) starts again at once. */
  releaseSpace(instanceId: string): Promise<void> {
    return this.run('releaseSpace', async (c) => {
      await c.eval(RELEASE_SPACE, 1, this.key('space', this.spaceId), instanceId);
    });
  }

  // ---- Calls for help and attendance (issue 15, items 5 and 6)

  saveHelpRequest(
    spaceId: string,
    device: string,
    change: (current: HelpRequest | null) => HelpRequest,
  ): Promise<HelpRequest> {
    return this.run('saveHelpRequest', async (c) => {
      const key = this.key('help', spaceId, device);
      const attempts = this.options.maxAttempts ?? 200;
      for (let i = 0; i < attempts; i++) {
        const current = await this.readVersioned(c, key, helpRequestRecord, 'help request');
        const next = helpRequestRecord.parse({ ...change(current?.value ?? null), spaceId, device });
        if (current && current.value.id !== next.id) {
          throw new EcnError('ECN_ERR_INTERNAL', 'A refreshed help request must keep its id.');
        }
        const res = await c.eval(
          HELP_UPSERT,
          2,
          key,
          this.key('help-open', spaceId),
          current ? current.v : '',
          current ? current.v + 1 : 0,
          JSON.stringify(next),
          next.openedAt,
          device,
        );
        if (res === 1) return next;
      }
      throw new EcnError(
        'ECN_ERR_STORE_CONFLICT',
        `Gave up saveHelpRequest after ${attempts} concurrent conflicts.`,
      );
    });
  }

  /** The space's open requests with their version, longest waiting first. */
  private async openHelp(c: Redis, spaceId: string): Promise<Versioned<HelpRequest>[]> {
    const devices = await c.zrange(this.key('help-open', spaceId), 0, -1);
    const found: Versioned<HelpRequest>[] = [];
    for (const device of devices) {
      const r = await this.readVersioned(
        c,
        this.key('help', spaceId, device),
        helpRequestRecord,
        'help request',
      );
      if (r) found.push(r);
    }
    return found.sort((a, b) => a.value.openedAt - b.value.openedAt || a.value.id.localeCompare(b.value.id));
  }

  listHelpRequests(spaceId: string): Promise<HelpRequest[]> {
    return this.run('listHelpRequests', async (c) => (await this.openHelp(c, spaceId)).map((r) => r.value));
  }

  closeHelpRequest(spaceId: string, id: string): Promise<HelpRequest | null> {
    return this.run('closeHelpRequest', async (c) => {
      for (let i = 0; i < (this.options.maxAttempts ?? 200); i++) {
        const found = (await this.openHelp(c, spaceId)).find((r) => r.value.id === id);
        if (!found) return null;
        const { device } = found.value;
        const deleted = await this.deleteIfUnchanged(c, this.key('help', spaceId, device), found.v, [
          [this.key('help-open', spaceId), 'zrem', device],
        ]);
        if (deleted) return found.value;
      }
      throw new EcnError('ECN_ERR_STORE_CONFLICT', 'Gave up closeHelpRequest after concurrent conflicts.');
    });
  }

  purgeHelpRequests(spaceId: string, askedBefore: number): Promise<number> {
    return this.run('purgeHelpRequests', async (c) => {
      let purged = 0;
      for (const r of await this.openHelp(c, spaceId)) {
        if (r.value.askedAt >= askedBefore) continue;
        const { device } = r.value;
        // A request asked again meanwhile changed its version and stays.
        if (
          await this.deleteIfUnchanged(c, this.key('help', spaceId, device), r.v, [
            [this.key('help-open', spaceId), 'zrem', device],
          ])
        )
          purged++;
      }
      return purged;
    });
  }

  private async writeAttendance(
    c: Redis,
    spaceId: string,
    id: string,
    json: string,
    day: string,
  ): Promise<AttendanceEntry | null> {
    const previous = (await c.eval(
      ATTENDANCE_WRITE,
      2,
      this.key('attendance', spaceId),
      this.key('attendance-days', spaceId),
      id,
      json,
      Number(day.replace(/-/g, '')) || 0,
    )) as string | null;
    return previous ? readOrNullRecord(attendanceRecord, previous) : null;
  }

  saveAttendance(entry: AttendanceEntry): Promise<AttendanceEntry | null> {
    return this.run('saveAttendance', async (c) => {
      const next = attendanceRecord.parse(entry);
      return this.writeAttendance(c, next.spaceId, next.id, JSON.stringify(next), next.day);
    });
  }

  listAttendance(spaceId: string, fromDay: string, toDay: string): Promise<AttendanceEntry[]> {
    return this.run('listAttendance', async (c) => {
      const score = (day: string) => Number(day.replace(/-/g, '')) || 0;
      const ids = await c.zrangebyscore(this.key('attendance-days', spaceId), score(fromDay), score(toDay));
      if (ids.length === 0) return [];
      const rows = await c.hmget(this.key('attendance', spaceId), ...ids);
      const entries = rows
        .filter((r): r is string => typeof r === 'string')
        .map((r) => readRecord(attendanceRecord, r, 'attendance entry'));
      return entries.sort(
        (a, b) => a.day.localeCompare(b.day) || a.recordedAt - b.recordedAt || a.id.localeCompare(b.id),
      );
    });
  }

  deleteAttendance(spaceId: string, id: string): Promise<AttendanceEntry | null> {
    return this.run('deleteAttendance', (c) => this.writeAttendance(c, spaceId, id, '', ''));
  }

  // ---- Issue #15, item 2: the space's own devices, one hash per space (field: the MAC).

  putTrustedDevice(device: TrustedDevice): Promise<boolean> {
    return this.run('putTrustedDevice', async (c) => {
      const json = JSON.stringify(trustedDeviceRecord.parse(device));
      return (await c.hset(this.key('trusted-devices', device.spaceId), device.mac, json)) === 1;
    });
  }

  getTrustedDevice(spaceId: string, mac: string): Promise<TrustedDevice | null> {
    return this.run('getTrustedDevice', async (c) => {
      const json = await c.hget(this.key('trusted-devices', spaceId), mac);
      return json === null ? null : readRecord(trustedDeviceRecord, json, 'trusted device');
    });
  }

  listTrustedDevices(spaceId: string): Promise<TrustedDevice[]> {
    return this.run('listTrustedDevices', async (c) =>
      Object.values(await c.hgetall(this.key('trusted-devices', spaceId)))
        .map((json) => readRecord(trustedDeviceRecord, json, 'trusted device'))
        .sort(byLabel),
    );
  }

  deleteTrustedDevice(spaceId: string, mac: string): Promise<boolean> {
    return this.run(
      'deleteTrustedDevice',
      async (c) => (await c.hdel(this.key('trusted-devices', spaceId), mac)) === 1,
    );
  }
}

/** A corrupt record is left out of a back-fill: reading it still reports ECN_ERR_STORE_CORRUPT. */
function skipCorrupt(err: unknown): null {
  if (isEcnError(err, 'ECN_ERR_STORE_CORRUPT')) return null;
  throw err;
}

function emptiedError(): EcnError {
  return new EcnError(
    'ECN_ERR_STORE_EMPTIED',
    'Redis answers but has lost its data (its marker key is gone): it was flushed or restarted without its AOF. Nothing is read or written until it is restored and the service restarted.',
  );
}

function isRedisFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    err.name === 'ReplyError' ||
    err.name === 'MaxRetriesPerRequestError' ||
    /Command timed out|Connection is closed|Stream isn't writeable|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EPIPE/.test(
      err.message,
    )
  );
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** A replaced or removed record that does not match its schema is reported as none. */
function readOrNullRecord<T>(schema: z.ZodType<T>, json: string): T | null {
  try {
    return readRecord(schema, json, 'record');
  } catch (err) {
    return skipCorrupt(err);
  }
}

/** A pipeline's replies, throwing the first error (as a single command would). */
function pipelineValues(results: [Error | null, unknown][] | null): unknown[] {
  return (results ?? []).map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
