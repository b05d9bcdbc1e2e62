// The DNS front-end in-process: what it publishes. Counters only — no client address and no
// queried name ever leaves the server, in events or in logs.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../../src/config/load';
import { EventBus, type DomainEvents } from '../../../src/domain/events';
import { startDnsService, type RunningDns } from '../../../src/filter/dns-service';
import { createLogger } from '../../../src/log';
import { query, startDnsmasq, type RunningProcess } from '../../helpers/dns';
import { waitFor } from '../../helpers/wait-for';

jest.setTimeout(30_000);

let dir: string;
let upstream: RunningProcess;
let dns: RunningDns;
const events: { name: string; payload: unknown }[] = [];
let logText = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-dns-ev-'));
  upstream = await startDnsmasq({ 'visited-site.example': '192.0.2.99' });
  const config = loadConfig({
    file: null,
    env: {
      ECN_DATA_DIR: dir,
      ECN_FILTER_LISTEN: '127.0.0.1:0',
      ECN_FILTER_UPSTREAM: `127.0.0.1:${upstream.port}`,
      ECN_FILTER_BLOCK: '["private-block.example"]',
      ECN_FILTER_SOURCES: '[]',
      ECN_FILTER_CATEGORIES: '[]',
    },
  });
  const bus = new EventBus();
  for (const name of [
    'dns.query_answered',
    'dns.packet_dropped',
    'dns.upstream_failed',
    'filter.table_loaded',
    'filter.table_rejected',
  ] as const) {
    bus.on(name, (payload: DomainEvents[typeof name]) => events.push({ name, payload }));
  }
  const sink = new Writable({ write: (c, _e, cb) => ((logText += String(c)), cb()) });
  dns = await startDnsService(config, createLogger('trace', sink), bus);
});

afterAll(async () => {
  await dns?.stop();
  await upstream?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('publishes one counter event per query, with a fixed outcome and the category, and nothing personal', async () => {
  const port = Number(dns.address.split(':').pop());
  await query(port, 'private-block.example');
  await query(port, 'visited-site.example', 'A', { tcp: true });
  await query(port, 'use-application-dns.net');
  // The table builder (no table yet, no sources) says it has nothing to load: wait for that.
  await waitFor(() => events.some((e) => e.name === 'filter.table_rejected'), {
    what: 'filter.table_rejected',
  });
  const answered = events
    .filter((e) => e.name === 'dns.query_answered')
    .map((e) => e.payload as DomainEvents['dns.query_answered']);
  expect(answered.map((a) => [a.outcome, a.category, a.transport])).toEqual([
    ['blocked', 'custom', 'udp'],
    ['forwarded', null, 'tcp'],
    ['canary', null, 'udp'],
  ]);
  for (const a of answered)
    expect(Object.keys(a).sort()).toEqual(['category', 'outcome', 'seconds', 'transport']);
  expect(events.map((e) => e.name)).toContain('filter.table_rejected'); // no table at first start
  const everything = JSON.stringify(events) + logText;
  for (const secret of ['private-block', 'visited-site', 'use-application-dns', '127.0.0.1"']) {
    expect(everything).not.toContain(secret);
  }
});
