// The space's own allow and block lists as managers set them in the console, in a small JSON
// file beside the table: the gateway writes it, the DNS process (which never opens the store)
// watches it like the table. Absent file = the configuration's lists.

import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface CustomLists {
  allow: string[];
  block: string[];
}

export class CustomListsError extends Error {}

/** The lists file of a table file: `custom.json` in the same folder. */
export function customListsFile(tableFile: string): string {
  return path.join(path.dirname(tableFile), 'custom.json');
}

/** Writes the lists atomically (temporary file, fsync, rename): readers see old or new, whole. */
export function writeCustomLists(file: string, lists: CustomLists): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const body = Buffer.from(`${JSON.stringify({ allow: lists.allow, block: lists.block }, null, 1)}\n`);
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    let off = 0;
    while (off < body.length) off += writeSync(fd, body, off, body.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** The lists in the file; null when there is none; CustomListsError when it is not usable. */
export function readCustomLists(file: string): CustomLists | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CustomListsError(`cannot read ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CustomListsError(`${file} is not JSON`);
  }
  const v = value as Partial<CustomLists> | null;
  const strings = (a: unknown): a is string[] => Array.isArray(a) && a.every((s) => typeof s === 'string');
  if (!v || typeof v !== 'object' || !strings(v.allow) || !strings(v.block)) {
    throw new CustomListsError(`${file} does not hold { allow: [...], block: [...] }`);
  }
  return { allow: v.allow, block: v.block };
}

/**
 * Brings the file in line with the lists stored by the console (at the gateway's start: a
 * restored store, or a file lost, would otherwise leave the DNS process on other lists).
 * Nothing stored means the configuration's lists: the file is left alone. Returns whether it wrote.
 */
export function syncCustomLists(file: string, stored: CustomLists | undefined): boolean {
  if (!stored) return false;
  let current: CustomLists | null = null;
  try {
    current = readCustomLists(file);
  } catch {
    current = null; // an unusable file is replaced
  }
  const same =
    current !== null &&
    JSON.stringify([current.allow, current.block]) === JSON.stringify([stored.allow, stored.block]);
  if (!same) writeCustomLists(file, { allow: [...stored.allow], block: [...stored.block] });
  return !same;
}
