// The compiled table on disk: a 64-byte header (magic, version, counts, SHA-256 of the body),
// JSON metadata, then the typed arrays as they sit in memory, so loading is one read and a
// checksum. Written to a temporary file, synced, then renamed: readers see old or new, whole.

import { createHash } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { NameTable, type NameTableArrays } from './name-table';

export const TABLE_MAGIC = 'ECNFLT\r\n';
export const TABLE_VERSION = 1;
const HEADER = 64;
const BUCKETS = 1 << 16;

export interface CategoryInfo {
  name: string;
  /** What the table does with names of this category. */
  role: 'block' | 'allow';
}

export interface TableMeta {
  builtAt: string;
  /** Category of bit i is categories[i]. */
  categories: CategoryInfo[];
  sources: { source: string; category: string; names: number; bad: number }[];
}

export interface LoadedTable {
  table: NameTable;
  meta: TableMeta;
}

export class TableFileError extends Error {}

const pad4 = (n: number) => (n + 3) & ~3;

export function encodeTable(table: NameTable, meta: TableMeta): Buffer[] {
  const a = table.arrays;
  const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
  const metaPad = Buffer.alloc(pad4(metaBytes.length) - metaBytes.length);
  const view = (x: ArrayBufferView) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  const comboPad = Buffer.alloc(pad4(a.combo.byteLength) - a.combo.byteLength);
  const body = [
    metaBytes,
    metaPad,
    view(a.combos),
    view(a.index),
    view(a.hi),
    view(a.lo),
    view(a.combo),
    comboPad,
  ];
  const hash = createHash('sha256');
  for (const b of body) hash.update(b);
  const header = Buffer.alloc(HEADER);
  header.write(TABLE_MAGIC, 0, 'latin1');
  header.writeUInt32LE(TABLE_VERSION, 8);
  header.writeUInt32LE(metaBytes.length, 12);
  header.writeUInt32LE(a.hi.length, 16);
  header.writeUInt32LE(a.combos.length, 20);
  hash.digest().copy(header, 32);
  return [header, ...body];
}

/** Writes the table atomically (temporary file, fsync, rename). */
export function writeTableFile(file: string, table: NameTable, meta: TableMeta): number {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o644);
  let bytes = 0;
  try {
    for (const part of encodeTable(table, meta)) {
      let off = 0;
      while (off < part.length) off += writeSync(fd, part, off, part.length - off);
      bytes += part.length;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(path.dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
  return bytes;
}

/** Reads and checks a table file; throws TableFileError when it is not a whole, valid table. */
export function readTableFile(file: string): LoadedTable {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    throw new TableFileError(`cannot read ${file}: ${(err as Error).message}`);
  }
  return decodeTable(buf);
}

/**
 * The metadata and name count of a table file, reading only its header and metadata (the
 * console shows them; the body is not checked here).
 */
export function readTableMeta(file: string): { meta: TableMeta; names: number } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new TableFileError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    const header = Buffer.alloc(HEADER);
    if (readSync(fd, header, 0, HEADER, 0) !== HEADER || header.toString('latin1', 0, 8) !== TABLE_MAGIC)
      throw new TableFileError('not a filter table (bad magic)');
    const metaLen = header.readUInt32LE(12);
    if (metaLen > 16 << 20) throw new TableFileError('table metadata too large');
    const metaBytes = Buffer.alloc(metaLen);
    if (readSync(fd, metaBytes, 0, metaLen, HEADER) !== metaLen) throw new TableFileError('truncated table');
    try {
      return { meta: JSON.parse(metaBytes.toString('utf8')) as TableMeta, names: header.readUInt32LE(16) };
    } catch {
      throw new TableFileError('table metadata is not JSON');
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads and checks a table file without blocking the event loop for long: the read is
 * asynchronous and the checksum is computed in slices, yielding between them, so the DNS
 * server keeps answering while a new table loads.
 */
export async function loadTableFile(file: string): Promise<LoadedTable> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (err) {
    throw new TableFileError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (buf.length >= HEADER) {
    const hash = createHash('sha256');
    for (let off = HEADER; off < buf.length; off += SLICE) {
      hash.update(buf.subarray(off, Math.min(buf.length, off + SLICE)));
      await new Promise<void>((r) => setImmediate(r));
    }
    if (!hash.digest().equals(buf.subarray(32, 64))) throw new TableFileError('table checksum mismatch');
  }
  return decodeTable(buf, { checksumVerified: true });
}

const SLICE = 4 << 20;

export function decodeTable(input: Buffer, opts: { checksumVerified?: boolean } = {}): LoadedTable {
  if (input.length < HEADER || input.toString('latin1', 0, 8) !== TABLE_MAGIC) {
    throw new TableFileError('not a filter table (bad magic)');
  }
  const version = input.readUInt32LE(8);
  if (version !== TABLE_VERSION) throw new TableFileError(`unsupported table version ${version}`);
  const metaLen = input.readUInt32LE(12);
  const count = input.readUInt32LE(16);
  const comboCount = input.readUInt32LE(20);
  const expected = HEADER + pad4(metaLen) + 4 * comboCount + 4 * (BUCKETS + 1) + 8 * count + pad4(2 * count);
  if (input.length !== expected) {
    throw new TableFileError(`truncated or oversized table (${input.length} bytes, expected ${expected})`);
  }
  if (!opts.checksumVerified) {
    const digest = createHash('sha256').update(input.subarray(HEADER)).digest();
    if (!digest.equals(input.subarray(32, 64))) throw new TableFileError('table checksum mismatch');
  }
  // Typed arrays need aligned offsets; copy once if the buffer is not aligned.
  const buf = input.byteOffset % 4 === 0 ? input : Buffer.from(input);
  let meta: TableMeta;
  try {
    meta = JSON.parse(buf.toString('utf8', HEADER, HEADER + metaLen)) as TableMeta;
  } catch {
    throw new TableFileError('table metadata is not JSON');
  }
  let off = buf.byteOffset + HEADER + pad4(metaLen);
  const take = <T>(Ctor: new (b: ArrayBufferLike, o: number, n: number) => T, n: number, size: number): T => {
    const arr = new Ctor(buf.buffer, off, n);
    off += n * size;
    return arr;
  };
  const arrays: NameTableArrays = {
    combos: take(Uint32Array, comboCount, 4),
    index: take(Uint32Array, BUCKETS + 1, 4),
    hi: take(Uint32Array, count, 4),
    lo: take(Uint32Array, count, 4),
    combo: take(Uint16Array, count, 2),
  };
  if (arrays.index[BUCKETS] !== count) throw new TableFileError('table index is inconsistent');
  for (let i = 0; i < count; i++) {
    if (arrays.combo[i]! >= comboCount) throw new TableFileError('table entry refers to no category');
  }
  return { table: new NameTable(arrays), meta };
}
