// Builds the answers the filter gives itself through the general encoder: SERVFAIL, FORMERR,
// SafeSearch CNAMEs, and the reference blocked/NXDOMAIN answers that the hot path
// (fast-answers.ts) must equal. Each echoes the question and, when the client
// used EDNS, an OPT record.

import { Rcode, RRClass, RRType } from './constants';
import { encodeMessage } from './encode';
import type { DnsHeader, DnsMessage, DnsQuestion, DnsRecord } from './message';
import type { ParsedQuery } from './query';

export interface BlockAnswer {
  ipv4: string | null;
  ipv6: string | null;
  ttl: number;
}

const OUR_UDP_SIZE = 1232;
const SOA_OWNER = 'filter.ecn.invalid';

function replyHeader(h: DnsHeader, rcode: number, aa: boolean): DnsHeader {
  return {
    id: h.id,
    qr: true,
    opcode: h.opcode,
    aa,
    tc: false,
    rd: h.rd,
    ra: true,
    z: false,
    ad: false,
    cd: h.cd,
    rcode,
  };
}

function optRecord(): DnsRecord {
  return { name: '', type: RRType.OPT, class: OUR_UDP_SIZE, ttl: 0, data: { kind: 'opt', options: [] } };
}

/** The negative-answer SOA: tells caches how long to remember "no such data" (RFC 2308). */
function soa(owner: string, ttl: number): DnsRecord {
  return {
    name: owner,
    type: RRType.SOA,
    class: RRClass.IN,
    ttl,
    data: {
      kind: 'soa',
      soa: {
        mname: SOA_OWNER,
        rname: `hostmaster.${SOA_OWNER}`,
        serial: 1,
        refresh: 3600,
        retry: 600,
        expire: 86400,
        minimum: ttl,
      },
    },
  };
}

function message(
  q: ParsedQuery,
  rcode: number,
  aa: boolean,
  answers: DnsRecord[],
  authorities: DnsRecord[],
): Buffer {
  const m: DnsMessage = {
    header: replyHeader(q.header, rcode, aa),
    questions: [q.question],
    answers,
    authorities,
    additionals: q.edns ? [optRecord()] : [],
  };
  return encodeMessage(m);
}

/** A blocked name: A/AAAA point to the portal (when it has that family), anything else NODATA. */
export function blockedResponse(q: ParsedQuery, block: BlockAnswer): Buffer {
  const { type, name } = q.question;
  const answers: DnsRecord[] = [];
  if (q.question.class === RRClass.IN || q.question.class === RRClass.ANY) {
    if (type === RRType.A && block.ipv4) {
      answers.push({
        name,
        type,
        class: RRClass.IN,
        ttl: block.ttl,
        data: { kind: 'a', address: block.ipv4 },
      });
    } else if (type === RRType.AAAA && block.ipv6) {
      answers.push({
        name,
        type,
        class: RRClass.IN,
        ttl: block.ttl,
        data: { kind: 'aaaa', address: block.ipv6 },
      });
    }
  }
  return message(q, Rcode.NOERROR, true, answers, answers.length ? [] : [soa(name, block.ttl)]);
}

export function nxdomainResponse(q: ParsedQuery, ttl: number): Buffer {
  return message(q, Rcode.NXDOMAIN, true, [], [soa(q.question.name, ttl)]);
}

/** CNAME to the engine's safe host, followed by that host's records from upstream. */
export function cnameResponse(
  q: ParsedQuery,
  target: string,
  ttl: number,
  targetRecords: DnsRecord[],
  rcode: number,
): Buffer {
  const cname: DnsRecord = {
    name: q.question.name,
    type: RRType.CNAME,
    class: RRClass.IN,
    ttl,
    data: { kind: 'name', name: target },
  };
  return message(q, rcode, false, [cname, ...targetRecords], []);
}

/** An error answer; the question is echoed only when it could be read. */
export function errorResponse(
  header: DnsHeader,
  rcode: number,
  question: DnsQuestion | null,
  edns: boolean,
): Buffer {
  return encodeMessage({
    header: replyHeader(header, rcode, false),
    questions: question ? [question] : [],
    answers: [],
    authorities: [],
    additionals: edns ? [optRecord()] : [],
  });
}

export function rcodeOf(reply: Buffer): number {
  return reply.length >= 4 ? reply[3]! & 0xf : Rcode.SERVFAIL;
}
