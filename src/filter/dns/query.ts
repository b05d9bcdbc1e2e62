// Reads an incoming query just far enough to answer it: header, the single question, and the
// EDNS OPT record. Says precisely why a query is refused, so the server can count it.

import { HEADER_LENGTH, Opcode, Rcode, RRType } from './constants';
import { decodeHeader, decodeQuestion, decodeRecord } from './decode';
import { DnsDecodeError, type DnsHeader, type DnsQuestion } from './message';

export interface ParsedQuery {
  header: DnsHeader;
  question: DnsQuestion;
  /** Offset just after the question: bytes 12..questionEnd are echoed in answers. */
  questionEnd: number;
  /** The requester's EDNS UDP payload size, or null when it sent no OPT record. */
  edns: { udpSize: number; dnssecOk: boolean } | null;
}

/** What to do with a packet that is not a query we answer normally. */
export type QueryProblem =
  | { drop: true; reason: 'too_short' | 'not_a_query' }
  | {
      drop: false;
      rcode: number;
      reason: 'malformed' | 'question_count' | 'opcode';
      header: DnsHeader;
      questionEnd: number;
    };

export function parseQuery(buf: Buffer): ParsedQuery | QueryProblem {
  if (buf.length < HEADER_LENGTH) return { drop: true, reason: 'too_short' };
  const header = decodeHeader(buf);
  if (header.qr) return { drop: true, reason: 'not_a_query' };
  if (header.opcode !== Opcode.QUERY) {
    return { drop: false, rcode: Rcode.NOTIMP, reason: 'opcode', header, questionEnd: HEADER_LENGTH };
  }
  const qd = buf.readUInt16BE(4);
  if (qd !== 1) {
    return {
      drop: false,
      rcode: Rcode.FORMERR,
      reason: 'question_count',
      header,
      questionEnd: HEADER_LENGTH,
    };
  }
  try {
    const { question, end } = decodeQuestion(buf, HEADER_LENGTH);
    let edns: ParsedQuery['edns'] = null;
    const an = buf.readUInt16BE(6);
    const ns = buf.readUInt16BE(8);
    const ar = buf.readUInt16BE(10);
    if (an + ns > 0 || ar > 1) {
      // Queries carry no answers or authority; only one additional (OPT, or a TSIG we ignore).
      if (ar > 2 || an + ns > 0)
        throw new DnsDecodeError('too_many_records', 'unexpected records in a query');
    }
    let off = end;
    for (let i = 0; i < ar; i++) {
      const r = decodeRecord(buf, off);
      off = r.end;
      if (r.record.type === RRType.OPT) {
        if (edns !== null) throw new DnsDecodeError('bad_rdata', 'two OPT records');
        edns = { udpSize: Math.max(512, r.record.class), dnssecOk: (r.record.ttl & 0x8000) !== 0 };
      }
    }
    if (off !== buf.length) throw new DnsDecodeError('trailing_bytes', 'octets after the query');
    return { header, question, questionEnd: end, edns };
  } catch (err) {
    if (!(err instanceof DnsDecodeError)) throw err;
    return { drop: false, rcode: Rcode.FORMERR, reason: 'malformed', header, questionEnd: HEADER_LENGTH };
  }
}

export function isQueryProblem(q: ParsedQuery | QueryProblem): q is QueryProblem {
  return 'reason' in q;
}
