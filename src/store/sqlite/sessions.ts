// The embedded store's charter acceptances and sessions, each with its space; open sessions are
// found by device and NAS sessions by their accounting key through indexed columns.

import type Database from 'better-sqlite3';
import type { Mutation } from '../../domain/ports';
import type { CharterAcceptance } from '../../domain/charter';
import type { Session } from '../../domain/session';
import { nasSessionKey, nasSessionKeyOf, sessionDeviceKey } from '../device-index';
import { acceptanceRecord, readRecord, sessionRecord } from '../records';
import type { SqliteConnection } from './connection';

export class SqliteSessions {
  constructor(private readonly c: SqliteConnection) {}

  recordAcceptance(a: CharterAcceptance): Promise<void> {
    return this.c.run((db) => {
      db.prepare(
        'INSERT INTO acceptances (id, space_id, device, accepted_at, data) VALUES (?, ?, ?, ?, ?)',
      ).run(a.id, a.spaceId, a.device, a.acceptedAt, JSON.stringify(acceptanceRecord.parse(a)));
    });
  }

  latestAcceptance(device: string): Promise<CharterAcceptance | null> {
    return this.c.run((db) => {
      const row = db
        .prepare(
          'SELECT data FROM acceptances WHERE device = ? AND space_id = ? ' +
            'ORDER BY accepted_at DESC, rowid DESC LIMIT 1',
        )
        .get(device, this.c.spaceId) as { data: string } | undefined;
      return row ? readRecord(acceptanceRecord, row.data, 'charter acceptance') : null;
    });
  }

  createSession(s: Session): Promise<void> {
    return this.c.run((db) => {
      this.c
        .prepare(
          db,
          'INSERT INTO sessions (id, space_id, ticket_id, started_at, open, device, nas_key, data) ' +
            'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          s.id,
          s.spaceId,
          s.ticketId,
          s.startedAt,
          s.endedAt === null ? 1 : 0,
          sessionDeviceKey(s.device),
          nasSessionKeyOf(s),
          JSON.stringify(sessionRecord.parse(s)),
        );
    });
  }

  getSession(id: string): Promise<Session | null> {
    return this.c.run((db) => this.readSession(db, id));
  }

  private readSession(db: Database.Database, id: string): Session | null {
    const row = this.c.prepare(db, 'SELECT data FROM sessions WHERE id = ?').get(id) as
      { data: string } | undefined;
    return row ? readRecord(sessionRecord, row.data, 'session') : null;
  }

  updateSession(id: string, change: Mutation<Session>): Promise<Session | null> {
    return this.c.run((db) =>
      db
        .transaction(() => {
          const current = this.readSession(db, id);
          if (!current) return null;
          const next = sessionRecord.parse(change(current));
          this.c
            .prepare(
              db,
              'UPDATE sessions SET data = ?, space_id = ?, open = ?, device = ?, nas_key = ? WHERE id = ?',
            )
            .run(
              JSON.stringify(next),
              next.spaceId,
              next.endedAt === null ? 1 : 0,
              sessionDeviceKey(next.device),
              nasSessionKeyOf(next),
              id,
            );
          return next;
        })
        .immediate(),
    );
  }

  listOpenSessions(): Promise<Session[]> {
    return this.c.run((db) => {
      const rows = this.c
        .prepare(db, 'SELECT data FROM sessions WHERE space_id = ? AND open = 1 ORDER BY started_at, rowid')
        .all(this.c.spaceId) as { data: string }[];
      return rows.map((r) => readRecord(sessionRecord, r.data, 'session'));
    });
  }

  listSessionsByTicket(ticketId: string): Promise<Session[]> {
    return this.c.run((db) => {
      const rows = this.c
        .prepare(db, 'SELECT data FROM sessions WHERE ticket_id = ? ORDER BY started_at, rowid')
        .all(ticketId) as { data: string }[];
      return rows.map((r) => readRecord(sessionRecord, r.data, 'session'));
    });
  }

  listOpenSessionsByDevice(device: string, limit: number): Promise<Session[]> {
    return this.c.run((db) => {
      const rows = this.c
        .prepare(
          db,
          'SELECT data FROM sessions WHERE device = ? AND open = 1 AND space_id = ? ' +
            'ORDER BY started_at DESC, rowid DESC LIMIT ?',
        )
        .pluck()
        .all(device, this.c.spaceId, limit) as string[];
      return rows.map((data) => readRecord(sessionRecord, data, 'session'));
    });
  }

  findNasSession(ticketId: string, nas: string, nasSessionId: string): Promise<Session | null> {
    return this.c.run((db) => {
      const data = this.c
        .prepare(
          db,
          'SELECT data FROM sessions WHERE nas_key = ? AND space_id = ? ORDER BY started_at, rowid LIMIT 1',
        )
        .pluck()
        .get(nasSessionKey(ticketId, nas, nasSessionId), this.c.spaceId) as string | undefined;
      return data === undefined ? null : readRecord(sessionRecord, data, 'session');
    });
  }
}
