// Parsed records by the exact text of their stored row, so that reading a row that has not
// changed since the last read costs a string comparison instead of JSON.parse and a schema
// check (the RADIUS hot path reads the same tickets again and again). Not a cache of the
// store's state: the caller reads the row from the database every time and hands its text
// here; any write, by this process or another, changes the text, which is then parsed afresh.

import type { z } from 'zod';
import { readRecord } from './records';

/** Entries kept; past this the memo starts again empty (cheap, and bounded whatever happens). */
const MAX_ENTRIES = 2048;

export class ParsedRows<T extends object> {
  private readonly byText = new Map<string, T>();

  constructor(
    private readonly schema: z.ZodType<T>,
    private readonly what: string,
  ) {}

  /**
   * The record stored as `text`, parsed and checked once. Returned records are frozen (deeply):
   * they are shared between readers, so nobody may change one in place.
   */
  read(text: string): T {
    const known = this.byText.get(text);
    if (known !== undefined) return known;
    const record = deepFreeze(readRecord(this.schema, text, this.what));
    if (this.byText.size >= MAX_ENTRIES) this.byText.clear();
    this.byText.set(text, record);
    return record;
  }

  clear(): void {
    this.byText.clear();
  }

  get size(): number {
    return this.byText.size;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
