#!/usr/bin/env node
// `npm run bench:box`: a busy Saturday in a simulated space, end to end (issue #17; not a unit
// test). Three network namespaces made here and always removed: the box (nftables, the built
// service, `ecn dns` in front of a real caching resolver, dnsmasq), an upstream one (a web
// server and a DNS zone) and a client one holding one macvlan interface per device (own MAC,
// own address). One process drives every phone (bench/box/devices.js), another the three
// access points and the two animators (bench/box/staff.js). Optional faults: SIGKILL of the
// service mid-login and of `ecn dns`, the resolver gone, the data disk full, a clock step.
// Prints a table every minute and at the end, writes samples.json (and an SVG plot), and exits
// non-zero when an invariant broke: an acknowledged write lost, a device let through without a
// session or cut while its ticket was valid, a crash, memory or descriptors growing. Times are
// printed, never judged. Needs root, `ip`, `nft`, dnsmasq (faketime for the clock step).
//
//   npm run bench:box [-- --minutes 10 --devices 150 --faults all | --fault kill-service,disk-full]
//   npm run bench:box -- --ci        (2 minutes, 40 devices, every fault once)
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { parseArgs } = require('node:util');
const report = require('./report');

const ROOT = path.resolve(__dirname, '..', '..');
const FAULTS = ['kill-service', 'kill-dns', 'upstream-down', 'disk-full', 'clock-step'];
const BOX_LAN = '198.18.0.1';
const UPSTREAM_WEB = '198.51.100.2';
const UPSTREAM_DNS = '198.51.100.53';
const SECRET = 'bench-box-radius-secret-01';
const PASSWORD = 'un mot de passe de banc';
const PROCESSES = ['service', 'ecn-dns', 'resolver'];

const { values: opts } = parseArgs({
  options: {
    ci: { type: 'boolean', default: false },
    minutes: { type: 'string' },
    devices: { type: 'string' },
    fault: { type: 'string', default: '' },
    faults: { type: 'string', default: '' },
    out: { type: 'string' },
    plot: { type: 'string' },
    'sample-seconds': { type: 'string', default: '5' },
    'table-seconds': { type: 'string', default: '60' },
  },
});
const CI = opts.ci;
const DURATION_MS = Math.round(Number(opts.minutes ?? (CI ? 2 : 10)) * 60_000);
const DEVICES = Number(opts.devices ?? (CI ? 40 : 150));
const chosen =
  opts.faults === 'all' || CI ? FAULTS : `${opts.fault},${opts.faults}`.split(',').filter(Boolean);
for (const f of chosen) {
  if (!FAULTS.includes(f)) {
    console.error(`bench:box: unknown fault "${f}"; one of ${FAULTS.join(', ')}, or --faults all`);
    process.exit(2);
  }
}
const SAMPLE_MS = Number(opts['sample-seconds']) * 1000;
const TABLE_MS = Number(opts['table-seconds']) * 1000;
const OUT = path.resolve(opts.out ?? path.join(ROOT, 'test-artifacts', `bench-box-${CI ? 'ci' : 'run'}`));
// A full run (10 minutes or more, 150 devices or more) draws the plot of docs/performance.md.
const FULL = !CI && DURATION_MS >= 600_000 && DEVICES >= 150;
const PLOT = opts.plot ?? (FULL ? path.join(ROOT, 'docs', 'performance-box.svg') : null);
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim()) || 100;
const PAGE = 4096;

const started = Date.now();
const now = () => Date.now() - started;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(`[bench:box ${(now() / 1000).toFixed(0).padStart(4)} s]`, ...a);

// ---- Processes and namespaces, all removed on every exit path.

const prefix = `ecn-${process.pid}-${randomBytes(3).toString('hex')}`;
const namespaces = [];
const children = new Set();
let dir = null;
let dataDir = null;
let mounted = false;
let cleaning = null;

function sh(cmd, args, input) {
  const r = spawnSync(cmd, args, {
    input,
    encoding: 'utf8',
    stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}
const ipn = (ns, ...args) => sh('ip', ['-n', ns, ...args]);
const inNs = (ns, ...argv) => sh('ip', ['netns', 'exec', ns, ...argv]);

function addNs(role) {
  const ns = `${prefix}-${role}`;
  sh('ip', ['netns', 'add', ns]);
  namespaces.push(ns);
  ipn(ns, 'link', 'set', 'lo', 'up');
  return ns;
}

/** Removes namespaces of the tests' naming scheme whose creating process is gone. */
function removeLeftovers() {
  let names = [];
  try {
    names = fs.readdirSync('/run/netns');
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^ecn-(\d+)-[0-9a-f]{6}-[a-z]+$/.exec(name);
    if (!m) continue;
    try {
      process.kill(Number(m[1]), 0);
      continue;
    } catch {
      // its creator is gone
    }
    killAllIn(name);
    spawnSync('ip', ['netns', 'del', name]);
  }
}

function killAllIn(ns) {
  const r = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' });
  for (const pid of (r.stdout ?? '').split(/\s+/).filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone
    }
  }
}

/** A long-running program inside a namespace; its lines go to `onLine` and to its log file. */
class Proc {
  constructor(name, ns, argv, { env = process.env, onLine = null } = {}) {
    this.name = name;
    this.expectedExit = false;
    this.onLine = onLine;
    this.logFile = fs.createWriteStream(path.join(OUT, `${name}.log`), { flags: 'a' });
    // `ip netns exec` execs the program: the child's pid is the program's own.
    this.child = spawn('ip', ['netns', 'exec', ns, ...argv], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.pid = this.child.pid;
    this.startedAt = now();
    children.add(this);
    this.waiters = [];
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        children.delete(this);
        this.exit = { code, signal, at: now() };
        for (const w of this.waiters) w.reject(new Error(`${name} exited (${code ?? signal})`));
        resolve(this.exit);
      }),
    );
    const lines = (stream) =>
      readline.createInterface({ input: stream }).on('line', (line) => {
        this.logFile.write(line + '\n');
        for (const w of [...this.waiters]) {
          if (w.test(line)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(line);
          }
        }
        this.onLine?.(line);
      });
    lines(this.child.stdout);
    lines(this.child.stderr);
  }

  waitLine(test, ms = 30_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no expected line in ${ms} ms`)), ms);
      this.waiters.push({
        test,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  send(obj) {
    if (this.child.stdin.writable) this.child.stdin.write(JSON.stringify(obj) + '\n');
  }

  alive() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill(signal = 'SIGTERM') {
    this.expectedExit = true;
    if (!this.alive()) return this.exit;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
    return this.exit;
  }
}

async function cleanup() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    for (const p of [...children]) await p.kill('SIGKILL').catch(() => {});
    for (const ns of namespaces.reverse()) {
      killAllIn(ns);
      spawnSync('ip', ['netns', 'del', ns]);
    }
    if (mounted) {
      if (spawnSync('umount', [dataDir]).status !== 0) spawnSync('umount', ['-l', dataDir]);
      mounted = false;
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\nbench:box: ${signal}, cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---- The space: addresses, devices, tickets, config.

const deviceIp = (i) => `198.18.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
const deviceMac = (i) =>
  `02:ec:b0:00:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
const random = (a, b) => a + Math.random() * (b - a);

function findFaketime() {
  for (const base of [
    '/usr/lib/x86_64-linux-gnu',
    '/usr/lib/aarch64-linux-gnu',
    '/usr/lib/arm-linux-gnueabihf',
    '/usr/lib',
  ]) {
    const lib = path.join(base, 'faketime', 'libfaketimeMT.so.1');
    if (fs.existsSync(lib)) return lib;
  }
  return null;
}

function writeConfig(file) {
  const aps = [11, 12, 13].map(
    (n) => `    - { name: ap${n - 10}, address: 127.0.0.${n}, secret: ${SECRET}, kind: unifi }`,
  );
  fs.writeFileSync(
    file,
    [
      'space: { id: bench-box, name: "Espace de banc d\'essai" }',
      `dataDir: ${JSON.stringify(dataDir)}`,
      'log: { level: info }',
      'portal:',
      `  listen: "${BOX_LAN}:8080"`,
      '  sweepInterval: 1',
      'console: { listen: "127.0.0.1:8081" }',
      'metrics: { listen: "127.0.0.1:9464" }',
      'gateway:',
      '  kind: nftables',
      '  clientInterface: lan0',
      '  upstreamInterface: up0',
      `  portalAddress: ${BOX_LAN}`,
      `  dnsAddress: ${BOX_LAN}`,
      '  dnsPort: 5353',
      'filter:',
      `  listen: "${BOX_LAN}:5353"`,
      '  upstream: "127.0.0.1:5300"',
      '  upstreamTimeout: 1000',
      '  lookupListen: "127.0.0.1:9466"',
      '  metricsListen: "127.0.0.1:9465"',
      '  categories: [adult]',
      `  blockAddress: ${BOX_LAN}`,
      '  sources:',
      '    - { kind: ut1, path: lists }',
      'radius:',
      '  enabled: true',
      '  authListen: "127.0.0.1:1812"',
      '  acctListen: "127.0.0.1:1813"',
      '  clients:',
      ...aps,
      'profiles:',
      '  - { name: 1h, label: "1 heure", duration: 3600, devices: 1, default: true }',
      '',
    ].join('\n'),
  );
}

function ecn(config, args, input) {
  return sh(process.execPath, [path.join(ROOT, 'bin', 'ecn'), '--config', config, ...args], input);
}

function createTickets(config, count) {
  const codes = [];
  while (codes.length < count) {
    const n = Math.min(200, count - codes.length);
    codes.push(
      ...ecn(config, ['tickets', 'create', '--profile', '1h', '--count', String(n)])
        .trim()
        .split('\n'),
    );
  }
  return codes;
}

// ---- Figures per process, from /proc.

const lastCpu = new Map();
function procFigures(proc) {
  if (!proc || !proc.alive()) return null;
  try {
    const stat = fs.readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuS = (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    const rss = (Number(fields[21]) * PAGE) / 1048576;
    const fds = fs.readdirSync(`/proc/${proc.pid}/fd`).length;
    const prev = lastCpu.get(proc.pid);
    const t = Date.now();
    lastCpu.set(proc.pid, { cpuS, t });
    const cpu = prev ? ((cpuS - prev.cpuS) / ((t - prev.t) / 1000)) * 100 : null;
    return { cpu, rss, fds };
  } catch {
    return null;
  }
}

function storeBytes() {
  let total = 0;
  for (const f of fs.readdirSync(dataDir)) {
    if (/\.db(-wal|-shm)?$/.test(f)) total += fs.statSync(path.join(dataDir, f)).size;
  }
  return total;
}

// ---- The run.

async function main() {
  if (process.getuid?.() !== 0) {
    console.error('bench:box needs root (network namespaces, nftables, a tmpfs mount); run it as root.');
    process.exit(2);
  }
  for (const bin of ['ip', 'nft', 'dnsmasq']) {
    if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0 && !fs.existsSync(`/usr/sbin/${bin}`)) {
      console.error(`bench:box needs ${bin} (Debian: iproute2, nftables, dnsmasq).`);
      process.exit(2);
    }
  }
  const faketime = chosen.includes('clock-step') ? findFaketime() : null;
  if (chosen.includes('clock-step') && !faketime) {
    console.error('bench:box: the clock-step fault needs libfaketime (Debian: apt-get install faketime).');
    process.exit(2);
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'main.js'))) {
    console.error('bench:box: build first (npm run build).');
    process.exit(2);
  }
  removeLeftovers();
  fs.mkdirSync(OUT, { recursive: true });
  for (const f of fs.readdirSync(OUT)) if (f.endsWith('.log')) fs.rmSync(path.join(OUT, f));

  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecn-bench-box-'));
  dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  // The data folder on a small filesystem of its own, so that "disk full" is a real ENOSPC.
  sh('mount', ['-t', 'tmpfs', '-o', `size=${CI ? 64 : 128}m,mode=0755`, 'tmpfs', dataDir]);
  mounted = true;
  const config = path.join(dir, 'config.yaml');
  const clockFile = path.join(dir, 'clock-offset');
  fs.writeFileSync(clockFile, '+0\n');
  writeConfig(config);

  // A small UT1 list: the names the phones will ask for and be refused.
  const blocked = Array.from({ length: 2000 }, (_, i) => `adult-site-${i}.example${i % 7}.test`);
  fs.mkdirSync(path.join(dataDir, 'lists', 'adult'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'lists', 'adult', 'domains'), blocked.join('\n') + '\n');
  fs.writeFileSync(path.join(dataDir, 'lists', 'adult', 'usage'), 'black\n');
  ecn(config, ['filter', 'update']);

  const loggers = Math.round(DEVICES * 0.85);
  const perAp = CI ? 12 : 50;
  const codes = createTickets(config, loggers + 3 * perAp);
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const wrongCode = (code) =>
    code.replace(/[0-9A-Z]/g, () => alphabet[Math.floor(Math.random() * alphabet.length)]);
  for (const who of ['anim1', 'anim2'])
    ecn(config, ['users', 'add', '-u', who, '-r', 'animator'], `${PASSWORD}\n`);

  log(
    `space: ${DEVICES} devices, ${(DURATION_MS / 60000).toFixed(1)} min, faults: ${chosen.join(', ') || 'none'}`,
  );
  const box = addNs('box');
  const up = addNs('up');
  const client = addNs('client');
  ipn(box, 'link', 'add', 'lan0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', client);
  ipn(box, 'link', 'add', 'up0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', up);
  for (const [ns, dev] of [
    [box, 'lan0'],
    [box, 'up0'],
    [client, 'eth0'],
    [up, 'eth0'],
  ])
    ipn(ns, 'link', 'set', dev, 'up');
  ipn(box, 'addr', 'add', `${BOX_LAN}/16`, 'dev', 'lan0');
  ipn(box, 'addr', 'add', '198.51.100.1/24', 'dev', 'up0');
  // The neighbour table's limits are the host's (not per namespace here): the box must keep one
  // entry per device without forced garbage collection.
  inNs(box, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
  const gcThresh3 = Number(fs.readFileSync('/proc/sys/net/ipv4/neigh/default/gc_thresh3', 'utf8'));
  if (DEVICES > gcThresh3 / 2)
    log(`warning: ${DEVICES} devices and gc_thresh3 ${gcThresh3}: neighbour entries may be dropped`);
  for (const a of [11, 12, 13]) ipn(box, 'addr', 'add', `127.0.0.${a}/8`, 'dev', 'lo');
  ipn(up, 'addr', 'add', `${UPSTREAM_WEB}/24`, 'dev', 'eth0');
  ipn(up, 'addr', 'add', `${UPSTREAM_DNS}/24`, 'dev', 'eth0');
  ipn(up, 'route', 'add', '198.18.0.0/15', 'via', '198.51.100.1');

  // The devices: one macvlan each on the client side of the link, its own MAC and address, and
  // a routing table of its own so that what it sends leaves from its own interface. Each one
  // answers ARP for its own address only.
  inNs(
    client,
    'sysctl',
    '-qw',
    'net.ipv4.conf.all.arp_ignore=1',
    'net.ipv4.conf.all.arp_announce=2',
    'net.ipv4.conf.default.arp_ignore=1',
    'net.ipv4.conf.default.arp_announce=2',
    'net.ipv4.conf.all.rp_filter=0',
    'net.ipv4.conf.default.rp_filter=0',
  );
  const batchLines = [];
  for (let i = 0; i < DEVICES; i++) {
    const d = `d${i}`;
    batchLines.push(
      `link add ${d} link eth0 address ${deviceMac(i)} type macvlan mode bridge`,
      `addr add ${deviceIp(i)}/16 dev ${d} noprefixroute`,
      `link set ${d} up`,
      `route add 198.18.0.0/16 dev ${d} src ${deviceIp(i)} table ${1000 + i}`,
      `route add default via ${BOX_LAN} dev ${d} table ${1000 + i}`,
      `rule add from ${deviceIp(i)} lookup ${1000 + i} pref ${1000 + i}`,
    );
  }
  const batchFile = path.join(dir, 'devices.ip');
  fs.writeFileSync(batchFile, batchLines.join('\n') + '\n');
  sh('ip', ['-n', client, '-batch', batchFile]);

  // The upstream: a web server and the zone every name of the run resolves in.
  const web = new Proc('upstream-web', up, [process.execPath, path.join(__dirname, 'upstream.js')]);
  await web.waitLine((l) => l === 'ready');
  const dnsmasq = fs.existsSync('/usr/sbin/dnsmasq') ? '/usr/sbin/dnsmasq' : 'dnsmasq';
  new Proc('upstream-zone', up, [
    dnsmasq,
    '-k',
    '--conf-file=/dev/null',
    '--port=53',
    `--listen-address=${UPSTREAM_DNS}`,
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    `--address=/test/${UPSTREAM_WEB}`,
    `--address=/gstatic.com/${UPSTREAM_WEB}`,
    `--address=/apple.com/${UPSTREAM_WEB}`,
    '--pid-file=',
    '--log-facility=-',
    '--user=root',
  ]);
  // The box: the caching resolver `ecn dns` forwards to, then `ecn dns`, then the service.
  const startResolver = () =>
    new Proc('resolver', box, [
      dnsmasq,
      '-k',
      '--conf-file=/dev/null',
      '--port=5300',
      '--listen-address=127.0.0.1',
      '--bind-interfaces',
      '--no-resolv',
      '--no-hosts',
      `--server=${UPSTREAM_DNS}`,
      '--cache-size=2000',
      '--pid-file=',
      '--log-facility=-',
      '--user=root',
    ]);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? '/root',
    LANG: 'C.UTF-8',
    ECN_SPACE_TIMEZONE: 'Europe/Paris',
  };
  // As the systemd units run them: an unprivileged user, the service with CAP_NET_ADMIN alone
  // (ambient, so nft and conntrack inherit it). libfaketime is preloaded after the switch of
  // user, into the node process only, reading the offset from the clock file.
  const AS_NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
  const NET_ADMIN = [
    '--inh-caps=-all,+net_admin',
    '--ambient-caps=-all,+net_admin',
    '--bounding-set=-all,+net_admin',
  ];
  const clockVars = faketime
    ? [
        'env',
        `LD_PRELOAD=${faketime}`,
        `FAKETIME_TIMESTAMP_FILE=${clockFile}`,
        'FAKETIME_CACHE_DURATION=1',
        'FAKETIME_DONT_FAKE_MONOTONIC=1',
      ]
    : [];
  fs.chmodSync(dir, 0o755);
  sh('chown', ['-R', '65534:65534', dataDir]);
  const running = { resolver: startResolver(), 'ecn-dns': null, service: null };
  const crashes = [];
  const watchCrash = (p) =>
    void p.exited.then((e) => {
      if (!p.expectedExit && !stopping) {
        crashes.push({ process: p.name, ...e });
        log(`CRASH: ${p.name} exited (${e.code ?? e.signal})`);
      }
    });
  const startDns = async () => {
    const p = new Proc(
      'ecn-dns',
      box,
      [
        ...AS_NOBODY,
        ...clockVars,
        process.execPath,
        path.join(ROOT, 'bin', 'ecn'),
        '--config',
        config,
        'dns',
      ],
      { env },
    );
    await p.waitLine((l) => l.includes('ECN DNS started'));
    watchCrash(p);
    running['ecn-dns'] = p;
    return p;
  };
  const startService = async () => {
    const p = new Proc(
      'service',
      box,
      [
        ...AS_NOBODY,
        ...NET_ADMIN,
        ...clockVars,
        process.execPath,
        path.join(ROOT, 'dist', 'main.js'),
        '--config',
        config,
      ],
      { env },
    );
    await p.waitLine((l) => l.includes('ECN gateway started'));
    watchCrash(p);
    running.service = p;
    return p;
  };
  let stopping = false;
  watchCrash(running.resolver);
  await startDns();
  await startService();

  // ---- The plans of the two drivers.
  const D = DURATION_MS;
  const devices = [];
  for (let i = 0; i < DEVICES; i++) {
    const logs = i < loggers;
    devices.push({
      i,
      ip: deviceIp(i),
      mac: deviceMac(i),
      code: logs ? codes[i] : null,
      wrongCode: logs ? wrongCode(codes[i]) : null,
      wrongFirst: logs && Math.random() < 0.2 ? 1 + Math.floor(Math.random() * 2) : 0,
      loginAt: random(10_000, 0.7 * D),
      startAt: Math.random() < 0.2 ? random(0, 0.3 * D) : random(0, 5000),
      awayFrom: Math.random() < 0.2 ? random(0.3 * D, 0.8 * D) : null,
    });
    const d = devices[i];
    d.awayUntil = d.awayFrom === null ? null : d.awayFrom + random(20_000, 60_000);
  }
  const allowed = Array.from({ length: 300 }, (_, i) => `www${i}.site${i % 17}.test`);
  const plan = {
    portal: `http://${BOX_LAN}:8080`,
    dnsServer: BOX_LAN,
    upstream: UPSTREAM_WEB,
    blockAddress: BOX_LAN,
    names: { allowed, blocked: blocked.slice(0, 500) },
    blockedShare: 0.1,
    concurrency: 64,
    captiveProbeMs: 4000,
    throughRoundMs: 5000,
    browsePerRound: 2,
    devices,
  };
  fs.writeFileSync(path.join(dir, 'devices.json'), JSON.stringify(plan));
  const radiusCodes = codes.slice(loggers);
  const staffPlan = {
    secret: SECRET,
    authPort: 1812,
    acctPort: 1813,
    console: 'http://127.0.0.1:8081',
    animatorProfile: '1h',
    layout: 'a4-8',
    serviceMetrics: 'http://127.0.0.1:9464/metrics',
    dnsMetrics: 'http://127.0.0.1:9465/metrics',
    sampleMs: SAMPLE_MS,
    accessPoints: [0, 1, 2].map((k) => ({
      index: k,
      name: `ap${k + 1}`,
      address: `127.0.0.${11 + k}`,
      startAt: random(2000, 8000),
      intervalMs: Math.max(200, (0.8 * D) / (perAp * 4)),
      devices: radiusCodes.slice(k * perAp, (k + 1) * perAp).map((code, j) => ({
        code,
        mac: deviceMac(10_000 + k * 1000 + j)
          .replace(/:/g, '-')
          .toUpperCase(),
      })),
    })),
    animators: ['anim1', 'anim2'].map((username, k) => ({
      username,
      password: PASSWORD,
      startAt: 5000 + k * 7000,
      batchSize: 10,
      intervalMs: CI ? 20_000 : 60_000,
    })),
  };
  fs.writeFileSync(path.join(dir, 'staff.json'), JSON.stringify(staffPlan));

  // ---- What the drivers report, bucketed by the harness's own clock.
  const buckets = [];
  let runStart = null;
  const rt = () => (runStart === null ? 0 : now() - runStart);
  const bucket = () => {
    const k = Math.floor(rt() / TABLE_MS);
    while (buckets.length <= k)
      buckets.push({
        portal: [],
        through: [],
        dns: [],
        radius: [],
        requests: 0,
        logins: 0,
        errors: {},
        samples: [],
      });
    return buckets[k];
  };
  const acked = { logins: [], unanswered: [], radius: [], batches: [] };
  const lastThroughAfterStep = new Map();
  const shown = new Set();
  const violations = [];
  const errorLog = [];
  const refusals = [];
  const cuts = [];
  const dnsBack = new Map();
  let loopP99 = null;
  let killOnPosting = null;
  let clockStepAt = null;

  const onDeviceLine = (line) => {
    let m;
    try {
      m = JSON.parse(line);
    } catch {
      return;
    }
    const b = bucket();
    if (m.ev === 'batch') {
      b.portal.push(...m.portal);
      b.through.push(...m.through);
      b.dns.push(...m.dns);
      b.requests += m.requests;
    } else if (m.ev === 'error') {
      b.errors[m.kind] = (b.errors[m.kind] ?? 0) + 1;
      errorLog.push({ t: now(), kind: m.kind, device: m.device });
    } else if (m.ev === 'login') {
      b.logins++;
      acked.logins.push({ code: devices[m.device].code, device: m.device, t: now() });
    } else if (m.ev === 'status-shown') shown.add(m.device);
    else if (m.ev === 'violation') {
      violations.push({ t: now(), ...m });
      log(`VIOLATION ${m.kind} (device ${m.device})`);
    } else if (m.ev === 'login-refused') refusals.push({ t: now(), status: m.status, heading: m.heading });
    else if (m.ev === 'cut') cuts.push(m);
    else if (m.ev === 'login-unanswered')
      acked.unanswered.push({ code: devices[m.device].code, device: m.device, mac: m.mac, t: now() });
    else if (m.ev === 'through-after-step') lastThroughAfterStep.set(m.device, m.afterStepMs);
    else if (m.ev === 'dns-back') dnsBack.get(m.id)?.(m);
    else if (m.ev === 'posting' && killOnPosting) {
      const k = killOnPosting;
      killOnPosting = null;
      k();
    }
  };
  const onStaffLine = (line) => {
    let m;
    try {
      m = JSON.parse(line);
    } catch {
      return;
    }
    const b = bucket();
    if (m.ev === 'batch') {
      b.radius.push(...m.radius);
    } else if (m.ev === 'error') {
      b.errors[m.kind] = (b.errors[m.kind] ?? 0) + 1;
      errorLog.push({ t: now(), kind: m.kind });
    } else if (m.ev === 'radius-accept')
      acked.radius.push({ code: staffPlan.accessPoints[m.ap].devices[m.device].code, t: now() });
    else if (m.ev === 'batch-created') acked.batches.push({ id: m.batch, count: m.count, t: now() });
    else if (m.ev === 'metrics') loopP99 = m.serviceLoopP99 === null ? null : m.serviceLoopP99 * 1000;
  };

  const devicesProc = new Proc(
    'devices',
    client,
    [process.execPath, path.join(__dirname, 'devices.js'), path.join(dir, 'devices.json')],
    { onLine: onDeviceLine },
  );
  await devicesProc.waitLine((l) => l.includes('"ready"'));
  const staffProc = new Proc(
    'staff',
    box,
    [process.execPath, path.join(__dirname, 'staff.js'), path.join(dir, 'staff.json')],
    { onLine: onStaffLine },
  );
  await staffProc.waitLine((l) => l.includes('"ready"'));
  runStart = now();
  log('running');

  // ---- Sampling and the table every minute.
  const samples = [];
  const sampler = setInterval(() => {
    const s = { t: rt(), storeMiB: storeBytes() / 1048576, loopP99 };
    const figures = { service: running.service, 'ecn-dns': running['ecn-dns'], resolver: running.resolver };
    for (const p of PROCESSES) {
      const x = procFigures(figures[p]);
      s[`${p}.cpu`] = x?.cpu ?? null;
      s[`${p}.rss`] = x?.rss ?? null;
      s[`${p}.fds`] = x?.fds ?? null;
    }
    samples.push(s);
    bucket().samples.push(s);
  }, SAMPLE_MS);
  const rowOf = (label, win, sampleList) => {
    const last = sampleList[sampleList.length - 1] ?? {};
    const processes = {};
    for (const p of PROCESSES) {
      const cpus = sampleList.map((s) => s[`${p}.cpu`]).filter((v) => v !== null);
      processes[p] = {
        cpu: cpus.length ? cpus.reduce((a, b) => a + b, 0) / cpus.length : null,
        rss: last[`${p}.rss`],
        fds: last[`${p}.fds`],
      };
    }
    return {
      label,
      figures: report.windowFigures(win),
      processes,
      loopP99: last.loopP99,
      storeMiB: last.storeMiB,
      errors: win.errors,
    };
  };
  let printed = 0;
  const ticker = setInterval(() => {
    const k = Math.floor(rt() / TABLE_MS);
    if (k - 1 >= printed && buckets[k - 1]) {
      const b = buckets[k - 1];
      const lines = report
        .table([rowOf(`${((k * TABLE_MS) / 60000).toFixed(1)} min`, b, b.samples)], PROCESSES)
        .split('\n');
      // The header once, then one row a minute: the minutes read side by side as the run goes.
      console.log((printed === 0 ? lines : lines.slice(2)).join('\n'));
      printed = k;
    }
  }, 1000);

  // ---- Faults.
  const faults = [];
  const watchDns = (name) =>
    new Promise((resolve) => {
      const id = randomBytes(4).toString('hex');
      dnsBack.set(id, resolve);
      devicesProc.send({ op: 'watch-dns', id, name });
    });
  const at = (fraction) => sleep(Math.max(0, fraction * D - rt()));
  const faultPlan = {
    'kill-service': async () => {
      await at(0.15);
      const f = { kind: 'kill-service', at: rt() };
      // Mid-login: the kill lands a few milliseconds after a phone starts posting its code.
      devicesProc.send({ op: 'login-now', count: 3 });
      const posted = await Promise.race([
        new Promise((r) => (killOnPosting = () => r(true))),
        sleep(20_000).then(() => false),
      ]);
      killOnPosting = null;
      await sleep(Math.random() * 20);
      f.at = rt();
      f.midLogin = posted;
      await running.service.kill('SIGKILL');
      const loginsBefore = acked.logins.length;
      await startService();
      f.until = rt();
      f.figure = `service down ${((f.until - f.at) / 1000).toFixed(1)} s (restart by the harness), kill ${posted ? 'during a login POST' : 'with no login in flight'}; ${loginsBefore} logins acknowledged before it`;
      faults.push(f);
    },
    'kill-dns': async () => {
      await at(0.23);
      const f = { kind: 'kill-dns', at: rt() };
      const back = watchDns(`kill-dns-${randomBytes(3).toString('hex')}.site.test`);
      await running['ecn-dns'].kill('SIGKILL');
      await sleep(1000); // RestartSec=1 of deploy/systemd/ecn-dns.service
      const spawnedAt = rt();
      await startDns();
      const startMs = rt() - spawnedAt;
      const b = await back;
      f.until = rt();
      f.figure = `resolution back ${b.ms === null ? 'NEVER' : `${(b.ms / 1000).toFixed(2)} s`} after the kill (restart after 1 s, as RestartSec=1; the new process took ${(startMs / 1000).toFixed(1)} s to start)`;
      faults.push(f);
    },
    'upstream-down': async () => {
      await at(0.33);
      const f = { kind: 'upstream-down', at: rt() };
      const name = `outage-${randomBytes(3).toString('hex')}.site.test`;
      await running.resolver.kill('SIGKILL');
      const during = watchDns(name);
      await sleep(30_000);
      running.resolver = startResolver();
      watchCrash(running.resolver);
      const b = await during;
      f.until = rt();
      const servfail = b.seen.SERVFAIL;
      f.figure = `first answer during the outage: ${servfail !== undefined ? `SERVFAIL after ${servfail} ms` : `none (${JSON.stringify(b.seen)})`}; resolution back ${b.ms === null ? 'NEVER' : `${((b.ms - 30_000) / 1000).toFixed(2)} s`} after the resolver returned`;
      faults.push(f);
    },
    'disk-full': async () => {
      await at(0.6);
      const f = { kind: 'disk-full', at: rt() };
      const fill = path.join(dataDir, 'fill');
      spawnSync('dd', ['if=/dev/zero', `of=${fill}`, 'bs=1M'], { stdio: 'ignore' });
      const st = fs.statfsSync(dataDir);
      f.freeKiB = Math.round((st.bavail * st.bsize) / 1024);
      const refusedBefore = refusals.length;
      const loginsBefore = acked.logins.length;
      devicesProc.send({ op: 'login-now', count: 3 });
      await sleep(CI ? 15_000 : 60_000);
      fs.rmSync(fill, { force: true });
      f.until = rt();
      const seen = refusals.slice(refusedBefore);
      const headings = [...new Set(seen.map((r) => `${r.status} «${r.heading}»`))];
      f.refused = seen;
      f.figure = `${f.freeKiB} KiB left; ${seen.length} login(s) refused while full: ${headings.join('; ') || 'none attempted'}; ${acked.logins.length - loginsBefore} accepted`;
      faults.push(f);
    },
    'clock-step': async () => {
      await at(0.74);
      // No login in flight across the step (each session is plainly before or after it): hold
      // new ones, let those under way finish, step, wait out libfaketime's 1 s cache, release.
      devicesProc.send({ op: 'hold-logins' });
      await sleep(3000);
      const f = { kind: 'clock-step', at: rt(), until: D };
      clockStepAt = now();
      fs.writeFileSync(clockFile, '+3600\n');
      await sleep(2000);
      devicesProc.send({ op: 'clock-step' });
      f.loggedIn = acked.logins.length;
      faults.push(f);
    },
  };
  const faultRuns = chosen.map((k) =>
    faultPlan[k]().catch((err) => {
      log(`fault ${k} failed: ${err.message}`);
      faults.push({ kind: k, at: rt(), error: err.message });
    }),
  );

  await sleep(D - rt());
  stopping = true;
  devicesProc.send({ op: 'stop' });
  staffProc.send({ op: 'stop' });
  await Promise.race([Promise.all(faultRuns), sleep(5000)]);
  await sleep(1500);
  clearInterval(sampler);
  clearInterval(ticker);
  // Sessions end as their tickets say: after the clock step, every device logged in before it
  // must leave the gateway's sets. A liveness bound (90 s after the step), not a speed figure:
  // the sweeper ends expired sessions one after the other.
  let stillAuthorized = [];
  let allCutMs = null;
  if (clockStepAt !== null) {
    const before = [...acked.logins, ...acked.unanswered]
      .filter((l) => l.t < clockStepAt)
      .map((l) => devices[l.device].mac);
    for (;;) {
      const set =
        spawnSync('ip', ['netns', 'exec', box, 'nft', 'list', 'set', 'inet', 'ecn_gateway', 'clients_mac4'], {
          encoding: 'utf8',
        }).stdout ?? '';
      stillAuthorized = before.filter((mac) => set.includes(mac));
      if (stillAuthorized.length === 0) {
        allCutMs = now() - clockStepAt;
        break;
      }
      if (now() - clockStepAt > 90_000) break;
      await sleep(500);
    }
    const clock = faults.find((x) => x.kind === 'clock-step');
    const late = [...lastThroughAfterStep.values()];
    clock.figure = `${before.length} devices logged in before the step; ${cuts.length} seen captive again by their own probe (p50 ${
      report.percentile(
        cuts.map((c) => c.afterStepMs),
        50,
      ) ?? '–'
    } ms after it); last packet through ${late.length ? Math.max(...late) : '–'} ms after it; gone from the gateway's set ${allCutMs === null ? `NOT within 90 s (${stillAuthorized.length} left)` : `${allCutMs} ms after it`}`;
  }

  // How the box's neighbour table sees the devices: one entry per device, under its own MAC.
  const neighbours = new Map();
  for (const line of ipn(box, 'neigh', 'show', 'dev', 'lan0').split('\n')) {
    const m = /^(\S+) lladdr (\S+)/.exec(line);
    if (m) neighbours.set(m[1], m[2].toLowerCase());
  }
  const wrongMac = devices.filter((d) => neighbours.has(d.ip) && neighbours.get(d.ip) !== d.mac);

  for (const p of [devicesProc, staffProc]) await p.kill('SIGTERM');
  const serviceWasUp = running.service?.alive();
  await running.service?.kill('SIGTERM');
  await running['ecn-dns']?.kill('SIGTERM');

  // ---- The invariants, on what the store holds now.
  const checks = [];
  const check = (name, ok, detail) => checks.push({ name, ok, detail });
  const Database = require(path.join(ROOT, 'node_modules', 'better-sqlite3'));
  const norm = (c) =>
    String(c)
      .toUpperCase()
      .replace(/[^0-9A-Z]/g, '');
  const db = new Database(path.join(dataDir, 'ecn.db'), { readonly: true, fileMustExist: true });
  const tickets = new Map(
    db
      .prepare('SELECT code, batch_id, data FROM tickets')
      .all()
      .map((r) => [norm(r.code), r]),
  );
  const used = (code) => {
    const r = tickets.get(norm(code));
    return r && JSON.parse(r.data).firstUsedAt !== null;
  };
  const lostLogins = acked.logins.filter((l) => !used(l.code));
  check(
    'every login answered with the status page is in the store',
    lostLogins.length === 0,
    `${acked.logins.length} acknowledged, ${lostLogins.length} lost`,
  );
  const unstored = acked.unanswered.filter((l) => !used(l.code));
  check(
    'every device let through after an unanswered login has its ticket used in the store',
    unstored.length === 0,
    `${acked.unanswered.length} such devices, ${unstored.length} without a session`,
  );
  const lostRadius = acked.radius.filter((l) => !used(l.code));
  check(
    'every RADIUS Access-Accept is in the store',
    lostRadius.length === 0,
    `${acked.radius.length} accepted, ${lostRadius.length} lost`,
  );
  const countBatch = db.prepare('SELECT count(*) AS n FROM tickets WHERE batch_id = ?');
  const lostBatches = acked.batches.filter((b) => countBatch.get(b.id).n !== b.count);
  check(
    'every batch the console confirmed is in the store, whole',
    lostBatches.length === 0,
    `${acked.batches.length} batches, ${lostBatches.length} lost or short`,
  );
  db.close();
  for (const file of ['ecn.db', 'journal.db', 'stats.db']) {
    const f = path.join(dataDir, file);
    if (!fs.existsSync(f)) continue;
    const d = new Database(f, { readonly: true });
    const r = d.pragma('integrity_check', { simple: true });
    d.close();
    check(`${file} passes SQLite's integrity check`, r === 'ok', String(r));
  }
  const verify = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin', 'ecn'), '--config', config, 'journal', 'verify'],
    { encoding: 'utf8' },
  );
  check(
    'the legal journal verifies (in order, nothing altered)',
    verify.status === 0,
    (verify.stdout + verify.stderr).trim().split('\n').pop(),
  );
  const byKind = (k) => violations.filter((v) => v.kind === k).length;
  check(
    'the box sees each device under its own MAC (neighbour table)',
    wrongMac.length === 0,
    `${neighbours.size} entries for ${DEVICES} devices, ${wrongMac.length} under another MAC`,
  );
  check(
    'no device let through without a session',
    byKind('through-without-session') === 0,
    `${byKind('through-without-session')} devices`,
  );
  if (clockStepAt !== null)
    check(
      'after the clock step, every session whose ticket ended is cut (by the end of the run, or 90 s after the step)',
      stillAuthorized.length === 0,
      stillAuthorized.length === 0
        ? `none left in the gateway's set when checked, ${allCutMs} ms after the step`
        : `${stillAuthorized.length} still authorized`,
    );
  check(
    'no device cut while its ticket was valid',
    byKind('cut-while-valid') === 0,
    `${shown.size} devices shown their status page; ${byKind('cut-while-valid')} cut`,
  );
  const otherViolations = violations.filter(
    (v) => !['through-without-session', 'cut-while-valid'].includes(v.kind),
  );
  check(
    'no blocked name resolved or served, no wrong code accepted',
    otherViolations.length === 0,
    otherViolations.map((v) => v.kind).join(', ') || 'none',
  );
  check(
    'no crash but the injected kills',
    crashes.length === 0 && serviceWasUp !== false,
    crashes.map((c) => `${c.process} (${c.code ?? c.signal})`).join(', ') || 'none',
  );
  const full = faults.find((x) => x.kind === 'disk-full');
  if (full && full.refused) {
    // A refusal the resident can read: a page with a heading, not an empty answer or a crash.
    const unclear = full.refused.filter((r) => !r.heading || r.status === 500);
    check(
      'every login refused while the disk was full got a page saying why',
      unclear.length === 0,
      `${full.refused.length} refused, ${unclear.length} without a readable page`,
    );
  }
  const faultErrors = faults.filter((x) => x.error);
  check(
    'every chosen fault was injected',
    faultErrors.length === 0 && faults.length === chosen.length,
    faultErrors.map((x) => `${x.kind}: ${x.error}`).join(', ') || chosen.join(', ') || 'none chosen',
  );
  const WARMUP = Math.min(60_000, D / 4);
  for (const p of ['service', 'ecn-dns']) {
    const restartedAt =
      p === 'service' ? running.service.startedAt - runStart : running['ecn-dns'].startedAt - runStart;
    for (const [key, fraction, absolute, unit, stat] of [
      ['rss', 0.05, 16, 'MiB', 'median'],
      ['fds', 0.05, 10, 'fds', 'min'],
    ]) {
      const g = report.growthOverLastHalf(samples, `${p}.${key}`, D, WARMUP, restartedAt, stat);
      check(
        `${p} ${key === 'rss' ? 'memory' : 'descriptors'} flat over the last half (≤ 5 % or ${absolute} ${unit})`,
        report.withinBound(g, fraction, absolute),
        g === null
          ? 'too few samples after the last restart to judge'
          : `${g.from.toFixed(1)} → ${g.to.toFixed(1)} ${unit} (${(g.growth * 100).toFixed(1)} %)`,
      );
    }
  }

  // ---- Errors: those inside a fault's window are what that fault cost; the rest count.
  const windows = faults.map((x) => ({
    kind: x.kind,
    from: x.at + runStart - 1000,
    to: (x.until ?? x.at) + runStart + 5000,
  }));
  const errorsOutside = {};
  const errorsByFault = {};
  for (const e of errorLog) {
    const w = windows.find((x) => e.t >= x.from && e.t <= x.to);
    const target = w ? (errorsByFault[w.kind] = errorsByFault[w.kind] ?? {}) : errorsOutside;
    target[e.kind] = (target[e.kind] ?? 0) + 1;
  }

  // ---- Output: the final table, the figures of each fault, the checks, samples.json, the plot.
  const all = { portal: [], through: [], dns: [], radius: [], requests: 0, logins: 0, errors: {} };
  for (const b of buckets) {
    for (const k of ['portal', 'through', 'dns', 'radius']) for (const v of b[k]) all[k].push(v);
    all.requests += b.requests;
    all.logins += b.logins;
    for (const [k, v] of Object.entries(b.errors)) all.errors[k] = (all.errors[k] ?? 0) + v;
  }
  const rows = buckets.map((b, k) => rowOf(`${(((k + 1) * TABLE_MS) / 60000).toFixed(1)} min`, b, b.samples));
  rows.push(rowOf('**whole run**', all, samples));
  console.log(
    `\n## bench:box — ${DEVICES} devices, ${(D / 60000).toFixed(1)} min, faults: ${chosen.join(', ') || 'none'}`,
  );
  console.log(
    `${os.cpus().length} CPU(s), ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${new Date().toISOString()}\n`,
  );
  console.log(report.table(rows, PROCESSES));
  console.log(`\nerrors outside any fault: ${JSON.stringify(errorsOutside)}`);
  for (const x of faults)
    console.log(
      `fault ${x.kind} at ${(x.at / 1000).toFixed(0)} s: ${x.error ?? x.figure ?? ''}; errors it caused: ${JSON.stringify(errorsByFault[x.kind] ?? {})}`,
    );
  console.log(
    `acknowledged: ${acked.logins.length} portal logins (+ ${acked.unanswered.length} whose answer was lost to the kill), ${acked.radius.length} RADIUS accepts, ${acked.batches.length} console batches`,
  );
  console.log('\nchecks:');
  for (const c of checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  const latency = buckets.map((b, k) => ({
    t: (k + 1) * TABLE_MS - TABLE_MS / 2,
    p99: {
      portal: report.percentile(b.portal, 99),
      dns: report.percentile(b.dns, 99),
      radius: report.percentile(b.radius, 99),
      through: report.percentile(b.through, 99),
    },
  }));
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? null, memGiB: os.totalmem() / 2 ** 30 },
    devices: DEVICES,
    durationMs: D,
    faults,
    samples,
    latency,
    minutes: rows,
    errorsOutside,
    errorsByFault,
    acked: { logins: acked.logins.length, radius: acked.radius.length, batches: acked.batches.length },
    checks,
  };
  fs.writeFileSync(path.join(OUT, 'samples.json'), JSON.stringify(result, null, 1));
  const svg = report.svgPlot({
    samples,
    latency,
    faults,
    processes: PROCESSES,
    durationMs: D,
    title: `bench:box — ${DEVICES} devices, ${(D / 60000).toFixed(0)} min, ${result.date.slice(0, 10)}; RSS per process (lines) and p99 per minute (dots)`,
  });
  fs.writeFileSync(path.join(OUT, 'plot.svg'), svg);
  if (PLOT) fs.writeFileSync(PLOT, svg);
  console.log(`\nsamples: ${path.join(OUT, 'samples.json')}; plot: ${PLOT ?? path.join(OUT, 'plot.svg')}`);
  const failed = checks.filter((c) => !c.ok);
  console.log(
    failed.length === 0
      ? `\nbench:box: every invariant held (${checks.length} checks)`
      : `\nbench:box: ${failed.length} invariant(s) violated`,
  );
  return failed.length === 0 ? 0 : 1;
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (err) => {
    console.error(`bench:box: ${err.stack ?? err}`);
    await cleanup();
    process.exit(1);
  });
