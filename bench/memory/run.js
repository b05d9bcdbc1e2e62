#!/usr/bin/env node
// Memory benchmark (not a test): the whole box's resident memory with a 5 M-name filter table,
// against the goals of issue #17 (service + `ecn dns` ≤ 200 MiB; `ecn filter update` peak
// ≤ 256 MiB, so a 1 GB box has room). Builds the table, runs the built service and `ecn dns`
// as the systemd units do, puts a little of each kind of load on them, and prints the resident
// memory (VmRSS) and peak (VmHWM) of each process, and the CPU each spent, side by side with
// the goals.
//
//   npm run bench:memory [-- --names 5000000 --flags="--max-semi-space-size=1"]
//
// --flags=... (with "=": the value starts with dashes) applies Node.js/V8 flags to the three processes, --service-flags, --dns-flags and
// --build-flags to one each (given on the command line: NODE_OPTIONS refuses most V8 flags).
// Needs the build, dnsmasq and dnsperf (Debian packages).

'use strict';

const { spawn, spawnSync, execFileSync, fork } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { generateNames, upstreamArgs, writeQueryMix } = require('../filter/names');

const ROOT = path.resolve(__dirname, '../..');
const ECN = path.join(ROOT, 'bin', 'ecn');
const MAIN = path.join(ROOT, 'dist', 'main.js');
const SECRET = 'bench-secret-0123456789';
const MIB = 1024 * 1024;
const GOALS = { box: 200 * MIB, build: 256 * MIB };

const { values: opts } = parseArgs({
  options: {
    names: { type: 'string', default: process.env.BENCH_NAMES || '5000000' },
    flags: { type: 'string', default: '' },
    'service-flags': { type: 'string', default: '' },
    'dns-flags': { type: 'string', default: '' },
    'build-flags': { type: 'string', default: '' },
    seconds: { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
  },
});
const NAMES = Number(opts.names);
const SECONDS = Number(opts.seconds);
const words = (s) => s.split(/\s+/).filter(Boolean);
const FLAGS = {
  service: [...words(opts.flags), ...words(opts['service-flags'])],
  dns: [...words(opts.flags), ...words(opts['dns-flags'])],
  build: [...words(opts.flags), ...words(opts['build-flags'])],
};

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecn-bench-memory-'));
const children = new Set();
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (!opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

function need(bin) {
  if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) {
    console.error(`bench: ${bin} is needed (apt-get install ${bin})`);
    process.exit(1);
  }
}

function freePort(type = 'tcp') {
  return new Promise((resolve) => {
    if (type === 'udp') {
      const s = require('node:dgram').createSocket('udp4');
      s.bind(0, '127.0.0.1', () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
      return;
    }
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** VmRSS and VmHWM of a process, in bytes. */
function memory(pid) {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number((new RegExp(`${k}:\\s+(\\d+)`).exec(s) || [])[1] || 0);
  return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
}

/** CPU seconds (user + system, all threads) a process used so far. */
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function start(cmd, args) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  child.logs = () => out;
  children.add(child);
  return child;
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await done;
  clearTimeout(t);
  children.delete(child);
}

async function waitFor(what, child, test, timeoutMs = 60_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}):\n${child.logs()}`);
    const r = test();
    if (r) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms:\n${child.logs()}`);
}

function dig(port, name) {
  const r = spawnSync('dig', ['-p', String(port), '@127.0.0.1', '+time=1', '+tries=1', '+short', name], {
    encoding: 'utf8',
  });
  return r.status === 0 && r.stdout.trim() !== '' ? r.stdout.trim() : null;
}

function dnsperf(port, file, args) {
  const r = spawnSync('dnsperf', ['-s', '127.0.0.1', '-p', String(port), '-d', file, '-T', '1', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const num = (re) => Number((re.exec(r.stdout) || [])[1] || NaN);
  return { qps: num(/Queries per second:\s+([\d.]+)/), completed: num(/Queries completed:\s+(\d+)/) };
}

/** RADIUS PAP load from one generator process (bench/radius/load-worker.js). */
function radiusLoad(port, tickets, seconds, once) {
  const child = fork(path.join(__dirname, '../radius/load-worker.js'), { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('error', reject);
    child.send({
      host: '127.0.0.1',
      port,
      secret: SECRET,
      tickets,
      window: 8,
      seconds,
      workerIndex: 0,
      workers: 1,
      once,
    });
  });
}

async function portalLoad(port, seconds) {
  const end = Date.now() + seconds * 1000;
  let n = 0;
  const one = async () => {
    while (Date.now() < end) {
      await new Promise((resolve, reject) =>
        http
          .get(`http://127.0.0.1:${port}/?lang=fr`, (res) => res.resume().on('end', resolve))
          .on('error', reject),
      );
      n++;
    }
  };
  await Promise.all([one(), one(), one(), one()]);
  return n;
}

const mib = (b) => (b / MIB).toFixed(1);
const versus = (value, goal) =>
  value <= goal
    ? `met (${mib(goal - value)} MiB to spare)`
    : `missed by ${mib(value - goal)} MiB (${(((value - goal) / goal) * 100).toFixed(0)} %)`;

async function main() {
  for (const b of ['dnsperf', 'dnsmasq', 'dig']) need(b);
  if (!fs.existsSync(MAIN)) {
    console.error('bench: run `npm run build` first');
    process.exit(1);
  }
  log(`temp dir ${tmp}; ${NAMES} generated names; flags: ${JSON.stringify(FLAGS)}`);

  // 1. The list, and samples of it for the queries.
  const lists = path.join(tmp, 'lists');
  fs.mkdirSync(path.join(lists, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(lists, 'bench', 'usage'), 'black\n');
  const blocked = [];
  const every = Math.max(1, Math.floor(NAMES / 20_000));
  generateNames(path.join(lists, 'bench', 'domains'), NAMES, (name, i) => {
    if (i % every === 0) blocked.push(name);
  });

  const [dnsPort, upPort, authPort, acctPort, portalPort, lookupPort] = [
    await freePort('udp'),
    await freePort('udp'),
    await freePort('udp'),
    await freePort('udp'),
    await freePort(),
    await freePort(),
  ];
  const config = path.join(tmp, 'ecn.yaml');
  fs.writeFileSync(
    config,
    [
      'space: { id: bench }',
      `dataDir: ${JSON.stringify(path.join(tmp, 'data'))}`,
      `portal: { listen: "127.0.0.1:${portalPort}" }`,
      'console: { listen: "127.0.0.1:0" }',
      'metrics: { listen: "127.0.0.1:0" }',
      'log: { level: warn }',
      'tickets: { maxBatch: 10000 }',
      'radius:',
      '  enabled: true',
      `  authListen: "127.0.0.1:${authPort}"`,
      `  acctListen: "127.0.0.1:${acctPort}"`,
      `  clients: [{ name: bench, address: 127.0.0.1, secret: ${SECRET}, kind: unifi }]`,
      'filter:',
      `  listen: 127.0.0.1:${dnsPort}`,
      `  upstream: 127.0.0.1:${upPort}`,
      '  metricsListen: 127.0.0.1:0',
      `  lookupListen: 127.0.0.1:${lookupPort}`,
      '  categories: [bench]',
      '  blockAddress: 10.42.0.1',
      `  sources: [{ kind: ut1, path: ${JSON.stringify(lists)} }]`,
      '',
    ].join('\n'),
  );

  // 2. The table build, as the ecn-filter-update unit runs it; its peak from wait4's rusage.
  log('building the table (ecn filter update)');
  const t0 = Date.now();
  const build = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      'ECN_BENCH_MAXRSS_KB=%M ECN_BENCH_CPU=%U+%S',
      process.execPath,
      ...FLAGS.build,
      ECN,
      '--config',
      config,
      'filter',
      'update',
    ],
    { encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`ecn filter update failed:\n${build.stdout}\n${build.stderr}`);
  const buildSeconds = (Date.now() - t0) / 1000;
  const buildPeak = Number(/ECN_BENCH_MAXRSS_KB=(\d+)/.exec(build.stderr)[1]) * 1024;
  const buildCpu = /ECN_BENCH_CPU=([\d.]+)\+([\d.]+)/.exec(build.stderr);
  const table = /Filter table: (\d+) names, ([\d.]+) MB/.exec(build.stdout);
  log(`table: ${table ? `${table[1]} names, ${table[2]} MB` : '?'}, ${buildSeconds.toFixed(1)} s`);

  // 3. The upstream resolver (no list) and `ecn dns` in front of it.
  const up = start('dnsmasq', upstreamArgs(upPort));
  await waitFor('dnsmasq', up, () => dig(upPort, 'host1.allowed.test'));
  const dns = start(process.execPath, [...FLAGS.dns, ECN, '--config', config, 'dns']);
  await waitFor('ecn dns', dns, () => dig(dnsPort, 'host1.allowed.test'));

  // Half blocked names (a third as a www. subdomain), half allowed ones: 20 000 distinct
  // allowed questions, twice the default answer cache, so the cache is full and turning over.
  const mix = path.join(tmp, 'queries.txt');
  writeQueryMix(mix, blocked, { queries: 100_000, allowedNames: 10_000, aaaaEvery: 2 });

  // 4. The service, with tickets, RADIUS and portal traffic.
  log('creating 2 000 tickets');
  const tickets = execFileSync(
    process.execPath,
    [ECN, '--config', config, 'tickets', 'create', '--count', '2000'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  )
    .trim()
    .split('\n');
  const service = start(process.execPath, [...FLAGS.service, MAIN, '--config', config]);
  await waitFor('the service', service, () => portOpen(portalPort));

  log(
    `load for ${SECONDS} s: DNS (dnsperf, max rate), RADIUS (first uses, then devices coming back), portal pages`,
  );
  await radiusLoad(authPort, tickets, 0, true);
  const cpu0 = { dns: cpuSeconds(dns.pid), service: cpuSeconds(service.pid) };
  const dnsRun = new Promise((resolve) => {
    const c = spawn(
      'dnsperf',
      [
        '-s',
        '127.0.0.1',
        '-p',
        String(dnsPort),
        '-d',
        mix,
        '-T',
        '1',
        '-c',
        '10',
        '-q',
        '200',
        '-l',
        String(SECONDS),
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.on('exit', () => resolve(out));
  });
  const [radius, pages, dnsOut] = await Promise.all([
    radiusLoad(authPort, tickets, SECONDS, false),
    portalLoad(portalPort, SECONDS),
    dnsRun,
  ]);
  const queries = Number((/Queries completed:\s+(\d+)/.exec(dnsOut) || [])[1] || NaN);
  const cpu = { dns: cpuSeconds(dns.pid) - cpu0.dns, service: cpuSeconds(service.pid) - cpu0.service };
  const steady = { dns: memory(dns.pid), service: memory(service.pid), upstream: memory(up.pid) };

  // 5. A table reload (SIGHUP): old and new tables are held at once for a moment.
  dns.kill('SIGHUP');
  await new Promise((r) => setTimeout(r, 3000));
  dnsperf(dnsPort, mix, ['-n', '1', '-c', '10', '-q', '200']);
  const afterReload = memory(dns.pid);

  await stop(service);
  await stop(dns);
  await stop(up);

  const box = steady.service.rss + steady.dns.rss;
  const rows = [
    [
      'service (dist/main.js)',
      steady.service.rss,
      steady.service.hwm,
      `${((cpu.service / Math.max(1, radius.accepts + radius.rejects + pages)) * 1e6).toFixed(0)} µs/request`,
    ],
    ['ecn dns', steady.dns.rss, afterReload.hwm, `${((cpu.dns / queries) * 1e6).toFixed(1)} µs/query`],
    ['box: service + ecn dns', box, steady.service.hwm + afterReload.hwm, ''],
    [
      'ecn filter update (build)',
      NaN,
      buildPeak,
      `${(Number(buildCpu[1]) + Number(buildCpu[2])).toFixed(1)} s CPU`,
    ],
  ];
  console.log(
    `\nMemory with a ${table ? table[1] : NAMES}-name table (${table ? table[2] : '?'} MB), ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; flags ${JSON.stringify(FLAGS)}`,
  );
  console.log(
    `load: ${queries} DNS queries (${(queries / SECONDS).toFixed(0)}/s), ${radius.accepts} RADIUS Access-Accepts, ${pages} portal pages in ${SECONDS} s; upstream dnsmasq ${mib(steady.upstream.rss)} MiB (not counted: any resolver)\n`,
  );
  console.log(`${'process'.padEnd(28)}${'RSS MiB'.padStart(9)}${'peak MiB'.padStart(10)}  CPU`);
  for (const [name, rss, hwm, c] of rows) {
    console.log(
      `${name.padEnd(28)}${(Number.isNaN(rss) ? '–' : mib(rss)).padStart(9)}${mib(hwm).padStart(10)}  ${c}`,
    );
  }
  console.log(`\ngoal: box (service + ecn dns) RSS ≤ ${mib(GOALS.box)} MiB: ${versus(box, GOALS.box)}`);
  console.log(`goal: table build peak ≤ ${mib(GOALS.build)} MiB: ${versus(buildPeak, GOALS.build)}`);
  fs.mkdirSync(path.join(ROOT, 'test-artifacts'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, 'test-artifacts', 'bench-memory.json'),
    JSON.stringify(
      {
        names: NAMES,
        flags: FLAGS,
        steady,
        afterReload,
        buildPeak,
        buildSeconds,
        cpu,
        queries,
        radius: radius.accepts,
        pages,
        loadavg: os.loadavg(),
      },
      null,
      2,
    ),
  );
}

function portOpen(port) {
  const r = spawnSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`], { stdio: 'ignore' });
  return r.status === 0 ? port : null;
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    // exit (not exitCode): the 'exit' handler then kills whatever is still running.
    process.exit(1);
  },
);
