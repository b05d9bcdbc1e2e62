// Reading a stored record where a corrupt one is skipped rather than reported: the purges and
// the "what was there before" answers leave a record they cannot read alone, never guess at it.

import type { z } from 'zod';
import { isEcnError } from '../domain/errors';
import { readRecord } from './records';

/** A record that does not match its schema is left alone (null), never guessed at. */
export function readOrNull<T>(schema: z.ZodType<T>, data: string): T | null {
  try {
    return readRecord(schema, data, 'record');
  } catch (err) {
    if (isEcnError(err, 'ECN_ERR_STORE_CORRUPT')) return null;
    throw err;
  }
}
