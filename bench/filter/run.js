#!/usr/bin/env node
// Side-by-side benchmark of the filtering DNS front-end (`ecn dns`) against dnsmasq with the
// same list as `local=/name/` lines and Unbound with it as `local-zone`s, each forwarding what
// it does not block to the same caching upstream (a dnsmasq with no list). Measured with
// dnsperf on one query mix (half blocked, half allowed): max queries/s, p99 latency at
// 2 000 queries/s, resident memory, start and reload time. Not a test: `npm run bench:filter`.
//
// Environment: BENCH_NAMES (default 5000000), BENCH_SECONDS (default 15), BENCH_UT1 (default
// /work/shared/data/ut1, the real sample, read when present), BENCH_KEEP=1 keeps the temp dir.

'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { generateNames, upstreamArgs, writeQueryMix } = require('./names');

const ROOT = path.resolve(__dirname, '../..');
const ECN = path.join(ROOT, 'bin', 'ecn');
const NAMES = Number(process.env.BENCH_NAMES || 5_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS || 15);
const REAL_UT1 = process.env.BENCH_UT1 || path.resolve(ROOT, '../shared/data/ut1');
const QUERIES = 200_000;
const SERVERS = (process.env.BENCH_SERVERS || 'ours,dnsmasq,unbound').split(',');
// The front-end's answer cache, sized like Unbound's default message cache holds this mix.
const CACHE = Number(process.env.BENCH_CACHE || 150_000);

const children = new Set();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecn-bench-'));

function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (!process.env.BENCH_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

function need(bin) {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`bench: ${bin} is missing (apt-get install dnsperf dnsmasq unbound dnsutils)`);
    process.exit(1);
  }
  return r.stdout.trim();
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function readLines(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

function rss(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number((new RegExp(`${k}:\\s+(\\d+)`).exec(s) || [])[1] || 0);
    return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

function dig(port, name) {
  const r = spawnSync('dig', ['-p', String(port), '@127.0.0.1', '+time=1', '+tries=1', '+short', name], {
    encoding: 'utf8',
  });
  return r.status === 0 ? r.stdout : null;
}

async function waitAnswer(port, name, child, timeoutMs) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode})`);
    if (dig(port, name) !== null) return (Date.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer on port ${port} after ${timeoutMs} ms`);
}

function start(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  child.logs = () => out;
  children.add(child);
  return child;
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await done;
  clearTimeout(t);
  children.delete(child);
}

function dnsperf(port, file, args) {
  const r = spawnSync('dnsperf', ['-s', '127.0.0.1', '-p', String(port), '-d', file, '-T', '1', ...args], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const out = r.stdout;
  const num = (re) => Number((re.exec(out) || [])[1] || NaN);
  const latencies = [];
  for (const line of out.split('\n')) {
    if (line.startsWith('> ')) latencies.push(Number(line.trim().split(/\s+/).pop()));
  }
  latencies.sort((a, b) => a - b);
  return {
    qps: num(/Queries per second:\s+([\d.]+)/),
    sent: num(/Queries sent:\s+(\d+)/),
    lost: num(/Queries lost:\s+(\d+)/),
    p99ms: latencies.length ? latencies[Math.floor(latencies.length * 0.99)] * 1000 : NaN,
    raw: out,
  };
}

async function measure(label, port, child, mixFile, reload) {
  log(`${label}: warm-up`);
  // Once through the whole mix, so every server's cache holds the allowed answers.
  dnsperf(port, mixFile, ['-n', '1', '-c', '10', '-q', '200']);
  const steady = rss(child.pid);
  log(`${label}: max queries/s (${SECONDS} s)`);
  const max = dnsperf(port, mixFile, ['-l', String(SECONDS), '-c', '20', '-q', '500']);
  log(`${label}: p99 at 2 000 queries/s (10 s)`);
  const p99 = dnsperf(port, mixFile, ['-l', '10', '-Q', '2000', '-c', '10', '-v']);
  log(`${label}: reload`);
  const r = await reload();
  const after = rss(child.pid);
  return { label, max, p99, steady, after, reload: r };
}

async function main() {
  for (const b of ['dnsperf', 'dnsmasq', 'unbound', 'dig']) need(b);
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    console.error('bench: run `npm run build` first');
    process.exit(1);
  }
  log(
    `temp dir ${tmp}; ${NAMES} generated names${fs.existsSync(REAL_UT1) ? ` + the real UT1 sample in ${REAL_UT1}` : ''}`,
  );

  // 1. Lists: generated names in a UT1-style folder, plus the real sample when present.
  const lists = path.join(tmp, 'lists');
  fs.mkdirSync(path.join(lists, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(lists, 'bench', 'usage'), 'black\n');
  generateNames(path.join(lists, 'bench', 'domains'), NAMES);
  const realCats = fs.existsSync(REAL_UT1)
    ? fs.readdirSync(REAL_UT1).filter((c) => {
        const u = path.join(REAL_UT1, c, 'usage');
        return fs.existsSync(u) && /black/.test(fs.readFileSync(u, 'utf8'));
      })
    : [];
  const upPort = await freePort();
  const ourPort = await freePort();
  const config = path.join(tmp, 'config.yaml');
  const sources = [`    - { kind: ut1, path: ${JSON.stringify(lists)} }`];
  if (realCats.length) sources.push(`    - { kind: ut1, path: ${JSON.stringify(REAL_UT1)} }`);
  fs.writeFileSync(
    config,
    `dataDir: ${JSON.stringify(path.join(tmp, 'data'))}
log: { level: info }
filter:
  listen: 127.0.0.1:${ourPort}
  upstream: 127.0.0.1:${upPort}
  categories: ${JSON.stringify(['bench', ...realCats])}
  safeSearch: false
  cacheSize: ${CACHE}
  blockAddress: 10.42.0.1
  sources:
${sources.join('\n')}
`,
  );

  log('building our table (ecn filter update)');
  let t0 = Date.now();
  const upd = spawnSync(process.execPath, [ECN, '--config', config, 'filter', 'update'], {
    encoding: 'utf8',
  });
  if (upd.status !== 0) throw new Error(`ecn filter update failed: ${upd.stderr}`);
  const buildSeconds = (Date.now() - t0) / 1000;
  const tableLine = /Filter table: (\d+) names, ([\d.]+) MB/.exec(upd.stdout);
  const tableNames = Number(tableLine[1]);
  const tableMB = Number(tableLine[2]);
  log(`table: ${tableNames} names, ${tableMB} MB, ${buildSeconds.toFixed(1)} s`);

  log('exporting the same rules for dnsmasq (ecn filter export --format dnsmasq)');
  const dnsmasqList = path.join(tmp, 'dnsmasq-list.conf');
  const exp = spawnSync(
    'sh',
    [
      '-c',
      `node ${JSON.stringify(ECN)} --config ${JSON.stringify(config)} filter export --format dnsmasq > ${JSON.stringify(dnsmasqList)}`,
    ],
    { encoding: 'utf8' },
  );
  if (exp.status !== 0) throw new Error(`export failed: ${exp.stderr}`);
  const blockedNames = readLines(dnsmasqList)
    .filter((l) => l.startsWith('local=/'))
    .map((l) => l.slice(7, -1));
  const unboundList = path.join(tmp, 'unbound-list.conf');
  {
    const fd = fs.openSync(unboundList, 'w');
    let buf = '';
    for (const n of blockedNames) {
      buf += `local-zone: "${n}." always_nxdomain\n`;
      if (buf.length > 1 << 20) {
        fs.writeSync(fd, buf);
        buf = '';
      }
    }
    fs.writeSync(fd, buf);
    fs.closeSync(fd);
  }

  // 2. The query mix: half blocked (names and subdomains of them), half allowed (answered by
  //    the upstream, 50 000 distinct names so caches matter as they do on a box).
  const mixFile = path.join(tmp, 'queries.txt');
  writeQueryMix(mixFile, blockedNames, { queries: QUERIES, allowedNames: 50_000, aaaaEvery: 4 });

  // 3. The shared caching upstream (no list).
  const up = start('dnsmasq', upstreamArgs(upPort));
  await waitAnswer(upPort, 'host1.allowed.test', up, 10_000);

  const results = [];

  // 4a. Ours.
  if (SERVERS.includes('ours')) {
    log('ours: start');
    t0 = Date.now();
    let ours = start(process.execPath, [ECN, '--config', config, 'dns']);
    const oursStart = await waitAnswer(ourPort, 'host1.allowed.test', ours, 60_000);
    results.push(
      await measure('ECN front-end (ecn dns)', ourPort, ours, mixFile, async () => {
        // A swap under load: 2 000 queries/s for 10 s, the table reloaded twice meanwhile.
        const before = ours.logs().split('filter table loaded').length;
        const perf = new Promise((resolve) => {
          const c = spawn(
            'dnsperf',
            [
              '-s',
              '127.0.0.1',
              '-p',
              String(ourPort),
              '-d',
              mixFile,
              '-T',
              '1',
              '-l',
              '10',
              '-Q',
              '2000',
              '-c',
              '10',
            ],
            { stdio: ['ignore', 'pipe', 'pipe'] },
          );
          children.add(c);
          let out = '';
          c.stdout.on('data', (d) => (out += d));
          c.on('exit', () => resolve(out));
        });
        const swaps = [];
        for (const at of [3000, 6500]) {
          await new Promise((r) => setTimeout(r, at === 3000 ? 3000 : 3500));
          const t = Date.now();
          const n = ours.logs().split('filter table loaded').length;
          process.kill(ours.pid, 'SIGHUP');
          while (ours.logs().split('filter table loaded').length === n)
            await new Promise((r) => setTimeout(r, 10));
          swaps.push((Date.now() - t) / 1000);
        }
        const out = await perf;
        const lost = Number((/Queries lost:\s+(\d+)/.exec(out) || [])[1]);
        const sent = Number((/Queries sent:\s+(\d+)/.exec(out) || [])[1]);
        return {
          seconds: Math.max(...swaps),
          lost,
          sent,
          swaps: ours.logs().split('filter table loaded').length - before,
        };
      }),
    );
    results[results.length - 1].start = oursStart;
    await stop(ours);
  }

  // 4b. dnsmasq with the list as local=/name/.
  if (SERVERS.includes('dnsmasq')) {
    const dmPort = await freePort();
    const dmArgs = [
      '-k',
      '--pid-file=',
      `--port=${dmPort}`,
      '--listen-address=127.0.0.1',
      '--bind-interfaces',
      '--no-resolv',
      '--no-hosts',
      '--cache-size=10000',
      `--server=127.0.0.1#${upPort}`,
      `--conf-file=${dnsmasqList}`,
      '--log-facility=-',
    ];
    log('dnsmasq: start');
    let dm = start('dnsmasq', dmArgs);
    const dmStart = await waitAnswer(dmPort, 'host1.allowed.test', dm, 300_000);
    results.push(
      await measure('dnsmasq (local=/name/)', dmPort, dm, mixFile, async () => {
        // dnsmasq re-reads its list only on restart.
        await stop(dm);
        const t = Date.now();
        dm = start('dnsmasq', dmArgs);
        await waitAnswer(dmPort, 'host1.allowed.test', dm, 300_000);
        return { seconds: (Date.now() - t) / 1000, lost: null, note: 'restart' };
      }),
    );
    results[results.length - 1].start = dmStart;
    results[results.length - 1].after = rss(dm.pid);
    await stop(dm);
  }

  // 4c. Unbound with the list as local-zone.
  if (SERVERS.includes('unbound')) {
    const ubPort = await freePort();
    const ubConf = path.join(tmp, 'unbound.conf');
    fs.writeFileSync(
      ubConf,
      `server:
  interface: 127.0.0.1
  port: ${ubPort}
  do-daemonize: no
  username: ""
  chroot: ""
  directory: "${tmp}"
  pidfile: ""
  use-syslog: no
  logfile: ""
  verbosity: 0
  num-threads: 1
  do-not-query-localhost: no
  access-control: 127.0.0.0/8 allow
  module-config: "iterator"
  include: "${unboundList}"
remote-control:
  control-enable: no
forward-zone:
  name: "."
  forward-addr: 127.0.0.1@${upPort}
`,
    );
    log('unbound: start');
    let ub = start('unbound', ['-d', '-c', ubConf]);
    const ubStart = await waitAnswer(ubPort, 'host1.allowed.test', ub, 600_000);
    results.push(
      await measure('Unbound (local-zone)', ubPort, ub, mixFile, async () => {
        await stop(ub);
        const t = Date.now();
        ub = start('unbound', ['-d', '-c', ubConf]);
        await waitAnswer(ubPort, 'host1.allowed.test', ub, 600_000);
        return { seconds: (Date.now() - t) / 1000, lost: null, note: 'restart' };
      }),
    );
    results[results.length - 1].start = ubStart;
    results[results.length - 1].after = rss(ub.pid);
    await stop(ub);
  }
  await stop(up);

  // 5. The table.
  const mb = (b) => (b / 1048576).toFixed(0);
  const rows = results.map((r) => [
    r.label,
    r.max.qps.toFixed(0),
    r.max.lost,
    r.p99.p99ms.toFixed(2),
    mb(r.steady.rss),
    mb(Math.max(r.steady.hwm, r.after.hwm)),
    r.start.toFixed(1),
    `${r.reload.seconds.toFixed(2)}${r.reload.note ? ` (${r.reload.note})` : ''}`,
    r.reload.lost === null ? 'n/a' : `${r.reload.lost} of ${r.reload.sent}`,
  ]);
  const head = [
    'server',
    'max q/s',
    'lost at max',
    'p99 ms @2k q/s',
    'RSS MiB',
    'peak RSS MiB',
    'start s',
    'reload s',
    'lost during reload',
  ];
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
  console.log(
    `\nList: ${tableNames} names (${NAMES} generated${realCats.length ? ` + real UT1 sample: ${realCats.join(', ')}` : ''}); our table ${tableMB} MB, built in ${buildSeconds.toFixed(1)} s.`,
  );
  console.log(
    `Query mix: ${QUERIES} queries, half blocked, half allowed (50 000 names, answered by one dnsmasq upstream). ` +
      `Our answer cache: ${CACHE} entries; dnsmasq: cache-size 10000; Unbound: default caches, 1 thread.\n`,
  );
  console.log(lines.join('\n'));
  const [o, d, u] = results;
  if (results.length === 3)
    console.log(
      `\nGoals: q/s ≥ 5× dnsmasq: ${(o.max.qps / d.max.qps).toFixed(1)}×; ≥ Unbound: ${(o.max.qps / u.max.qps).toFixed(2)}×; ` +
        `memory ≤ 10 % of Unbound: ${((100 * o.steady.rss) / u.steady.rss).toFixed(1)} %; table ≤ 64 MB: ${tableMB} MB; ` +
        `reload ≤ 2 s: ${o.reload.seconds.toFixed(2)} s with ${o.reload.lost} lost.`,
    );
  fs.mkdirSync(path.join(ROOT, 'test-artifacts'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, 'test-artifacts', 'bench-filter.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        tableNames,
        tableMB,
        buildSeconds,
        results: results.map(({ max, p99, ...r }) => ({
          ...r,
          maxQps: max.qps,
          maxLost: max.lost,
          p99ms: p99.p99ms,
        })),
      },
      null,
      2,
    ) + '\n',
  );
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
