// Issue #15, item 6 from a shell: `ecn attendance desk|workshop|individual|list|remove` as an
// operator runs it (real process, store on disk). What is recorded shows in the list, in the
// month's totals and in `ecn stats`; a wrong option gets the console's own sentence with
// ECN_ERR_ATTENDANCE_INVALID and records nothing; every change is audited with the operator.

import { rmSync } from 'node:fs';
import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite-store';
import { ecn, tempSetup } from '../helpers/processes';
import { consoleMsg } from '../helpers/messages';

jest.setTimeout(180_000);

const setup = tempSetup();
const OPERATOR = { SUDO_USER: 'camille' };

afterAll(() => {
  rmSync(setup.dir, { recursive: true, force: true });
});

/** The space's day now (Europe/Paris, the default time zone). */
const parisDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** Every entry of the space, read from the store itself (what a refusal must leave alone). */
async function stored() {
  return withStore((store) => store.listAttendance('roubaix-test', '2000-01-01', '2999-12-31'));
}

async function withStore<T>(fn: (store: SqliteStore) => Promise<T>): Promise<T> {
  const store = new SqliteStore({ file: path.join(setup.dir, 'data', 'ecn.db'), spaceId: 'roubaix-test' });
  await store.start();
  try {
    return await fn(store);
  } finally {
    await store.stop();
  }
}

async function listed(month: string): Promise<{ rows: string[][]; totals: string }> {
  const r = await ecn(setup.config, ['attendance', 'list', '--month', month]);
  expect(r.status).toBe(0);
  const rows = r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
  return { rows, totals: r.stderr };
}

describe('ecn attendance', () => {
  it('records desk visits (a second count corrects the half-day), workshops and help sessions, lists them with totals, and counts them in the monthly statistics', async () => {
    const desk = await ecn(
      setup.config,
      ['attendance', 'desk', '--day', '2026-11-03', '--half-day', 'morning', '--count', '12'],
      OPERATOR,
    );
    expect(desk.status).toBe(0);
    const corrected = await ecn(
      setup.config,
      ['attendance', 'desk', '--day', '2026-11-03', '--half-day', 'morning', '--count', '14'],
      OPERATOR,
    );
    expect(corrected.status).toBe(0);
    expect(corrected.stderr).toContain(
      consoleMsg('fr', 'cli.attendance.corrected', { people: '14', previous: '12' }),
    );
    expect(
      (
        await ecn(
          setup.config,
          ['attendance', 'desk', '--day', '2026-11-03', '--half-day', 'afternoon', '--count', '6'],
          OPERATOR,
        )
      ).status,
    ).toBe(0);
    const workshop = await ecn(
      setup.config,
      [
        'attendance',
        'workshop',
        '--day',
        '2026-11-04',
        '--theme',
        '  Faire son CV  ',
        '--minutes',
        '90',
        '--participants',
        '8',
      ],
      OPERATOR,
    );
    expect(workshop.status).toBe(0);
    expect(
      (
        await ecn(
          setup.config,
          ['attendance', 'individual', '--day', '2026-11-05', '--theme', 'Dossier CAF', '--minutes', '45'],
          OPERATOR,
        )
      ).status,
    ).toBe(0);

    const { rows, totals } = await listed('2026-11');
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['2026-11-03', 'Accueil', 'Matin', '14', 'system:camille'],
      ['2026-11-03', 'Accueil', 'Après-midi', '6', 'system:camille'],
      ['2026-11-04', 'Atelier', 'Faire son CV, 90 min', '8', 'system:camille'],
      ['2026-11-05', 'Accompagnement', 'Dossier CAF, 45 min', '1', 'system:camille'],
    ]);
    expect(totals).toContain(consoleMsg('fr', 'attendance.total.desk', { n: 20 }));
    expect(totals).toContain(
      consoleMsg('fr', 'attendance.total.workshops', { n: 1, people: 8, hours: '1,5' }),
    );
    expect(totals).toContain(consoleMsg('fr', 'attendance.total.individual', { n: 1, hours: '0,8' }));
    // Another month holds none of them.
    expect((await listed('2026-10')).rows).toEqual([]);

    const stats = await ecn(setup.config, ['stats', '--month', '2026-11']);
    expect(stats.stdout).toContain(
      consoleMsg('fr', 'cli.stats.desk', { visits: '20', mornings: '14', afternoons: '6' }),
    );
    expect(stats.stdout).toContain(
      consoleMsg('fr', 'cli.stats.workshops', { workshops: '1', participants: '8', minutes: '90' }),
    );

    // Removing the help session: gone from the list, and audited.
    const id = rows[3]![5]!;
    const removed = await ecn(setup.config, ['attendance', 'remove', id], OPERATOR);
    expect(removed.status).toBe(0);
    expect(removed.stderr).toContain(consoleMsg('fr', 'attendance.msg.removed'));
    expect((await listed('2026-11')).rows).toHaveLength(3);
    const again = await ecn(setup.config, ['attendance', 'remove', id], OPERATOR);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('ECN_ERR_ATTENDANCE_UNKNOWN');

    const audit = await withStore((store) => store.listAudit({ limit: 10 }));
    expect(audit.filter((e) => e.action === 'attendance.recorded')).toHaveLength(5);
    expect(audit.filter((e) => e.action === 'attendance.removed')).toHaveLength(1);
    expect(new Set(audit.map((e) => e.actor))).toEqual(new Set(['system:camille']));
  });

  it("takes today, in the space's time zone, when no day is given", async () => {
    const before = parisDay();
    const r = await ecn(setup.config, ['attendance', 'individual', '--theme', 'Impôts', '--minutes', '30']);
    const after = parisDay();
    expect(r.status).toBe(0);
    const day = r.stdout.split('\t')[0]!;
    expect([before, after]).toContain(day);
    expect((await listed(day.slice(0, 7))).rows.map((row) => row[2])).toContain('Impôts, 30 min');
  });

  const MINUTES = 'La durée doit être un nombre entier de minutes entre 1 et 720.';
  const PARTICIPANTS = 'Le nombre de participants doit être un nombre entier entre 1 et 500.';
  const COUNT = 'Le nombre de passages doit être un nombre entier entre 0 et 500.';
  const WORKSHOP = ['--day', '2026-11-10', '--theme', 'Smartphone', '--minutes', '60', '--participants', '5'];
  it.each([
    [
      ['workshop', ...WORKSHOP.slice(0, 1), '2999-01-01', ...WORKSHOP.slice(2)],
      'day',
      'La date est dans le futur',
    ],
    [['workshop', '--day', '2026-02-30', ...WORKSHOP.slice(2)], 'day', 'La date n’est pas une vraie date'],
    [['workshop', '--day', '10/11/2026', ...WORKSHOP.slice(2)], 'day', 'La date n’est pas une vraie date'],
    [
      ['workshop', ...WORKSHOP.slice(0, 2), '--theme', ' ', ...WORKSHOP.slice(4)],
      'theme',
      'Écrivez un thème',
    ],
    [
      ['workshop', ...WORKSHOP.slice(0, 2), '--theme', 'x'.repeat(81), ...WORKSHOP.slice(4)],
      'theme',
      'Écrivez un thème',
    ],
    [
      ['workshop', ...WORKSHOP.slice(0, 2), '--theme', 'CV\u0007', ...WORKSHOP.slice(4)],
      'theme',
      'Écrivez un thème',
    ],
    [['workshop', ...WORKSHOP.slice(0, 5), '0', ...WORKSHOP.slice(6)], 'minutes', MINUTES],
    [['workshop', ...WORKSHOP.slice(0, 5), '721', ...WORKSHOP.slice(6)], 'minutes', MINUTES],
    [['workshop', ...WORKSHOP.slice(0, 7), '0'], 'participants', PARTICIPANTS],
    [['workshop', ...WORKSHOP.slice(0, 7), '2.5'], 'participants', PARTICIPANTS],
    [
      ['desk', '--day', '2026-11-10', '--half-day', 'soir', '--count', '3'],
      'half-day',
      'Choisissez le matin',
    ],
    [['desk', '--day', '2026-11-10', '--count', '501'], 'count', COUNT],
    [['desk', '--day', '2026-11-10', '--count', '-1'], 'count', COUNT],
    [['individual', '--day', '2026-11-10', '--theme', 'CAF', '--minutes', 'une heure'], 'minutes', MINUTES],
  ])('refuses %j on --%s with the console’s sentence and records nothing', async (args, option, sentence) => {
    const before = await stored();
    const r = await ecn(setup.config, ['attendance', ...args]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--${option}: ${sentence}`);
    expect(r.stderr).toContain('[ECN_ERR_ATTENDANCE_INVALID]');
    expect(await stored()).toEqual(before);
  });

  it('refuses a month that is not YYYY-MM', async () => {
    const r = await ecn(setup.config, ['attendance', 'list', '--month', '2026-13']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ECN_ERR_MONTH_INVALID');
  });
});
