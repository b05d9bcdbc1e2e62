// A small streaming reader of (gzipped) tar archives, enough for the UT1 tarball: it writes
// the regular files that `want` accepts under `dest`, and fails on a truncated archive.

import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdirSync,
  openSync,
  readSync,
  type WriteStream,
} from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';

export class TarError extends Error {}

/** Extracts the wanted files; resolves to the archive paths written. */
export async function extractTar(
  archive: string,
  dest: string,
  want: (name: string) => boolean,
): Promise<string[]> {
  const gz = isGzip(archive);
  const input = createReadStream(archive);
  const stream = gz ? input.pipe(createGunzip()) : input;
  input.on('error', (err) => stream.destroy(err));
  const written: string[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let file: { out: WriteStream | null; left: number; padding: number } | null = null;
  let ended = false;
  let longName: string | null = null;
  let longBuf: Buffer[] | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let off = 0;
      while (!ended) {
        if (file) {
          const n = Math.min(file.left, pending.length - off);
          if (n > 0) {
            const part = pending.subarray(off, off + n);
            if (file.out && !file.out.write(part))
              await new Promise<void>((r) => file!.out!.once('drain', () => r()));
            if (longBuf) longBuf.push(Buffer.from(part));
            file.left -= n;
            off += n;
          }
          if (file.left > 0) break;
          if (pending.length - off < file.padding) break;
          off += file.padding;
          if (file.out) await closeStream(file.out);
          if (longBuf) {
            longName = Buffer.concat(longBuf).toString('utf8').replace(/\0.*$/s, '');
            longBuf = null;
          }
          file = null;
          continue;
        }
        if (pending.length - off < 512) break;
        const header = pending.subarray(off, off + 512);
        off += 512;
        if (header.every((b) => b === 0)) {
          ended = true;
          break;
        }
        if (!checksumOk(header)) throw new TarError('bad tar header checksum');
        const size = parseOctal(header.subarray(124, 136));
        const type = String.fromCharCode(header[156]!);
        const prefix = cstr(header.subarray(345, 500));
        let name =
          longName ?? (prefix ? `${prefix}/${cstr(header.subarray(0, 100))}` : cstr(header.subarray(0, 100)));
        if (type !== 'L') longName = null;
        name = name.replace(/^\.\//, '');
        const padding = (512 - (size % 512)) % 512;
        let out: WriteStream | null = null;
        if (type === 'L') {
          longBuf = [];
        } else if ((type === '0' || type === '\0') && want(name) && safePath(name)) {
          const target = path.join(dest, name);
          mkdirSync(path.dirname(target), { recursive: true });
          out = createWriteStream(target);
          written.push(name);
        }
        file = { out, left: size, padding };
      }
      pending = pending.subarray(off);
    }
  } finally {
    if (file?.out) file.out.destroy();
  }
  if (!ended && (file !== null || pending.length > 0 || written.length === 0)) {
    throw new TarError('the archive is truncated');
  }
  return written;
}

function isGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(2);
    return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

function closeStream(s: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.end(() => resolve());
  });
}

function cstr(b: Buffer): string {
  const z = b.indexOf(0);
  return b.toString('utf8', 0, z === -1 ? b.length : z);
}

function parseOctal(b: Buffer): number {
  const s = cstr(b).trim();
  if (!/^[0-7]*$/.test(s)) throw new TarError('bad size in tar header');
  return s === '' ? 0 : parseInt(s, 8);
}

function checksumOk(h: Buffer): boolean {
  const stored = parseOctal(h.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  return sum === stored;
}

function safePath(name: string): boolean {
  return !path.isAbsolute(name) && !name.split('/').includes('..');
}
