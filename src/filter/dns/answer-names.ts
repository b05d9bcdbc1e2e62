// The names an upstream answer leads to: the owner of every record in the answer section and
// the target of every CNAME or DNAME. A chain from an allowed name to a blocked one is caught
// by checking each of them. Pure and bounds-checked like the decoder it builds on.

import { HEADER_LENGTH, RRType } from './constants';
import { decodeName, decodeQuestion } from './decode';
import { DnsDecodeError } from './message';

/** DNAME (RFC 6672) redirects a whole subtree: its target is a name the answer leads to. */
const DNAME = 39;

/**
 * Owner names and CNAME/DNAME targets of the answer section, lower-cased, without repeats, in
 * order. Throws DnsDecodeError when the message is malformed.
 */
export function answerNames(buf: Buffer): string[] {
  if (buf.length < HEADER_LENGTH) throw new DnsDecodeError('truncated', 'shorter than a DNS header');
  const qd = buf.readUInt16BE(4);
  const an = buf.readUInt16BE(6);
  // Each record takes at least 11 octets: a count larger than the packet allows is malformed.
  if (qd * 5 + an * 11 > buf.length - HEADER_LENGTH)
    throw new DnsDecodeError('too_many_records', 'counts larger than the message');
  let off = HEADER_LENGTH;
  for (let i = 0; i < qd; i++) off = decodeQuestion(buf, off).end;
  const names = new Set<string>();
  const add = (n: string) => names.add(n.toLowerCase());
  for (let i = 0; i < an; i++) {
    const owner = decodeName(buf, off);
    const at = owner.end;
    if (at + 10 > buf.length) throw new DnsDecodeError('truncated', 'record header runs past the end');
    const type = buf.readUInt16BE(at);
    const end = at + 10 + buf.readUInt16BE(at + 8);
    if (end > buf.length) throw new DnsDecodeError('truncated', 'record data runs past the end');
    add(owner.name);
    if (type === RRType.CNAME || type === DNAME) {
      const target = decodeName(buf, at + 10);
      if (target.end !== end) throw new DnsDecodeError('bad_rdata', 'name record has extra octets');
      add(target.name);
    }
    off = end;
  }
  return [...names];
}
