// Issue #14, item 4: a requisition answered with `ecn journal export` is in the managers' audit
// trail as the console's exports are (`journal.exported`, the export's number, no address), and
// `ecn attendance` entries are audited by the same use cases as the console's: both read
// « ecn (camille) » on the audit page.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../../src/store/sqlite-store';
import { consoleFixture, type ConsoleFixture } from '../../helpers/console';
import { ecn, tempSetup } from '../../helpers/processes';

// Each `ecn` run starts Node and opens the store, on a loaded CI box.
jest.setTimeout(240_000);

const setup = tempSetup();
const out = mkdtempSync(path.join(os.tmpdir(), 'ecn-export-'));
let f: ConsoleFixture | null = null;

afterAll(async () => {
  await f?.close();
  rmSync(setup.dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const AS_CAMILLE = { SUDO_USER: 'camille' };

it('audits ecn journal export and ecn attendance as « ecn (camille) », like the console', async () => {
  const exported = await ecn(
    setup.config,
    [
      'journal',
      'export',
      '--reference',
      'PV 2026-77',
      '--public-ip',
      '203.0.113.9',
      '--from',
      '2026-11-20T14:10:00Z',
      '--to',
      '2026-11-20T14:20:00Z',
      '--out',
      out,
    ],
    AS_CAMILLE,
  );
  expect(exported.stderr).toBe('');
  expect(exported.status).toBe(0);
  const desk = await ecn(setup.config, ['attendance', 'desk', '--count', '7'], AS_CAMILLE);
  expect(desk.status).toBe(0);

  const store = new SqliteStore({ file: path.join(setup.dir, 'data', 'ecn.db'), spaceId: 'roubaix-test' });
  f = await consoleFixture({ ECN_SPACE_ID: 'roubaix-test' }, { store });
  const entries = (await f.store.listAudit({ limit: 50 })).filter((e) => e.actor === 'system:camille');
  expect(entries.map((e) => e.action).sort()).toEqual(['attendance.recorded', 'journal.exported']);
  const exportEntry = entries.find((e) => e.action === 'journal.exported')!;
  expect(exportEntry.target).toMatch(/^export:\d+$/);
  expect(exportEntry.details).toMatchObject({ reference: 'PV 2026-77', rows: 0 });
  // Never the address asked about in the trail.
  expect(JSON.stringify(entries)).not.toContain('203.0.113.9');

  const manager = await f.signIn('marie', 'manager');
  const page = await manager.agent.get('/audit').expect(200);
  const cells = page.text.match(/<td title="system:camille">ecn \(camille\)<\/td>/g) ?? [];
  expect(cells).toHaveLength(2);
});
