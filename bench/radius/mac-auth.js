#!/usr/bin/env node
// Cost of RADIUS MAC authentication for a MAC the box does not know (issue 12), in process,
// without the network: fills a store with 10 000 then 100 000 tickets (one in ten bound to a
// device), runs MAC-auth Access-Requests for unknown MACs through AccessRequestHandler.handle,
// and prints the latency per request (median, 99th percentile) for each pool size. Any phone
// near an access point sends such a request, so it must not grow with the number of tickets.
//
//   npm run build && node bench/radius/mac-auth.js [--requests 2000] [--sizes 10000,100000]
//                                                  [--redis redis://127.0.0.1:6379/15]

'use strict';

const { randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const pino = require('pino');

const DIST = path.resolve(__dirname, '../../dist');
const { loadConfig } = require(`${DIST}/config/load`);
const { createServiceDeps, createStore } = require(`${DIST}/compose`);
const { AccessRequestHandler } = require(`${DIST}/radius/access-request-handler`);
const { NasTable } = require(`${DIST}/radius/nas-table`);
const { loadDictionaryFile } = require(`${DIST}/radius/load-dictionary`);
const { SHIPPED_DICTIONARY } = require(`${DIST}/radius/radius-components`);
const { issueTickets } = require(`${DIST}/services/issue-tickets`);
const { redeemTicket } = require(`${DIST}/services/redeem-ticket`);
const { makeDevice } = require(`${DIST}/domain/device`);
const { buildRequest, hideUserPassword } = require(`${DIST}/radius/index`);

const { values: opts } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    sizes: { type: 'string', default: '10000,100000' },
    redis: { type: 'string' },
  },
});
const SECRET = 'bench-secret-0123456789';
const BATCH = 10_000;

const mac = (n, first) =>
  [first, 0, (n >> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join(':');

/** A MAC-auth Access-Request as a UniFi access point sends it: the MAC as name and password. */
function macRequest(address, i) {
  const bare = address.replace(/:/g, '');
  const authenticator = randomBytes(16);
  return buildRequest({
    code: 1,
    identifier: i & 0xff,
    authenticator,
    secret: SECRET,
    attributes: [
      { type: 1, value: Buffer.from(bare) },
      { type: 2, value: hideUserPassword(bare, SECRET, authenticator) },
      { type: 31, value: Buffer.from(address.toUpperCase().replace(/:/g, '-')) },
    ],
  });
}

async function measure(size) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-bench-mac-'));
  const env = {
    ECN_DATA_DIR: dir,
    ECN_TICKETS_MAX_BATCH: String(BATCH),
    ECN_RADIUS_ENABLED: 'true',
    ECN_RADIUS_CLIENTS: JSON.stringify([
      { name: 'bench', address: '127.0.0.1', secret: SECRET, kind: 'unifi' },
    ]),
  };
  if (opts.redis) {
    env.ECN_STORE_KIND = 'redis';
    env.ECN_STORE_REDIS_URL = opts.redis;
    env.ECN_STORE_KEY_PREFIX = `bench-mac-${randomBytes(4).toString('hex')}:`;
  }
  const config = loadConfig({ file: null, env });
  const store = createStore(config);
  await store.start();
  try {
    const logger = pino({ level: 'warn' });
    const deps = createServiceDeps(config, store, logger);
    let bound = 0;
    for (let made = 0; made < size; made += BATCH) {
      const { tickets } = await issueTickets(deps, {
        count: Math.min(BATCH, size - made),
        createdBy: 'bench',
      });
      // One ticket in ten is in use on a device, as in a space that has run for a while.
      for (let i = 0; i < tickets.length; i += 10) {
        const device = makeDevice({ mac: mac(bound++, 0x02) });
        await redeemTicket(deps, { code: tickets[i].code, device, via: 'radius' });
      }
    }
    const handler = new AccessRequestHandler({
      services: deps,
      dictionary: loadDictionaryFile(SHIPPED_DICTIONARY),
      nasTable: new NasTable(config.radius.clients),
      logger,
      options: { interimIntervalSeconds: 300, duplicateWindowMs: 5000, replyLanguage: 'fr' },
    });
    const n = Number(opts.requests);
    const run = async (address, i) => {
      const t0 = process.hrtime.bigint();
      const reply = await handler.handle(macRequest(address, i), { address: '127.0.0.1', port: 10000 + i });
      return { us: Number(process.hrtime.bigint() - t0) / 1000, code: reply?.[0] };
    };
    const unknown = [];
    for (let i = 0; i < n; i++) {
      const r = await run(mac(i, 0x06), i);
      if (r.code !== 3) throw new Error('expected an Access-Reject for an unknown MAC');
      unknown.push(r.us);
    }
    const known = [];
    for (let i = 0; i < Math.min(n, bound); i++) {
      const r = await run(mac(i, 0x02), n + i);
      if (r.code !== 2) throw new Error('expected an Access-Accept for a bound MAC');
      known.push(r.us);
    }
    const line = (what, xs) => {
      xs.sort((a, b) => a - b);
      const q = (p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
      return `${what}: median ${(q(0.5) / 1000).toFixed(2)} ms, p99 ${(q(0.99) / 1000).toFixed(2)} ms (${xs.length} requests)`;
    };
    console.log(`${size} tickets (${bound} bound), ${store.kind} store`);
    console.log(`  ${line('MAC auth, unknown MAC', unknown)}`);
    console.log(`  ${line('MAC auth, bound MAC  ', known)}`);
  } finally {
    await store.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  for (const size of opts.sizes.split(',').map(Number)) await measure(size);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
