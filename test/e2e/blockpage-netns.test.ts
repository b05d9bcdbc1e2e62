// The content filter and the gateway together, with real packets: a client, a gateway and an
// "Internet" namespace; in the gateway namespace the built service drives nftables and `ecn dns`
// (table built from a UT1-format fixture) answers the clients' DNS, forwarding what it does not
// block to a stand-in caching resolver on the gateway's loopback. Proves that a blocked name
// resolves to the portal, that HTTP to it shows the block page naming the category (French),
// that HTTPS to it is refused at once, and that an allowed name still resolves and loads.

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CATALOGS } from '../../src/portal/i18n';
import { cleanEnv, ECN_BIN, ecn, MAIN, ROOT } from '../helpers/processes';
import { must, removeLeftoverNamespaces, run, TestNamespaces } from '../helpers/netns';
import { requireBinary } from '../helpers/dns';
import { ClientAgent, loginThrough } from '../helpers/netns-client';
import { writeUt1Fixture } from '../helpers/ut1-fixture';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(60_000);

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'netns');
const CLIENT_IP = '192.0.2.10';
const GW_LAN = '192.0.2.1';
const UPSTREAM = '198.51.100.2';
const PORTAL = `http://${GW_LAN}:8080`;
/** Where the client's resolver points (DHCP would announce the box); port 53, redirected to `ecn dns`. */
const CLIENT_DNS = GW_LAN;
const BLOCKED = 'adult-site-7.example7.test';
const CLIENT_IP6 = 'fd00:ec::10';
const GW_LAN6 = 'fd00:ec::1';
/** A resolver outside the box (its own namespace), that answers every name with OUTSIDE_ANSWER. */
const OUTSIDE_DNS = '203.0.113.53';
const OUTSIDE_DNS6 = '2001:db8:53::53';
const OUTSIDE_ANSWER = '203.0.113.66';
const ALLOWED = 'www.allowed.test';

const UNPRIVILEGED = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];

const nets = new TestNamespaces();
let dir: string;
let config: string;
let agent: ClientAgent;
let gwNs: string;

beforeAll(async () => {
  if (process.getuid?.() !== 0) {
    throw new Error('the network-namespace test needs root (ip netns, nft); run scripts/test.sh as root');
  }
  await removeLeftoverNamespaces();
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-netns-filter-'));
  chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  writeUt1Fixture(path.join(dataDir, 'lists'));
  config = path.join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      'space: { id: roubaix-netns-filter, name: "Espace de test", contactEmail: "accueil@ecn.test" }',
      `dataDir: ${JSON.stringify(dataDir)}`,
      'log: { level: info }',
      'portal:',
      `  listen: "${GW_LAN}:8080"`,
      `  publicUrl: "${PORTAL}"`,
      'gateway:',
      '  kind: nftables',
      '  clientInterface: lan0',
      '  upstreamInterface: up0',
      `  portalAddress: ${GW_LAN}`,
      // The clients' DNS goes to the filter: the same address and port as filter.listen.
      `  dnsAddress: ${GW_LAN}`,
      `  dnsAddress6: "${GW_LAN6}"`,
      '  dnsPort: 5353',
      'filter:',
      `  listen: "${GW_LAN}:5353"`,
      `  listen6: "[${GW_LAN6}]:5353"`,
      '  upstream: "127.0.0.1:5300"',
      '  upstreamTimeout: 1000',
      '  lookupListen: "127.0.0.1:9466"',
      '  metricsListen: "127.0.0.1:9465"',
      '  categories: [adult, malware]',
      `  blockAddress: ${GW_LAN}`,
      '  sources:',
      '    - { kind: ut1, path: lists }',
      'profiles:',
      '  - { name: 1h, label: "1 heure", duration: 3600, devices: 1, default: true }',
      '',
    ].join('\n'),
  );
  const update = await ecn(config, ['filter', 'update']);
  expect(update.status).toBe(0);
  const tickets = await ecn(config, ['tickets', 'create', '--count', '1']);
  expect(tickets.status).toBe(0);
  const code = tickets.stdout.trim();
  await must('chown', ['-R', '65534:65534', dir]);

  const client = await nets.add('client');
  const gw = await nets.add('gw');
  const up = await nets.add('up');
  await nets.link(gw, 'lan0', client, 'eth0');
  await nets.link(gw, 'up0', up, 'eth0');
  await nets.ip(client, 'addr', 'add', `${CLIENT_IP}/24`, 'dev', 'eth0');
  await nets.ip(client, 'route', 'add', 'default', 'via', GW_LAN);
  await nets.ip(gw, 'addr', 'add', `${GW_LAN}/24`, 'dev', 'lan0');
  await nets.ip(gw, 'addr', 'add', '198.51.100.1/24', 'dev', 'up0');
  await nets.exec(gw, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
  await nets.ip(up, 'addr', 'add', `${UPSTREAM}/24`, 'dev', 'eth0');
  await nets.ip(up, 'route', 'add', '192.0.2.0/24', 'via', '198.51.100.1');
  // IPv6 on the clients' side, and an outside resolver on IPv4 and IPv6 in a namespace of its own.
  const outside = await nets.add('outside');
  await nets.link(gw, 'out0', outside, 'eth0');
  await nets.ip(client, 'addr', 'add', `${CLIENT_IP6}/64`, 'dev', 'eth0', 'nodad');
  await nets.ip(client, '-6', 'route', 'add', 'default', 'via', GW_LAN6);
  await nets.ip(gw, 'addr', 'add', `${GW_LAN6}/64`, 'dev', 'lan0', 'nodad');
  await nets.ip(gw, 'addr', 'add', '203.0.113.1/24', 'dev', 'out0');
  await nets.ip(gw, 'addr', 'add', '2001:db8:53::1/64', 'dev', 'out0', 'nodad');
  await nets.exec(gw, 'sysctl', '-qw', 'net.ipv6.conf.all.forwarding=1');
  await nets.ip(outside, 'addr', 'add', `${OUTSIDE_DNS}/24`, 'dev', 'eth0');
  await nets.ip(outside, 'addr', 'add', `${OUTSIDE_DNS6}/64`, 'dev', 'eth0', 'nodad');
  await nets.ip(outside, 'route', 'add', '192.0.2.0/24', 'via', '203.0.113.1');
  await nets.ip(outside, '-6', 'route', 'add', 'fd00:ec::/64', 'via', '2001:db8:53::1');
  nets.spawn(outside, [
    requireBinary('dnsmasq'),
    '-k',
    '--conf-file=/dev/null',
    '--port=53',
    `--listen-address=${OUTSIDE_DNS},${OUTSIDE_DNS6}`,
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    `--address=/#/${OUTSIDE_ANSWER}`,
    '--pid-file=',
    '--log-facility=-',
  ]);
  for (const server of [OUTSIDE_DNS, OUTSIDE_DNS6]) {
    await until(`the outside resolver answers on ${server}`, async () => {
      const r = await run('ip', ['netns', 'exec', outside, ...digArgs(server, 'probe.example')]);
      return r.stdout.trim() === OUTSIDE_ANSWER;
    });
  }

  const web = nets.spawn(up, [process.execPath, path.join(FIXTURES, 'upstream.js')]);
  await web.waitLine((l) => l === 'ready');
  const resolver = nets.spawn(gw, [
    process.execPath,
    path.join(FIXTURES, 'dns-upstream.js'),
    '127.0.0.1',
    '5300',
    UPSTREAM,
  ]);
  await resolver.waitLine((l) => l === 'ready');
  // Something listens on 443 on the box, so a refusal can only come from the gateway's rules.
  const https = nets.spawn(gw, [
    process.execPath,
    '-e',
    "require('node:net').createServer((s) => s.end('tls-reached\\n')).listen(443, '0.0.0.0', () => console.log('ready'))",
  ]);
  await https.waitLine((l) => l === 'ready');
  gwNs = gw;
  const env = cleanEnv({ ECN_SPACE_TIMEZONE: 'UTC' });
  const dns = nets.spawn(gw, [...UNPRIVILEGED, process.execPath, ECN_BIN, '--config', config, 'dns'], env);
  await dns.waitLine((l) => l.includes('ECN DNS started'), 20_000);
  const service = nets.spawn(
    gw,
    [
      ...UNPRIVILEGED,
      '--inh-caps=-all,+net_admin',
      '--ambient-caps=-all,+net_admin',
      '--bounding-set=-all,+net_admin',
      process.execPath,
      MAIN,
      '--config',
      config,
    ],
    env,
  );
  await service.waitLine((l) => l.includes('ECN gateway started'), 20_000);
  const agentProc = nets.spawn(client, [process.execPath, path.join(FIXTURES, 'client-agent.js')]);
  await agentProc.waitLine((l) => l.includes('"ready"'));
  agent = new ClientAgent(agentProc);

  const login = await loginThrough(agent, PORTAL, code);
  expect(login.status).toBe(303);
});

/** `dig` arguments for one A query to `server` on port 53, answer only. */
function digArgs(server: string, name: string, extra: string[] = []): string[] {
  return [requireBinary('dig'), `@${server}`, '+short', '+time=2', '+tries=1', ...extra, name, 'A'];
}

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  await waitFor(check, { what, timeout: ms, interval: 100 });
}

afterAll(async () => {
  await nets.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
  const left = (await must('ip', ['netns', 'list'])).stdout;
  expect(left).not.toContain(nets.prefix);
});

test('a blocked name resolves to the portal address through the gateway', async () => {
  expect(await agent.call({ op: 'resolve', server: CLIENT_DNS, name: BLOCKED })).toMatchObject({
    addresses: [GW_LAN],
  });
  // DNS sent anywhere else is redirected to the filter too.
  expect(await agent.call({ op: 'resolve', server: UPSTREAM, name: `www.${BLOCKED}` })).toMatchObject({
    addresses: [GW_LAN],
  });
});

test('HTTP to a blocked name shows the block page, in French, naming its category', async () => {
  const first = await agent.http(`http://${BLOCKED}/some/page`, { dns: CLIENT_DNS });
  expect(first.error).toBeUndefined();
  expect(first.status).toBe(302);
  expect(first.headers!.location).toBe(`${PORTAL}/blocked?category=adult`);
  const page = await agent.http(String(first.headers!.location), { headers: { 'accept-language': 'fr' } });
  expect(page.status).toBe(403);
  expect(page.body).toContain('<html lang="fr"');
  expect(page.body).toContain(`Catégorie : ${CATALOGS.fr['category.adult']}`);
  expect(page.body).toContain('Université Toulouse Capitole');
  expect(page.body).toContain('CC BY-SA');
  expect(page.body).toContain('accueil@ecn.test');
  expect(page.body).not.toContain(BLOCKED);
});

test('HTTPS (TCP 443) to a blocked name is refused at once, not left to hang', async () => {
  // Control: on the box itself, port 443 of the portal address answers.
  const local = await nets.exec(
    gwNs,
    process.execPath,
    '-e',
    `require('node:net').connect(443, '${GW_LAN}').on('data', (d) => { process.stdout.write(d); process.exit(0); })`,
  );
  expect(local.stdout).toBe('tls-reached\n');
  const resolved = await agent.call<{ addresses: string[] }>({
    op: 'resolve',
    server: CLIENT_DNS,
    name: BLOCKED,
  });
  const r = await agent.call<{ error?: string; ms: number }>({
    op: 'tcp',
    host: resolved.addresses[0],
    port: 443,
  });
  expect(r.error).toBe('ECONNREFUSED');
  expect(r.ms).toBeLessThan(1000);
});

test('an allowed name resolves through the upstream resolver and loads', async () => {
  expect(await agent.call({ op: 'resolve', server: CLIENT_DNS, name: ALLOWED })).toMatchObject({
    addresses: [UPSTREAM],
  });
  const r = await agent.http(`http://${ALLOWED}/`, { dns: CLIENT_DNS });
  expect(r.status).toBe(200);
  expect(r.body).toMatch(/^upstream-ok/);
  // An unknown name stays unknown (NXDOMAIN from the upstream, not the portal).
  expect(await agent.call({ op: 'resolve', server: CLIENT_DNS, name: 'nowhere.example' })).toMatchObject({
    error: 'ENOTFOUND',
  });
});

test('a foreign name the filter does not block, sent to the portal, gets no category', async () => {
  const r = await agent.http(`http://${GW_LAN}/`, { headers: { host: ALLOWED } });
  expect(r.status).toBe(302);
  expect(r.headers!.location).toBe(`${PORTAL}/blocked`);
});

test("an authorized client's DNS to an outside resolver, over IPv4 and IPv6, UDP and TCP, is answered by the box's filter", async () => {
  const client = nets.name('client');
  // Control: asked from the box itself (not redirected), the outside resolver gives its own answer.
  for (const server of [OUTSIDE_DNS, OUTSIDE_DNS6]) {
    const r = await must('ip', ['netns', 'exec', gwNs, ...digArgs(server, BLOCKED)]);
    expect(r.stdout.trim()).toBe(OUTSIDE_ANSWER);
  }
  // The client is logged in (over IPv4); its IPv6 address is let through too, as the gateway
  // does for a device it knows over IPv6, so nothing but the redirect stands in the way.
  for (const set of ['clients_ip6', 'clients_down6']) {
    await must('ip', [
      'netns',
      'exec',
      gwNs,
      'nft',
      'add',
      'element',
      'inet',
      'ecn_gateway',
      set,
      `{ ${CLIENT_IP6} timeout 1h }`,
    ]);
  }
  for (const server of [OUTSIDE_DNS, OUTSIDE_DNS6]) {
    for (const transport of [[], ['+tcp']]) {
      const blocked = await must('ip', ['netns', 'exec', client, ...digArgs(server, BLOCKED, transport)]);
      expect({ server, transport, answer: blocked.stdout.trim() }).toEqual({
        server,
        transport,
        answer: GW_LAN,
      });
      // An allowed name is answered by the box's resolver too (its upstream's address).
      const allowed = await must('ip', ['netns', 'exec', client, ...digArgs(server, ALLOWED, transport)]);
      expect(allowed.stdout.trim()).toBe(UPSTREAM);
    }
  }
});
