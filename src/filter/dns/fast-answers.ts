// Hot-path answers built by copying the query's header and question and appending records
// whose owner is a compression pointer to the question (offset 12). Same bytes as the general
// encoder would give (tests compare them), without building message objects per query.

import { Rcode, RRClass, RRType } from './constants';
import type { ParsedQuery } from './query';

const OUR_UDP_SIZE = 1232;
// SOA RDATA for negative answers: mname "filter.ecn.invalid", rname "hostmaster.filter.ecn.invalid".
const SOA_MNAME = Buffer.from('\x06filter\x03ecn\x07invalid\x00', 'latin1');
const SOA_RNAME_HEAD = Buffer.from('\x0ahostmaster', 'latin1');

export function ipv4Bytes(address: string): Buffer {
  return Buffer.from(address.split('.').map(Number));
}

/**
 * A blocked answer: the portal's address for A (and AAAA when it has one), otherwise NODATA
 * with an SOA. `ipv4`/`ipv6` are the raw address bytes or null.
 */
export function fastBlocked(
  q: ParsedQuery,
  packet: Buffer,
  ipv4: Buffer | null,
  ipv6: Buffer | null,
  ttl: number,
): Buffer {
  const { type } = q.question;
  const cls = q.question.class;
  const inClass = cls === RRClass.IN || cls === RRClass.ANY;
  const addr = inClass && type === RRType.A ? ipv4 : inClass && type === RRType.AAAA ? ipv6 : null;
  const qEnd = q.questionEnd;
  // 12 + rdata: pointer(2) type(2) class(2) ttl(4) rdlength(2)
  const answerLen = addr ? 12 + addr.length : 0;
  // SOA: owner pointer(2) type class ttl rdlen (10) + mname (20) + rname (pointer form: 11 + 2) + 20
  const soaLen = addr ? 0 : 12 + SOA_MNAME.length + SOA_RNAME_HEAD.length + 2 + 20;
  const optLen = q.edns ? 11 : 0;
  const out = Buffer.allocUnsafe(qEnd + answerLen + soaLen + optLen);
  packet.copy(out, 0, 0, qEnd);
  writeFlags(out, q, Rcode.NOERROR, true);
  out.writeUInt16BE(1, 4);
  out.writeUInt16BE(addr ? 1 : 0, 6);
  out.writeUInt16BE(addr ? 0 : 1, 8);
  out.writeUInt16BE(q.edns ? 1 : 0, 10);
  let off = qEnd;
  if (addr) {
    out.writeUInt16BE(0xc00c, off);
    out.writeUInt16BE(type, off + 2);
    out.writeUInt16BE(RRClass.IN, off + 4);
    out.writeUInt32BE(ttl, off + 6);
    out.writeUInt16BE(addr.length, off + 10);
    addr.copy(out, off + 12);
    off += 12 + addr.length;
  } else {
    off = writeSoa(out, off, ttl);
  }
  if (q.edns) writeOpt(out, off);
  return out;
}

/** NXDOMAIN with an SOA (canary names). */
export function fastNxdomain(q: ParsedQuery, packet: Buffer, ttl: number): Buffer {
  const qEnd = q.questionEnd;
  const soaLen = 12 + SOA_MNAME.length + SOA_RNAME_HEAD.length + 2 + 20;
  const out = Buffer.allocUnsafe(qEnd + soaLen + (q.edns ? 11 : 0));
  packet.copy(out, 0, 0, qEnd);
  writeFlags(out, q, Rcode.NXDOMAIN, true);
  out.writeUInt16BE(1, 4);
  out.writeUInt16BE(0, 6);
  out.writeUInt16BE(1, 8);
  out.writeUInt16BE(q.edns ? 1 : 0, 10);
  const off = writeSoa(out, qEnd, ttl);
  if (q.edns) writeOpt(out, off);
  return out;
}

function writeFlags(out: Buffer, q: ParsedQuery, rcode: number, aa: boolean): void {
  const h = q.header;
  out.writeUInt16BE(
    0x8000 |
      ((h.opcode & 0xf) << 11) |
      (aa ? 0x0400 : 0) |
      (h.rd ? 0x0100 : 0) |
      0x0080 |
      (h.cd ? 0x0010 : 0) |
      rcode,
    2,
  );
}

function writeSoa(out: Buffer, at: number, ttl: number): number {
  let off = at;
  out.writeUInt16BE(0xc00c, off);
  out.writeUInt16BE(RRType.SOA, off + 2);
  out.writeUInt16BE(RRClass.IN, off + 4);
  out.writeUInt32BE(ttl, off + 6);
  const rdlen = SOA_MNAME.length + SOA_RNAME_HEAD.length + 2 + 20;
  out.writeUInt16BE(rdlen, off + 10);
  off += 12;
  const mnameAt = off;
  SOA_MNAME.copy(out, off);
  off += SOA_MNAME.length;
  SOA_RNAME_HEAD.copy(out, off);
  off += SOA_RNAME_HEAD.length;
  out.writeUInt16BE(0xc000 | mnameAt, off);
  off += 2;
  out.writeUInt32BE(1, off); // serial
  out.writeUInt32BE(3600, off + 4); // refresh
  out.writeUInt32BE(600, off + 8); // retry
  out.writeUInt32BE(86400, off + 12); // expire
  out.writeUInt32BE(ttl, off + 16); // minimum: negative-caching TTL
  return off + 20;
}

function writeOpt(out: Buffer, at: number): void {
  out[at] = 0;
  out.writeUInt16BE(RRType.OPT, at + 1);
  out.writeUInt16BE(OUR_UDP_SIZE, at + 3);
  out.writeUInt32BE(0, at + 5);
  out.writeUInt16BE(0, at + 9);
}
