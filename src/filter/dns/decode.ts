// Pure, bounds-checked DNS decoder. Every read checks the remaining length; compression
// pointers must point strictly backwards (so they cannot loop) and a name may not exceed 255
// octets on the wire. Anything else throws DnsDecodeError with a reason the server counts.

import { HEADER_LENGTH, MAX_WIRE_NAME, RRType } from './constants';
import {
  DnsDecodeError,
  type DnsHeader,
  type DnsMessage,
  type DnsQuestion,
  type DnsRecord,
  type RData,
} from './message';

export function decodeHeader(buf: Buffer): DnsHeader {
  if (buf.length < HEADER_LENGTH) throw new DnsDecodeError('truncated', 'shorter than a DNS header');
  const flags = buf.readUInt16BE(2);
  return {
    id: buf.readUInt16BE(0),
    qr: (flags & 0x8000) !== 0,
    opcode: (flags >>> 11) & 0xf,
    aa: (flags & 0x0400) !== 0,
    tc: (flags & 0x0200) !== 0,
    rd: (flags & 0x0100) !== 0,
    ra: (flags & 0x0080) !== 0,
    z: (flags & 0x0040) !== 0,
    ad: (flags & 0x0020) !== 0,
    cd: (flags & 0x0010) !== 0,
    rcode: flags & 0xf,
  };
}

/** Reads a possibly compressed name at `offset`; returns it and the offset after it. */
export function decodeName(buf: Buffer, offset: number): { name: string; end: number } {
  let pos = offset;
  let end = -1;
  let wire = 0;
  let name = '';
  let lowest = offset; // pointers must go strictly below every position already read
  for (;;) {
    if (pos >= buf.length) throw new DnsDecodeError('truncated', 'name runs past the end');
    const len = buf[pos]!;
    if (len === 0) {
      wire += 1;
      if (end === -1) end = pos + 1;
      break;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (pos + 1 >= buf.length) throw new DnsDecodeError('truncated', 'pointer runs past the end');
      const target = ((len & 0x3f) << 8) | buf[pos + 1]!;
      if (end === -1) end = pos + 2;
      if (target >= lowest)
        throw new DnsDecodeError('pointer_loop', 'compression pointer does not point backwards');
      lowest = target;
      pos = target;
      continue;
    }
    // 0x40 and 0x80 are reserved label types; with them excluded, a label is at most 63.
    if (kind !== 0) throw new DnsDecodeError('bad_label', 'unknown label type (or label longer than 63)');
    if (pos + 1 + len > buf.length) throw new DnsDecodeError('truncated', 'label runs past the end');
    wire += len + 1;
    if (wire + 1 > MAX_WIRE_NAME) throw new DnsDecodeError('name_too_long', 'name longer than 255 octets');
    if (name !== '') name += '.';
    name += labelText(buf, pos + 1, pos + 1 + len);
    pos += 1 + len;
  }
  return { name, end };
}

function labelText(buf: Buffer, start: number, end: number): string {
  let plain = true;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c <= 0x20 || c >= 0x7f || c === 0x2e || c === 0x5c) {
      plain = false;
      break;
    }
  }
  if (plain) return buf.toString('latin1', start, end);
  // Master-file escapes, so a label holding '.' or odd bytes survives a round trip.
  let s = '';
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c === 0x2e || c === 0x5c) s += '\\' + String.fromCharCode(c);
    else if (c <= 0x20 || c >= 0x7f) s += '\\' + String(c).padStart(3, '0');
    else s += String.fromCharCode(c);
  }
  return s;
}

export function decodeQuestion(buf: Buffer, offset: number): { question: DnsQuestion; end: number } {
  const { name, end } = decodeName(buf, offset);
  if (end + 4 > buf.length) throw new DnsDecodeError('truncated', 'question runs past the end');
  return {
    question: { name, type: buf.readUInt16BE(end), class: buf.readUInt16BE(end + 2) },
    end: end + 4,
  };
}

export function decodeRecord(buf: Buffer, offset: number): { record: DnsRecord; end: number } {
  const { name, end: afterName } = decodeName(buf, offset);
  if (afterName + 10 > buf.length) throw new DnsDecodeError('truncated', 'record header runs past the end');
  const type = buf.readUInt16BE(afterName);
  const klass = buf.readUInt16BE(afterName + 2);
  const ttl = buf.readUInt32BE(afterName + 4);
  const rdlength = buf.readUInt16BE(afterName + 8);
  const start = afterName + 10;
  const end = start + rdlength;
  if (end > buf.length) throw new DnsDecodeError('truncated', 'record data runs past the end');
  return { record: { name, type, class: klass, ttl, data: decodeRData(buf, type, start, end) }, end };
}

function decodeRData(buf: Buffer, type: number, start: number, end: number): RData {
  const len = end - start;
  switch (type) {
    case RRType.A:
      if (len !== 4) throw new DnsDecodeError('bad_rdata', 'A record is not 4 octets');
      return { kind: 'a', address: `${buf[start]}.${buf[start + 1]}.${buf[start + 2]}.${buf[start + 3]}` };
    case RRType.AAAA: {
      if (len !== 16) throw new DnsDecodeError('bad_rdata', 'AAAA record is not 16 octets');
      const parts: string[] = [];
      for (let i = 0; i < 16; i += 2) parts.push(buf.readUInt16BE(start + i).toString(16));
      return { kind: 'aaaa', address: compressV6(parts) };
    }
    case RRType.CNAME:
    case RRType.NS:
    case RRType.PTR: {
      const n = decodeName(buf, start);
      if (n.end !== end) throw new DnsDecodeError('bad_rdata', 'name record has extra octets');
      return { kind: 'name', name: n.name };
    }
    case RRType.SOA: {
      const m = decodeName(buf, start);
      const r = decodeName(buf, m.end);
      if (r.end + 20 !== end) throw new DnsDecodeError('bad_rdata', 'SOA record has the wrong length');
      return {
        kind: 'soa',
        soa: {
          mname: m.name,
          rname: r.name,
          serial: buf.readUInt32BE(r.end),
          refresh: buf.readUInt32BE(r.end + 4),
          retry: buf.readUInt32BE(r.end + 8),
          expire: buf.readUInt32BE(r.end + 12),
          minimum: buf.readUInt32BE(r.end + 16),
        },
      };
    }
    case RRType.SVCB:
    case RRType.HTTPS: {
      if (len < 3) throw new DnsDecodeError('bad_rdata', 'SVCB record too short');
      const priority = buf.readUInt16BE(start);
      // The target name is never compressed (RFC 9460 §2.2); a pointer would be malformed.
      const t = decodeUncompressedName(buf, start + 2, end);
      const params: { key: number; value: Buffer }[] = [];
      let p = t.end;
      while (p < end) {
        if (p + 4 > end) throw new DnsDecodeError('bad_rdata', 'SvcParam header runs past the record');
        const key = buf.readUInt16BE(p);
        const vlen = buf.readUInt16BE(p + 2);
        if (p + 4 + vlen > end) throw new DnsDecodeError('bad_rdata', 'SvcParam value runs past the record');
        params.push({ key, value: Buffer.from(buf.subarray(p + 4, p + 4 + vlen)) });
        p += 4 + vlen;
      }
      return { kind: 'svcb', svcb: { priority, target: t.name, params } };
    }
    case RRType.OPT: {
      const options: { code: number; data: Buffer }[] = [];
      let p = start;
      while (p < end) {
        if (p + 4 > end) throw new DnsDecodeError('bad_rdata', 'EDNS option header runs past the record');
        const code = buf.readUInt16BE(p);
        const olen = buf.readUInt16BE(p + 2);
        if (p + 4 + olen > end) throw new DnsDecodeError('bad_rdata', 'EDNS option runs past the record');
        options.push({ code, data: Buffer.from(buf.subarray(p + 4, p + 4 + olen)) });
        p += 4 + olen;
      }
      return { kind: 'opt', options };
    }
    default:
      return { kind: 'raw', data: Buffer.from(buf.subarray(start, end)) };
  }
}

function decodeUncompressedName(buf: Buffer, offset: number, limit: number): { name: string; end: number } {
  let p = offset;
  while (p < limit && buf[p] !== 0) {
    if ((buf[p]! & 0xc0) !== 0)
      throw new DnsDecodeError('bad_rdata', 'compressed name where none is allowed');
    p += 1 + buf[p]!;
  }
  if (p >= limit) throw new DnsDecodeError('bad_rdata', 'name runs past the record');
  return decodeName(buf.subarray(0, limit), offset);
}

function compressV6(parts: string[]): string {
  // Longest run of zero groups becomes "::" (RFC 5952).
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (parts[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && parts[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best === -1) return parts.join(':');
  return `${parts.slice(0, best).join(':')}::${parts.slice(best + bestLen).join(':')}`;
}

/** Limits a decoder applies to untrusted messages. */
export interface DecodeLimits {
  maxRecords: number;
}

export function decodeMessage(buf: Buffer, limits: DecodeLimits = { maxRecords: 512 }): DnsMessage {
  const header = decodeHeader(buf);
  const qd = buf.readUInt16BE(4);
  const an = buf.readUInt16BE(6);
  const ns = buf.readUInt16BE(8);
  const ar = buf.readUInt16BE(10);
  if (qd + an + ns + ar > limits.maxRecords) throw new DnsDecodeError('too_many_records', 'too many records');
  let off = HEADER_LENGTH;
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < qd; i++) {
    const q = decodeQuestion(buf, off);
    questions.push(q.question);
    off = q.end;
  }
  const section = (count: number): DnsRecord[] => {
    const out: DnsRecord[] = [];
    for (let i = 0; i < count; i++) {
      const r = decodeRecord(buf, off);
      out.push(r.record);
      off = r.end;
    }
    return out;
  };
  const answers = section(an);
  const authorities = section(ns);
  const additionals = section(ar);
  if (off !== buf.length) throw new DnsDecodeError('trailing_bytes', 'octets after the last record');
  return { header, questions, answers, authorities, additionals };
}
