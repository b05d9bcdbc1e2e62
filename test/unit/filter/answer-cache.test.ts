import * as dnsPacket from 'dns-packet';
import { AnswerCache } from '../../../src/filter/answer-cache';
import { isQueryProblem, parseQuery, type ParsedQuery } from '../../../src/filter/dns/query';

function q(name: string, id = 1): { q: ParsedQuery; packet: Buffer } {
  const packet = dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: 'A', name }],
  });
  const parsed = parseQuery(packet);
  if (isQueryProblem(parsed)) throw new Error('bad query');
  return { q: parsed, packet };
}

function reply(name: string, ttl: number, rcode: 'NOERROR' | 'SERVFAIL' = 'NOERROR'): Buffer {
  return dnsPacket.encode({
    type: 'response',
    id: 1,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (rcode === 'SERVFAIL' ? 2 : 0),
    questions: [{ type: 'A', name }],
    answers: [
      { type: 'CNAME', name, ttl: ttl * 2, data: `cdn.${name}` },
      { type: 'A', name: `cdn.${name}`, ttl, data: '192.0.2.1' },
    ],
  });
}

describe('answer cache', () => {
  it('serves a stored answer with the asker’s ID and letter case, TTLs counted down, until the smallest TTL', () => {
    let now = 1_000_000;
    const cache = new AnswerCache(100, () => now);
    const first = q('www.example.org');
    cache.put(first.q, reply('www.example.org', 30));
    now += 10_500;
    const again = q('WWW.Example.ORG', 4242);
    const hit = dnsPacket.decode(cache.get(again.q, again.packet)!);
    expect(hit.id).toBe(4242);
    expect(hit.questions?.[0]?.name).toBe('WWW.Example.ORG');
    expect(hit.answers?.map((a) => (a as { ttl?: number }).ttl)).toEqual([50, 20]);
    now += 20_000;
    expect(cache.get(again.q, again.packet)).toBeNull();
  });

  it('keeps no failures and no zero TTLs, and evicts the oldest when full', () => {
    const cache = new AnswerCache(2);
    const a = q('a.example');
    cache.put(a.q, reply('a.example', 30, 'SERVFAIL'));
    cache.put(a.q, reply('a.example', 0));
    expect(cache.size).toBe(0);
    for (const n of ['a.example', 'b.example', 'c.example']) cache.put(q(n).q, reply(n, 30));
    expect(cache.size).toBe(2);
    expect(cache.get(a.q, a.packet)).toBeNull();
    const c = q('c.example');
    expect(cache.get(c.q, c.packet)).not.toBeNull();
  });

  it('is off at size 0', () => {
    const cache = new AnswerCache(0);
    const a = q('a.example');
    cache.put(a.q, reply('a.example', 30));
    expect(cache.get(a.q, a.packet)).toBeNull();
  });
});
