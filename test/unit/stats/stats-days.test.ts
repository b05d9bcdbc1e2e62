// Reading the daily counters of a range of days (the console's "today" page and its week).

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStats } from '../../../src/stats/sqlite-stats';

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
