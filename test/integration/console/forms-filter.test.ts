// Issue #14, item 4: the filtering form is read by a zod schema at the edge. A list sent twice,
// a category of the wrong shape or too many of them is refused on that field and nothing is
// changed: no settings stored, no lists written for the DNS process, no audit. Before, a list
// sent twice read as empty and the space's own list was wiped.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONSOLE_CATALOGS } from '../../../src/console/i18n';
import { consoleFixture, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import { escapeHtml as esc } from '../../helpers/http';

jest.setTimeout(120_000);

let f: ConsoleFixture;
let m: SignedInAgent;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-forms-filter-'));
  f = await consoleFixture({ ECN_DATA_DIR: dir });
  m = await f.signIn('marie', 'manager');
});
afterEach(async () => {
  await f.consoleDeps.filter.rebuilder.idle();
  await f.close();
  rmSync(dir, { recursive: true, force: true });
});

const fr = CONSOLE_CATALOGS.fr;
const customFile = () => path.join(dir, 'filter', 'custom.json');

function post(fields: [string, string][]) {
  const body = new URLSearchParams([['_csrf', m.csrf], ...fields]).toString();
  return m.agent.post('/filter').type('form').send(body);
}

async function expectNothingChanged() {
  expect(await f.store.getSettings()).toBeNull();
  expect(existsSync(customFile())).toBe(false);
  expect(await f.store.listAudit({ limit: 50, action: 'settings.changed' })).toEqual([]);
}

describe('hostile filtering forms', () => {
  it.each([
    [
      'an allowed list sent twice',
      [
        ['allow', 'a.example'],
        ['allow', 'b.example'],
      ],
      'filter-allow',
      'filter.err.list',
    ],
    [
      'a blocked list sent twice',
      [
        ['block', 'a.example'],
        ['block', ''],
      ],
      'filter-block',
      'filter.err.list',
    ],
    [
      'a category of 500 characters',
      [['categories', 'x'.repeat(500)]],
      'filter-categories',
      'filter.err.category',
    ],
    [
      'one hundred and fifty categories',
      Array.from({ length: 150 }, () => ['categories', 'adult']),
      'filter-categories',
      'filter.err.category',
    ],
  ] as [string, [string, string][], string, keyof typeof fr][])(
    'refuses %s on that field; nothing stored, written or audited',
    async (_name, fields, field, key) => {
      const res = await post(fields).expect(400);
      expect(res.text).toContain(esc(fr[key]));
      expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-describedby="error-summary`));
      // The categories are a fieldset of boxes, tied to the refusal by its description only.
      if (field !== 'filter-categories')
        expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
      await expectNothingChanged();
    },
  );

  it('ignores unknown fields and prototype names: the change is saved and audited once', async () => {
    await post([
      ['categories', 'adult'],
      ['block', 'x.example'],
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]).expect(303);
    expect((await f.store.getSettings())?.filter).toMatchObject({
      categories: ['adult'],
      block: ['x.example'],
    });
    const audit = await f.store.listAudit({ limit: 50, action: 'settings.changed' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'marie', target: 'filter' });
  });
});
