// The embedded store's per-device counters: the portal's and RADIUS's wrong-code limits and the
// free-access allowance, each updated atomically and purged once expired.

import type Database from 'better-sqlite3';
import type { DeviceCounter } from '../../domain/ports';
import { counterRecord, readRecord } from '../records';
import type { SqliteConnection } from './connection';

export class SqliteCounters {
  constructor(private readonly c: SqliteConnection) {}

  private readCounter(db: Database.Database, key: string): DeviceCounter | null {
    // Cached statement: RADIUS reads the guessing counters on every PAP/CHAP request.
    const data = this.c.prepare(db, 'SELECT data FROM counters WHERE key = ?').pluck().get(key) as
      string | undefined;
    return data === undefined ? null : readRecord(counterRecord, data, 'counter');
  }

  getCounter(key: string): Promise<DeviceCounter | null> {
    return this.c.run((db) => this.readCounter(db, key));
  }

  updateCounter(
    key: string,
    change: (current: DeviceCounter | null) => DeviceCounter,
  ): Promise<DeviceCounter> {
    return this.c.run((db) =>
      db
        .transaction(() => {
          const current = this.readCounter(db, key);
          const next = counterRecord.parse({ ...change(current), key });
          db.prepare(
            'INSERT INTO counters (key, expires_at, data) VALUES (?, ?, ?) ' +
              'ON CONFLICT(key) DO UPDATE SET expires_at = excluded.expires_at, data = excluded.data',
          ).run(key, next.expiresAt, JSON.stringify(next));
          return next;
        })
        .immediate(),
    );
  }

  deleteCounter(key: string): Promise<void> {
    return this.c.run((db) => {
      db.prepare('DELETE FROM counters WHERE key = ?').run(key);
    });
  }

  purgeCounters(now: number): Promise<number> {
    return this.c.run((db) => db.prepare('DELETE FROM counters WHERE expires_at < ?').run(now).changes);
  }
}
