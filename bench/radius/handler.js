#!/usr/bin/env node
// In-process cost of the Access-Request handler, without the network: builds N PAP requests
// for tickets already redeemed, runs them through AccessRequestHandler.handle one by one on a
// real SQLite store, and prints wall and CPU microseconds per request.
//
//   npm run build && node bench/radius/handler.js [--requests 100000] [--profile FILE]

'use strict';

const { randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
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
const { buildRequest, hideUserPassword } = require(`${DIST}/radius/index`);

const { values: opts } = parseArgs({
  options: { requests: { type: 'string', default: '100000' }, profile: { type: 'string' } },
});
const SECRET = 'bench-secret-0123456789';

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-bench-handler-'));
  const config = loadConfig({
    file: null,
    env: {
      ECN_DATA_DIR: dir,
      ECN_TICKETS_MAX_BATCH: '10000',
      ECN_RADIUS_ENABLED: 'true',
      ECN_RADIUS_CLIENTS: JSON.stringify([
        { name: 'bench', address: '127.0.0.1', secret: SECRET, kind: 'unifi' },
      ]),
    },
  });
  const store = createStore(config);
  await store.start();
  try {
    const logger = pino({ level: 'warn' });
    const deps = createServiceDeps(config, store, logger);
    const { tickets } = await issueTickets(deps, { count: 2000, createdBy: 'bench' });
    const handler = new AccessRequestHandler({
      services: deps,
      dictionary: loadDictionaryFile(SHIPPED_DICTIONARY),
      nasTable: new NasTable(config.radius.clients),
      logger,
      options: {
        interimIntervalSeconds: 300,
        duplicateWindowMs: 5000,
        replyLanguage: 'fr',
        guessing: {
          station: { maxTries: 5, waitSeconds: 60, maxWaitSeconds: 3600 },
          nas: { maxTries: 30, waitSeconds: 60, maxWaitSeconds: 300, memorySeconds: 60 },
        },
      },
    });
    const request = (i) => {
      const t = tickets[i % tickets.length];
      const authenticator = randomBytes(16);
      const n = i % tickets.length;
      return buildRequest({
        code: 1,
        identifier: i & 0xff,
        authenticator,
        secret: SECRET,
        attributes: [
          { type: 1, value: Buffer.from(t.code) },
          { type: 2, value: hideUserPassword(t.code, SECRET, authenticator) },
          {
            type: 31,
            value: Buffer.from(
              `02-00-00-00-${((n >> 8) & 0xff).toString(16).padStart(2, '0')}-${(n & 0xff).toString(16).padStart(2, '0')}`,
            ),
          },
        ],
      });
    };
    // First uses (durable writes), then the measured steady state.
    for (let i = 0; i < tickets.length; i++) {
      const reply = await handler.handle(request(i), { address: '127.0.0.1', port: 1 });
      if (reply?.[0] !== 2) throw new Error('expected an Access-Accept');
    }
    const n = Number(opts.requests);
    const packets = Array.from({ length: n }, (_, i) => request(i));
    let session = null;
    if (opts.profile) {
      const inspector = require('node:inspector');
      session = new inspector.Session();
      session.connect();
      await new Promise((r) => session.post('Profiler.enable', () => session.post('Profiler.start', r)));
    }
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++)
      await handler.handle(packets[i], { address: '127.0.0.1', port: 10000 + (i % 50000) });
    const wall = Number(process.hrtime.bigint() - t0) / 1000 / n;
    const cpu = process.cpuUsage(cpu0);
    if (session) {
      await new Promise((r) =>
        session.post('Profiler.stop', (err, { profile }) => {
          writeFileSync(opts.profile, JSON.stringify(profile));
          r();
        }),
      );
    }
    console.log(
      `Access-Request handler: ${wall.toFixed(1)} µs wall, ${((cpu.user + cpu.system) / n).toFixed(1)} µs CPU per request (${n} requests)`,
    );
  } finally {
    await store.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
