// The filtering DNS front-end as operators run it: `ecn filter update` builds the table from a
// UT1-style fixture, `ecn dns` serves it, a real dnsmasq is the upstream resolver, and both
// dig and a Node client (dns-packet) query it over UDP and TCP, on loopback only.

import dgram from 'node:dgram';
import type * as dnsPacket from 'dns-packet';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  answerData,
  dig,
  query,
  rawUdp,
  startDnsmasq,
  startEcnDns,
  type RunningProcess,
} from '../../helpers/dns';
import { ecn } from '../../helpers/processes';
import { freePort } from '../../helpers/redis-server';
import { writeUt1Fixture } from '../../helpers/ut1-fixture';
import { waitFor } from '../../helpers/wait-for';

jest.setTimeout(60_000);

let dir: string;
let upstream: RunningProcess;
let front: RunningProcess;
let config: string;

function writeConfig(file: string, upstreamPort: number, extra = ''): string {
  writeFileSync(
    file,
    `dataDir: ${JSON.stringify(path.join(dir, 'data'))}
log: { level: info }
filter:
  listen: 127.0.0.1:0
  upstream: 127.0.0.1:${upstreamPort}
  upstreamTimeout: 400
  categories: [adult, malware]
  allowCategories: [jobsearch]
  allow: [adult-site-2.example2.test]
  block: [blocked-by-space.example]
  blockAddress: 10.42.0.1
  sources:
    - { kind: ut1, path: lists }
${extra}`,
  );
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-dns-it-'));
  writeUt1Fixture(path.join(dir, 'data', 'lists'));
  upstream = await startDnsmasq(
    {
      'allowed.example': '192.0.2.10',
      'adult-site-2.example2.test': '192.0.2.30',
      'forcesafesearch.google.com': '216.239.38.120',
      'strict.bing.com': '204.79.197.220',
      'restrictmoderate.youtube.com': '216.239.38.119',
      'jobsearch-site-1.example1.test': '192.0.2.40',
      // Blocked names the upstream knows, so that an allowed alias can lead to them.
      'adult-site-5.example5.test': '192.0.2.66',
      'malware-site-9.example9.test': '192.0.2.99',
    },
    {
      'video-cdn.example': 'adult-site-5.example5.test',
      'step1.example': 'step2.example',
      'step2.example': 'malware-site-9.example9.test',
      'www.alias-ok.example': 'allowed.example',
    },
  );
  config = writeConfig(path.join(dir, 'config.yaml'), upstream.port);
  const update = await ecn(config, ['filter', 'update']);
  expect(update.stderr).toContain('bad lines');
  expect(update.status).toBe(0);
  expect(update.stdout).toMatch(/adult\s+3002 names\s+5 bad line/);
  expect(update.stdout).toMatch(/Filter table: 5002 names/);
  front = await startEcnDns(config);
});

afterAll(async () => {
  await front?.stop();
  await upstream?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('ecn dns with a dnsmasq upstream', () => {
  it('counts answers by outcome and blocked queries by category on its own /metrics, without names', async () => {
    dig(front.port, ['+short', 'adult-site-1.example1.test', 'A']);
    dig(front.port, ['+short', 'allowed.example', 'A']);
    const text = await (await fetch(front.metricsUrl!)).text();
    expect(text).toMatch(/^ecn_dns_blocked_total\{category="adult",space_id="[^"]+"\} [1-9]/m);
    expect(text).toMatch(
      /^ecn_dns_queries_total\{outcome="forwarded",transport="udp",space_id="[^"]+"\} [1-9]/m,
    );
    expect(text).toMatch(/^ecn_filter_lists_updated_timestamp_seconds\{space_id="[^"]+"\} 1\d{9}/m);
    expect(text).not.toMatch(/example1|allowed\.example|127\.0\.0\.1/);
    const { spawnSync } = await import('node:child_process');
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
  });

  it('answers a blocked name and its subdomains with the portal address (dig, UDP and TCP)', () => {
    expect(dig(front.port, ['+short', 'adult-site-1.example1.test', 'A']).trim()).toBe('10.42.0.1');
    expect(dig(front.port, ['+short', '+tcp', 'www.MALWARE-site-9.example9.test', 'A']).trim()).toBe(
      '10.42.0.1',
    );
    expect(dig(front.port, ['+short', 'blocked-by-space.example']).trim()).toBe('10.42.0.1');
  });

  it('tells the portal, on loopback, the category of what it blocks and nothing for what it forwards', async () => {
    const ask = async (name: string) =>
      (await fetch(`${front.lookupUrl!}?name=${encodeURIComponent(name)}`)).json() as Promise<unknown>;
    expect(front.lookupUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(await ask('www.adult-site-1.example1.test')).toEqual({ blocked: true, category: 'adult' });
    expect(await ask('malware-site-9.example9.test')).toEqual({ blocked: true, category: 'malware' });
    expect(await ask('blocked-by-space.example')).toEqual({ blocked: true, category: 'custom' });
    // What the DNS answers from the upstream is not blocked, and has no category.
    expect(await ask('allowed.example')).toEqual({ blocked: false });
    expect(await ask('adult-site-2.example2.test')).toEqual({ blocked: false });
    expect(await ask('jobsearch-site-1.example1.test')).toEqual({ blocked: false });
    expect(front.logs()).not.toMatch(/adult-site-1|allowed\.example/);
  });

  it('gives NODATA with an SOA for AAAA (no portal IPv6), HTTPS and other types of blocked names', async () => {
    for (const type of ['AAAA', 'HTTPS', 'TXT', 'MX'] as dnsPacket.RecordType[]) {
      const r = await query(front.port, 'adult-site-1.example1.test', type);
      expect(r.rcode).toBe('NOERROR');
      expect(r.answers).toEqual([]);
      expect(r.authorities?.[0]?.type).toBe('SOA');
    }
    const svcb = await query(front.port, 'x.adult-site-1.example1.test', 'SVCB' as never, { tcp: true });
    expect(svcb.answers).toEqual([]);
  });

  it('forwards allowed names to the upstream resolver, over UDP and TCP', async () => {
    expect(dig(front.port, ['+short', 'allowed.example']).trim()).toBe('192.0.2.10');
    expect(answerData(await query(front.port, 'allowed.example', 'A', { tcp: true, edns: true }))).toEqual([
      'A 192.0.2.10',
    ]);
    // In a category, but on the space's own allow list: forwarded.
    expect(answerData(await query(front.port, 'adult-site-2.example2.test'))).toEqual(['A 192.0.2.30']);
    // A whitelist category (UT1 usage "white") is forwarded too.
    expect(answerData(await query(front.port, 'jobsearch-site-1.example1.test'))).toEqual(['A 192.0.2.40']);
  });

  it('answers an allowed name whose CNAME chain leads to a blocked name as the blocked name', async () => {
    const malwareBlocked = async () => {
      const text = await (await fetch(front.metricsUrl!)).text();
      const m = /^ecn_dns_blocked_total\{category="malware",space_id="[^"]+"\} (\d+)/m.exec(text);
      return m ? Number(m[1]) : 0;
    };
    // One step, over UDP and TCP, twice (the second answer comes from the cache, checked again).
    for (const args of [[], ['+tcp'], []]) {
      expect(dig(front.port, ['+short', ...args, 'video-cdn.example', 'A']).trim()).toBe('10.42.0.1');
    }
    // Two steps: the last name of the chain is in the malware category, and counted as such.
    const before = await malwareBlocked();
    const two = await query(front.port, 'step1.example', 'A', { edns: true });
    expect(answerData(two)).toEqual(['A 10.42.0.1']);
    expect(await malwareBlocked()).toBe(before + 1);
    // AAAA (the portal has no IPv6 here): no data, not the blocked name's address.
    const six = await query(front.port, 'video-cdn.example', 'AAAA');
    expect(six.answers).toEqual([]);
    expect(six.authorities?.[0]?.type).toBe('SOA');
    // A chain of allowed names is passed through whole.
    expect(answerData(await query(front.port, 'www.alias-ok.example'))).toEqual([
      'CNAME allowed.example',
      'A 192.0.2.10',
    ]);
  });

  it('forces SafeSearch with CNAMEs resolved through the upstream', async () => {
    const google = await query(front.port, 'www.google.com');
    expect(answerData(google)).toEqual(['CNAME forcesafesearch.google.com', 'A 216.239.38.120']);
    expect(dig(front.port, ['+short', 'www.bing.com'])).toBe('strict.bing.com.\n204.79.197.220\n');
    expect(answerData(await query(front.port, 'm.youtube.com', 'A', { tcp: true }))[0]).toBe(
      'CNAME restrictmoderate.youtube.com',
    );
  });

  it('answers NXDOMAIN for the Firefox canary and Apple Private Relay names', async () => {
    for (const name of ['use-application-dns.net', 'mask.icloud.com', 'mask-h2.icloud.com']) {
      expect((await query(front.port, name)).rcode).toBe('NXDOMAIN');
    }
    expect(dig(front.port, ['use-application-dns.net'])).toContain('status: NXDOMAIN');
  });

  it('picks up a rebuilt table without dropping a query', async () => {
    appendFileSync(
      path.join(dir, 'data', 'lists', 'blacklists', 'malware', 'domains'),
      'new-threat.example\n',
    );
    expect(answerData(await query(front.port, 'new-threat.example'))).not.toContain('A 10.42.0.1');
    let answered = 0;
    let failed = 0;
    let stop = false;
    const load = (async () => {
      while (!stop) {
        const batch = await Promise.allSettled(
          Array.from({ length: 20 }, () => query(front.port, 'allowed.example', 'A', { timeoutMs: 2000 })),
        );
        for (const b of batch)
          if (b.status === 'fulfilled' && b.value.rcode === 'NOERROR') answered++;
          else failed++;
      }
    })();
    const update = await ecn(config, ['filter', 'update']);
    expect(update.status).toBe(0);
    const blocked = await waitFor(
      async () => answerData(await query(front.port, 'new-threat.example')).includes('A 10.42.0.1'),
      { what: 'the new threat blocked', timeout: 5000, interval: 100 },
    ).catch(() => false);
    stop = true;
    await load;
    expect(blocked).toBe(true);
    // The block page's lookup answers from the same, new table.
    const after = await fetch(`${front.lookupUrl!}?name=new-threat.example`);
    expect(await after.json()).toEqual({ blocked: true, category: 'malware' });
    expect(answered).toBeGreaterThan(100);
    expect(failed).toBe(0);
    expect(front.logs()).toContain('filter table loaded');
  });

  it('keeps the previous table when an update finds a truncated list', async () => {
    writeFileSync(
      path.join(dir, 'data', 'lists', 'blacklists', 'adult', 'domains'),
      'adult-site-1.example1.test\n',
    );
    const update = await ecn(config, ['filter', 'update']);
    expect(update.status).toBe(1);
    expect(update.stderr).toContain('ECN_ERR_FILTER_SHRUNK');
    expect(dig(front.port, ['+short', 'adult-site-77.example12.test']).trim()).toBe('10.42.0.1');
  });

  it('answers SERVFAIL quickly when the upstream is down or silent', async () => {
    const deadPort = await freePort();
    const down = await startEcnDns(writeConfig(path.join(dir, 'down.yaml'), deadPort));
    const silent = dgram.createSocket('udp4'); // receives and never answers
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
    const mute = await startEcnDns(writeConfig(path.join(dir, 'mute.yaml'), silent.address().port));
    try {
      let t = Date.now();
      expect((await query(down.port, 'allowed.example')).rcode).toBe('SERVFAIL');
      expect(Date.now() - t).toBeLessThan(1000);
      t = Date.now();
      expect((await query(mute.port, 'allowed.example', 'A', { tcp: true })).rcode).toBe('SERVFAIL');
      expect(Date.now() - t).toBeLessThan(1500); // upstreamTimeout is 400 ms
      // Blocked names do not need the upstream at all.
      expect(answerData(await query(mute.port, 'adult-site-1.example1.test'))).toEqual(['A 10.42.0.1']);
    } finally {
      await down.stop();
      await mute.stop();
      silent.close();
    }
  });

  it('survives 100 000 malformed packets and still answers', async () => {
    let seed = 12345;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const valid = Buffer.from('abcd01000001000000000000076578616d706c6503636f6d0000010001', 'hex');
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
    socket.on('message', () => {}); // FORMERR answers: ignored here
    const kinds = [
      () => valid.subarray(0, Math.floor(rnd() * valid.length)), // truncated
      () => Buffer.concat([valid.subarray(0, 12), Buffer.from([0xc0, 0x0c, 0, 1, 0, 1])]), // pointer to itself
      () => {
        const b = Buffer.from(valid);
        b.writeUInt16BE(Math.floor(rnd() * 65536), 4); // 0, 50, 65535 questions...
        return b;
      },
      () => Buffer.concat([valid.subarray(0, 12), Buffer.alloc(300, 63), Buffer.from([0, 0, 1, 0, 1])]), // oversize name
      () => {
        const b = Buffer.from(valid);
        for (let k = 0; k < 3; k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
        return b;
      },
      () => Buffer.from(Array.from({ length: Math.floor(rnd() * 600) }, () => Math.floor(rnd() * 256))),
    ];
    for (let i = 0; i < 100_000; i++) {
      socket.send(kinds[i % kinds.length]!(), front.port, '127.0.0.1');
      if (i % 200 === 199) await new Promise((r) => setImmediate(r));
    }
    socket.close();
    // The same over TCP: random length prefixes, frames cut short, junk after a frame, several
    // messages in one write (the review's cases: a reader must never wait for bytes forever).
    const { default: net } = await import('node:net');
    for (let c = 0; c < 40; c++) {
      const s = net.connect(front.port, '127.0.0.1');
      s.on('error', () => {});
      const parts: Buffer[] = [];
      for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) {
        const body = kinds[Math.floor(rnd() * kinds.length)]!();
        const head = Buffer.alloc(2);
        head.writeUInt16BE(rnd() < 0.7 ? body.length : Math.floor(rnd() * 65536));
        parts.push(head, body);
      }
      await new Promise<void>((r) => s.end(Buffer.concat(parts), () => r()));
      s.destroy();
    }
    expect(front.child.exitCode).toBeNull();
    expect(answerData(await query(front.port, 'allowed.example', 'A', { tcp: true }))).toEqual([
      'A 192.0.2.10',
    ]);
    expect(answerData(await query(front.port, 'allowed.example', 'A', { timeoutMs: 5000 }))).toEqual([
      'A 192.0.2.10',
    ]);
    expect(dig(front.port, ['+short', 'adult-site-1.example1.test']).trim()).toBe('10.42.0.1');
    // A query with 0 questions gets FORMERR, not silence.
    const zero = Buffer.from('abcd01000000000000000000', 'hex');
    const reply = await rawUdp(front.port, zero, 3000);
    expect(reply[3]! & 0xf).toBe(1);
  });
});
