// Issue #15, items 8 and 2 with real packets: a client, a gateway and an "Internet" namespace,
// the built service driving nftables in the gateway namespace, dnsmasq as the box's resolver
// (answering only for the test's names, no upstream). A manager marks a link "accessible avant
// la connexion" in the console: a captive client then reaches that site's address on 443, and
// nothing else (another address, another port); the welcome page lists it with its note; once the
// link is removed it is refused again. Then a trusted PC's probe is answered as online and the
// PC goes through without opening the portal. Traffic only between namespaces made here.

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, ecn, MAIN, ROOT } from '../helpers/processes';
import { must, NsProcess, removeLeftoverNamespaces, TestNamespaces } from '../helpers/netns';
import { ClientAgent } from '../helpers/netns-client';
import { eventually } from '../helpers/eventually';
import { msgHtml } from '../helpers/messages';

jest.setTimeout(90_000);

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'netns');
const CLIENT_IP = '192.0.2.10';
const CLIENT_MAC = '02:ec:00:00:00:20';
const GW_LAN = '192.0.2.1';
const UPSTREAM = '198.51.100.2';
/** The useful link's site, and another site on the same "Internet" that no link names. */
const SITE = '198.51.100.20';
const OTHER_SITE = '198.51.100.21';
const PORTAL = `http://${GW_LAN}:8080`;
const CONSOLE = `http://${GW_LAN}:8081`;
const PASSWORD = 'un mot de passe solide';

const nets = new TestNamespaces();
let dir: string;
let config: string;
let gw: string;
let agent: ClientAgent;
let service: NsProcess | null = null;

/** A TCP connection from the captive client; what came back (the site says who it is) or the error. */
async function reach(host: string, port: number): Promise<string> {
  const r = await agent.call<{ data?: string; error?: string }>({
    op: 'tcp',
    host,
    port,
    waitData: true,
    timeoutMs: 3000,
  });
  return r.data ?? r.error ?? 'nothing';
}

/** Saves the links form as a manager would, from a browser on the box. */
async function saveLinks(rows: { label: string; url: string; before?: boolean }[]): Promise<void> {
  const r = await must('ip', [
    'netns',
    'exec',
    gw,
    process.execPath,
    path.join(FIXTURES, 'console-links.js'),
    CONSOLE,
    'claire',
    PASSWORD,
    JSON.stringify(rows),
  ]);
  expect(JSON.parse(r.stdout)).toEqual({ status: 303, location: '/settings?msg=links' });
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) {
    throw new Error('the network-namespace test needs root (ip netns, nft); run scripts/test.sh as root');
  }
  await removeLeftoverNamespaces();
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-garden-'));
  chmodSync(dir, 0o755);
  config = path.join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      'space: { id: roubaix-garden, name: "Espace de test" }',
      `dataDir: ${JSON.stringify(path.join(dir, 'data'))}`,
      'log: { level: info }',
      'portal: { listen: "0.0.0.0:8080", sweepInterval: 1 }',
      `console: { listen: "${GW_LAN}:8081" }`,
      'metrics: { listen: "127.0.0.1:0" }',
      'gateway:',
      '  kind: nftables',
      '  clientInterface: lan0',
      '  upstreamInterface: up0',
      `  portalAddress: ${GW_LAN}`,
      `  dnsAddress: ${GW_LAN}`,
      '  dnsPort: 5353',
      '  linksRefresh: 10',
      'profiles:',
      '  - { name: 1h, label: "1 heure", duration: 3600, devices: 1, default: true }',
      '',
    ].join('\n'),
  );

  const client = await nets.add('client');
  gw = await nets.add('gw');
  const up = await nets.add('up');
  await nets.link(gw, 'lan0', client, 'eth0');
  await nets.link(gw, 'up0', up, 'eth0');
  await nets.ip(client, 'link', 'set', 'eth0', 'address', CLIENT_MAC);
  await nets.ip(client, 'addr', 'add', `${CLIENT_IP}/24`, 'dev', 'eth0');
  await nets.ip(client, 'route', 'add', 'default', 'via', GW_LAN);
  await nets.ip(gw, 'addr', 'add', `${GW_LAN}/24`, 'dev', 'lan0');
  await nets.ip(gw, 'addr', 'add', '198.51.100.1/24', 'dev', 'up0');
  await nets.exec(gw, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
  for (const a of [UPSTREAM, SITE, OTHER_SITE]) await nets.ip(up, 'addr', 'add', `${a}/24`, 'dev', 'eth0');
  await nets.ip(up, 'route', 'add', '192.0.2.0/24', 'via', '198.51.100.1');

  // The sites: each port answers with the address and port it was reached on.
  const sites = nets.spawn(up, [
    process.execPath,
    '-e',
    `const net = require('node:net'); let n = 0;
     for (const port of [443, 8443]) net.createServer((s) => s.end('site ' + s.localAddress + ':' + port + '\\n'))
       .listen(port, '0.0.0.0', () => { if (++n === 2) console.log('ready'); });
     process.stdin.on('end', () => process.exit(0)); process.stdin.resume();`,
  ]);
  await sites.waitLine((l) => l === 'ready');
  const upstream = nets.spawn(up, [process.execPath, path.join(FIXTURES, 'upstream.js')]);
  await upstream.waitLine((l) => l === 'ready');
  // The box's resolver: knows the test's names only, asks no one else.
  const dnsmasq = nets.spawn(gw, [
    'dnsmasq',
    '--keep-in-foreground',
    '--log-facility=-',
    '--conf-file=/dev/null',
    '--no-resolv',
    '--no-hosts',
    '--no-poll',
    '--bind-interfaces',
    `--listen-address=${GW_LAN}`,
    '--port=5353',
    '--user=root',
    '--pid-file',
    `--address=/sante.example.org/${SITE}`,
    `--address=/autre.example.org/${OTHER_SITE}`,
  ]);
  await eventually('dnsmasq answers', async () => {
    const r = await nets.exec(
      gw,
      'dig',
      '+short',
      '+time=1',
      '+tries=1',
      '-p',
      '5353',
      `@${GW_LAN}`,
      'sante.example.org',
    );
    return r.stdout.trim() === SITE;
  }).catch((err: unknown) => {
    throw new Error(`${String(err)}\n${dnsmasq.output()}`);
  });
  const agentProc = nets.spawn(client, [process.execPath, path.join(FIXTURES, 'client-agent.js')]);
  await agentProc.waitLine((l) => l.includes('"ready"'));
  agent = new ClientAgent(agentProc);

  const user = await ecn(config, ['users', 'add', '-u', 'claire', '-r', 'manager'], {}, `${PASSWORD}\n`);
  if (user.status !== 0) throw new Error(user.stderr);
  service = nets.spawn(gw, [process.execPath, MAIN, '--config', config], cleanEnv());
  await service.waitLine((l) => l.includes('ECN gateway started'), 30_000);
});

afterAll(async () => {
  if (process.env.ECN_E2E_LOGS && service) writeFileSync(process.env.ECN_E2E_LOGS, service.output());
  await nets.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
  const left = (await must('ip', ['netns', 'list'])).stdout;
  expect(left).not.toContain(nets.prefix);
});

test('before any link is marked, a captive client reaches no site on 443', async () => {
  expect(await reach(SITE, 443)).toBe('ECONNREFUSED');
  expect(await reach(OTHER_SITE, 443)).toBe('ECONNREFUSED');
});

test('a link marked "accessible avant la connexion" opens its address on 443 only, and the welcome page lists it', async () => {
  await saveLinks([
    { label: 'Ma santé', url: 'https://sante.example.org/rendez-vous', before: true },
    // Listed after login only: its site stays closed to captive clients.
    { label: 'Autre site', url: 'https://autre.example.org/' },
  ]);
  expect(
    await eventually('the site is reachable before login', async () => {
      const got = await reach(SITE, 443);
      return got.startsWith('site') ? got : null;
    }),
  ).toMatch(new RegExp(`^site (::ffff:)?${SITE.replace(/\./g, '\\.')}:443`));
  // Nothing else: not another port of the same address, not the other link's site, not the web.
  expect(await reach(SITE, 8443)).toBe('ECONNREFUSED');
  expect(await reach(OTHER_SITE, 443)).toBe('ECONNREFUSED');
  expect(await reach(UPSTREAM, 9000)).toBe('ECONNREFUSED');
  const web = await agent.http(`http://${SITE}/`);
  expect(web.status).toBe(302);
  // The kernel holds the address with a timeout (three refresh periods), renewed by the service.
  const set = await must('ip', [
    'netns',
    'exec',
    gw,
    'nft',
    'list',
    'set',
    'inet',
    'ecn_gateway',
    'garden_https4',
  ]);
  expect(set.stdout).toMatch(new RegExp(`${SITE.replace(/\./g, '\\.')} \\. 443 timeout 30s`));
  expect(set.stdout).not.toContain(OTHER_SITE);

  const welcome = await agent.http(`${PORTAL}/?lang=fr`);
  expect(welcome.status).toBe(200);
  expect(welcome.body).toContain(msgHtml('fr', 'welcome.gardenNote'));
  expect(welcome.body).toContain('href="https://sante.example.org/rendez-vous"');
  expect(welcome.body).not.toContain('autre.example.org');
});

test('once the link is removed, its site is refused again and the welcome page no longer lists it', async () => {
  await saveLinks([{ label: 'Autre site', url: 'https://autre.example.org/' }]);
  await eventually('the site is refused again', async () => (await reach(SITE, 443)) === 'ECONNREFUSED');
  const welcome = await agent.http(`${PORTAL}/?lang=fr`);
  expect(welcome.body).not.toContain(msgHtml('fr', 'welcome.gardenNote'));
  expect(welcome.body).not.toContain('sante.example.org');
});

test("a trusted PC's probe is answered as online and the PC goes through without opening the portal", async () => {
  const probe = () =>
    agent.http(`${PORTAL}/generate_204`, { headers: { host: 'connectivitycheck.gstatic.com' } });
  const before = await probe();
  expect(before.status).toBe(302);
  const trust = await ecn(config, ['devices', 'trust', '--mac', CLIENT_MAC, '--label', 'PC 1']);
  expect(trust.status).toBe(0);
  // The PC's system asks its probe: online at once, and let through by the gateway.
  expect((await probe()).status).toBe(204);
  const r = await agent.http(`http://${UPSTREAM}/hello`);
  expect(r.status).toBe(200);
  expect(r.body).toMatch(/^upstream-ok/);
  const set = await must('ip', [
    'netns',
    'exec',
    gw,
    'nft',
    'list',
    'set',
    'inet',
    'ecn_gateway',
    'clients_mac4',
  ]);
  expect(set.stdout).toContain(`${CLIENT_MAC} . ${CLIENT_IP}`);
});
