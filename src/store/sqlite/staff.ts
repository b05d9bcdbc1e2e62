// The embedded store's console accounts and console sessions (issue 7); each change bumps the
// record's version so that a stale form cannot overwrite a newer one.

import type Database from 'better-sqlite3';
import type { Mutation } from '../../domain/ports';
import type { ConsoleSession, ConsoleUser } from '../../domain/console';
import { consoleSessionRecord, readRecord, userRecord } from '../records';
import type { SqliteConnection } from './connection';

export class SqliteStaff {
  constructor(private readonly c: SqliteConnection) {}

  createUser(user: ConsoleUser): Promise<boolean> {
    return this.c.run((db) => {
      const data = JSON.stringify(userRecord.parse(user));
      return (
        db
          .prepare('INSERT INTO console_users (username, data) VALUES (?, ?) ON CONFLICT DO NOTHING')
          .run(user.username, data).changes === 1
      );
    });
  }

  private readUser(db: Database.Database, username: string): ConsoleUser | null {
    const data = this.c
      .prepare(db, 'SELECT data FROM console_users WHERE username = ?')
      .pluck()
      .get(username) as string | undefined;
    return data === undefined ? null : readRecord(userRecord, data, 'console user');
  }

  getUser(username: string): Promise<ConsoleUser | null> {
    return this.c.run((db) => this.readUser(db, username));
  }

  listUsers(): Promise<ConsoleUser[]> {
    return this.c.run((db) =>
      (db.prepare('SELECT data FROM console_users ORDER BY username').pluck().all() as string[]).map((d) =>
        readRecord(userRecord, d, 'console user'),
      ),
    );
  }

  updateUser(username: string, change: Mutation<ConsoleUser>): Promise<ConsoleUser | null> {
    return this.c.run((db) =>
      db
        .transaction(() => {
          const current = this.readUser(db, username);
          if (!current) return null;
          const next = userRecord.parse({ ...change(current), username, version: current.version + 1 });
          db.prepare('UPDATE console_users SET data = ? WHERE username = ?').run(
            JSON.stringify(next),
            username,
          );
          return next;
        })
        .immediate(),
    );
  }

  createConsoleSession(s: ConsoleSession): Promise<void> {
    return this.c.run((db) => {
      db.prepare('INSERT INTO console_sessions (id, expires_at, data) VALUES (?, ?, ?)').run(
        s.id,
        s.expiresAt,
        JSON.stringify(consoleSessionRecord.parse(s)),
      );
    });
  }

  private readConsoleSession(db: Database.Database, id: string): ConsoleSession | null {
    const data = this.c.prepare(db, 'SELECT data FROM console_sessions WHERE id = ?').pluck().get(id) as
      string | undefined;
    return data === undefined ? null : readRecord(consoleSessionRecord, data, 'console session');
  }

  getConsoleSession(id: string): Promise<ConsoleSession | null> {
    return this.c.run((db) => this.readConsoleSession(db, id));
  }

  updateConsoleSession(id: string, change: Mutation<ConsoleSession>): Promise<ConsoleSession | null> {
    return this.c.run((db) =>
      db
        .transaction(() => {
          const current = this.readConsoleSession(db, id);
          if (!current) return null;
          const next = consoleSessionRecord.parse({ ...change(current), id, version: current.version + 1 });
          this.c
            .prepare(db, 'UPDATE console_sessions SET data = ?, expires_at = ? WHERE id = ?')
            .run(JSON.stringify(next), next.expiresAt, id);
          return next;
        })
        .immediate(),
    );
  }

  deleteConsoleSession(id: string): Promise<void> {
    return this.c.run((db) => {
      db.prepare('DELETE FROM console_sessions WHERE id = ?').run(id);
    });
  }

  purgeConsoleSessions(now: number): Promise<number> {
    return this.c.run(
      (db) => db.prepare('DELETE FROM console_sessions WHERE expires_at < ?').run(now).changes,
    );
  }
}
