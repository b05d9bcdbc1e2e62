// Benchmark of the portal under a crowd of captive phones (not a test): the built service runs
// in a gateway namespace with `gateway.kind: none`, then `nftables` (which recognises each
// device from the kernel's neighbour table), and a client namespace sends it captive probes,
// each on a new connection. Prints the requests per second of both side by side, over several
// alternating rounds (the machine may be shared). Needs root and `npm run build`. The
// namespaces, the service and the files are always removed.
// Usage: npm run bench:portal [-- --rounds 3 --seconds 10 --concurrency 32 --dist DIR]
'use strict';
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const ROOT = path.resolve(__dirname, '..', '..');
const GW = '192.0.2.1';
const CLIENT = '192.0.2.10';

function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
}

const rounds = Number(arg('rounds', '3'));
const seconds = arg('seconds', '10');
const concurrency = arg('concurrency', '32');
// Another build of the service (e.g. an older commit) to compare with.
const dist = path.resolve(arg('dist', path.join(ROOT, 'dist')));

function ip(...args) {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

function config(dir, kind) {
  const file = path.join(dir, `${kind}.yaml`);
  const gateway =
    kind === 'nftables'
      ? `gateway: { kind: nftables, clientInterface: lan0, portalAddress: ${GW} }`
      : 'gateway: { kind: none }';
  writeFileSync(
    file,
    [
      'space: { id: bench-portal, name: "Banc d\'essai" }',
      `dataDir: ${JSON.stringify(path.join(dir, `data-${kind}`))}`,
      'log: { level: warn }',
      `portal: { listen: "${GW}:8080", publicUrl: "http://${GW}:8080" }`,
      'console: { listen: "127.0.0.1:0" }',
      'metrics: { listen: "127.0.0.1:0" }',
      gateway,
      '',
    ].join('\n'),
  );
  return file;
}

/** User and system CPU time of a process and of the child processes it has waited for, in seconds. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / 100;
}

async function measure(ns, dir, kind) {
  const service = spawn(
    'ip',
    ['netns', 'exec', ns.gw, process.execPath, path.join(dist, 'main.js'), '--config', config(dir, kind)],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise((r) => service.on('exit', r));
  try {
    const load = spawn(
      'ip',
      [
        'netns',
        'exec',
        ns.client,
        process.execPath,
        path.join(__dirname, 'load.js'),
        '--url',
        `http://${GW}:8080`,
        '--seconds',
        seconds,
        '--concurrency',
        concurrency,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    // CPU seconds the service spent while the probes were measured (the machine may be busy
    // with other work: requests per CPU second are steadier than requests per second).
    let cpuFrom = 0;
    let cpu = 0;
    let last = '';
    for await (const line of readline.createInterface({ input: load.stdout })) {
      if (line === 'measuring') cpuFrom = cpuSeconds(service.pid);
      else if (line === 'measured') cpu = cpuSeconds(service.pid) - cpuFrom;
      else last = line;
    }
    const status = await new Promise((r) => (load.exitCode !== null ? r(load.exitCode) : load.on('exit', r)));
    if (status !== 0) throw new Error(`the load generator failed (${status})`);
    const r = JSON.parse(last);
    return { ...r, cpuMsPerRequest: (1000 * cpu) / r.requests };
  } finally {
    service.kill('SIGTERM');
    const timer = setTimeout(() => service.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

async function main() {
  if (process.getuid?.() !== 0) throw new Error('the portal benchmark needs root (ip netns, nft)');
  const prefix = `ecn-${process.pid}-${randomBytes(3).toString('hex')}`;
  const ns = { gw: `${prefix}-gw`, client: `${prefix}-client` };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-bench-portal-'));
  const results = { none: [], nftables: [] };
  try {
    for (const n of Object.values(ns)) {
      ip('netns', 'add', n);
      ip('-n', n, 'link', 'set', 'lo', 'up');
    }
    ip('-n', ns.gw, 'link', 'add', 'lan0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns.client);
    ip('-n', ns.gw, 'addr', 'add', `${GW}/24`, 'dev', 'lan0');
    ip('-n', ns.client, 'addr', 'add', `${CLIENT}/24`, 'dev', 'eth0');
    ip('-n', ns.gw, 'link', 'set', 'lan0', 'up');
    ip('-n', ns.client, 'link', 'set', 'eth0', 'up');
    // Connection tracking on in both runs (the nftables gateway's rules turn it on), so the
    // kernel's path for the probes' connections is the same and only the portal differs.
    execFileSync('ip', ['netns', 'exec', ns.gw, 'nft', '-f', '-'], {
      input:
        'table ip bench_conntrack {\n  chain input {\n    type filter hook input priority 10; policy accept;\n    ct state established accept\n  }\n}\n',
    });
    for (let k = 0; k < rounds; k++) {
      for (const kind of k % 2 === 0 ? ['none', 'nftables'] : ['nftables', 'none']) {
        const r = await measure(ns, dir, kind);
        const bad = Object.keys(r.statuses).filter((s) => s !== '302');
        if (bad.length) throw new Error(`${kind}: unexpected answers ${JSON.stringify(r.statuses)}`);
        results[kind].push(r);
        console.error(
          `round ${k + 1} ${kind}: ${r.rps.toFixed(0)} req/s, ${r.cpuMsPerRequest.toFixed(2)} ms CPU per request`,
        );
      }
    }
  } finally {
    for (const n of Object.values(ns)) spawnSync('ip', ['netns', 'del', n]);
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const row = (kind) => {
    const rs = results[kind];
    const rps = rs.map((r) => r.rps);
    return {
      rps: median(rps),
      runs: rps,
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      cpu: median(rs.map((r) => r.cpuMsPerRequest)),
    };
  };
  const none = row('none');
  const nft = row('nftables');
  console.log(
    `portal, captive probes (302), a new connection each, ${concurrency} at once, ${seconds} s per run, ` +
      `${rounds} alternating rounds; ${os.cpus().length} CPU(s), load average ${os.loadavg()[0].toFixed(1)} at the end`,
  );
  console.log(
    '| gateway.kind | req/s (median) | req/s per run | p50 | p99 | req/s vs none | service CPU per request | CPU per request vs none |',
  );
  console.log('|---|---:|---|---:|---:|---:|---:|---:|');
  for (const [kind, r] of [
    ['none', none],
    ['nftables', nft],
  ]) {
    console.log(
      `| ${kind} | ${r.rps.toFixed(0)} | ${r.runs.map((x) => x.toFixed(0)).join(', ')} | ` +
        `${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${((100 * r.rps) / none.rps).toFixed(0)} % | ` +
        `${r.cpu.toFixed(2)} ms | ${((100 * r.cpu) / none.cpu).toFixed(0)} % |`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
