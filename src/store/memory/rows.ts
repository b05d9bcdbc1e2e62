// Reading the memory store's rows back through their record schemas, as the real stores do, so
// that a test cannot pass by sharing an object with the store.

import type { z } from 'zod';
import { readOrNull } from '../read-or-null';
import { readRecord } from '../records';
import type { Row, Table } from './schema';

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function read<T>(schema: z.ZodType<T>, row: Row | undefined, what: string): T | null {
  return row === undefined ? null : readRecord(schema, row.data, what);
}

/** Every row of a table in the order written; `skipCorrupt` leaves out rows that do not read. */
export function all<T>(schema: z.ZodType<T>, table: Table, what: string, skipCorrupt = false): T[] {
  const rows = [...table.rows.values()].sort((a, b) => a.seq - b.seq);
  if (!skipCorrupt) return rows.map((row) => readRecord(schema, row.data, what));
  return rows.map((row) => readOrNull(schema, row.data)).filter((x): x is T => x !== null);
}

/** Removes the rows `doomed` picks; a row that cannot be read back is kept. */
export function remove<T>(table: Table, schema: z.ZodType<T>, doomed: (value: T) => boolean): number {
  let n = 0;
  for (const [key, row] of [...table.rows]) {
    const value = readOrNull(schema, row.data);
    if (value !== null && doomed(value)) {
      table.rows.delete(key);
      n++;
    }
  }
  return n;
}
