// Load generator of the portal benchmark, run inside the client namespace: waits for the
// portal's /healthz, then sends captive probes (a new connection each, as phones do) from
// `--concurrency` loops for `--seconds`, and prints one JSON line of what it measured.
'use strict';
const http = require('node:http');

function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
}

const base = arg('url', 'http://192.0.2.1:8080');
const seconds = Number(arg('seconds', '10'));
const concurrency = Number(arg('concurrency', '32'));

function get(path, host) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      `${base}${path}`,
      { agent: false, headers: host ? { host } : {}, timeout: 10_000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ns: process.hrtime.bigint() - started }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: e.code || e.message, ns: process.hrtime.bigint() - started }));
    req.end();
  });
}

async function main() {
  const until = Date.now() + 20_000;
  while ((await get('/healthz')).status !== 200) {
    if (Date.now() > until) throw new Error('the portal did not answer /healthz');
    await new Promise((r) => setTimeout(r, 100));
  }
  // Warm-up: the first requests load the views and fill the neighbour entry.
  for (let i = 0; i < 50; i++) await get('/generate_204', 'connectivitycheck.gstatic.com');
  const times = [];
  const statuses = {};
  // The runner samples the service's CPU time at these two lines.
  console.log('measuring');
  const end = Date.now() + seconds * 1000;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const r = await get('/generate_204', 'connectivitycheck.gstatic.com');
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        times.push(r.ns);
      }
    }),
  );
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log('measured');
  times.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pct = (p) => Number(times[Math.min(times.length - 1, Math.floor(p * times.length))]) / 1e6;
  console.log(
    JSON.stringify({
      requests: times.length,
      rps: times.length / wall,
      p50: pct(0.5),
      p99: pct(0.99),
      statuses,
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
