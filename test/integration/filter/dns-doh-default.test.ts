// With the default categories, the filter blocks DNS-over-HTTPS resolvers (UT1 `doh`): a browser
// set to one gets the portal's address for it and falls back to the space's filtering DNS.
// The real `ecn filter update` and `ecn dns`, a real dnsmasq upstream, dig, loopback only.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dig, startDnsmasq, startEcnDns, type RunningProcess } from '../../helpers/dns';
import { ecn } from '../../helpers/processes';

jest.setTimeout(60_000);

let dir: string;
let upstream: RunningProcess;
let front: RunningProcess;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-dns-doh-'));
  const lists = path.join(dir, 'data', 'lists', 'blacklists');
  for (const [category, names] of Object.entries({
    doh: ['doh-resolver.example', 'dns.private-resolver.test'],
    adult: ['adult-site.example'],
    games: ['games-site.example'],
  })) {
    mkdirSync(path.join(lists, category), { recursive: true });
    writeFileSync(path.join(lists, category, 'domains'), names.join('\n') + '\n');
    writeFileSync(path.join(lists, category, 'usage'), 'black\n');
  }
  upstream = await startDnsmasq({
    'doh-resolver.example': '192.0.2.53',
    'games-site.example': '192.0.2.20',
  });
  // No `categories` key: the defaults apply.
  const config = path.join(dir, 'config.yaml');
  writeFileSync(
    config,
    `dataDir: ${JSON.stringify(path.join(dir, 'data'))}
log: { level: info }
filter:
  listen: 127.0.0.1:0
  upstream: 127.0.0.1:${upstream.port}
  blockAddress: 10.42.0.1
  sources:
    - { kind: ut1, path: lists }
`,
  );
  const update = await ecn(config, ['filter', 'update']);
  expect(update.status).toBe(0);
  front = await startEcnDns(config);
});

afterAll(async () => {
  await front?.stop();
  await upstream?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('blocks DNS-over-HTTPS resolvers by default, with their category on the block page lookup', async () => {
  expect(dig(front.port, ['+short', 'doh-resolver.example', 'A']).trim()).toBe('10.42.0.1');
  expect(dig(front.port, ['+short', '+tcp', 'dns.private-resolver.test', 'A']).trim()).toBe('10.42.0.1');
  const lookup = await fetch(`${front.lookupUrl!}?name=doh-resolver.example`);
  expect(await lookup.json()).toEqual({ blocked: true, category: 'doh' });
  // A category that is not a default stays open.
  expect(dig(front.port, ['+short', 'games-site.example', 'A']).trim()).toBe('192.0.2.20');
});
