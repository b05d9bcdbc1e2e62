// Aggregate counters per local day, for the label committee's monthly statistics. Kept in
// their own file, never derived from the legal journal. Distinct devices are counted with a
// salted hash whose salt lives one day: yesterday's hashes and salt are deleted, so no device
// can be followed from one day to the next.

import Database from 'better-sqlite3';
import { createHmac, randomBytes } from 'node:crypto';
import { EcnError } from '../domain/errors';
import { openDurableSqlite } from '../store/open-durable-sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS daily (
  day TEXT NOT NULL,
  metric TEXT NOT NULL,
  key TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (day, metric, key)
) STRICT;
CREATE TABLE IF NOT EXISTS salt (day TEXT PRIMARY KEY, salt BLOB NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS day_devices (day TEXT NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (day, hash)) STRICT;
`;

export type StatMetric =
  | 'sessions'
  | 'seconds'
  | 'devices'
  | 'tickets_issued'
  | 'tickets_used'
  | 'charter'
  /** Charter acceptances by the way they were given: 'portal' or 'ticket' (issue #15, item 7). */
  | 'charter_via'
  | 'blocked'
  | 'heat'
  /** Residents' calls for help (issue #15), keyed by the page they asked from. */
  | 'help'
  /** The same calls by weekday and hour (`<weekday>-<hour>`, as 'heat'): nothing of the device. */
  | 'help_heat';

export class SqliteStats {
  private db: Database.Database | null = null;

  constructor(private readonly file: string) {}

  start(): void {
    if (this.db) return;
    try {
      this.db = openDurableSqlite(this.file, SCHEMA);
    } catch (err) {
      throw new EcnError(
        'ECN_ERR_STATS_UNAVAILABLE',
        `Cannot open the statistics at ${this.file}: ${(err as Error).message}`,
        {},
        { cause: err },
      );
    }
  }

  stop(): void {
    this.db?.close();
    this.db = null;
  }

  private handle(): Database.Database {
    if (!this.db) throw new EcnError('ECN_ERR_STATS_UNAVAILABLE', 'The statistics are not open.');
    return this.db;
  }

  add(day: string, metric: StatMetric, key: string, amount: number): void {
    this.handle()
      .prepare(
        'INSERT INTO daily (day, metric, key, value) VALUES (?, ?, ?, ?) ON CONFLICT (day, metric, key) DO UPDATE SET value = value + excluded.value',
      )
      .run(day, metric, key, Math.round(amount));
  }

  /** Counts a device once per day; `device` is hashed with the day's salt and never stored. */
  countDevice(day: string, device: string): void {
    const db = this.handle();
    db.transaction(() => {
      this.closeDaysBefore(day);
      let row = db.prepare('SELECT salt FROM salt WHERE day = ?').get(day) as { salt: Buffer } | undefined;
      if (!row) {
        row = { salt: randomBytes(32) };
        db.prepare('INSERT INTO salt (day, salt) VALUES (?, ?)').run(day, row.salt);
      }
      const hash = createHmac('sha256', row.salt).update(device).digest();
      const inserted = db
        .prepare('INSERT OR IGNORE INTO day_devices (day, hash) VALUES (?, ?)')
        .run(day, hash).changes;
      if (inserted) this.add(day, 'devices', '', 1);
    }).immediate();
  }

  /** Discards the salts and hashes of days before `day` (their counts stay in `daily`). */
  closeDaysBefore(day: string): void {
    const db = this.handle();
    db.prepare('DELETE FROM day_devices WHERE day < ?').run(day);
    db.prepare('DELETE FROM salt WHERE day < ?').run(day);
  }

  /** Every counter of the month (`YYYY-MM`), summed over its days. */
  month(month: string): { metric: StatMetric; key: string; value: number }[] {
    return this.handle()
      .prepare(
        "SELECT metric, key, SUM(value) AS value FROM daily WHERE day LIKE ? || '-%' GROUP BY metric, key ORDER BY metric, key",
      )
      .all(month) as { metric: StatMetric; key: string; value: number }[];
  }

  /**
   * Each counter summed over its keys, per day, for the days from `fromDay` to `toDay`
   * (`YYYY-MM-DD`, both included). Days with no counter have no row.
   */
  days(fromDay: string, toDay: string): { day: string; metric: StatMetric; value: number }[] {
    return this.handle()
      .prepare(
        'SELECT day, metric, SUM(value) AS value FROM daily WHERE day >= ? AND day <= ? GROUP BY day, metric ORDER BY day, metric',
      )
      .all(fromDay, toDay) as { day: string; metric: StatMetric; value: number }[];
  }

  /** Rows kept for one day, for tests and audits of what is stored. */
  dayDeviceHashes(): number {
    return (this.handle().prepare('SELECT COUNT(*) AS n FROM day_devices').get() as { n: number }).n;
  }
}
