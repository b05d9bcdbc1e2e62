// The phones of the box benchmark, all driven from this ONE process inside the client namespace
// (run by bench/box/run.js; not a test). Each device has its own macvlan interface, MAC and
// address; every socket it opens is bound to that address, so policy routing sends it out of
// its own interface. A device probes like a phone while captive, logs in through the real form
// at its moment (some with wrong codes first), then resolves names through the box and fetches
// pages, some of them blocked. Reports go to stdout as JSON lines; orders come on stdin.
'use strict';

const dgram = require('node:dgram');
const http = require('node:http');
const { URLSearchParams } = require('node:url');
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const dnsPacket = require('dns-packet');

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const PORTAL = plan.portal; // e.g. http://198.18.0.1:8080
const PROBE_HOST = 'connectivitycheck.gstatic.com';
const started = Date.now();
const t = () => Date.now() - started;

let stopping = false;
/** After a clock step of the box, every session started before it has outlived its ticket. */
let clockStepAt = null;
/** While the box's clock is being stepped no login starts, so each session is plainly before or after it. */
let holdLogins = false;
/** Bounded concurrency: at most this many requests in flight from all devices together. */
let inFlight = 0;
const waiting = [];
async function slot(fn) {
  if (inFlight >= plan.concurrency) await new Promise((r) => waiting.push(r));
  inFlight++;
  try {
    return await fn();
  } finally {
    inFlight--;
    waiting.shift()?.();
  }
}

// ---- Reports: latencies and counts are batched and flushed every second.
let batch = newBatch();
function newBatch() {
  return { portal: [], through: [], dns: [], errors: {}, requests: 0 };
}
function emit(obj) {
  process.stdout.write(JSON.stringify({ t: t(), ...obj }) + '\n');
}
function error(kind, device, detail) {
  batch.errors[kind] = (batch.errors[kind] ?? 0) + 1;
  emit({ ev: 'error', kind, device: device.i, detail: String(detail ?? '').slice(0, 200) });
}
setInterval(() => {
  emit({ ev: 'batch', ...batch, inFlight });
  batch = newBatch();
}, 1000);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const jitter = (ms) => ms * (0.75 + Math.random() * 0.5);
const pick = (list) => list[Math.floor(Math.random() * list.length)];

// ---- HTTP and DNS from one device's own address.

function request(device, url, opts = {}) {
  return slot(
    () =>
      new Promise((resolve) => {
        const begun = performance.now();
        batch.requests++;
        const req = http.request(
          url,
          {
            method: opts.method ?? 'GET',
            localAddress: device.ip,
            agent: false,
            headers: { 'user-agent': 'ecn-bench-phone', ...(opts.headers ?? {}) },
            timeout: opts.timeoutMs ?? 10_000,
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d) => {
              if (body.length < 20_000) body += d;
            });
            res.on('end', () =>
              resolve({ status: res.statusCode, headers: res.headers, body, ms: performance.now() - begun }),
            );
            res.on('error', (e) => resolve({ error: e.code || e.message, ms: performance.now() - begun }));
          },
        );
        req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
        req.on('error', (e) => resolve({ error: e.code || e.message, ms: performance.now() - begun }));
        if (opts.body) req.write(opts.body);
        req.end();
      }),
  );
}

let dnsId = 1;
/** One A query to the box's DNS (port 53, redirected to `ecn dns`): { rcode, address, ms } or { error }. */
function lookup(device, name, timeoutMs = 3000) {
  return slot(
    () =>
      new Promise((resolve) => {
        const sock = dgram.createSocket('udp4');
        const id = (dnsId = (dnsId + 1) & 0xffff);
        const begun = performance.now();
        let done = false;
        const finish = (r) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          sock.close();
          resolve({ ...r, ms: performance.now() - begun });
        };
        const timer = setTimeout(() => finish({ error: 'TIMEOUT' }), timeoutMs);
        sock.on('error', (e) => finish({ error: e.code || e.message }));
        sock.on('message', (msg) => {
          try {
            const a = dnsPacket.decode(msg);
            if (a.id !== id) return;
            const ans = (a.answers ?? []).find((x) => x.type === 'A');
            finish({ rcode: a.rcode, address: ans?.data ?? null });
          } catch {
            finish({ error: 'BADREPLY' });
          }
        });
        sock.bind(0, device.ip, () => {
          const q = dnsPacket.encode({
            type: 'query',
            id,
            flags: dnsPacket.RECURSION_DESIRED,
            questions: [{ type: 'A', name }],
          });
          sock.send(q, 53, plan.dnsServer);
        });
      }),
  );
}

function cookieOf(res, name) {
  const set = res.headers?.['set-cookie'] ?? [];
  for (const c of Array.isArray(set) ? set : [set]) {
    const m = new RegExp(`^${name}=([^;]+)`).exec(c);
    if (m) return m[1];
  }
  return null;
}

// ---- What a phone does.

/**
 * The OS connectivity probe: the name through the box's DNS, then HTTP to it. 'through' when the
 * upstream's 204 comes back, 'captive' when the portal answers instead, null on an error.
 */
async function probe(device) {
  const d = await lookup(device, PROBE_HOST);
  if (d.error || d.rcode !== 'NOERROR' || !d.address) {
    error(
      d.error ? `dns-${d.error.toLowerCase()}` : `dns-${String(d.rcode).toLowerCase()}`,
      device,
      PROBE_HOST,
    );
    return null;
  }
  batch.dns.push(d.ms);
  const r = await request(device, `http://${d.address}/generate_204`, { headers: { host: PROBE_HOST } });
  if (r.error) {
    error(`probe-${r.error.toLowerCase()}`, device);
    return null;
  }
  if (r.status === 204) return 'through';
  if (r.status === 302 && String(r.headers.location).startsWith(PORTAL)) {
    batch.portal.push(r.ms);
    return 'captive';
  }
  error(`probe-status-${r.status}`, device);
  return null;
}

/** What the device's last probe said, checked against what it should be. */
function judge(device, seen) {
  if (seen === null) return;
  if (device.posting) return; // its login is under way: either answer is right
  if (holdLogins) return; // the box's clock is being stepped: sessions end while we wait
  const sessionEnded = device.loggedInAt !== null && clockStepAt !== null && device.loggedInAt < clockStepAt;
  if (seen === 'through') {
    if (device.loggedInAt === null && device.unanswered) {
      // Its code was posted but the answer was lost (the service was killed): the login went
      // through before the kill. The harness checks the store holds it.
      device.loggedInAt = t();
      emit({ ev: 'login-unanswered', device: device.i, mac: device.mac });
    } else if (device.loggedInAt === null) {
      emit({ ev: 'violation', kind: 'through-without-session', device: device.i });
    } else if (sessionEnded) {
      emit({ ev: 'through-after-step', device: device.i, afterStepMs: t() - clockStepAt });
    }
  } else if (seen === 'captive' && device.loggedInAt !== null) {
    if (sessionEnded) {
      if (!device.cutSeen) emit({ ev: 'cut', device: device.i, afterStepMs: t() - clockStepAt });
      device.cutSeen = true;
    } else {
      emit({ ev: 'violation', kind: 'cut-while-valid', device: device.i });
    }
  }
}

async function login(device, code, real) {
  const page = await request(device, `${PORTAL}/`);
  if (real && page.status === 303 && String(page.headers.location).startsWith('/status')) {
    // Logged in already: the answer to an earlier post was lost (the service was killed while
    // it answered), and the portal now sends the device to its status page.
    batch.portal.push(page.ms);
    return page;
  }
  if (page.error || page.status !== 200) {
    error(page.error ? `login-page-${page.error.toLowerCase()}` : `login-page-status-${page.status}`, device);
    return null;
  }
  batch.portal.push(page.ms);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const csrf = cookieOf(page, 'ecn_csrf') ?? '';
  while (real && holdLogins && !stopping) await sleep(200);
  if (real) {
    emit({ ev: 'posting', device: device.i });
    device.posting = true;
  }
  const res = await request(device, `${PORTAL}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `ecn_csrf=${csrf}` },
    body: new URLSearchParams({ _csrf: token, charter: 'yes', code }).toString(),
  });
  device.posting = false;
  if (res.error) {
    if (real) device.unanswered = true;
    error(`login-${res.error.toLowerCase()}`, device);
    return null;
  }
  batch.portal.push(res.ms);
  return res;
}

async function loginFlow(device) {
  for (let k = 0; k < device.wrongFirst; k++) {
    const r = await login(device, device.wrongCode, false);
    if (r && r.status === 303) emit({ ev: 'violation', kind: 'wrong-code-accepted', device: device.i });
    await sleep(jitter(1500));
  }
  for (let attempt = 0; attempt < 20 && !stopping; attempt++) {
    const r = await login(device, device.code, true);
    if (r && r.status === 303 && String(r.headers.location).startsWith('/status')) {
      const ackAt = performance.now();
      device.loggedInAt = t();
      emit({ ev: 'login', device: device.i, mac: device.mac });
      const status = await request(device, `${PORTAL}/status`, {
        headers: { cookie: (r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ') },
      });
      if (status.status === 200) emit({ ev: 'status-shown', device: device.i });
      // Time from the form's answer to the device's first packet through the gateway.
      for (let k = 0; k < 200 && !stopping; k++) {
        const up = await request(device, `http://${plan.upstream}/generate_204`, {
          headers: { host: PROBE_HOST },
          timeoutMs: 2000,
        });
        if (up.status === 204) {
          batch.through.push(performance.now() - ackAt);
          return;
        }
        await sleep(50);
      }
      error('not-through-after-login', device);
      return;
    }
    if (r) {
      // A page that is not the status page: a refusal the user can read (disk full, store down…).
      const text = (/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(r.body)?.[1] ?? '').replace(/<[^>]+>/g, '').trim();
      emit({ ev: 'login-refused', device: device.i, status: r.status, heading: text.slice(0, 120) });
    }
    await sleep(jitter(3000));
  }
}

async function browse(device) {
  const blocked = Math.random() < plan.blockedShare;
  const name = blocked ? pick(plan.names.blocked) : pick(plan.names.allowed);
  const d = await lookup(device, name);
  if (d.error || d.rcode !== 'NOERROR') {
    error(d.error ? `dns-${d.error.toLowerCase()}` : `dns-${String(d.rcode).toLowerCase()}`, device, name);
    return;
  }
  batch.dns.push(d.ms);
  if (blocked && d.address !== plan.blockAddress) {
    emit({ ev: 'violation', kind: 'blocked-name-resolved', device: device.i, name });
    return;
  }
  if (!blocked && d.address !== plan.upstream) {
    error('dns-wrong-answer', device, `${name} ${d.address}`);
    return;
  }
  const r = await request(device, `http://${d.address}/page/${name}`, { headers: { host: name } });
  if (r.error) error(`fetch-${r.error.toLowerCase()}`, device);
  else if (blocked && r.status === 200 && r.body.startsWith('upstream-ok'))
    emit({ ev: 'violation', kind: 'blocked-page-served', device: device.i, name });
}

async function live(device) {
  await sleep(device.startAt);
  device.started = true;
  while (!stopping) {
    if (device.awayFrom !== null && t() >= device.awayFrom && t() < device.awayUntil) {
      // Gone: out of the room, the phone in a pocket; comes back later with the same session.
      await sleep(device.awayUntil - t());
      continue;
    }
    const seen = await probe(device);
    judge(device, seen);
    if (device.code !== null && !device.loginStarted && t() >= device.loginAt && clockStepAt === null) {
      device.loginStarted = true;
      await loginFlow(device);
      continue;
    }
    if (seen === 'through') {
      for (let k = 0; k < plan.browsePerRound && !stopping; k++) await browse(device);
    } else if (seen === 'captive' && Math.random() < 0.3) {
      // Captive phones still resolve names (apps in the background).
      await browse(device);
    }
    await sleep(jitter(device.loggedInAt === null ? plan.captiveProbeMs : plan.throughRoundMs));
  }
}

/** Repeats one lookup every 100 ms until it answers; for the harness's "back within" figures. */
async function watchDns(id, name) {
  const device = plan.devices[0];
  const begun = performance.now();
  const seen = {};
  for (let k = 0; k < 600; k++) {
    const d = await lookup(device, name, 500);
    const key = d.error ?? d.rcode;
    seen[key] = seen[key] ?? Math.round(performance.now() - begun);
    if (!d.error && d.rcode === 'NOERROR' && d.address) {
      emit({ ev: 'dns-back', id, ms: Math.round(performance.now() - begun), seen });
      return;
    }
    await sleep(100);
  }
  emit({ ev: 'dns-back', id, ms: null, seen });
}

require('node:readline')
  .createInterface({ input: process.stdin })
  .on('line', (line) => {
    const msg = JSON.parse(line);
    if (msg.op === 'hold-logins') holdLogins = true;
    else if (msg.op === 'clock-step') {
      clockStepAt = t();
      holdLogins = false;
    } else if (msg.op === 'watch-dns') void watchDns(msg.id, msg.name);
    else if (msg.op === 'login-now') {
      // The harness wants logins at this moment (a fault is under way): the next few devices
      // that have not logged in yet do it at their next round, whatever their own moment was.
      const ready = plan.devices.filter((d) => d.code !== null && !d.loginStarted && d.started);
      for (const d of ready.slice(0, msg.count)) d.loginAt = 0;
    } else if (msg.op === 'stop') stopping = true;
  });
process.stdin.on('end', () => process.exit(0));

for (const device of plan.devices) {
  device.loggedInAt = null;
  device.cutSeen = false;
  device.loginStarted = false;
  device.posting = false;
  device.unanswered = false;
  device.started = false;
  void live(device).catch((e) => error('driver', device, e.stack));
}
emit({ ev: 'ready', devices: plan.devices.length });
