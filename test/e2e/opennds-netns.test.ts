// The portal as the FAS of a real openNDS (Debian's opennds 9.10), levels 1 and 2: openNDS runs
// as the router between a client namespace and an "Internet" namespace where the built service
// and a web server run. The client visits a URL holding a `~`, is sent by openNDS to the
// portal, logs in through the real form, is handed back to openNDS's `opennds_auth`, and then
// `ndsctl json` shows it authenticated and its traffic reaches the web server.
//
// openNDS runs in private mount and pid namespaces (test/fixtures/netns/opennds-router.sh): its
// writes to /etc, /run and /tmp never reach the host (checked after the run), its scripts see
// only its processes, and its legacy iptables rules live in the router namespace only.

import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ecn, MAIN, ROOT } from '../helpers/processes';
import { must, NsProcess, removeLeftoverNamespaces, run, TestNamespaces } from '../helpers/netns';
import { ClientAgent, cookieOf, type HttpResult } from '../helpers/netns-client';
import { hiddenFields } from '../helpers/http';
import { eventually as eventuallyWithin } from '../helpers/eventually';

jest.setTimeout(120_000);

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'netns');
const CLIENT_IP = '192.0.2.10';
const CLIENT_MAC = '02:ec:00:00:00:10';
const ROUTER_LAN = '192.0.2.1';
const UPSTREAM = '198.51.100.2';
/** openNDS's `fasremoteip`: the portal's address, not one of its configured host names. */
const FAS_IP = '198.51.100.3';
const FAS_PORT = 8080;
const eventually = <T>(what: string, fn: () => Promise<T | null | false>, ms = 30_000) =>
  eventuallyWithin(what, fn, ms, 250);
const FASKEY = 'ecn-test-faskey-5b1d0c7e9a2f4e8d';

function location(res: HttpResult): string {
  const l = res.headers?.location;
  if (typeof l !== 'string') throw new Error(`no redirect: ${JSON.stringify(res).slice(0, 600)}`);
  return l;
}

function openNdsConf(level: 1 | 2): string {
  return [
    'GatewayName ECNTest',
    'GatewayInterface lan0',
    'gatewayport 2050',
    `fasport ${FAS_PORT}`,
    `fasremoteip ${FAS_IP}`,
    'faspath /opennds/',
    `fas_secure_enabled ${level}`,
    `faskey ${FASKEY}`,
    'sessiontimeout 60',
    'FirewallRuleSet authenticated-users {',
    '}',
    'FirewallRuleSet preauthenticated-users {',
    '}',
    'FirewallRuleSet users-to-router {',
    '    FirewallRule allow udp port 53',
    '    FirewallRule allow tcp port 53',
    '    FirewallRule allow udp port 67',
    '}',
    '',
  ].join('\n');
}

function portalConfig(dir: string, level: 1 | 2): string {
  return [
    'space: { id: roubaix-opennds, name: "Espace de test" }',
    `dataDir: ${JSON.stringify(path.join(dir, 'data'))}`,
    'log: { level: info }',
    'portal:',
    `  listen: "${FAS_IP}:${FAS_PORT}"`,
    // The residents' name for the portal differs from the FAS address openNDS redirects to.
    `  publicUrl: "http://portal.ecn.test:${FAS_PORT}"`,
    'console: { listen: "127.0.0.1:0" }',
    'metrics: { listen: "127.0.0.1:0" }',
    'gateway:',
    '  kind: opennds',
    `  opennds: { faskey: "${FASKEY}", fasLevel: ${level} }`,
    'profiles:',
    '  - { name: 1h, label: "1 heure", duration: 3600, devices: 1, default: true }',
    '',
  ].join('\n');
}

interface Rig {
  agent: ClientAgent;
  openNds: NsProcess;
  portal: NsProcess;
  code: string;
}

/** Client, router (openNDS) and upstream (web server and portal) namespaces, all started. */
async function startRig(nets: TestNamespaces, dir: string, level: 1 | 2): Promise<Rig> {
  mkdirSync(path.join(dir, 'scratch'));
  writeFileSync(path.join(dir, 'opennds.conf'), openNdsConf(level));
  const config = path.join(dir, 'config.yaml');
  writeFileSync(config, portalConfig(dir, level));

  const client = await nets.add('client');
  const router = await nets.add('router');
  const up = await nets.add('up');
  await nets.link(router, 'lan0', client, 'eth0');
  await nets.link(router, 'up0', up, 'eth0');
  await nets.ip(client, 'link', 'set', 'eth0', 'address', CLIENT_MAC);
  await nets.ip(client, 'addr', 'add', `${CLIENT_IP}/24`, 'dev', 'eth0');
  await nets.ip(client, 'route', 'add', 'default', 'via', ROUTER_LAN);
  await nets.ip(router, 'addr', 'add', `${ROUTER_LAN}/24`, 'dev', 'lan0');
  await nets.ip(router, 'addr', 'add', '198.51.100.1/24', 'dev', 'up0');
  await nets.ip(router, 'route', 'add', 'default', 'via', UPSTREAM);
  await nets.exec(router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
  await nets.ip(up, 'addr', 'add', `${UPSTREAM}/24`, 'dev', 'eth0');
  await nets.ip(up, 'addr', 'add', `${FAS_IP}/24`, 'dev', 'eth0');
  await nets.ip(up, 'route', 'add', '192.0.2.0/24', 'via', '198.51.100.1');

  const upstream = nets.spawn(up, [process.execPath, path.join(FIXTURES, 'upstream.js')]);
  await upstream.waitLine((l) => l === 'ready');
  const portal = nets.spawn(up, [process.execPath, MAIN, '--config', config]);
  await portal.waitLine((l) => l.includes('ECN gateway started'), 30_000);
  const tickets = await ecn(config, ['tickets', 'create', '--profile', '1h', '--count', '1']);
  if (tickets.status !== 0) throw new Error(tickets.stderr);
  const agentProc = nets.spawn(client, [process.execPath, path.join(FIXTURES, 'client-agent.js')]);
  await agentProc.waitLine((l) => l.includes('"ready"'));
  const agent = new ClientAgent(agentProc);

  // Control: without openNDS the client reaches the web server directly.
  expect((await agent.http(`http://${UPSTREAM}/`)).body).toMatch(/^upstream-ok/);

  const openNds = nets.spawn(router, [
    // Its own mount namespace (its /etc, /run and /tmp) and pid namespace: its scripts' pgrep
    // and kill see only its processes, and they all end with it. Killing `unshare` sends
    // openNDS SIGTERM; its legacy iptables rules live in the router namespace and go with it.
    'unshare',
    '--mount',
    '--pid',
    '--fork',
    '--mount-proc',
    '--kill-child=SIGTERM',
    'sh',
    path.join(FIXTURES, 'opennds-router.sh'),
    path.join(dir, 'opennds.conf'),
    path.join(dir, 'scratch'),
    `${Math.floor(Date.now() / 1000) + 3600} ${CLIENT_MAC} ${CLIENT_IP} resident *`,
  ]);
  // openNDS is up once it holds the client: its web server redirects the client to the FAS.
  await eventually(
    'openNDS holds the client captive',
    async () => {
      const r = await agent.http(`http://${UPSTREAM}/`);
      return r.status === 307 && location(r).startsWith(`http://${FAS_IP}:${FAS_PORT}/opennds/?fas=`);
    },
    60_000,
  );
  return { agent, openNds, portal, code: tickets.stdout.trim() };
}

/** The host files openNDS writes to on a Debian router: they must come out of the test unchanged. */
const HOST_FILES = ['/etc/dnsmasq.conf', '/etc/hosts', '/etc/opennds/opennds.conf'];

function readHostFiles(): string[] {
  return HOST_FILES.map((f) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return '(absent)';
    }
  });
}

/**
 * `ndsctl json` in openNDS's network and mount namespaces (its socket is in its /tmp), entered
 * through `unshare`, which lives in both.
 */
async function ndsctlClient(rig: Rig): Promise<{ state?: string; ip?: string } | null> {
  const pid = rig.openNds.child.pid!;
  const r = await run('nsenter', ['-t', String(pid), '-m', '-n', 'ndsctl', 'json']);
  if (r.status !== 0) return null;
  const json = JSON.parse(r.stdout) as { clients?: Record<string, { state?: string; ip?: string }> };
  return json.clients?.[CLIENT_MAC] ?? null;
}

describe.each([1, 2] as const)('openNDS 9.10 with the portal as its FAS, level %i', (level) => {
  const nets = new TestNamespaces();
  let dir: string | undefined;
  let rig: Rig | undefined;
  let hostFiles: string[];

  beforeAll(async () => {
    if (process.getuid?.() !== 0) {
      throw new Error('the openNDS namespace test needs root (ip netns, mount, iptables); run it as root');
    }
    await removeLeftoverNamespaces();
    hostFiles = readHostFiles();
    dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-opennds-'));
    chmodSync(dir, 0o755);
    rig = await startRig(nets, dir, level);
  });

  afterAll(async () => {
    if (process.env.ECN_E2E_LOGS)
      writeFileSync(process.env.ECN_E2E_LOGS, `${rig?.openNds.output()}\n${rig?.portal.output()}`);
    // openNDS first (SIGTERM through unshare), then everything left in the namespaces.
    await rig?.openNds.kill('SIGKILL');
    await nets.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
    expect((await must('ip', ['netns', 'list'])).stdout).not.toContain(nets.prefix);
    expect(readHostFiles()).toEqual(hostFiles);
  });

  test('a resident visiting a URL with a `~` logs in through the portal and openNDS lets it through', async () => {
    const { agent } = rig!;
    // openNDS's redirect to the portal, for a visited URL holding a `~`. At level 1 the fas is
    // raw base64 in the query: where the `~` falls on a base64 boundary it gives a `+`.
    let visited = '';
    let entry = '';
    for (const pad of ['', 'a', 'aa']) {
      visited = `http://${UPSTREAM}/${pad}~resident/page`;
      const r = await agent.http(visited);
      expect(r.status).toBe(307);
      entry = location(r);
      const fas = /[?&]fas=([^&]*)/.exec(entry)![1]!;
      if (level === 2 || fas.includes('+')) break;
    }
    expect(entry.startsWith(`http://${FAS_IP}:${FAS_PORT}/opennds/?fas=`)).toBe(true);
    if (level === 1) expect(entry).toContain('+');
    else expect(entry).toMatch(/&iv=[A-Za-z0-9]{16}/);
    expect((await ndsctlClient(rig!))?.state).not.toBe('Authenticated');

    // The portal's welcome page, on the FAS address openNDS named, read as a browser would.
    const page = await agent.http(entry);
    expect(page.status).toBe(200);
    const fields = hiddenFields(page.body!);
    expect(fields._csrf).toBeTruthy();
    expect(fields.fas).toBeTruthy();
    const login = await agent.http(`http://${FAS_IP}:${FAS_PORT}/opennds/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `ecn_csrf=${cookieOf(page, 'ecn_csrf')}`,
      },
      body: new URLSearchParams({ ...fields, charter: 'yes', code: rig!.code }).toString(),
    });
    expect(login.status).toBe(302);
    const auth = location(login);
    expect(auth.startsWith(`http://${ROUTER_LAN}:2050/opennds_auth/?tok=`)).toBe(true);

    // The browser follows the hand-off to openNDS, which lets the client through.
    const back = await agent.http(auth);
    expect(back.error).toBeUndefined();
    const client = await eventually('ndsctl shows the client authenticated', async () => {
      const c = await ndsctlClient(rig!);
      return c?.state === 'Authenticated' ? c : null;
    });
    expect(client.ip).toBe(CLIENT_IP);
    const through = await agent.http(visited);
    expect(through.status).toBe(200);
    expect(through.body).toMatch(/^upstream-ok/);

    // openNDS did write to /etc (dnsmasq's option 114 for its own name): to its copy only,
    // the host's files are compared after the run.
    const inside = await must('nsenter', [
      '-t',
      String(rig!.openNds.child.pid),
      '-m',
      'cat',
      '/etc/dnsmasq.conf',
    ]);
    expect(inside.stdout).toContain('dhcp-option-force=114,');
  });
});
