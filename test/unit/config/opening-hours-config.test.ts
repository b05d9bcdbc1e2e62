// Issue #15, item 1: the opening hours and closures in the configuration file, read by the
// domain's own parser; each mistake is named with its path and its stable code.

import { configFiles } from '../../helpers/config-files';

const files = configFiles('hours');

describe('space.openingHours and space.closures in the configuration file', () => {
  it('are empty by default: the space is always open', () => {
    const c = files.load('space: {}\n');
    expect(Object.values(c.space.openingHours).flat()).toEqual([]);
    expect(c.space.closures).toEqual([]);
  });

  it('reads several ranges a day and closures of days or ranges of days', () => {
    const c = files.load(
      [
        'space:',
        '  openingHours:',
        "    mon: ['09:00-12:00', '14:00-18:00']",
        "    sat: ['10:00-12:00']",
        "  closures: ['2026-12-24', '2026-12-25..2027-01-01']",
        '',
      ].join('\n'),
    );
    expect(c.space.openingHours.mon).toEqual(['09:00-12:00', '14:00-18:00']);
    expect(c.space.closures).toEqual(['2026-12-24', '2026-12-25..2027-01-01']);
  });

  it('lists every mistake at once with its path and code', () => {
    const problems = files.problems(
      [
        'space:',
        '  openingHours:',
        "    tue: ['09:00-12:30', '12:00-18:00']",
        "    fri: ['22:00-02:00']",
        "  closures: ['2026-12-24', '2027-01-01..2026-12-25', 'Noël']",
        '',
      ].join('\n'),
    );
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath['space.openingHours.tue']).toMatch(/^ECN_ERR_HOURS_OVERLAP/);
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['space.openingHours.tue', 'space.closures.1', 'space.closures.2']),
    );
    expect(byPath['space.closures.1']).toMatch(/^ECN_ERR_CLOSURE_BACKWARDS/);
    expect(byPath['space.closures.2']).toMatch(/^ECN_ERR_CLOSURE_MALFORMED/);
  });

  it('refuses a range past midnight and an unknown weekday', () => {
    expect(files.problems("space:\n  openingHours:\n    fri: ['22:00-02:00']\n")[0]?.message).toMatch(
      /^ECN_ERR_HOURS_PAST_MIDNIGHT/,
    );
    expect(files.problems("space:\n  openingHours:\n    lundi: ['09:00-12:00']\n")[0]?.path).toMatch(
      /space\.openingHours/,
    );
  });
});
