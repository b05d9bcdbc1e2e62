// Issue #14, item 4: the attendance forms are read by zod schemas at the edge. A field sent
// twice, too long or missing gets that field's own sentence on that field, and nothing is
// recorded or audited; unknown fields (prototype names among them) are ignored.

import { CONSOLE_CATALOGS } from '../../../src/console/i18n';
import { ATTENDANCE_MAX_MINUTES, ATTENDANCE_MAX_PEOPLE } from '../../../src/domain/attendance';
import { consoleFixture, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import { escapeHtml as esc } from '../../helpers/http';

jest.setTimeout(120_000);

let f: ConsoleFixture;
let a: SignedInAgent;
beforeEach(async () => {
  f = await consoleFixture();
  a = await f.signIn('nadia', 'animator');
});
afterEach(async () => {
  await f.close();
});

const fr = CONSOLE_CATALOGS.fr;
const DAY = '2026-11-02';

function post(kind: string, fields: [string, string][]) {
  const body = new URLSearchParams([['_csrf', a.csrf], ...fields]).toString();
  return a.agent.post(`/attendance/${kind}`).type('form').send(body);
}

async function expectNothingRecorded() {
  expect(await f.store.listAttendance(f.config.space.id, '2000-01-01', '2100-01-01')).toEqual([]);
  expect(await f.store.listAudit({ limit: 50, action: 'attendance.recorded' })).toEqual([]);
}

describe('hostile attendance forms', () => {
  it.each([
    [
      'a count sent twice',
      'desk',
      [
        ['day', DAY],
        ['halfDay', 'morning'],
        ['count', '3'],
        ['count', '4'],
      ],
      'desk-count',
      'attendance.err.count',
    ],
    [
      'a half-day sent twice',
      'desk',
      [
        ['day', DAY],
        ['halfDay', 'morning'],
        ['halfDay', 'afternoon'],
        ['count', '3'],
      ],
      'desk-afternoon',
      'attendance.err.halfDay',
    ],
    [
      'a theme of 5000 characters',
      'workshop',
      [
        ['day', DAY],
        ['theme', 't'.repeat(5000)],
        ['minutes', '60'],
        ['participants', '5'],
      ],
      'workshop-theme',
      'attendance.err.theme',
    ],
    [
      'a missing duration',
      'individual',
      [
        ['day', DAY],
        ['theme', 'CAF'],
      ],
      'individual-minutes',
      'attendance.err.minutes',
    ],
    [
      'a day sent twice',
      'individual',
      [
        ['day', DAY],
        ['day', DAY],
        ['theme', 'CAF'],
        ['minutes', '20'],
      ],
      'individual-day',
      'attendance.err.day',
    ],
  ] as [string, string, [string, string][], string, keyof typeof fr][])(
    'refuses %s with its sentence on that field; nothing recorded or audited',
    async (_name, kind, fields, id, key) => {
      const res = await post(kind, fields).expect(400);
      const max = key === 'attendance.err.minutes' ? ATTENDANCE_MAX_MINUTES : ATTENDANCE_MAX_PEOPLE;
      expect(res.text).toContain(esc(fr[key].replace('{max}', String(max))));
      expect(res.text).toMatch(new RegExp(`id="${id}"[^>]*aria-invalid="true"`));
      await expectNothingRecorded();
    },
  );
});

describe('unknown attendance fields', () => {
  it('ignores unknown fields and prototype names: the entry is recorded and audited once', async () => {
    await post('desk', [
      ['day', DAY],
      ['halfDay', 'morning'],
      ['count', '3'],
      ['__proto__', 'x'],
      ['constructor', 'y'],
      ['recordedBy', 'someone else'],
    ]).expect(303);
    const [entry] = await f.store.listAttendance(f.config.space.id, DAY, DAY);
    expect(entry).toMatchObject({ people: 3, recordedBy: 'nadia' });
    const audit = await f.store.listAudit({ limit: 50, action: 'attendance.recorded' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'nadia', target: entry!.id });
  });
});
