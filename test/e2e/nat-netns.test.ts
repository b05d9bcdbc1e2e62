// NAT port blocks with real packets: three client namespaces behind a bridge on the gateway, the
// built service driving nftables in the gateway namespace, and a server on the "Internet" side
// that reports the source address and port it sees (it has no route back to the clients, so
// only translated traffic is answered). Proves that each logged-in client leaves from its own
// block, that `ecn journal export` for (public IP, seen port, window) names that client alone,
// that the blocks survive a restart, that a client not logged in only uses the shared block, and
// that a login is refused when every block is held, then served once one is given back.

import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cleanEnv, ECN_BIN, MAIN, ROOT } from '../helpers/processes';
import { must, run, removeLeftoverNamespaces, TestNamespaces, type NsProcess } from '../helpers/netns';
import { ClientAgent, cookieOf, loginThrough } from '../helpers/netns-client';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(90_000);

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'netns');
const GW_LAN = '192.0.2.1';
const GW_PUBLIC = '198.51.100.1';
const SERVER = '198.51.100.2';
const GARDEN = '198.51.100.3';
const PORTAL = `http://${GW_LAN}:8080`;
/** Three blocks of 64 ports: 20000-20063 shared by devices not logged in, then one per client. */
const SHARED = [20000, 20063] as const;
const CLIENTS = {
  c1: { ip: '192.0.2.11', mac: '02:ec:00:00:01:11' },
  c2: { ip: '192.0.2.12', mac: '02:ec:00:00:01:12' },
  c3: { ip: '192.0.2.13', mac: '02:ec:00:00:01:13' },
} as const;
type Name = keyof typeof CLIENTS;

/** As the systemd unit runs it: an unprivileged user with CAP_NET_ADMIN only. */
const AS_SERVICE_USER = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
const UNPRIVILEGED = [
  ...AS_SERVICE_USER,
  '--inh-caps=-all,+net_admin',
  '--ambient-caps=-all,+net_admin',
  '--bounding-set=-all,+net_admin',
];

const nets = new TestNamespaces();
const agents = {} as Record<Name, ClientAgent>;
const services: NsProcess[] = [];
let service: NsProcess | null = null;
let dir: string;
let config: string;
let gw: string;
let codes: string[] = [];
const t0 = Date.now();

interface StoredSession {
  id: string;
  ticketId: string;
  device: { mac: string; ip: string };
  startedAt: number;
  endedAt: number | null;
  natPorts?: { publicIp: string; first: number; last: number } | null;
}

/** The `ecn` command as the service's user, so no file in the data folder ends up root's. */
async function ecn(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return run(AS_SERVICE_USER[0]!, [
    ...AS_SERVICE_USER.slice(1),
    process.execPath,
    ECN_BIN,
    '--config',
    config,
    ...args,
  ]);
}

async function startService(): Promise<NsProcess> {
  await must('chown', ['-R', '65534:65534', dir]);
  const p = nets.spawn(gw, [...UNPRIVILEGED, process.execPath, MAIN, '--config', config], cleanEnv());
  services.push(p);
  await p.waitLine((l) => l.includes('ECN gateway started'), 20_000);
  return p;
}

function sessions(): StoredSession[] {
  const d = new Database(path.join(dir, 'data', 'ecn.db'), { readonly: true, fileMustExist: true });
  try {
    return (d.prepare('SELECT data FROM sessions ORDER BY started_at').all() as { data: string }[]).map(
      (r) => JSON.parse(r.data) as StoredSession,
    );
  } finally {
    d.close();
  }
}

function openSessionOf(name: Name): StoredSession {
  const s = sessions().find((x) => x.device.mac === CLIENTS[name].mac && x.endedAt === null);
  if (!s) throw new Error(`${name} has no open session`);
  return s;
}

async function login(name: Name, code: string): Promise<number | undefined> {
  const res = await loginThrough(agents[name], PORTAL, code);
  expect(res.error).toBeUndefined();
  return res.status;
}

async function logout(name: Name): Promise<void> {
  const page = await agents[name].http(`${PORTAL}/status`);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body ?? '')![1]!;
  const res = await agents[name].http(`${PORTAL}/logout`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `ecn_csrf=${cookieOf(page, 'ecn_csrf')}`,
    },
    body: new URLSearchParams({ _csrf: token }).toString(),
  });
  expect(res.status).toBe(303);
}

/** The source the server saw for one TCP connection and one UDP datagram from this client. */
async function seenFrom(name: Name, host = SERVER): Promise<{ address: string; port: number }[]> {
  const out: { address: string; port: number }[] = [];
  const parse = (text: string | undefined) => {
    const m = /^seen (\S+) (\d+)$/.exec((text ?? '').trim());
    if (!m) throw new Error(`${name}: unexpected answer ${JSON.stringify(text)}`);
    out.push({ address: m[1]!.replace(/^::ffff:/, ''), port: Number(m[2]) });
  };
  for (let i = 0; i < 3; i++) {
    const r = await agents[name].call<{ data?: string; error?: string }>({
      op: 'tcp',
      host,
      port: 7000,
      waitData: true,
    });
    parse(r.data ?? r.error);
  }
  const u = await agents[name].call<{ reply?: string; error?: string }>({
    op: 'udp',
    host,
    port: 7001,
    message: 'who',
  });
  parse(u.reply ?? u.error);
  return out;
}

function expectWithin(seen: { address: string; port: number }[], first: number, last: number): void {
  for (const s of seen) {
    expect(s.address).toBe(GW_PUBLIC);
    expect(s.port).toBeGreaterThanOrEqual(first);
    expect(s.port).toBeLessThanOrEqual(last);
  }
}

/** `ecn journal export` for a public address and port: the CSV rows (header dropped). */
async function requisition(port: number, from: number, to: number): Promise<string[][]> {
  const out = path.join(dir, `req-${port}-${from}`);
  const r = await ecn([
    'journal',
    'export',
    '--reference',
    'PV 2026-NAT-1',
    '--out',
    out,
    '--public-ip',
    GW_PUBLIC,
    '--port',
    String(port),
    '--from',
    new Date(from).toISOString(),
    '--to',
    new Date(to).toISOString(),
  ]);
  if (r.status !== 0) throw new Error(r.stderr);
  const csv = readFileSync(path.join(out, 'connections.csv'), 'utf8').trim().split('\r\n');
  return csv.slice(1).map((l) => l.split(','));
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('the NAT namespace test needs root (ip netns, nft)');
  await removeLeftoverNamespaces();
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-nat-netns-'));
  chmodSync(dir, 0o755);
  config = path.join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      'space: { id: roubaix-nat, name: "Espace de test" }',
      `dataDir: ${JSON.stringify(path.join(dir, 'data'))}`,
      'log: { level: info }',
      `portal: { listen: "${GW_LAN}:8080", publicUrl: "${PORTAL}", sweepInterval: 1 }`,
      'metrics: { listen: "127.0.0.1:0" }',
      'gateway:',
      '  kind: nftables',
      '  clientInterface: lan0',
      '  upstreamInterface: up0',
      `  portalAddress: ${GW_LAN}`,
      '  dnsPort: 5353',
      `  walledGarden: ["${GARDEN}"]`,
      '  counterInterval: 1',
      `  portBlocks: { enabled: "on", firstPort: ${SHARED[0]}, lastPort: 20191, blockSize: 64 }`,
      `journal: { publicIp: ${GW_PUBLIC} }`,
      '',
    ].join('\n'),
  );

  gw = await nets.add('gw');
  const up = await nets.add('up');
  await nets.ip(gw, 'link', 'add', 'lan0', 'type', 'bridge');
  await nets.ip(gw, 'link', 'set', 'lan0', 'up');
  await nets.ip(gw, 'addr', 'add', `${GW_LAN}/24`, 'dev', 'lan0');
  for (const name of Object.keys(CLIENTS) as Name[]) {
    const ns = await nets.add(name);
    await nets.link(gw, `${name}p`, ns, 'eth0');
    await nets.ip(gw, 'link', 'set', `${name}p`, 'master', 'lan0');
    await nets.ip(ns, 'link', 'set', 'eth0', 'address', CLIENTS[name].mac);
    await nets.ip(ns, 'addr', 'add', `${CLIENTS[name].ip}/24`, 'dev', 'eth0');
    await nets.ip(ns, 'route', 'add', 'default', 'via', GW_LAN);
    const proc = nets.spawn(ns, [process.execPath, path.join(FIXTURES, 'client-agent.js')]);
    await proc.waitLine((l) => l.includes('"ready"'));
    agents[name] = new ClientAgent(proc);
  }
  await nets.link(gw, 'up0', up, 'eth0');
  await nets.ip(gw, 'addr', 'add', `${GW_PUBLIC}/24`, 'dev', 'up0');
  await nets.exec(gw, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
  // No route back to the clients: the server can only answer what the gateway translated.
  await nets.ip(up, 'addr', 'add', `${SERVER}/24`, 'dev', 'eth0');
  await nets.ip(up, 'addr', 'add', `${GARDEN}/24`, 'dev', 'eth0');
  const server = nets.spawn(up, [process.execPath, path.join(FIXTURES, 'peer-report.js'), SERVER, GARDEN]);
  await server.waitLine((l) => l === 'ready');

  await must('chown', ['-R', '65534:65534', dir]);
  const r = await ecn(['tickets', 'create', '--profile', '1h', '--count', '4']);
  if (r.status !== 0) throw new Error(r.stderr);
  codes = r.stdout.trim().split('\n');
  service = await startService();
});

afterAll(async () => {
  if (process.env.ECN_E2E_LOGS)
    writeFileSync(process.env.ECN_E2E_LOGS, services.map((p) => p.output()).join(''));
  await nets.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
  const left = (await must('ip', ['netns', 'list'])).stdout;
  expect(left).not.toContain(nets.prefix);
});

test('the generated rule-set translates through the block map instead of masquerading', async () => {
  const r = await must('ip', [
    'netns',
    'exec',
    gw,
    'nft',
    'list',
    'chain',
    'inet',
    'ecn_gateway',
    'postrouting',
  ]);
  expect(r.stdout).toContain('snat ip to ip saddr map @nat_blocks4');
  expect(r.stdout).toContain(`snat ip to ${GW_PUBLIC}:${SHARED[0]}-${SHARED[1]}`);
  expect(r.stdout).not.toContain('masquerade');
});

test('a device not logged in reaches the walled garden from the shared block only', async () => {
  const seen = await seenFrom('c3', GARDEN);
  expectWithin(seen.slice(0, 3), SHARED[0], SHARED[1]);
  // UDP to the garden is forwarded too, from the same block.
  expectWithin(seen.slice(3), SHARED[0], SHARED[1]);
  const refused = await agents.c3.call<{ error?: string }>({ op: 'tcp', host: SERVER, port: 7000 });
  expect(refused.error).toBe('ECONNREFUSED');
});

test('two logged-in clients each leave from their own block, recorded on their sessions', async () => {
  expect(await login('c1', codes[0]!)).toBe(303);
  expect(await login('c2', codes[1]!)).toBe(303);
  const s1 = openSessionOf('c1');
  const s2 = openSessionOf('c2');
  expect(s1.natPorts).toEqual({ publicIp: GW_PUBLIC, first: 20064, last: 20127 });
  expect(s2.natPorts).toEqual({ publicIp: GW_PUBLIC, first: 20128, last: 20191 });
  const seen1 = await seenFrom('c1');
  const seen2 = await seenFrom('c2');
  expectWithin(seen1, 20064, 20127);
  expectWithin(seen2, 20128, 20191);
});

test('`ecn journal export` for (public IP, seen port, window) names exactly the client that used it', async () => {
  const s2 = openSessionOf('c2');
  const [seen] = await seenFrom('c2');
  const rows = await requisition(seen!.port, t0, Date.now() + 60_000);
  expect(rows).toHaveLength(1);
  const [sessionId, ticketId, mac, privateIp, publicIp, first, last] = rows[0]!;
  expect([sessionId, ticketId, mac, privateIp, publicIp, first, last]).toEqual([
    s2.id,
    s2.ticketId,
    CLIENTS.c2.mac,
    CLIENTS.c2.ip,
    GW_PUBLIC,
    '20128',
    '20191',
  ]);
  const [seen1] = await seenFrom('c1');
  const rows1 = await requisition(seen1!.port, t0, Date.now() + 60_000);
  expect(rows1.map((r) => r[2])).toEqual([CLIENTS.c1.mac]);
  // A port of the shared block names no one: no logged-in device ever used it.
  expect(await requisition(SHARED[0] + 5, t0, Date.now() + 60_000)).toEqual([]);
});

test('when every block is held, a third login is refused (generic error) and the device stays captive', async () => {
  expect(await login('c3', codes[2]!)).toBe(503);
  expect(sessions().filter((s) => s.device.mac === CLIENTS.c3.mac && s.endedAt === null)).toEqual([]);
  const r = await agents.c3.call<{ error?: string }>({ op: 'tcp', host: SERVER, port: 7000 });
  expect(r.error).toBe('ECONNREFUSED');
});

test('after SIGKILL and a restart, the clients keep their blocks', async () => {
  service!.child.kill('SIGKILL');
  await service!.exited;
  service = await startService();
  const map = await must('ip', [
    'netns',
    'exec',
    gw,
    'nft',
    'list',
    'map',
    'inet',
    'ecn_gateway',
    'nat_blocks4',
  ]);
  expect(map.stdout).toContain(`${CLIENTS.c1.ip} : ${GW_PUBLIC} . 20064-20127`);
  expect(map.stdout).toContain(`${CLIENTS.c2.ip} : ${GW_PUBLIC} . 20128-20191`);
  expectWithin(await seenFrom('c1'), 20064, 20127);
  expectWithin(await seenFrom('c2'), 20128, 20191);
});

test('a block given back at logout goes to the next client; the window tells the two apart', async () => {
  await logout('c1');
  const ended = sessions().find((s) => s.device.mac === CLIENTS.c1.mac)!;
  expect(ended.endedAt).not.toBeNull();
  // The window below starts one millisecond after c1's end: c3 must log in after that instant.
  await waitFor(() => Date.now() > ended.endedAt! + 1, { what: 'the clock past the end', interval: 1 });
  expect(await login('c3', codes[3]!)).toBe(303);
  const s3 = openSessionOf('c3');
  expect(s3.natPorts).toMatchObject({ first: 20064, last: 20127 });
  const seen3 = await seenFrom('c3');
  expectWithin(seen3, 20064, 20127);
  const port = seen3[0]!.port;
  const both = await requisition(port, t0, Date.now() + 60_000);
  expect(both.map((r) => r[2]).sort()).toEqual([CLIENTS.c1.mac, CLIENTS.c3.mac].sort());
  const after = await requisition(port, ended.endedAt! + 1, Date.now() + 60_000);
  expect(after.map((r) => r[2])).toEqual([CLIENTS.c3.mac]);
});
