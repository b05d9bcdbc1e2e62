// The filtering page end to end with the real DNS process: `ecn filter update` builds a table
// from a UT1-style fixture, `ecn dns` serves it (a dnsmasq on loopback is the upstream), a
// manager blocks a name and unblocks a category in the console, and the DNS answers follow;
// `ecn filter update` then builds with the categories the manager chose.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load';
import { embeddedStoreFile } from '../../../src/compose';
import { TableRebuilder } from '../../../src/filter/rebuild';
import { filterSettings } from '../../../src/filter/settings';
import { createLogger } from '../../../src/log';
import { SqliteStore } from '../../../src/store/sqlite-store';
import { consoleFixture, type ConsoleFixture } from '../../helpers/console';
import { answerData, query, startDnsmasq, startEcnDns, type RunningProcess } from '../../helpers/dns';
import { ecn } from '../../helpers/processes';
import { writeUt1Fixture } from '../../helpers/ut1-fixture';
import { waitFor } from '../../helpers/wait-for';

jest.setTimeout(60_000);

let dir: string;
let config: string;
let upstream: RunningProcess;
let front: RunningProcess;
let f: ConsoleFixture;

const GAMBLING = 'gambling-site-1.example1.test';

async function answer(name: string): Promise<string[]> {
  return answerData(await query(front.port, name, 'A'));
}

async function eventually(name: string, want: string[], ms = 10_000): Promise<void> {
  let got: string[] = [];
  await waitFor(
    async () => {
      got = await answer(name);
      return JSON.stringify(got) === JSON.stringify(want);
    },
    { timeout: ms, interval: 100 },
  ).catch(() => {
    throw new Error(`${name}: ${JSON.stringify(got)} instead of ${JSON.stringify(want)}\n${front.logs()}`);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-filter-dns-'));
  writeUt1Fixture(path.join(dir, 'data', 'lists'));
  upstream = await startDnsmasq({ 'blocked.example': '192.0.2.60', [GAMBLING]: '192.0.2.50' });
  config = path.join(dir, 'config.yaml');
  writeFileSync(
    config,
    `dataDir: ${JSON.stringify(path.join(dir, 'data'))}
log: { level: info }
filter:
  listen: 127.0.0.1:0
  upstream: 127.0.0.1:${upstream.port}
  upstreamTimeout: 400
  categories: [adult, gambling]
  blockAddress: 10.42.0.1
  sources:
    - { kind: ut1, path: lists }
`,
  );
  const update = await ecn(config, ['filter', 'update']);
  expect(update.status).toBe(0);
  expect(update.stdout).toMatch(/gambling\s+1000 names/);
  front = await startEcnDns(config);
  const cfg = loadConfig({ file: config, env: {} });
  const fs = filterSettings(cfg);
  f = await consoleFixture(
    {},
    {
      deps: (d) => ({
        ...d,
        filter: { settings: fs, rebuilder: new TableRebuilder(fs.build, createLogger('silent')) },
      }),
    },
  );
});

afterAll(async () => {
  await f?.consoleDeps.filter.rebuilder.idle();
  await f?.close();
  await front?.stop();
  await upstream?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('filtering choices reach the DNS process', () => {
  it('blocks a name a manager adds, and lets through a category the manager unticks after the rebuild', async () => {
    expect(await answer('blocked.example')).toEqual(['A 192.0.2.60']);
    expect(await answer(GAMBLING)).toEqual(['A 10.42.0.1']);
    expect(await answer('adult-site-1.example1.test')).toEqual(['A 10.42.0.1']);

    const m = await f.signIn('marie', 'manager');
    await m.agent
      .post('/filter')
      .type('form')
      .send({ _csrf: m.csrf, categories: ['adult', 'gambling'], allow: '', block: 'blocked.example' })
      .expect(303);
    await eventually('blocked.example', ['A 10.42.0.1']);
    expect(await answer('www.blocked.example')).toEqual(['A 10.42.0.1']);

    const res = await m.agent
      .post('/filter')
      .type('form')
      .send({ _csrf: m.csrf, categories: 'adult', allow: '', block: 'blocked.example' })
      .expect(303);
    expect(res.headers.location).toBe('/filter?msg=rebuild');
    await f.consoleDeps.filter.rebuilder.idle();
    expect(f.consoleDeps.filter.rebuilder.last).toMatchObject({ ok: true, categories: ['adult'] });
    await eventually(GAMBLING, ['A 192.0.2.50']);
    expect(await answer('adult-site-1.example1.test')).toEqual(['A 10.42.0.1']);
    expect(await answer('blocked.example')).toEqual(['A 10.42.0.1']);
    const page = await m.agent.get('/filter').expect(200);
    expect(page.text).toContain('Dernière reconstruction réussie');
    expect(page.text).toContain('Catégories bloquées : adult.');
  });

  it('has `ecn filter update` build with the categories stored by the console', async () => {
    const loaded = loadConfig({ file: config, env: {} });
    const store = new SqliteStore({ file: embeddedStoreFile(loaded), spaceId: loaded.space.id });
    await store.start();
    await store.updateSettings(() => ({
      filter: { categories: ['gambling'], allow: [], block: [] },
      updatedAt: 1,
      updatedBy: 'marie',
      version: 0,
    }));
    await store.stop();
    const update = await ecn(config, ['filter', 'update', '--force']);
    expect(update.status).toBe(0);
    expect(update.stdout).toMatch(/gambling\s+1000 names/);
    expect(update.stdout).not.toMatch(/^adult/m);
    await eventually(GAMBLING, ['A 10.42.0.1']);
    await eventually('adult-site-1.example1.test', []);
  });

  it('exports the rules with the categories and own lists chosen in the console', async () => {
    const out = await ecn(config, ['filter', 'export', '--format', 'dnsmasq']);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('/blocked.example/');
    expect(out.stdout).toContain(`/${GAMBLING}/`);
    expect(out.stdout).not.toContain('adult-site-1.example1.test');
  });
});
