// The staff side of the box benchmark, run inside the box namespace by bench/box/run.js (not a
// test): three access points sending RADIUS authentication and accounting for their own
// devices, two animators creating and printing batches in the console, and a scrape of the
// service's and `ecn dns`'s /metrics (event-loop delay) on the box's loopback. JSON lines out.
'use strict';

const dgram = require('node:dgram');
const http = require('node:http');
const { URLSearchParams } = require('node:url');
const { randomBytes } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const { buildRequest, hideUserPassword } = require(path.join(ROOT, 'dist/radius/index'));

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const started = Date.now();
const t = () => Date.now() - started;
let stopping = false;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const jitter = (ms) => ms * (0.75 + Math.random() * 0.5);
function emit(obj) {
  process.stdout.write(JSON.stringify({ t: t(), ...obj }) + '\n');
}

let batch = { radius: [], errors: {} };
function error(kind, detail) {
  batch.errors[kind] = (batch.errors[kind] ?? 0) + 1;
  emit({ ev: 'error', kind, detail: String(detail ?? '').slice(0, 200) });
}
setInterval(() => {
  emit({ ev: 'batch', ...batch });
  batch = { radius: [], errors: {} };
}, 1000);

// ---- RADIUS: each access point is a socket on its own loopback address.

const ATTR = {
  userName: 1,
  password: 2,
  nasIp: 4,
  class: 25,
  calling: 31,
  status: 40,
  inOctets: 42,
  outOctets: 43,
  sessionId: 44,
};

function radius(sock, port, packet) {
  return new Promise((resolve) => {
    const begun = performance.now();
    const id = packet[1];
    const timer = setTimeout(() => {
      sock.off('message', onMessage);
      resolve({ error: 'TIMEOUT', ms: performance.now() - begun });
    }, 3000);
    function onMessage(msg) {
      if (msg[1] !== id) return;
      clearTimeout(timer);
      sock.off('message', onMessage);
      resolve({ code: msg[0], msg, ms: performance.now() - begun });
    }
    sock.on('message', onMessage);
    sock.send(packet, port, '127.0.0.1');
  });
}

/** Attribute `type` of a RADIUS reply, or null. */
function attribute(msg, type) {
  for (let at = 20; at + 2 <= msg.length;) {
    const len = msg[at + 1];
    if (len < 2) break;
    if (msg[at] === type) return msg.subarray(at + 2, at + len);
    at += len;
  }
  return null;
}

async function accessPoint(ap) {
  const sock = dgram.createSocket('udp4');
  await new Promise((r) => sock.bind(0, ap.address, r));
  const nasIp = Buffer.from(ap.address.split('.').map(Number));
  let ident = 0;
  const next = () => (ident = (ident + 1) & 0xff);
  const u32 = (n) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    return b;
  };
  await sleep(ap.startAt);
  for (const [index, dev] of ap.devices.entries()) {
    if (stopping) break;
    const auth = randomBytes(16);
    const acc = await radius(
      sock,
      plan.authPort,
      buildRequest({
        code: 1,
        identifier: next(),
        authenticator: auth,
        secret: plan.secret,
        attributes: [
          { type: ATTR.userName, value: Buffer.from(dev.code) },
          { type: ATTR.password, value: hideUserPassword(dev.code, plan.secret, auth) },
          { type: ATTR.calling, value: Buffer.from(dev.mac) },
          { type: ATTR.nasIp, value: nasIp },
        ],
      }),
    );
    if (acc.error) {
      error(`radius-auth-${acc.error.toLowerCase()}`);
      continue;
    }
    batch.radius.push(acc.ms);
    if (acc.code !== 2) {
      emit({ ev: 'radius-reject', ap: ap.name, code: acc.code });
      continue;
    }
    // The ticket by its place in the plan: no code goes to the logs.
    emit({ ev: 'radius-accept', ap: ap.index, device: index });
    const cls = attribute(acc.msg, ATTR.class);
    const sessionId = randomBytes(6).toString('hex');
    const base = [
      { type: ATTR.userName, value: Buffer.from(dev.code) },
      { type: ATTR.calling, value: Buffer.from(dev.mac) },
      { type: ATTR.nasIp, value: nasIp },
      { type: ATTR.sessionId, value: Buffer.from(sessionId) },
      ...(cls ? [{ type: ATTR.class, value: Buffer.from(cls) }] : []),
    ];
    for (const [status, bytes] of [
      [1, 0],
      [3, 200_000],
      [3, 900_000],
      [2, 1_500_000],
    ]) {
      if (stopping) break;
      const r = await radius(
        sock,
        plan.acctPort,
        buildRequest({
          code: 4,
          identifier: next(),
          secret: plan.secret,
          attributes: [
            ...base,
            { type: ATTR.status, value: u32(status) },
            ...(status === 1
              ? []
              : [
                  { type: ATTR.inOctets, value: u32(bytes / 3) },
                  { type: ATTR.outOctets, value: u32(bytes) },
                ]),
          ],
        }),
      );
      if (r.error) error(`radius-acct-${r.error.toLowerCase()}`);
      else batch.radius.push(r.ms);
      await sleep(jitter(ap.intervalMs));
    }
  }
  sock.close();
}

// ---- Animators: a real sign-in to the console, a batch, its PDF.

function consoleRequest(jar, method, urlPath, form) {
  return new Promise((resolve) => {
    const body = form ? new URLSearchParams(form).toString() : null;
    const begun = performance.now();
    const req = http.request(
      `${plan.console}${urlPath}`,
      {
        method,
        agent: false,
        timeout: 30_000,
        headers: {
          cookie: [...jar.entries()].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
      },
      (res) => {
        for (const c of res.headers['set-cookie'] ?? []) {
          const [pair] = c.split(';');
          const eq = pair.indexOf('=');
          jar.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            body: Buffer.concat(chunks),
            ms: performance.now() - begun,
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e) => resolve({ error: e.code || e.message, ms: performance.now() - begun }));
    if (body) req.write(body);
    req.end();
  });
}
const csrfOf = (res) =>
  /name="_csrf" value="([A-Za-z0-9_-]{43})"/.exec(res.body?.toString() ?? '')?.[1] ?? null;

async function signIn(jar, who) {
  jar.clear();
  const page = await consoleRequest(jar, 'GET', '/login');
  if (page.error || page.status !== 200) return null;
  const res = await consoleRequest(jar, 'POST', '/login', {
    username: who.username,
    password: who.password,
    _csrf: csrfOf(page),
    next: '/',
  });
  if (res.status !== 303) return null;
  const home = await consoleRequest(jar, 'GET', '/tickets');
  return csrfOf(home);
}

async function animator(who) {
  const jar = new Map();
  let csrf = null;
  await sleep(who.startAt);
  while (!stopping) {
    if (!csrf) csrf = await signIn(jar, who);
    if (!csrf) {
      error('console-sign-in');
      await sleep(jitter(5000));
      continue;
    }
    const created = await consoleRequest(jar, 'POST', '/tickets/batches', {
      _csrf: csrf,
      profile: plan.animatorProfile,
      count: String(who.batchSize),
      note: `bench ${who.username}`,
      layout: plan.layout,
      validFrom: '',
      validUntil: '',
    });
    const where = String(created.headers?.location ?? '');
    const m = /\/tickets\/batches\/([^/?]+)/.exec(where);
    if (created.status === 303 && where.startsWith('/login')) {
      csrf = null; // the console session ended (idle time, or the clock moved): sign in again
      continue;
    }
    if (created.status === 403) {
      // "Action impossible": the form's token is no longer good (the clock moved); the animator
      // reloads the page and signs in again if asked. Counted, then retried.
      error('console-batch-status-403');
      csrf = null;
      await sleep(jitter(2000));
      continue;
    }
    if (created.error || created.status !== 303 || !m) {
      error(
        created.error ? `console-${created.error.toLowerCase()}` : `console-batch-status-${created.status}`,
        created.body?.toString().slice(0, 200),
      );
      await sleep(jitter(5000));
      continue;
    }
    emit({ ev: 'batch-created', batch: decodeURIComponent(m[1]), count: who.batchSize, ms: created.ms });
    const pdf = await consoleRequest(jar, 'GET', `/tickets/batches/${m[1]}/print.pdf`);
    if (pdf.error || pdf.status !== 200 || pdf.body.subarray(0, 5).toString() !== '%PDF-')
      error(pdf.error ? `console-print-${pdf.error.toLowerCase()}` : `console-print-status-${pdf.status}`);
    else emit({ ev: 'printed', batch: decodeURIComponent(m[1]), bytes: pdf.body.length, ms: pdf.ms });
    await sleep(jitter(who.intervalMs));
  }
}

// ---- Metrics of the service and of `ecn dns` (the event-loop delay they export).

function scrape(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 3000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}
function gauge(text, name) {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm').exec(text ?? '');
  return m ? Number(m[1]) : null;
}
setInterval(async () => {
  const [svc, dns] = await Promise.all([scrape(plan.serviceMetrics), scrape(plan.dnsMetrics)]);
  emit({
    ev: 'metrics',
    serviceLoopP99: gauge(svc, 'ecn_nodejs_eventloop_lag_p99_seconds'),
    serviceLoopMax: gauge(svc, 'ecn_nodejs_eventloop_lag_max_seconds'),
    dnsLoopP99: gauge(dns, 'ecn_dns_nodejs_eventloop_lag_p99_seconds'),
  });
}, plan.sampleMs);

require('node:readline')
  .createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (JSON.parse(line).op === 'stop') stopping = true;
  });
process.stdin.on('end', () => process.exit(0));

for (const ap of plan.accessPoints) void accessPoint(ap).catch((e) => error('radius-driver', e.stack));
for (const who of plan.animators) void animator(who).catch((e) => error('console-driver', e.stack));
emit({ ev: 'ready' });
