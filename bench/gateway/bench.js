// Benchmark of the nftables gateway (not a test): time to authorize and deauthorize one client
// (p50/p99) with 0, 1 000 and 10 000 clients already authorized, a counter read, and a full
// rule-set reload, with the real adapter and the real `nft`/`conntrack`, inside a network
// namespace this script creates and always removes. Needs root and `npm run build`.
// Usage: npm run bench:gateway [-- --iterations 200]
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SIZES = [0, 1000, 10000];

function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

function outer() {
  const ns = `ecn-${process.pid}-${randomBytes(3).toString('hex')}-bench`;
  execFileSync('ip', ['netns', 'add', ns]);
  try {
    execFileSync('ip', ['-n', ns, 'link', 'add', 'lan0', 'type', 'veth', 'peer', 'name', 'up0']);
    execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    const r = spawnSync(
      'ip',
      ['netns', 'exec', ns, process.execPath, process.argv[1], '--inner', ...process.argv.slice(2)],
      {
        stdio: 'inherit',
      },
    );
    process.exitCode = r.status ?? 1;
  } finally {
    spawnSync('ip', ['netns', 'del', ns]);
  }
}

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function ms(ns) {
  return (Number(ns) / 1e6).toFixed(2);
}

async function timed(fn) {
  const t = process.hrtime.bigint();
  await fn();
  return process.hrtime.bigint() - t;
}

function summary(samples) {
  const s = [...samples].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { p50: ms(pct(s, 50)), p99: ms(pct(s, 99)) };
}

function clientIp(i) {
  return `100.${64 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
}

function clientMac(i) {
  const h = i.toString(16).padStart(8, '0');
  return `02:ec:${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}:${h.slice(6, 8)}`;
}

async function inner() {
  const { NftablesGateway } = require(path.join(ROOT, 'dist/gateway/nftables/nftables-gateway'));
  const { renderRuleset, TABLE } = require(path.join(ROOT, 'dist/gateway/nftables/ruleset'));
  const { execCommand } = require(path.join(ROOT, 'dist/gateway/nftables/commands'));
  const { SqliteStore } = require(path.join(ROOT, 'dist/store/sqlite-store'));
  const { EventBus } = require(path.join(ROOT, 'dist/domain/events'));
  const pino = require('pino');

  const iterations = arg('iterations', 200);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-bench-'));
  const store = new SqliteStore({ file: ':memory:', spaceId: 'roubaix-demo' });
  await store.start();
  const deps = {
    store,
    clock: { now: () => Date.now() },
    events: new EventBus(),
    random: (n) => randomBytes(n),
    newId: () => randomBytes(8).toString('hex'),
    profiles: () => [],
    maxBatch: 500,
    policy: {
      charterVersion: 'x',
      throttle: { maxTries: 5, waitSeconds: 60, maxWaitSeconds: 60 },
      freeAccess: { enabled: false, dailyAllowanceSeconds: 0 },
      dayOf: () => '2026-01-01',
    },
  };
  const ruleset = {
    clientInterface: 'lan0',
    upstreamInterface: 'up0',
    portalAddress: '192.0.2.1',
    portalPort: 8080,
    dnsAddress: '192.0.2.1',
    dnsPort: 53,
  };
  const gateway = new NftablesGateway(
    {
      ruleset,
      walledGarden: [],
      rulesetFile: path.join(dir, 'ecn.nft'),
      counterIntervalMs: 0,
      commands: { nft: 'nft', conntrack: 'conntrack', ip: 'ip' },
    },
    deps,
    pino({ level: 'silent' }),
  );
  await gateway.start();
  const file = path.join(dir, 'ecn.nft');
  const text = renderRuleset({ ...ruleset, garden4: [], garden6: [] });

  const results = [];
  for (const n of SIZES) {
    // Fill the sets with n clients in one batch (what a box with n residents holds).
    await execCommand(
      'nft',
      ['-f', '-'],
      `flush set ${TABLE} clients_mac4\nflush set ${TABLE} clients_down4\n`,
    );
    for (let from = 0; from < n; from += 2000) {
      const ids = [];
      for (let i = from; i < Math.min(n, from + 2000); i++) ids.push(i);
      const mac = ids.map((i) => `${clientMac(i)} . ${clientIp(i)} timeout 3600s`).join(', ');
      const down = ids.map((i) => `${clientIp(i)} timeout 3600s`).join(', ');
      await execCommand(
        'nft',
        ['-f', '-'],
        `add element ${TABLE} clients_mac4 { ${mac} }\nadd element ${TABLE} clients_down4 { ${down} }\n`,
      );
    }
    const auth = [];
    const deauth = [];
    for (let k = 0; k < iterations; k++) {
      const i = 500_000 + k;
      const device = { mac: clientMac(i), ip: clientIp(i) };
      const sessionId = `bench-${n}-${k}`;
      const grant = {
        device,
        sessionId,
        secondsLeft: 3600,
        bytesLeft: null,
        bandwidthUpBps: null,
        bandwidthDownBps: null,
        idleTimeoutSeconds: null,
      };
      auth.push(await timed(() => gateway.authorize(grant)));
      deauth.push(await timed(() => gateway.deauthorize(device, sessionId)));
    }
    const reads = [];
    for (let k = 0; k < 10; k++) reads.push(await timed(() => gateway.readCounters()));
    const reloads = [];
    for (let k = 0; k < 10; k++) {
      reloads.push(
        await timed(async () => {
          await execCommand('nft', ['-c', '-f', file]);
          await execCommand('nft', ['-f', file]);
        }),
      );
    }
    const listed = JSON.parse(
      (await execCommand('nft', ['-j', 'list', 'set', 'inet', 'ecn_gateway', 'clients_mac4'])).stdout,
    );
    const kept = (listed.nftables.find((x) => x.set)?.set.elem ?? []).length;
    results.push({
      clients: n,
      authorize: summary(auth),
      deauthorize: summary(deauth),
      counterRead: summary(reads),
      reload: summary(reloads),
      keptAfterReload: kept,
    });
  }
  await gateway.stop();
  await store.stop();
  rmSync(dir, { recursive: true, force: true });

  console.log(
    `nftables gateway, ${iterations} authorize/deauthorize pairs per size; times in ms (p50 / p99)`,
  );
  console.log(
    `rule-set: ${text.split('\n').length} lines; ${os.cpus().length} CPU(s), ${os.cpus()[0]?.model ?? '?'}`,
  );
  console.log(
    '| clients already authorized | authorize | deauthorize | counter read | full reload (nft -c + nft -f) | clients kept by the reload |',
  );
  console.log('|---:|---|---|---|---|---:|');
  for (const r of results) {
    const f = (x) => `${x.p50} / ${x.p99}`;
    console.log(
      `| ${r.clients} | ${f(r.authorize)} | ${f(r.deauthorize)} | ${f(r.counterRead)} | ${f(r.reload)} | ${r.keptAfterReload} |`,
    );
  }
}

if (process.argv.includes('--inner')) {
  inner().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  outer();
}
