// A small cache of the upstream's answers, in memory only, so repeated names do not cost a
// round trip to the local resolver (a flood then stays in this process). TTLs are counted
// down on every hit, as a resolver's cache does; nothing is written anywhere and nothing
// identifies who asked. Consulted only after the filter policy, so a newly blocked name is
// never served from it.

import { Rcode, RRType } from './dns/constants';
import type { ParsedQuery } from './dns/query';

interface Entry {
  reply: Buffer;
  questionEnd: number;
  /** Offsets of every TTL field in `reply` (OPT excluded) and their values when stored. */
  ttlAt: number[];
  ttls: number[];
  storedAt: number;
  expiresAt: number;
}

const MAX_TTL = 3600;

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** A copy of the cached answer for this query, TTLs counted down, or null. */
  get(q: ParsedQuery, packet: Buffer): Buffer | null {
    if (this.capacity === 0) return null;
    const key = cacheKey(q);
    const e = this.entries.get(key);
    if (!e) return null;
    const t = this.now();
    if (t >= e.expiresAt || e.questionEnd !== q.questionEnd) {
      this.entries.delete(key);
      return null;
    }
    const out = Buffer.allocUnsafe(e.reply.length);
    e.reply.copy(out);
    packet.copy(out, 0, 0, 2); // the client's ID
    packet.copy(out, 12, 12, q.questionEnd); // and its question, letter case included
    out[2] = (out[2]! & 0xfe) | (packet[2]! & 0x01); // RD as asked
    const elapsed = Math.floor((t - e.storedAt) / 1000);
    for (let i = 0; i < e.ttlAt.length; i++)
      out.writeUInt32BE(Math.max(0, e.ttls[i]! - elapsed), e.ttlAt[i]!);
    return out;
  }

  /** Keeps a whole NOERROR/NXDOMAIN answer for as long as its smallest TTL. */
  put(q: ParsedQuery, reply: Buffer): void {
    if (this.capacity === 0 || reply.length < 12) return;
    const rcode = reply[3]! & 0xf;
    if ((reply[2]! & 0x02) !== 0 || (rcode !== Rcode.NOERROR && rcode !== Rcode.NXDOMAIN)) return;
    const ttls = ttlFields(reply, q.questionEnd);
    if (ttls === null || ttls.at.length === 0) return;
    const min = Math.min(MAX_TTL, ...ttls.values);
    if (min <= 0) return;
    const key = cacheKey(q);
    if (this.entries.size >= this.capacity && !this.entries.has(key)) {
      // Evict the oldest insertion (Map keeps insertion order).
      const first = this.entries.keys().next();
      if (!first.done) this.entries.delete(first.value);
    }
    const t = this.now();
    this.entries.delete(key);
    this.entries.set(key, {
      reply: Buffer.from(reply),
      questionEnd: q.questionEnd,
      ttlAt: ttls.at,
      ttls: ttls.values,
      storedAt: t,
      expiresAt: t + min * 1000,
    });
  }

  clear(): void {
    this.entries.clear();
  }
}

function cacheKey(q: ParsedQuery): string {
  const e = q.edns ? (q.edns.dnssecOk ? 'D' : 'E') : 'N';
  return `${q.question.name.toLowerCase()}/${q.question.type}/${q.question.class}/${e}${q.header.cd ? 'C' : ''}`;
}

/** Offsets and values of the TTLs of every record after the question; null if malformed. */
function ttlFields(buf: Buffer, questionEnd: number): { at: number[]; values: number[] } | null {
  const count = buf.readUInt16BE(6) + buf.readUInt16BE(8) + buf.readUInt16BE(10);
  if (buf.readUInt16BE(4) !== 1) return null;
  const at: number[] = [];
  const values: number[] = [];
  let off = questionEnd;
  for (let i = 0; i < count; i++) {
    off = skipName(buf, off);
    if (off < 0 || off + 10 > buf.length) return null;
    const type = buf.readUInt16BE(off);
    if (type !== RRType.OPT) {
      at.push(off + 4);
      values.push(buf.readUInt32BE(off + 4));
    }
    off += 10 + buf.readUInt16BE(off + 8);
    if (off > buf.length) return null;
  }
  return off === buf.length ? { at, values } : null;
}

function skipName(buf: Buffer, start: number): number {
  let off = start;
  while (off < buf.length) {
    const len = buf[off]!;
    if (len === 0) return off + 1;
    if ((len & 0xc0) === 0xc0) return off + 2;
    if ((len & 0xc0) !== 0) return -1;
    off += 1 + len;
  }
  return -1;
}
