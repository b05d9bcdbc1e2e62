// Issue #13, item 6: the city drill. Two spaces, A and B, each a box in its own network namespace
// running the built service as the nftables router of its own client namespace, share one real
// redis-server (in the "Internet" namespace, with the upstream web server). One phone (one MAC)
// walks from A to B with one ticket: a form login in A, the same ticket in B (B's welcome page
// first: connected in A is not connected in B), the metrics of both adding up, a revocation in
// A's console cutting both, each box's journal naming its own connection, a quota spent half in
// each space, and Redis killed and restarted mid-drill.

import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, ECN_BIN, MAIN, ROOT, run, type RunResult } from '../helpers/processes';
import { must, NsProcess, removeLeftoverNamespaces, TestNamespaces } from '../helpers/netns';
import { ClientAgent, cookieOf, loginThrough, type HttpResult } from '../helpers/netns-client';
import { redisServerBinary } from '../helpers/redis-server';
import { eventually } from '../helpers/eventually';
import { consoleMsgHtml, msgHtml } from '../helpers/messages';

jest.setTimeout(120_000);

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'netns');
/** The upstream web server and the city's Redis, on the "Internet" namespace's loopback. */
const INTERNET = '203.0.113.10';
const REDIS_PORT = 6379;
/** The phone: the same MAC in A's client namespace and in B's. */
const PHONE_MAC = '02:ec:00:00:00:10';
const ANIMATOR_PASSWORD = 'animatrice-de-a-2026';

interface Box {
  name: 'a' | 'b';
  space: string;
  lanAddress: string;
  phoneIp: string;
  upAddress: string;
  peerAddress: string;
  portal: string;
  ns: string;
  clientNs: string;
  dir: string;
  config: string;
  /** The phone, in this box's client namespace. */
  phone: ClientAgent;
  /** A client on the box itself (the console and /metrics listen on its loopback only). */
  local: ClientAgent;
  service: NsProcess | null;
}

const nets = new TestNamespaces();
let dir: string;
let up: string;
let redis: NsProcess;
let redisDir: string;
const boxes: Record<'a' | 'b', Box> = {} as Record<'a' | 'b', Box>;
const codes: Record<string, string> = {};
const batches: Record<string, string> = {};
const logs: NsProcess[] = [];

const BOX_NET = {
  a: {
    space: 'roubaix-a',
    lan: '192.0.2.1',
    phone: '192.0.2.10',
    mac: PHONE_MAC,
    up: '198.51.100.1',
    peer: '198.51.100.2',
  },
  b: {
    space: 'roubaix-b',
    lan: '198.18.2.1',
    phone: '198.18.2.10',
    mac: PHONE_MAC,
    up: '198.51.100.5',
    peer: '198.51.100.6',
  },
} as const;

function configYaml(box: Box): string {
  const clock = path.join(dir, 'clock-synced.sh');
  return [
    `space: { id: ${box.space}, name: "Espace ${box.name.toUpperCase()}" }`,
    `dataDir: ${JSON.stringify(path.join(box.dir, 'data'))}`,
    // Debug: the sweeps skipped while Redis is out are debug lines the drill waits for.
    'log: { level: debug }',
    'portal: { listen: "0.0.0.0:8080", sweepInterval: 1 }',
    'console: { listen: "127.0.0.1:8081" }',
    'metrics: { listen: "127.0.0.1:9464" }',
    `store: { kind: redis, redisUrl: "redis://${INTERNET}:${REDIS_PORT}/0", keyPrefix: "ville:" }`,
    `clock: { source: command, command: ${JSON.stringify(clock)} }`,
    'gateway:',
    '  kind: nftables',
    '  clientInterface: lan0',
    '  upstreamInterface: up0',
    `  portalAddress: ${box.lanAddress}`,
    `  dnsAddress: ${box.lanAddress}`,
    '  dnsPort: 5353',
    '  counterInterval: 1',
    // The same profiles on every box of the pool.
    'profiles:',
    '  - { name: city, label: "Ville", duration: 3600, devices: 2, default: true }',
    '  - { name: small, label: "Petit", duration: 3600, quota: 300000, devices: 2 }',
    '',
  ].join('\n');
}

/** `ecn` on a box (inside its namespace: the Redis it reaches is there). */
function ecnOn(box: Box, args: string[], input?: string): Promise<RunResult> {
  return run('ip', ['netns', 'exec', box.ns, process.execPath, ECN_BIN, '--config', box.config, ...args], {
    env: cleanEnv(),
    input,
  });
}

async function createTickets(key: string, profile: string, count: number): Promise<string[]> {
  const r = await ecnOn(boxes.a, ['tickets', 'create', '--profile', profile, '--count', String(count)]);
  if (r.status !== 0) throw new Error(r.stderr);
  batches[key] = /Batch (\S+):/.exec(r.stderr)![1]!;
  return r.stdout.trim().split('\n');
}

function startRedis(): Promise<string> {
  redis = nets.spawn(up, [
    redisServerBinary(),
    '--port',
    String(REDIS_PORT),
    '--bind',
    INTERNET,
    '--dir',
    redisDir,
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
    '--protected-mode',
    'no',
  ]);
  return redis.waitLine((l) => l.includes('Ready to accept connections'), 20_000);
}

async function startService(box: Box): Promise<void> {
  const p = nets.spawn(box.ns, [process.execPath, MAIN, '--config', box.config], cleanEnv());
  logs.push(p);
  box.service = p;
  await p.waitLine((l) => l.includes('ECN gateway started'), 40_000);
}

async function login(box: Box, code: string): Promise<HttpResult> {
  return loginThrough(box.phone, box.portal, code);
}

interface LoginForm {
  token: string;
  cookie: string;
}

/** The welcome page's form: its CSRF token and cookie, as a browser keeps them. */
async function openLoginForm(box: Box): Promise<LoginForm> {
  const page = await box.phone.http(`${box.portal}/`);
  expect(page.status).toBe(200);
  return {
    token: /name="_csrf" value="([^"]+)"/.exec(page.body ?? '')![1]!,
    cookie: cookieOf(page, 'ecn_csrf')!,
  };
}

function submitLogin(box: Box, form: LoginForm, code: string): Promise<HttpResult> {
  return box.phone.http(`${box.portal}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `ecn_csrf=${form.cookie}` },
    body: new URLSearchParams({ _csrf: form.token, charter: 'yes', code }).toString(),
  });
}

async function isCaptive(box: Box): Promise<boolean> {
  const r = await box.phone.http(`http://${INTERNET}/hello`);
  if (r.status === 302 && String(r.headers!.location).startsWith(`${box.portal}/?dest=`)) return true;
  if (r.status === 200 && r.body!.startsWith('upstream-ok')) return false;
  throw new Error(`neither the portal nor the upstream: ${JSON.stringify(r)}`);
}

/** The box's own /metrics: the value of a series of this box's space. */
async function metric(box: Box, name: string): Promise<number> {
  const r = await box.local.http('http://127.0.0.1:9464/metrics');
  const m = new RegExp(`^${name}\\{space_id="${box.space}"\\} (\\S+)$`, 'm').exec(r.body ?? '');
  if (!m) throw new Error(`no ${name} for ${box.space}:\n${(r.body ?? '').slice(0, 300)}`);
  return Number(m[1]);
}

interface ConsoleSession {
  cookie: string;
  csrf: string;
}

/** Signs in on a box's console with its real form (CSRF cookie and token), from the box itself. */
async function consoleSignIn(
  box: Box,
  username: string,
  password: string,
): Promise<HttpResult & { session?: ConsoleSession }> {
  const base = 'http://127.0.0.1:8081';
  // The password check (scrypt) takes its time on a loaded machine.
  const timeoutMs = 20_000;
  const page = await box.local.http(`${base}/login`, { timeoutMs });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body ?? '')![1]!;
  const res = await box.local.http(`${base}/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `ecn_console_csrf=${cookieOf(page, 'ecn_console_csrf')}`,
    },
    body: new URLSearchParams({ username, password, _csrf: token, next: '/' }).toString(),
    timeoutMs,
  });
  const cookie = cookieOf(res, 'ecn_console');
  if (res.status !== 303 || !cookie) return res;
  const home = await box.local.http(`${base}/`, { headers: { cookie: `ecn_console=${cookie}` }, timeoutMs });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body ?? '')![1]!;
  return { ...res, session: { cookie, csrf } };
}

/** `ecn journal export` for one ticket on a box: the CSV rows, header dropped. */
async function journalRows(box: Box, code: string): Promise<string[]> {
  const out = path.join(box.dir, `requisition-${Date.now()}`);
  const r = await ecnOn(box, [
    'journal',
    'export',
    '--reference',
    'PV 2026-VILLE-1',
    '--out',
    out,
    '--ticket',
    code,
  ]);
  if (r.status !== 0) throw new Error(r.stderr);
  return readFileSync(path.join(out, 'connections.csv'), 'utf8').trim().split('\r\n').slice(1);
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) {
    throw new Error('the city drill needs root (ip netns, nft); run scripts/test.sh as root');
  }
  await removeLeftoverNamespaces();
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-city-'));
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'clock-synced.sh'), '#!/bin/sh\necho yes\n', { mode: 0o755 });
  redisDir = path.join(dir, 'redis');
  await must('mkdir', ['-p', redisDir]);

  up = await nets.add('up');
  await nets.ip(up, 'addr', 'add', `${INTERNET}/32`, 'dev', 'lo');
  for (const name of ['a', 'b'] as const) {
    const n = BOX_NET[name];
    const ns = await nets.add(`gw${name}`);
    const clientNs = await nets.add(`phone${name}`);
    await nets.link(ns, 'lan0', clientNs, 'eth0');
    await nets.link(ns, 'up0', up, `box${name}`);
    await nets.ip(clientNs, 'link', 'set', 'eth0', 'address', n.mac);
    await nets.ip(clientNs, 'addr', 'add', `${n.phone}/24`, 'dev', 'eth0');
    await nets.ip(clientNs, 'route', 'add', 'default', 'via', n.lan);
    await nets.ip(ns, 'addr', 'add', `${n.lan}/24`, 'dev', 'lan0');
    await nets.ip(ns, 'addr', 'add', `${n.up}/30`, 'dev', 'up0');
    await nets.ip(ns, 'route', 'add', 'default', 'via', n.peer);
    await nets.exec(ns, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
    await nets.ip(up, 'addr', 'add', `${n.peer}/30`, 'dev', `box${name}`);
    await nets.ip(up, 'route', 'add', `${n.lan}/24`.replace(/\.1\/24$/, '.0/24'), 'via', n.up);
    const boxDir = path.join(dir, name);
    await must('mkdir', ['-p', boxDir]);
    const box: Box = {
      name,
      space: n.space,
      lanAddress: n.lan,
      phoneIp: n.phone,
      upAddress: n.up,
      peerAddress: n.peer,
      portal: `http://${n.lan}:8080`,
      ns,
      clientNs,
      dir: boxDir,
      config: path.join(boxDir, 'config.yaml'),
      phone: null as unknown as ClientAgent,
      local: null as unknown as ClientAgent,
      service: null,
    };
    writeFileSync(box.config, configYaml(box));
    const phone = nets.spawn(clientNs, [process.execPath, path.join(FIXTURES, 'client-agent.js')]);
    await phone.waitLine((l) => l.includes('"ready"'));
    box.phone = new ClientAgent(phone);
    const local = nets.spawn(ns, [process.execPath, path.join(FIXTURES, 'client-agent.js')]);
    await local.waitLine((l) => l.includes('"ready"'));
    box.local = new ClientAgent(local);
    boxes[name] = box;
  }
  const upstream = nets.spawn(up, [process.execPath, path.join(FIXTURES, 'upstream.js')]);
  await upstream.waitLine((l) => l === 'ready');
  await startRedis();

  // Made on A's box, in the one pool: tickets for the whole city, an animator of A.
  codes.walk = (await createTickets('walk', 'city', 1))[0]!;
  codes.small = (await createTickets('small', 'small', 1))[0]!;
  const outage = await createTickets('outage', 'city', 2);
  codes.stay = outage[0]!;
  codes.late = outage[1]!;
  const add = await ecnOn(
    boxes.a,
    ['users', 'add', '-u', 'anim-a', '-r', 'animator'],
    `${ANIMATOR_PASSWORD}\n`,
  );
  if (add.status !== 0) throw new Error(add.stderr);
});

afterAll(async () => {
  if (process.env.ECN_E2E_LOGS) writeFileSync(process.env.ECN_E2E_LOGS, logs.map((p) => p.output()).join(''));
  await nets.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
  const left = (await must('ip', ['netns', 'list'])).stdout;
  expect(left).not.toContain(nets.prefix);
});

test('control: before the boxes start, each phone reaches the upstream and the boxes reach Redis', async () => {
  for (const box of [boxes.a, boxes.b]) {
    expect((await box.phone.http(`http://${INTERNET}/`)).body).toMatch(/^upstream-ok /);
    expect(await box.local.call({ op: 'tcp', host: INTERNET, port: REDIS_PORT })).toMatchObject({
      connected: true,
    });
  }
});

test('both boxes start on the one Redis, each the router of its own phone: captive in both', async () => {
  await startService(boxes.a);
  await startService(boxes.b);
  expect(await isCaptive(boxes.a)).toBe(true);
  expect(await isCaptive(boxes.b)).toBe(true);
});

test('in A, a real form login (charter and code, with the CSRF token) lets the phone reach the upstream', async () => {
  const res = await login(boxes.a, codes.walk!);
  expect(res.status).toBe(303);
  expect(res.headers!.location).toMatch(/^\/status/);
  expect(await isCaptive(boxes.a)).toBe(false);
});

test("in B, the same ticket: B's welcome page, not A's status, until the phone logs in there; then through", async () => {
  const welcome = await boxes.b.phone.http(`${boxes.b.portal}/`);
  expect(welcome.status).toBe(200);
  expect(welcome.body).toContain('action="/login"');
  expect(await isCaptive(boxes.b)).toBe(true);
  const res = await login(boxes.b, codes.walk!);
  expect(res.status).toBe(303);
  expect(res.headers!.location).toMatch(/^\/status/);
  expect(await isCaptive(boxes.b)).toBe(false);
  // Still through in A too: logging in in B does not end A's session.
  expect(await isCaptive(boxes.a)).toBe(false);
});

test('the metrics of A and B add up: one session open in each, two for the city', async () => {
  expect(await metric(boxes.a, 'ecn_sessions_active')).toBe(1);
  expect(await metric(boxes.b, 'ecn_sessions_active')).toBe(1);
});

test("A's animator cannot sign in on B's console; in A's console the revocation cuts the phone in both spaces", async () => {
  const onB = await consoleSignIn(boxes.b, 'anim-a', ANIMATOR_PASSWORD);
  expect(onB.status).toBe(403);
  expect(onB.body).toContain(consoleMsgHtml('fr', 'login.otherSpace', { space: 'roubaix-b' }));

  const signed = await consoleSignIn(boxes.a, 'anim-a', ANIMATOR_PASSWORD);
  expect(signed.status).toBe(303);
  const { cookie, csrf } = signed.session!;
  const batch = await boxes.a.local.http(`http://127.0.0.1:8081/tickets/batches/${batches.walk}`, {
    headers: { cookie: `ecn_console=${cookie}` },
    timeoutMs: 20_000,
  });
  const action = /action="(\/tickets\/[^"/]+\/revoke)"/.exec(batch.body ?? '')![1]!;
  const started = Date.now();
  const revoked = await boxes.a.local.http(`http://127.0.0.1:8081${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `ecn_console=${cookie}` },
    body: new URLSearchParams({ _csrf: csrf }).toString(),
    timeoutMs: 20_000,
  });
  expect(revoked.status).toBe(303);
  await eventually('captive in A', async () => await isCaptive(boxes.a));
  await eventually('captive in B', async () => await isCaptive(boxes.b));
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(await metric(boxes.a, 'ecn_sessions_active')).toBe(0);
  expect(await metric(boxes.b, 'ecn_sessions_active')).toBe(0);
});

test("each box's journal export names its own connection of the ticket, and only it", async () => {
  const rowsA = await journalRows(boxes.a, codes.walk!);
  const rowsB = await journalRows(boxes.b, codes.walk!);
  expect(rowsA).toHaveLength(1);
  expect(rowsB).toHaveLength(1);
  expect(rowsA[0]).toContain(`${PHONE_MAC},${boxes.a.phoneIp},`);
  expect(rowsB[0]).toContain(`${PHONE_MAC},${boxes.b.phoneIp},`);
});

test('a quota counts across both spaces: half spent in A, half in B, then the phone is cut in both', async () => {
  expect((await login(boxes.a, codes.small!)).status).toBe(303);
  const inA = await boxes.a.phone.http(`http://${INTERNET}/big?bytes=155000`, { bodyLimit: 0 });
  expect(inA.length).toBe(155000);
  expect((await login(boxes.b, codes.small!)).status).toBe(303);
  const inB = await boxes.b.phone.http(`http://${INTERNET}/big?bytes=155000`, { bodyLimit: 0 });
  expect(inB.length).toBe(155000);
  await eventually('cut in B past the quota', async () => await isCaptive(boxes.b));
  await eventually('cut in A past the quota', async () => await isCaptive(boxes.a));
  const r = await ecnOn(boxes.a, ['tickets', 'list', '--state', 'exhausted']);
  expect(r.stdout).toContain(codes.small!);
});

test('Redis killed mid-drill: the connected phone keeps going, a login gets the clear page, logins work within 5 s of its return', async () => {
  expect((await login(boxes.a, codes.stay!)).status).toBe(303);
  expect(await isCaptive(boxes.a)).toBe(false);

  // B's phone opened the welcome page before the outage; it sends the form during it.
  const form = await openLoginForm(boxes.b);
  redis.child.kill('SIGKILL');
  await redis.exited;
  for (const box of [boxes.a, boxes.b]) {
    await eventually(
      `${box.space} sees the store down`,
      async () => (await metric(box, 'ecn_store_up')) === 0,
    );
  }
  // Two sweeps have run on A without the store: the connected phone is still through.
  const skipped = () =>
    boxes.a.service!.output().split('session sweep skipped: store unavailable').length - 1;
  const before = skipped();
  await eventually('two sweeps skipped in A', async () => skipped() >= before + 2);
  expect(await isCaptive(boxes.a)).toBe(false);

  const refused = await submitLogin(boxes.b, form, codes.late!);
  expect(refused.status).toBe(503);
  expect(refused.body).toContain(msgHtml('fr', 'outage.title'));
  expect(refused.body).toContain('data-error-code="ECN_ERR_STORE_UNAVAILABLE"');
  // A phone that opens the portal now gets the same page, not an error.
  const opened = await boxes.b.phone.http(`${boxes.b.portal}/`);
  expect(opened.status).toBe(503);
  expect(opened.body).toContain(msgHtml('fr', 'outage.title'));
  // And what else it asks for: the gateway still holds it captive, the portal shows the page.
  const elsewhere = await boxes.b.phone.http(`http://${INTERNET}/hello`);
  expect(elsewhere.status).toBe(503);
  expect(elsewhere.body).toContain('data-error-code="ECN_ERR_STORE_UNAVAILABLE"');

  await startRedis();
  const back = Date.now();
  const res = await eventually(
    'a login in B after Redis is back',
    async () => {
      const r = await login(boxes.b, codes.late!);
      return r.status === 303 ? r : null;
    },
    5000,
  );
  expect(res.headers!.location).toMatch(/^\/status/);
  expect(Date.now() - back).toBeLessThan(5000);
  expect(await isCaptive(boxes.b)).toBe(false);
  expect(await isCaptive(boxes.a)).toBe(false);
});
