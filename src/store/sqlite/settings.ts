// The embedded store's run-time settings of the box's space (profiles, charter, name, Wi-Fi...),
// one versioned record changed in one transaction.

import type Database from 'better-sqlite3';
import type { SpaceSettings } from '../../domain/console';
import { readRecord, settingsRecord } from '../records';
import type { SqliteConnection } from './connection';

export class SqliteSettings {
  constructor(private readonly c: SqliteConnection) {}

  private readSettings(db: Database.Database): SpaceSettings | null {
    const data = this.c
      .prepare(db, 'SELECT data FROM space_settings WHERE space_id = ?')
      .pluck()
      .get(this.c.spaceId) as string | undefined;
    return data === undefined ? null : readRecord(settingsRecord, data, 'settings');
  }

  getSettings(): Promise<SpaceSettings | null> {
    return this.c.run((db) => this.readSettings(db));
  }

  updateSettings(change: (current: SpaceSettings | null) => SpaceSettings): Promise<SpaceSettings> {
    return this.c.run((db) =>
      db
        .transaction(() => {
          const current = this.readSettings(db);
          const next = settingsRecord.parse({ ...change(current), version: (current?.version ?? 0) + 1 });
          db.prepare(
            'INSERT INTO space_settings (space_id, data) VALUES (?, ?) ' +
              'ON CONFLICT(space_id) DO UPDATE SET data = excluded.data',
          ).run(this.c.spaceId, JSON.stringify(next));
          return next;
        })
        .immediate(),
    );
  }
}
