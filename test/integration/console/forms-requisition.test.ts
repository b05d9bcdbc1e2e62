// Issue #14, item 4: the requisition form is read by a zod schema at the edge. A field sent
// twice, too long or of the wrong shape is refused on that field with the sentence a bad value
// of it gets, and nothing is exported (neither in the journal's export audit nor in the console
// audit). Before, a repeated ticket or address read as empty and the other scope was exported.

import { CONSOLE_CATALOGS } from '../../../src/console/i18n';
import { consoleFixture, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import { escapeHtml as esc } from '../../helpers/http';

jest.setTimeout(120_000);

let f: ConsoleFixture;
let opj: SignedInAgent;
beforeEach(async () => {
  f = await consoleFixture();
  opj = await f.signIn('opj', 'requisition');
});
afterEach(async () => {
  await f.close();
});

const fr = CONSOLE_CATALOGS.fr;
const REFERENCE = 'PV 2026/1234 – OPJ Roubaix';
const WINDOW: [string, string][] = [
  ['publicIp', '198.51.100.7'],
  ['from', '2026-11-28T09:00'],
  ['to', '2026-11-28T11:00'],
];

function post(fields: [string, string][]) {
  const body = new URLSearchParams([['_csrf', opj.csrf], ...fields]).toString();
  return opj.agent.post('/requisition').type('form').send(body);
}

async function expectNothingExported() {
  expect(f.journal.exportAudit().records).toEqual([]);
  expect(await f.store.listAudit({ limit: 50, action: 'journal.exported' })).toEqual([]);
}

describe('hostile requisition forms', () => {
  it.each([
    [
      'a ticket sent twice beside an address',
      [['reference', REFERENCE], ...WINDOW, ['ticket', 'AAAA-AAAA-AAAA'], ['ticket', 'BBBB-BBBB-BBBB']],
      'ticket',
      'requisition.err.ticket',
    ],
    [
      'an address sent twice beside a ticket',
      [
        ['reference', REFERENCE],
        ['publicIp', '198.51.100.7'],
        ['publicIp', '198.51.100.8'],
        ['ticket', 'AAAA-AAAA-AAAA'],
      ],
      'public-ip',
      'requisition.err.ip',
    ],
    [
      'a reference sent twice',
      [['reference', REFERENCE], ['reference', 'autre'], ...WINDOW],
      'reference',
      'requisition.err.reference',
    ],
    [
      'a port of 5000 characters',
      [['reference', REFERENCE], ...WINDOW, ['port', '8'.repeat(5000)]],
      'port',
      'requisition.err.port',
    ],
    [
      'a window end sent twice',
      [['reference', REFERENCE], ...WINDOW, ['to', '2026-11-28T12:00']],
      'to',
      'requisition.err.window',
    ],
  ] as [string, [string, string][], string, keyof typeof fr][])(
    'refuses %s on that field; nothing exported or audited',
    async (_name, fields, field, key) => {
      const res = await post(fields).expect(400);
      expect(res.text).toContain(`<p class="field-error" id="${field}-error">${esc(fr[key])}</p>`);
      expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
      await expectNothingExported();
    },
  );

  it('ignores unknown fields and prototype names: the export is made and audited once', async () => {
    const res = await post([
      ['reference', REFERENCE],
      ...WINDOW,
      ['__proto__', 'x'],
      ['constructor', 'y'],
      ['operator', 'someone else'],
    ]).expect(303);
    expect(res.headers.location).toMatch(/^\/requisition\/exports\/\d+\?msg=exported$/);
    const [record] = f.journal.exportAudit().records;
    expect(record).toMatchObject({ reference: REFERENCE, operator: 'console:opj' });
    const audit = await f.store.listAudit({ limit: 50, action: 'journal.exported' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'opj', target: `export:${record!.seq}` });
  });
});
