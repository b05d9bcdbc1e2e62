import * as dnsPacket from 'dns-packet';
import { RRType } from '../../../src/filter/dns/constants';
import { decodeMessage } from '../../../src/filter/dns/decode';
import { fastBlocked, fastNxdomain, ipv4Bytes } from '../../../src/filter/dns/fast-answers';
import { isQueryProblem, parseQuery, type ParsedQuery } from '../../../src/filter/dns/query';
import { blockedResponse, nxdomainResponse } from '../../../src/filter/dns/responses';

function parsed(name: string, type: dnsPacket.RecordType, edns: boolean): { q: ParsedQuery; packet: Buffer } {
  const packet = dnsPacket.encode({
    type: 'query',
    id: 777,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.CHECKING_DISABLED,
    questions: [{ type, name }],
    additionals: edns ? [{ type: 'OPT', name: '.', udpPayloadSize: 4096 } as never] : [],
  });
  const q = parseQuery(packet);
  if (isQueryProblem(q)) throw new Error('bad test query');
  return { q, packet };
}

const v6 = Buffer.from('fd000000000000000000000000000001', 'hex');

describe('hot-path answers', () => {
  it.each([
    ['A', true],
    ['A', false],
    ['AAAA', true],
    ['TXT', false],
    ['HTTPS' as dnsPacket.RecordType, true],
  ] as [dnsPacket.RecordType, boolean][])(
    'a blocked %s answer (EDNS %s) decodes exactly like the general encoder’s',
    (type, edns) => {
      const { q, packet } = parsed('Blocked.Example', type, edns);
      for (const ipv6 of [null, v6]) {
        const fast = fastBlocked(q, packet, ipv4Bytes('10.42.0.1'), ipv6, 60);
        const general = blockedResponse(q, { ipv4: '10.42.0.1', ipv6: ipv6 ? 'fd00::1' : null, ttl: 60 });
        expect(decodeMessage(fast)).toEqual(decodeMessage(general));
        expect(dnsPacket.decode(fast).id).toBe(777);
      }
    },
  );

  it('gives the portal address for A and an SOA for NODATA, readable by dns-packet', () => {
    const a = parsed('x.example', 'A', false);
    expect(
      dnsPacket.decode(fastBlocked(a.q, a.packet, ipv4Bytes('10.42.0.1'), null, 60)).answers,
    ).toMatchObject([{ type: 'A', name: 'x.example', ttl: 60, data: '10.42.0.1' }]);
    const aaaa = parsed('x.example', 'AAAA', true);
    const m = decodeMessage(fastBlocked(aaaa.q, aaaa.packet, ipv4Bytes('10.42.0.1'), null, 60));
    expect(m.answers).toEqual([]);
    expect(m.authorities[0]).toMatchObject({ type: RRType.SOA, name: 'x.example', ttl: 60 });
  });

  it('an NXDOMAIN answer matches the general encoder’s', () => {
    const { q, packet } = parsed('use-application-dns.net', 'A', true);
    expect(decodeMessage(fastNxdomain(q, packet, 60))).toEqual(decodeMessage(nxdomainResponse(q, 60)));
  });
});
