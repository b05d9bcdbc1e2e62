// Versioned records on Redis: a hash of `v` and `data` (the JSON document), read and changed by
// compare-and-set, retried when another writer got there first, so the domain rules run in
// TypeScript only. Shared by every area of the Redis store.

import type Redis from 'ioredis';
import type { z } from 'zod';
import { EcnError, isEcnError } from '../../domain/errors';
import type { Mutation } from '../../domain/ports';
import { readRecord } from '../records';
import type { RedisConnection } from './connection';
import { CAS, DELETE_IF_UNCHANGED, UPSERT_CAS } from './scripts';

export type Versioned<T> = { value: T; v: number };

/** One change to an index set that a compare-and-set applies with the record. */
export interface IndexChange {
  key: string;
  op: 'sadd' | 'srem' | 'zadd' | 'zrem';
  member: string;
  score?: number;
}

/** An index entry deleted with its record: key, op ('delif': delete the key if it holds it), member. */
export type IndexEntry = [string, 'zrem' | 'srem' | 'delif', string];

export async function readVersioned<T>(
  c: Redis,
  key: string,
  schema: z.ZodType<T>,
  what: string,
): Promise<Versioned<T> | null> {
  const [v, data] = await c.hmget(key, 'v', 'data');
  if (v === null || v === undefined || data === null || data === undefined) return null;
  return { value: readRecord(schema, data, what), v: Number(v) };
}

/** Reads one versioned record's value, or null, as one store operation. */
export function getVersioned<T>(
  ctx: RedisConnection,
  operation: string,
  key: string,
  schema: z.ZodType<T>,
  what: string,
): Promise<T | null> {
  return ctx.run(operation, async (c) => (await readVersioned(c, key, schema, what))?.value ?? null);
}

/** Read, apply, compare-and-set; retried when a concurrent writer bumped the version. */
export function casUpdate<T>(
  ctx: RedisConnection,
  operation: string,
  key: string,
  schema: z.ZodType<T>,
  what: string,
  change: Mutation<T>,
  indexes?: (current: T, next: T) => IndexChange[],
): Promise<T | null> {
  return ctx.run(operation, async (c) => {
    const attempts = ctx.maxAttempts;
    for (let i = 0; i < attempts; i++) {
      const current = await readVersioned(c, key, schema, what);
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
    throw conflict(operation, attempts);
  });
}

/**
 * Read, compute, compare-and-set a record that may not exist yet; retried when a concurrent
 * writer got there first. `compute` may run more than once and must have no effects.
 */
export function upsert<T>(
  ctx: RedisConnection,
  operation: string,
  key: string,
  schema: z.ZodType<T>,
  what: string,
  compute: (current: T | null) => { next: T; expireAt: number | null },
): Promise<T> {
  return ctx.run(operation, async (c) => {
    const attempts = ctx.maxAttempts;
    for (let i = 0; i < attempts; i++) {
      const current = await readVersioned(c, key, schema, what);
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
    throw conflict(operation, attempts);
  });
}

/** Deletes a record, with its index entries, only if it has not changed since it was read. */
export async function deleteIfUnchanged(
  c: Redis,
  key: string,
  version: number,
  entries: IndexEntry[],
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

export function conflict(operation: string, attempts: number): EcnError {
  return new EcnError(
    'ECN_ERR_STORE_CONFLICT',
    `Gave up ${operation} after ${attempts} concurrent conflicts.`,
  );
}

/** A corrupt record is left out of a back-fill: reading it still reports ECN_ERR_STORE_CORRUPT. */
export function skipCorrupt(err: unknown): null {
  if (isEcnError(err, 'ECN_ERR_STORE_CORRUPT')) return null;
  throw err;
}

/** A replaced or removed record that does not match its schema is reported as none. */
export function readOrNullRecord<T>(schema: z.ZodType<T>, json: string): T | null {
  try {
    return readRecord(schema, json, 'record');
  } catch (err) {
    return skipCorrupt(err);
  }
}

/** A pipeline's replies, throwing the first error (as a single command would). */
export function pipelineValues(results: [Error | null, unknown][] | null): unknown[] {
  return (results ?? []).map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
