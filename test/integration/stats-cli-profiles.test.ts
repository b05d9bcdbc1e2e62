// `ecn stats` names the ticket profiles as the settings in force do (#14, item 5): a profile a
// manager made in the console is printed with its label in the PDF, as on the console's page.

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ecn, tempSetup } from '../helpers/processes';
import { profile } from '../helpers/fakes';
import { SqliteStore } from '../../src/store/sqlite-store';

jest.setTimeout(120_000);

it('prints a profile made in the console with its label', async () => {
  const utc = { ECN_SPACE_TIMEZONE: 'UTC' };
  const setup = tempSetup();
  try {
    const store = new SqliteStore({ file: path.join(setup.dir, 'data', 'ecn.db'), spaceId: 'roubaix-test' });
    await store.start();
    await store.updateSettings(() => ({
      profiles: [profile({ name: 'atelier', label: 'Atelier du mardi', isDefault: true })],
      updatedAt: Date.now(),
      updatedBy: 'marie',
      version: 0,
    }));
    await store.stop();
    expect(
      (await ecn(setup.config, ['tickets', 'create', '--profile', 'atelier', '--count', '3'], utc)).status,
    ).toBe(0);
    const file = path.join(setup.dir, 'bilan.pdf');
    const month = new Date().toISOString().slice(0, 7);
    expect((await ecn(setup.config, ['stats', '--month', month, '--pdf', file], utc)).status).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Atelier du mardi\s+3\s+0/);
  } finally {
    rmSync(setup.dir, { recursive: true, force: true });
  }
});
