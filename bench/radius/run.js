#!/usr/bin/env node
// RADIUS benchmark (not a test): the same load generator against the ECN gateway and against
// FreeRADIUS 3.2 configured with an equivalent users file, one after the other, on loopback.
// Prints requests/s, p50/p99 latency and server CPU per request for both, and the ratio.
//
//   npm run bench:radius [-- --seconds 10 --workers 2 --window 64 --tickets 2000 --flags=...]
//
// Needs the build (npm run build does it) and Debian's freeradius package.

'use strict';

const { spawn, fork, execFileSync } = require('node:child_process');
const { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = path.resolve(__dirname, '../..');
const SECRET = 'bench-secret-0123456789';

const { values: opts } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    workers: { type: 'string', default: '2' },
    window: { type: 'string', default: '64' },
    tickets: { type: 'string', default: '2000' },
    only: { type: 'string' },
    profile: { type: 'string' },
    // Node.js/V8 flags for the gateway process, e.g. --flags=--max-semi-space-size=1 (the
    // systemd unit's), to see what a memory flag costs in CPU per request.
    flags: { type: 'string', default: '' },
  },
});
const SECONDS = Number(opts.seconds);
const WORKERS = Number(opts.workers);
const WINDOW = Number(opts.window);
const TICKETS = Number(opts.tickets);

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU seconds (user + system) a process and its threads used so far. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function waitForOutput(child, pattern, what) {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${out}`)), 90_000);
    const onData = (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${out}`)));
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** Runs the workers against host:port; returns the merged figures. */
async function load(port, tickets, seconds, serverPid, once = false) {
  const cpuBefore = cpuSeconds(serverPid);
  const results = await Promise.all(
    Array.from({ length: WORKERS }, (_, workerIndex) => {
      const child = fork(path.join(__dirname, 'load-worker.js'), { stdio: 'inherit' });
      return new Promise((resolve, reject) => {
        child.once('message', resolve);
        child.once('error', reject);
        child.send({
          host: '127.0.0.1',
          port,
          secret: SECRET,
          tickets,
          window: WINDOW,
          seconds,
          workerIndex,
          workers: WORKERS,
          once,
        });
      });
    }),
  );
  const cpu = cpuSeconds(serverPid) - cpuBefore;
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const replies = results.reduce((n, r) => n + r.accepts + r.rejects, 0);
  const elapsed = Math.max(...results.map((r) => r.elapsed));
  const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    rps: replies / elapsed,
    accepts: results.reduce((n, r) => n + r.accepts, 0),
    rejects: results.reduce((n, r) => n + r.rejects, 0),
    lost: results.reduce((n, r) => n + r.lost, 0),
    p50: pick(0.5),
    p99: pick(0.99),
    cpuPerRequestUs: (cpu / replies) * 1e6,
    cpuSeconds: cpu,
  };
}

async function benchGateway(dir) {
  const configFile = path.join(dir, 'ecn.yaml');
  writeFileSync(
    configFile,
    [
      'space: { id: bench }',
      `dataDir: ${JSON.stringify(path.join(dir, 'data'))}`,
      'portal: { listen: "127.0.0.1:0" }',
      // Port 0 everywhere: other services on the machine may hold the default ports.
      'console: { listen: "127.0.0.1:0" }',
      'metrics: { listen: "127.0.0.1:0" }',
      'log: { level: warn }',
      'tickets: { maxBatch: 10000 }',
      'profiles:',
      '  - { name: bench, label: Bench, duration: 1d, devices: 1, default: true }',
      'radius:',
      '  enabled: true',
      '  authListen: "127.0.0.1:0"',
      '  acctListen: "127.0.0.1:0"',
      `  clients: [{ name: bench, address: 127.0.0.1, secret: ${SECRET}, kind: unifi }]`,
      '',
    ].join('\n'),
  );
  const ecn = (...args) =>
    execFileSync(process.execPath, [path.join(ROOT, 'bin/ecn'), '--config', configFile, ...args], {
      encoding: 'utf8',
    });
  const tickets = ecn('tickets', 'create', '--count', String(TICKETS)).trim().split('\n');
  // --profile DIR writes a V8 CPU profile of the gateway process there.
  const nodeArgs = [
    ...opts.flags.split(/\s+/).filter(Boolean),
    ...(opts.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(opts.profile)] : []),
  ];
  const child = spawn(
    process.execPath,
    [...nodeArgs, path.join(ROOT, 'dist/main.js'), '--config', configFile],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ECN_LOG_LEVEL: 'info' },
    },
  );
  try {
    const m = await waitForOutput(child, /"radiusAuthPort":(\d+)/, 'the gateway');
    const port = Number(m[1]);
    // First use of each ticket binds its device (a durable write); the measured run is the
    // steady state of devices coming back, as for FreeRADIUS which has no such state.
    const warm = await load(port, tickets, 0, child.pid, true);
    const result = await load(port, tickets, SECONDS, child.pid);
    return { ...result, warm };
  } finally {
    await stopChild(child);
  }
}

async function benchFreeradius(dir) {
  const tickets = Array.from({ length: TICKETS }, (_, i) => `BENCH${String(i).padStart(7, '0')}`);
  const conf = path.join(dir, 'freeradius');
  mkdirSync(path.join(conf, 'run'), { recursive: true });
  mkdirSync(path.join(conf, 'log'), { recursive: true });
  // Equivalent of the gateway's answer for a 1-day ticket: time left, interim interval, Class.
  writeFileSync(
    path.join(conf, 'users'),
    tickets
      .map(
        (t, i) =>
          `${t} Cleartext-Password := "${t}"\n\tSession-Timeout = 86400,\n\tAcct-Interim-Interval = 300,\n\tClass = 0x${Buffer.from(`ecn:ticket-${i}`).toString('hex')}\n`,
      )
      .join(''),
  );
  const port = 20000 + Math.floor(Math.random() * 20000);
  writeFileSync(
    path.join(conf, 'radiusd.conf'),
    `prefix = /usr
exec_prefix = /usr
sysconfdir = /etc
localstatedir = ${conf}
sbindir = /usr/sbin
logdir = ${conf}/log
raddbdir = ${conf}
radacctdir = ${conf}/acct
name = freeradius
confdir = ${conf}
modconfdir = ${conf}
run_dir = ${conf}/run
db_dir = ${conf}
libdir = /usr/lib/freeradius
pidfile = ${conf}/run/freeradius.pid
max_request_time = 30
cleanup_delay = 5
max_requests = 131072
hostname_lookups = no
log {
  destination = stdout
  auth = no
}
security {
  allow_core_dumps = no
  max_attributes = 200
  reject_delay = 0
  status_server = no
}
thread pool {
  start_servers = 8
  max_servers = 32
  min_spare_servers = 4
  max_spare_servers = 16
  max_requests_per_server = 0
}
client local {
  ipaddr = 127.0.0.1
  secret = ${SECRET}
}
modules {
  pap {
    normalise = no
  }
  files {
    filename = ${conf}/users
  }
}
server default {
  listen {
    type = auth
    ipaddr = 127.0.0.1
    port = ${port}
  }
  authorize {
    files
    pap
  }
  authenticate {
    pap
  }
}
`,
  );
  const child = spawn('freeradius', ['-f', '-d', conf, '-l', 'stdout'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await waitForOutput(child, /Ready to process requests/, 'freeradius');
    await load(port, tickets, 0, child.pid, true);
    return await load(port, tickets, SECONDS, child.pid);
  } finally {
    await stopChild(child);
  }
}

function row(name, r) {
  return [
    name.padEnd(22),
    r.rps.toFixed(0).padStart(9),
    r.p50.toFixed(2).padStart(9),
    r.p99.toFixed(2).padStart(9),
    r.cpuPerRequestUs.toFixed(1).padStart(12),
    String(r.rejects + r.lost).padStart(10),
  ].join(' ');
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-bench-radius-'));
  try {
    console.log(
      `RADIUS PAP benchmark: ${WORKERS} generator processes, window ${WINDOW} each, ${TICKETS} tickets, ${SECONDS} s per server, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`,
    );
    const ours = opts.only === 'freeradius' ? null : await benchGateway(dir);
    const theirs = opts.only === 'gateway' ? null : await benchFreeradius(dir);
    console.log(
      `\n${'server'.padEnd(22)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'CPU µs/req'.padStart(12)} ${'not-accept'.padStart(10)}`,
    );
    if (ours) {
      console.log(row('ECN gateway (warm-up)', ours.warm));
      console.log(row('ECN gateway', ours));
    }
    if (theirs) console.log(row('FreeRADIUS 3.2', theirs));
    if (ours && theirs) {
      console.log(
        `\nratio (gateway / FreeRADIUS): throughput ${(ours.rps / theirs.rps).toFixed(2)}, CPU per request ${(ours.cpuPerRequestUs / theirs.cpuPerRequestUs).toFixed(2)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
