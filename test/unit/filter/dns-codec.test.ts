import * as dnsPacket from 'dns-packet';
import { answerNames } from '../../../src/filter/dns/answer-names';
import { Rcode, RRType } from '../../../src/filter/dns/constants';
import { decodeMessage, decodeName } from '../../../src/filter/dns/decode';
import { encodeMessage } from '../../../src/filter/dns/encode';
import { DnsDecodeError, DnsEncodeError, type DnsMessage } from '../../../src/filter/dns/message';
import { isQueryProblem, parseQuery } from '../../../src/filter/dns/query';

const header = {
  id: 0x1234,
  qr: true,
  opcode: 0,
  aa: true,
  tc: false,
  rd: true,
  ra: true,
  z: false,
  ad: false,
  cd: false,
  rcode: 0,
};

const sample: DnsMessage = {
  header,
  questions: [{ name: 'www.example.org', type: RRType.A, class: 1 }],
  answers: [
    {
      name: 'www.example.org',
      type: RRType.CNAME,
      class: 1,
      ttl: 300,
      data: { kind: 'name', name: 'cdn.example.org' },
    },
    { name: 'cdn.example.org', type: RRType.A, class: 1, ttl: 60, data: { kind: 'a', address: '192.0.2.7' } },
    {
      name: 'cdn.example.org',
      type: RRType.AAAA,
      class: 1,
      ttl: 60,
      data: { kind: 'aaaa', address: '2001:db8::7' },
    },
    {
      name: 'cdn.example.org',
      type: RRType.HTTPS,
      class: 1,
      ttl: 60,
      data: {
        kind: 'svcb',
        svcb: {
          priority: 1,
          target: 'svc.example.org',
          params: [{ key: 1, value: Buffer.from([2, 0x68, 0x33]) }],
        },
      },
    },
  ],
  authorities: [
    {
      name: 'example.org',
      type: RRType.SOA,
      class: 1,
      ttl: 3600,
      data: {
        kind: 'soa',
        soa: {
          mname: 'ns.example.org',
          rname: 'hostmaster.example.org',
          serial: 7,
          refresh: 1,
          retry: 2,
          expire: 3,
          minimum: 4,
        },
      },
    },
  ],
  additionals: [
    {
      name: '',
      type: RRType.OPT,
      class: 1232,
      ttl: 0x8000,
      data: { kind: 'opt', options: [{ code: 10, data: Buffer.alloc(8, 1) }] },
    },
  ],
};

function query(
  name: string,
  type: dnsPacket.RecordType = 'A',
  extra: Partial<dnsPacket.Packet> = {},
): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id: 42,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name }],
    ...extra,
  });
}

describe('DNS codec', () => {
  it('round-trips a message with CNAME, A, AAAA, HTTPS, SOA and OPT, with compression', () => {
    const wire = encodeMessage(sample);
    expect(decodeMessage(wire)).toEqual(sample);
    // Compression: "example.org" is written once for the owner names and CNAME/SOA data, and
    // once more inside the HTTPS record, whose target must not be compressed (RFC 9460).
    expect(wire.toString('latin1').split('example').length - 1).toBe(2);
  });

  it('agrees with dns-packet both ways (parity)', () => {
    const theirs = dnsPacket.decode(encodeMessage(sample));
    expect(theirs.id).toBe(0x1234);
    expect(theirs.answers?.map((a) => [a.type, a.name])).toEqual([
      ['CNAME', 'www.example.org'],
      ['A', 'cdn.example.org'],
      ['AAAA', 'cdn.example.org'],
      ['UNKNOWN_65', 'cdn.example.org'], // dns-packet 5 predates HTTPS records: raw bytes
    ]);
    const https = theirs.answers?.[3] as unknown as { data: Buffer };
    expect(https.data).toEqual(
      Buffer.from([
        0,
        1,
        3,
        0x73,
        0x76,
        0x63,
        7,
        ...Buffer.from('example'),
        3,
        0x6f,
        0x72,
        0x67,
        0,
        0,
        1,
        0,
        3,
        2,
        0x68,
        0x33,
      ]),
    );
    expect((theirs.answers?.[1] as { data: string }).data).toBe('192.0.2.7');
    expect((theirs.answers?.[2] as { data: string }).data).toBe('2001:db8::7');
    expect(
      (theirs.authorities?.[0] as dnsPacket.Answer & { data: { mname: string; minimum: number } }).data,
    ).toMatchObject({
      mname: 'ns.example.org',
      minimum: 4,
    });
    const ours = decodeMessage(
      dnsPacket.encode({
        type: 'response',
        id: 9,
        flags: dnsPacket.AUTHORITATIVE_ANSWER,
        questions: [{ type: 'AAAA', name: 'a.b.example.net' }],
        answers: [
          { type: 'AAAA', name: 'a.b.example.net', ttl: 5, data: '::ffff:192.0.2.1' },
          { type: 'CNAME', name: 'x.example.net', ttl: 5, data: 'a.b.example.net' },
        ],
        additionals: [
          { type: 'OPT', name: '.', udpPayloadSize: 4096, flags: dnsPacket.DNSSEC_OK, options: [] } as never,
        ],
      }),
    );
    expect(ours.header).toMatchObject({ id: 9, qr: true, aa: true });
    expect(ours.answers[0]!.data).toEqual({ kind: 'aaaa', address: '::ffff:c000:201' });
    expect(ours.answers[1]!.data).toEqual({ kind: 'name', name: 'a.b.example.net' });
    expect(ours.additionals[0]).toMatchObject({ type: RRType.OPT, class: 4096, ttl: 0x8000 });
  });

  it('reads a query: the question and the EDNS size', () => {
    const q = parseQuery(
      query('Example.ORG', 'AAAA', {
        additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1400 } as never],
      }),
    );
    if (isQueryProblem(q)) throw new Error('should parse');
    expect(q.question).toEqual({ name: 'Example.ORG', type: RRType.AAAA, class: 1 });
    expect(q.edns).toEqual({ udpSize: 1400, dnssecOk: false });
  });

  it('keeps odd label bytes through a round trip with master-file escapes', () => {
    const m: DnsMessage = {
      ...sample,
      questions: [{ name: 'a\\.b\\032c.example', type: 1, class: 1 }],
      answers: [],
      authorities: [],
      additionals: [],
    };
    expect(decodeMessage(encodeMessage(m)).questions[0]!.name).toBe('a\\.b\\032c.example');
  });

  it('refuses to encode labels over 63 octets and names over 255', () => {
    const big = (name: string) =>
      encodeMessage({
        ...sample,
        questions: [{ name, type: 1, class: 1 }],
        answers: [],
        authorities: [],
        additionals: [],
      });
    expect(() => big(`${'a'.repeat(64)}.example`)).toThrow(DnsEncodeError);
    expect(() => big(Array.from({ length: 5 }, () => 'b'.repeat(60)).join('.'))).toThrow(DnsEncodeError);
    expect(() => big('a..b')).toThrow(DnsEncodeError);
  });
});

describe('the names an answer leads to (CNAME-chain check)', () => {
  it('lists every owner and CNAME target of the answer section, lower-cased, once each', () => {
    const chain: DnsMessage = {
      ...sample,
      answers: [
        {
          name: 'WWW.Example.org',
          type: RRType.CNAME,
          class: 1,
          ttl: 1,
          data: { kind: 'name', name: 'Step.example.net' },
        },
        {
          name: 'step.example.net',
          type: RRType.CNAME,
          class: 1,
          ttl: 1,
          data: { kind: 'name', name: 'cdn.example.org' },
        },
        {
          name: 'cdn.example.org',
          type: RRType.A,
          class: 1,
          ttl: 1,
          data: { kind: 'a', address: '192.0.2.1' },
        },
      ],
    };
    expect(answerNames(encodeMessage(chain))).toEqual([
      'www.example.org',
      'step.example.net',
      'cdn.example.org',
    ]);
    // The authority section (SOA, NS) is not where an answer leads.
    expect(answerNames(encodeMessage({ ...sample, answers: [] }))).toEqual([]);
  });

  it('refuses answers whose counts, names or record data run past the message', () => {
    const only = { ...sample, authorities: [], additionals: [] };
    const wire = encodeMessage(only);
    for (let len = 12; len < wire.length; len++) {
      expect(() => answerNames(wire.subarray(0, len))).toThrow(DnsDecodeError);
    }
    const huge = Buffer.from(wire);
    huge.writeUInt16BE(0xffff, 6);
    expect(() => answerNames(huge)).toThrow(/counts/);
    // A CNAME whose RDATA holds an octet after the target name.
    const one = encodeMessage({ ...only, answers: [sample.answers[0]!] });
    let at = one.length - 2;
    while (at + 2 + one.readUInt16BE(at) !== one.length) at--;
    const longer = Buffer.concat([one, Buffer.from([0])]);
    longer.writeUInt16BE(longer.readUInt16BE(at) + 1, at);
    expect(() => answerNames(longer)).toThrow(/extra octets/);
  });
});

describe('DNS decoder on malformed input', () => {
  it('throws DnsDecodeError (never anything else) for every truncation of a valid message', () => {
    const wire = encodeMessage(sample);
    for (let len = 0; len < wire.length; len++) {
      expect(() => decodeMessage(wire.subarray(0, len))).toThrow(DnsDecodeError);
    }
  });

  it('refuses compression pointers that loop or point forwards', () => {
    const self = Buffer.from([0xc0, 0x00]);
    expect(() => decodeName(self, 0)).toThrow(/backwards/);
    const twoStep = Buffer.from([0x01, 0x61, 0xc0, 0x04, 0x01, 0x62, 0xc0, 0x00]);
    expect(() => decodeName(twoStep, 4)).toThrow(DnsDecodeError);
    const forward = Buffer.from([0xc0, 0x02, 0x01, 0x61, 0x00]);
    expect(() => decodeName(forward, 0)).toThrow(/backwards/);
  });

  it('refuses oversize names, long labels and reserved label types', () => {
    const labels: number[] = [];
    for (let i = 0; i < 5; i++) labels.push(60, ...Buffer.alloc(60, 0x61));
    expect(() => decodeName(Buffer.from([...labels, 0]), 0)).toThrow(/255/);
    // A length octet above 63 is one of the reserved label types (0x40, 0x80).
    expect(() => decodeName(Buffer.from([64, ...Buffer.alloc(64, 0x61), 0]), 0)).toThrow(/label type/);
    expect(() => decodeName(Buffer.from([0x80, 0x01, 0]), 0)).toThrow(/label type/);
  });

  it('answers FORMERR to 0 or 50 questions, NOTIMP to other opcodes, and drops responses', () => {
    const zero = query('a.example');
    zero.writeUInt16BE(0, 4);
    const r0 = parseQuery(zero.subarray(0, 12));
    expect(r0).toMatchObject({ drop: false, rcode: Rcode.FORMERR, reason: 'question_count' });
    const fifty = dnsPacket.encode({
      type: 'query',
      id: 1,
      questions: Array.from({ length: 50 }, (_, i) => ({ type: 'A' as const, name: `q${i}.example` })),
    });
    expect(parseQuery(fifty)).toMatchObject({ drop: false, rcode: Rcode.FORMERR });
    const update = query('a.example');
    update[2] = (update[2]! & 0x87) | (5 << 3);
    expect(parseQuery(update)).toMatchObject({ drop: false, rcode: Rcode.NOTIMP });
    const response = query('a.example');
    response[2]! |= 0x80;
    expect(parseQuery(response)).toEqual({ drop: true, reason: 'not_a_query' });
    expect(parseQuery(Buffer.alloc(5))).toEqual({ drop: true, reason: 'too_short' });
    expect(parseQuery(Buffer.concat([query('a.example'), Buffer.from([0])]))).toMatchObject({
      reason: 'malformed',
    });
  });

  it('survives 20 000 random mutations of a valid message without an unexpected exception', () => {
    const wire = encodeMessage(sample);
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let decoded = 0;
    for (let i = 0; i < 20_000; i++) {
      const m = Buffer.from(wire.subarray(0, 1 + Math.floor(rnd() * wire.length)));
      for (let k = 0; k < 1 + rnd() * 4; k++) m[Math.floor(rnd() * m.length)] = Math.floor(rnd() * 256);
      try {
        decodeMessage(m);
        decoded++;
      } catch (err) {
        expect(err).toBeInstanceOf(DnsDecodeError);
      }
      const q = parseQuery(m);
      expect(q).toBeDefined();
      // The CNAME-chain check reads upstream answers: malformed ones throw only DnsDecodeError.
      try {
        answerNames(m);
      } catch (err) {
        expect(err).toBeInstanceOf(DnsDecodeError);
      }
    }
    expect(decoded).toBeLessThan(20_000);
  });
});
