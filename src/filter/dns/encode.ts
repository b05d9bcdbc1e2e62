// Pure DNS encoder with name compression (owner names and the names inside CNAME/NS/PTR/SOA;
// never inside SVCB, RFC 9460). Refuses names and labels longer than the protocol allows.

import { isIPv4, isIPv6 } from 'node:net';
import { HEADER_LENGTH, MAX_LABEL, MAX_WIRE_NAME, RRType } from './constants';
import { DnsEncodeError, type DnsHeader, type DnsMessage, type DnsRecord } from './message';

class Writer {
  buf = Buffer.alloc(512);
  len = 0;
  private readonly names = new Map<string, number>();

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  u8(v: number): void {
    this.ensure(1);
    this.buf[this.len++] = v & 0xff;
  }
  u16(v: number): void {
    this.ensure(2);
    this.buf.writeUInt16BE(v & 0xffff, this.len);
    this.len += 2;
  }
  u32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.len);
    this.len += 4;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  name(name: string, compress: boolean): void {
    const labels = splitLabels(name);
    for (let i = 0; i < labels.length; i++) {
      const key = labels
        .slice(i)
        .map((l) => l.toString('latin1').toLowerCase())
        .join('.');
      const at = compress ? this.names.get(key) : undefined;
      if (at !== undefined) {
        this.u16(0xc000 | at);
        return;
      }
      if (compress && this.len < 0x4000) this.names.set(key, this.len);
      this.u8(labels[i]!.length);
      this.bytes(labels[i]!);
    }
    this.u8(0);
  }
}

/** Labels of a name in text form (with master-file escapes), checked against the limits. */
export function splitLabels(name: string): Buffer[] {
  const text = name.endsWith('.') && !name.endsWith('\\.') ? name.slice(0, -1) : name;
  if (text === '') return [];
  const labels: Buffer[] = [];
  let cur: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      const d = text.slice(i + 1, i + 4);
      if (/^\d{3}$/.test(d)) {
        cur.push(Number(d) & 0xff);
        i += 3;
      } else if (i + 1 < text.length) {
        cur.push(text.charCodeAt(++i) & 0xff);
      } else throw new DnsEncodeError('dangling escape in name');
    } else if (c === 0x2e) {
      labels.push(Buffer.from(cur));
      cur = [];
    } else {
      if (c > 0xff) throw new DnsEncodeError('name has characters outside one octet; use its IDNA form');
      cur.push(c);
    }
  }
  labels.push(Buffer.from(cur));
  let wire = 1;
  for (const l of labels) {
    if (l.length === 0) throw new DnsEncodeError('empty label in name');
    if (l.length > MAX_LABEL) throw new DnsEncodeError('label longer than 63 octets');
    wire += l.length + 1;
  }
  if (wire > MAX_WIRE_NAME) throw new DnsEncodeError('name longer than 255 octets');
  return labels;
}

function flags(h: DnsHeader): number {
  return (
    (h.qr ? 0x8000 : 0) |
    ((h.opcode & 0xf) << 11) |
    (h.aa ? 0x0400 : 0) |
    (h.tc ? 0x0200 : 0) |
    (h.rd ? 0x0100 : 0) |
    (h.ra ? 0x0080 : 0) |
    (h.z ? 0x0040 : 0) |
    (h.ad ? 0x0020 : 0) |
    (h.cd ? 0x0010 : 0) |
    (h.rcode & 0xf)
  );
}

function record(w: Writer, r: DnsRecord): void {
  w.name(r.name, r.type !== RRType.OPT);
  w.u16(r.type);
  w.u16(r.class);
  w.u32(r.ttl);
  const lenAt = w.len;
  w.u16(0);
  const d = r.data;
  switch (d.kind) {
    case 'a':
      if (!isIPv4(d.address)) throw new DnsEncodeError(`not an IPv4 address: ${d.address}`);
      for (const p of d.address.split('.')) w.u8(Number(p));
      break;
    case 'aaaa':
      if (!isIPv6(d.address)) throw new DnsEncodeError(`not an IPv6 address: ${d.address}`);
      w.bytes(ipv6Bytes(d.address));
      break;
    case 'name':
      w.name(d.name, true);
      break;
    case 'soa':
      w.name(d.soa.mname, true);
      w.name(d.soa.rname, true);
      w.u32(d.soa.serial);
      w.u32(d.soa.refresh);
      w.u32(d.soa.retry);
      w.u32(d.soa.expire);
      w.u32(d.soa.minimum);
      break;
    case 'svcb':
      w.u16(d.svcb.priority);
      w.name(d.svcb.target, false);
      for (const p of d.svcb.params) {
        w.u16(p.key);
        w.u16(p.value.length);
        w.bytes(p.value);
      }
      break;
    case 'opt':
      for (const o of d.options) {
        w.u16(o.code);
        w.u16(o.data.length);
        w.bytes(o.data);
      }
      break;
    case 'raw':
      w.bytes(d.data);
      break;
  }
  const rdlen = w.len - lenAt - 2;
  if (rdlen > 0xffff) throw new DnsEncodeError('record data longer than 65535 octets');
  w.buf.writeUInt16BE(rdlen, lenAt);
}

export function encodeMessage(m: DnsMessage): Buffer {
  const counts = [m.questions.length, m.answers.length, m.authorities.length, m.additionals.length];
  if (counts.some((c) => c > 0xffff)) throw new DnsEncodeError('too many records');
  const w = new Writer();
  w.u16(m.header.id);
  w.u16(flags(m.header));
  for (const c of counts) w.u16(c);
  for (const q of m.questions) {
    w.name(q.name, true);
    w.u16(q.type);
    w.u16(q.class);
  }
  for (const r of m.answers) record(w, r);
  for (const r of m.authorities) record(w, r);
  for (const r of m.additionals) record(w, r);
  if (w.len < HEADER_LENGTH) throw new DnsEncodeError('impossible: message shorter than its header');
  return Buffer.from(w.buf.subarray(0, w.len));
}

function ipv6Bytes(a: string): Buffer {
  const out = Buffer.alloc(16);
  let text = a;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const p = v4[1]!.split('.').map(Number);
    text =
      text.slice(0, -v4[1]!.length) +
      `${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === null ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}
