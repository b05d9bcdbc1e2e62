// Reading the daily counters of a range of days (the console's "today" page and its week).

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStats } from '../../../src/stats/sqlite-stats';
import { daysEndingWith, weekdayOf, weekFigures } from '../../../src/console/today/week';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-stats-days-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('statistics of a range of days', () => {
  it('sums each counter over its keys, per day, both ends included', () => {
    const stats = new SqliteStats(path.join(dir, 'days.db'));
    stats.start();
    stats.add('2026-11-21', 'sessions', '', 9);
    stats.add('2026-11-22', 'sessions', '', 2);
    stats.add('2026-11-22', 'tickets_issued', '1h', 3);
    stats.add('2026-11-22', 'tickets_issued', '1d', 4);
    stats.add('2026-11-28', 'seconds', '', 5400);
    stats.countDevice('2026-11-28', 'mac:aa:aa:aa:aa:aa:01');
    stats.add('2026-11-29', 'sessions', '', 1);
    expect(stats.days('2026-11-22', '2026-11-28')).toEqual([
      { day: '2026-11-22', metric: 'sessions', value: 2 },
      { day: '2026-11-22', metric: 'tickets_issued', value: 7 },
      { day: '2026-11-28', metric: 'devices', value: 1 },
      { day: '2026-11-28', metric: 'seconds', value: 5400 },
    ]);
    expect(stats.days('2026-12-01', '2026-12-07')).toEqual([]);
    stats.stop();
  });
});

describe('the last seven days', () => {
  it('counts calendar days back across months, years and daylight saving changes', () => {
    expect(daysEndingWith('2026-12-01', 7)).toEqual([
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
    expect(daysEndingWith('2027-01-02', 3)).toEqual(['2026-12-31', '2027-01-01', '2027-01-02']);
    // Summer time starts on 28 March 2027 in Paris: still one entry per day.
    expect(daysEndingWith('2027-03-29', 3)).toEqual(['2027-03-27', '2027-03-28', '2027-03-29']);
    expect(weekdayOf('2026-11-28')).toBe(6);
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(weekdayOf('2026-11-30')).toBe(1);
  });

  it('gives every day its figures, zeros for a quiet day', () => {
    const stats = new SqliteStats(path.join(dir, 'week.db'));
    stats.start();
    stats.add('2026-11-27', 'sessions', '', 4);
    stats.add('2026-11-27', 'heat', '5-10', 4);
    stats.add('2026-11-28', 'tickets_used', '1h', 2);
    stats.add('2026-11-28', 'seconds', '', 7200);
    expect(weekFigures(stats, ['2026-11-26', '2026-11-27', '2026-11-28'])).toEqual([
      { day: '2026-11-26', sessions: 0, devices: 0, ticketsIssued: 0, ticketsUsed: 0, seconds: 0 },
      { day: '2026-11-27', sessions: 4, devices: 0, ticketsIssued: 0, ticketsUsed: 0, seconds: 0 },
      { day: '2026-11-28', sessions: 0, devices: 0, ticketsIssued: 0, ticketsUsed: 2, seconds: 7200 },
    ]);
    stats.stop();
  });
});
