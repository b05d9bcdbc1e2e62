// The embedded store: one SQLite file (better-sqlite3), WAL journal with synchronous=FULL so
// that a commit that returned survives a power cut. Several processes (service and `ecn`)
// may open it; writers take an immediate transaction and wait for each other.

import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { z } from 'zod';
import { EcnError, isEcnError } from '../domain/errors';
import type { BatchWithTickets, DeviceCounter, Mutation, Store, TicketQuery } from '../domain/ports';
import type { AuditEntry, AuditQuery, ConsoleSession, ConsoleUser, SpaceSettings } from '../domain/console';
import type { Batch, Ticket } from '../domain/ticket';
import type { CharterAcceptance } from '../domain/charter';
import type { Session } from '../domain/session';
import type { HelpRequest } from '../domain/help-request';
import type { AttendanceEntry } from '../domain/attendance';
import { ticketEndedBefore } from '../domain/retention';
import { MIGRATIONS } from './sqlite-migrations';
import { privateSqliteFile } from './private-files';
import { ParsedRows } from './parsed-rows';
import {
  deviceBindings,
  nasSessionKey,
  nasSessionKeyOf,
  sessionDeviceKey,
  unboundDevices,
} from './device-index';
import {
  acceptanceRecord,
  attendanceRecord,
  auditRecord,
  helpRequestRecord,
  batchRecord,
  consoleSessionRecord,
  settingsRecord,
  trustedDeviceRecord,
  userRecord,
  counterRecord,
  readRecord,
  sessionRecord,
  ticketRecord,
} from './records';
import { byLabel, type TrustedDevice } from '../domain/trusted-device';

export interface SqliteStoreOptions {
  /** Database file; its folder is created if needed. `:memory:` for throw-away tests. */
  file: string;
  /** The box's space (`space.id`): the scope of the space-scoped reads (see `Store`). */
  spaceId: string;
  busyTimeoutMs?: number;
}

/** Rows a purge handles per transaction; the event loop runs between pages (portal, RADIUS). */
const PURGE_PAGE = 500;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The schema version of an embedded store file as it is on disk, without migrating it; null
 * when there is no file yet. For `ecn store migrate`, which says what it changed.
 */
export function storedSchemaVersion(file: string): number | null {
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

export class SqliteStore implements Store {
  readonly kind = 'embedded' as const;
  readonly spaceId: string;
  private db: Database.Database | null = null;
  // Prepared once per database and reused: preparing costs more than running a lookup.
  private readonly statements = new Map<string, Database.Statement>();
  // The row is read at every request; only its parsing is spared when the text is unchanged.
  private readonly parsedTickets = new ParsedRows(ticketRecord, 'ticket');

  constructor(private readonly options: SqliteStoreOptions) {
    this.spaceId = options.spaceId;
  }

  async start(): Promise<void> {
    if (this.db) return;
    try {
      if (this.options.file !== ':memory:') privateSqliteFile(this.options.file);
      const db = new Database(this.options.file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${this.options.busyTimeoutMs ?? 5000}`);
      this.db = db;
      this.migrate(db);
    } catch (err) {
      this.db?.close();
      this.db = null;
      if (isEcnError(err)) throw err;
      throw new EcnError(
        'ECN_ERR_STORE_UNAVAILABLE',
        `Cannot open the embedded store at ${this.options.file}: ${(err as Error).message}`,
        {},
        { cause: err },
      );
    }
  }

  async stop(): Promise<void> {
    this.statements.clear();
    this.parsedTickets.clear();
    this.db?.close();
    this.db = null;
  }

  /** Schema version the open database is at (for tests and `ecn config check`). */
  schemaVersion(): number {
    return this.handle().pragma('user_version', { simple: true }) as number;
  }

  private migrate(db: Database.Database): void {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new EcnError(
        'ECN_ERR_STORE_SCHEMA_TOO_NEW',
        `The embedded store is at schema ${current}, newer than this gateway knows (${MIGRATIONS.length}).`,
      );
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      const migration = MIGRATIONS[v]!;
      db.transaction(() => {
        if (typeof migration === 'string') db.exec(migration);
        else {
          db.exec(migration.sql);
          migration.backfill(db, { spaceId: this.spaceId });
        }
        db.pragma(`user_version = ${v + 1}`);
      }).immediate();
    }
  }

  private prepare(db: Database.Database, sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private handle(): Database.Database {
    if (!this.db) throw new EcnError('ECN_ERR_STORE_UNAVAILABLE', 'The embedded store is not open.');
    return this.db;
  }

  /** Runs `fn`, mapping SQLite failures to typed errors; other errors (bugs) pass through. */
  private run<T>(fn: (db: Database.Database) => T): Promise<T> {
    try {
      return Promise.resolve(fn(this.handle()));
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (isEcnError(err) || typeof code !== 'string' || !code.startsWith('SQLITE'))
        return Promise.reject(err);
      const message = `Embedded store failure (${code}): ${(err as Error).message}`;
      // A full disk is the space's to fix, not an outage of the store: say which it is.
      const full = code === 'SQLITE_FULL';
      return Promise.reject(
        new EcnError(
          full ? 'ECN_ERR_STORE_FULL' : 'ECN_ERR_STORE_UNAVAILABLE',
          full ? "The box's data disk is full: nothing was written." : message,
          { sqlite: code },
          { cause: err },
        ),
      );
    }
  }

  ping(): Promise<void> {
    return this.run((db) => {
      this.prepare(db, 'SELECT 1').get();
    });
  }

  createBatch(batch: Batch, tickets: Ticket[]): Promise<void> {
    return this.run((db) => {
      const insertBatch = db.prepare('INSERT INTO batches (id, created_at, data) VALUES (?, ?, ?)');
      const insertTicket = db.prepare(
        'INSERT INTO tickets (id, code, batch_id, created_at, data) VALUES (?, ?, ?, ?, ?)',
      );
      db.transaction(() => {
        insertBatch.run(batch.id, batch.createdAt, JSON.stringify(batch));
        for (const t of tickets) {
          insertTicket.run(t.id, t.code, t.batchId, t.createdAt, JSON.stringify(t));
          this.indexDevices(db, null, t);
        }
      }).immediate();
    });
  }

  getBatch(id: string): Promise<Batch | null> {
    return this.run((db) => {
      const row = db.prepare('SELECT data FROM batches WHERE id = ?').get(id) as { data: string } | undefined;
      return row ? readRecord(batchRecord, row.data, 'batch') : null;
    });
  }

  listBatches(limit: number): Promise<Batch[]> {
    return this.run((db) => {
      const rows = db.prepare('SELECT data FROM batches ORDER BY created_at DESC, id LIMIT ?').all(limit) as {
        data: string;
      }[];
      return rows.map((r) => readRecord(batchRecord, r.data, 'batch'));
    });
  }

  listBatchesWithTickets(limit: number): Promise<BatchWithTickets[]> {
    return this.run((db) => {
      // One statement: the newest batches joined to their tickets, in listTickets' order.
      const rows = db
        .prepare(
          'SELECT b.id AS id, b.data AS batch, t.data AS ticket FROM ' +
            '(SELECT id, data, created_at FROM batches ORDER BY created_at DESC, id LIMIT ?) b ' +
            'LEFT JOIN tickets t ON t.batch_id = b.id ' +
            'ORDER BY b.created_at DESC, b.id, t.created_at DESC, t.rowid',
        )
        .all(limit) as { id: string; batch: string; ticket: string | null }[];
      const out: BatchWithTickets[] = [];
      for (const r of rows) {
        if (out.at(-1)?.batch.id !== r.id)
          out.push({ batch: readRecord(batchRecord, r.batch, 'batch'), tickets: [] });
        if (r.ticket !== null) out.at(-1)!.tickets.push(readRecord(ticketRecord, r.ticket, 'ticket'));
      }
      return out;
    });
  }

  getTicket(id: string): Promise<Ticket | null> {
    return this.run((db) => this.readTicket(db, 'id', id));
  }

  findTicketByCode(code: string): Promise<Ticket | null> {
    return this.run((db) => this.readTicket(db, 'code', code));
  }

  private readTicket(db: Database.Database, column: 'id' | 'code', value: string): Ticket | null {
    // pluck: the one column as a value, without building a row object.
    const data = this.prepare(db, `SELECT data FROM tickets WHERE ${column} = ?`).pluck().get(value) as
      string | undefined;
    return data === undefined ? null : this.parsedTickets.read(data);
  }

  listTickets(query: TicketQuery): Promise<Ticket[]> {
    return this.run((db) => {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (query.batchId !== undefined) {
        where.push('batch_id = ?');
        args.push(query.batchId);
      }
      if (query.createdSince !== undefined) {
        where.push('created_at >= ?');
        args.push(query.createdSince);
      }
      const sql =
        'SELECT data FROM tickets' +
        (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
        ' ORDER BY created_at DESC, rowid LIMIT ?';
      const rows = db.prepare(sql).all(...args, query.limit ?? 10000) as { data: string }[];
      return rows.map((r) => readRecord(ticketRecord, r.data, 'ticket'));
    });
  }

  updateTicket(id: string, change: Mutation<Ticket>): Promise<Ticket | null> {
    return this.run((db) =>
      db
        .transaction(() => {
          const current = this.readTicket(db, 'id', id);
          if (!current) return null;
          const next = ticketRecord.parse(change(current));
          this.prepare(db, 'UPDATE tickets SET data = ? WHERE id = ?').run(JSON.stringify(next), id);
          this.indexDevices(db, current, next);
          return next;
        })
        .immediate(),
    );
  }

  /** Keeps `ticket_devices` in step with a ticket's bindings; runs inside the ticket's transaction. */
  private indexDevices(db: Database.Database, before: Ticket | null, after: Ticket): void {
    const remove = this.prepare(db, 'DELETE FROM ticket_devices WHERE device = ? AND ticket_id = ?');
    for (const device of before ? unboundDevices(before, after) : []) remove.run(device, after.id);
    const upsert = this.prepare(
      db,
      'INSERT INTO ticket_devices (device, ticket_id, usable_until) VALUES (?, ?, ?) ' +
        'ON CONFLICT (device, ticket_id) DO UPDATE SET usable_until = excluded.usable_until',
    );
    for (const b of deviceBindings(after)) upsert.run(b.device, after.id, b.usableUntil);
  }

  listTicketsByDevice(device: string, now: number, limit: number): Promise<Ticket[]> {
    return this.run((db) => {
      const rows = this.prepare(
        db,
        'SELECT t.data FROM ticket_devices d JOIN tickets t ON t.id = d.ticket_id ' +
          'WHERE d.device = ? AND d.usable_until > ? ORDER BY d.usable_until DESC, d.ticket_id LIMIT ?',
      )
        .pluck()
        .all(device, now, limit) as string[];
      return rows.map((data) => readRecord(ticketRecord, data, 'ticket'));
    });
  }

  recordAcceptance(a: CharterAcceptance): Promise<void> {
    return this.run((db) => {
      db.prepare(
        'INSERT INTO acceptances (id, space_id, device, accepted_at, data) VALUES (?, ?, ?, ?, ?)',
      ).run(a.id, a.spaceId, a.device, a.acceptedAt, JSON.stringify(acceptanceRecord.parse(a)));
    });
  }

  latestAcceptance(device: string): Promise<CharterAcceptance | null> {
    return this.run((db) => {
      const row = db
        .prepare(
          'SELECT data FROM acceptances WHERE device = ? AND space_id = ? ' +
            'ORDER BY accepted_at DESC, rowid DESC LIMIT 1',
        )
        .get(device, this.spaceId) as { data: string } | undefined;
      return row ? readRecord(acceptanceRecord, row.data, 'charter acceptance') : null;
    });
  }

  createSession(s: Session): Promise<void> {
    return this.run((db) => {
      this.prepare(
        db,
        'INSERT INTO sessions (id, space_id, ticket_id, started_at, open, device, nas_key, data) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
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
    return this.run((db) => this.readSession(db, id));
  }

  private readSession(db: Database.Database, id: string): Session | null {
    const row = this.prepare(db, 'SELECT data FROM sessions WHERE id = ?').get(id) as
      { data: string } | undefined;
    return row ? readRecord(sessionRecord, row.data, 'session') : null;
  }

  updateSession(id: string, change: Mutation<Session>): Promise<Session | null> {
    return this.run((db) =>
      db
        .transaction(() => {
          const current = this.readSession(db, id);
          if (!current) return null;
          const next = sessionRecord.parse(change(current));
          this.prepare(
            db,
            'UPDATE sessions SET data = ?, space_id = ?, open = ?, device = ?, nas_key = ? WHERE id = ?',
          ).run(
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
    return this.run((db) => {
      const rows = this.prepare(
        db,
        'SELECT data FROM sessions WHERE space_id = ? AND open = 1 ORDER BY started_at, rowid',
      ).all(this.spaceId) as { data: string }[];
      return rows.map((r) => readRecord(sessionRecord, r.data, 'session'));
    });
  }

  listSessionsByTicket(ticketId: string): Promise<Session[]> {
    return this.run((db) => {
      const rows = this.prepare(
        db,
        'SELECT data FROM sessions WHERE ticket_id = ? ORDER BY started_at, rowid',
      ).all(ticketId) as { data: string }[];
      return rows.map((r) => readRecord(sessionRecord, r.data, 'session'));
    });
  }

  listOpenSessionsByDevice(device: string, limit: number): Promise<Session[]> {
    return this.run((db) => {
      const rows = this.prepare(
        db,
        'SELECT data FROM sessions WHERE device = ? AND open = 1 AND space_id = ? ' +
          'ORDER BY started_at DESC, rowid DESC LIMIT ?',
      )
        .pluck()
        .all(device, this.spaceId, limit) as string[];
      return rows.map((data) => readRecord(sessionRecord, data, 'session'));
    });
  }

  findNasSession(ticketId: string, nas: string, nasSessionId: string): Promise<Session | null> {
    return this.run((db) => {
      const data = this.prepare(
        db,
        'SELECT data FROM sessions WHERE nas_key = ? AND space_id = ? ORDER BY started_at, rowid LIMIT 1',
      )
        .pluck()
        .get(nasSessionKey(ticketId, nas, nasSessionId), this.spaceId) as string | undefined;
      return data === undefined ? null : readRecord(sessionRecord, data, 'session');
    });
  }

  // ---- Retention (issue 13). Each page is one transaction; a record that cannot be read back
  // (corrupt) is kept, since nothing can tell whether its time has come.

  async purgeSessions(endedBefore: number): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.run(
        (db) =>
          this.prepare(
            db,
            // INDEXED BY: without statistics the planner would walk every ended session instead.
            'DELETE FROM sessions WHERE rowid IN (SELECT rowid FROM sessions INDEXED BY sessions_ended ' +
              "WHERE open = 0 AND json_valid(data) AND json_extract(data, '$.endedAt') < ? LIMIT ?)",
          ).run(endedBefore, PURGE_PAGE).changes,
      );
      total += n;
      if (n < PURGE_PAGE) return total;
      await nextTurn();
    }
  }

  purgeDeviceBindings(endedBefore: number): Promise<number> {
    return this.purgeTicketPages(endedBefore, "AND json_array_length(data, '$.devices') > 0", (db, t) => {
      const next: Ticket = { ...t, devices: [], version: t.version + 1 };
      this.prepare(db, 'UPDATE tickets SET data = ? WHERE id = ?').run(JSON.stringify(next), t.id);
      this.indexDevices(db, t, next);
      return true;
    });
  }

  purgeTickets(endedBefore: number): Promise<number> {
    return this.purgeTicketPages(endedBefore, '', (db, t) => {
      const open = this.prepare(db, 'SELECT 1 FROM sessions WHERE ticket_id = ? AND open = 1 LIMIT 1')
        .pluck()
        .get(t.id);
      if (open !== undefined) return false;
      const unbind = this.prepare(db, 'DELETE FROM ticket_devices WHERE device = ? AND ticket_id = ?');
      for (const device of new Set(t.devices)) unbind.run(device, t.id);
      this.prepare(db, 'DELETE FROM tickets WHERE id = ?').run(t.id);
      this.prepare(
        db,
        'DELETE FROM batches WHERE id = ? AND NOT EXISTS (SELECT 1 FROM tickets WHERE batch_id = ?)',
      ).run(t.batchId, t.batchId);
      return true;
    });
  }

  /**
   * Pages through the tickets created before `endedBefore` (a ticket cannot end before it was
   * made), by rowid, and applies `purge` to each one that ended before it; `purge` says whether
   * it changed anything.
   */
  private async purgeTicketPages(
    endedBefore: number,
    filter: string,
    purge: (db: Database.Database, t: Ticket) => boolean,
  ): Promise<number> {
    let total = 0;
    for (let after = 0; ;) {
      const page = await this.run((db) =>
        db
          .transaction(() => {
            const rows = this.prepare(
              db,
              `SELECT rowid, data FROM tickets WHERE rowid > ? AND created_at < ? ${filter} ` +
                'ORDER BY rowid LIMIT ?',
            ).all(after, endedBefore, PURGE_PAGE) as { rowid: number; data: string }[];
            let changed = 0;
            for (const row of rows) {
              const t = readOrNull(ticketRecord, row.data);
              if (t && ticketEndedBefore(t, endedBefore) && purge(db, t)) changed++;
            }
            return { changed, last: rows.at(-1)?.rowid, full: rows.length === PURGE_PAGE };
          })
          .immediate(),
      );
      total += page.changed;
      if (!page.full || page.last === undefined) return total;
      after = page.last;
      await nextTurn();
    }
  }

  async purgeAcceptances(before: number): Promise<number> {
    let total = 0;
    // Keyset paging on (accepted_at, rowid), the order of the acceptances_at index.
    for (let after = { at: -1, rowid: 0 }; ;) {
      const page = await this.run((db) =>
        db
          .transaction(() => {
            const rows = this.prepare(
              db,
              'SELECT rowid, accepted_at AS at, id, data FROM acceptances INDEXED BY acceptances_at ' +
                'WHERE accepted_at < ? AND (accepted_at, rowid) > (?, ?) ' +
                'ORDER BY accepted_at, rowid LIMIT ?',
            ).all(before, after.at, after.rowid, PURGE_PAGE) as {
              rowid: number;
              at: number;
              id: string;
              data: string;
            }[];
            const remove = this.prepare(db, 'DELETE FROM acceptances WHERE id = ?');
            let removed = 0;
            for (const row of rows) {
              const a = readOrNull(acceptanceRecord, row.data);
              if (!a) continue;
              if (a.ticketId !== null) {
                const data = this.prepare(db, 'SELECT data FROM tickets WHERE id = ?')
                  .pluck()
                  .get(a.ticketId) as string | undefined;
                // The proof is kept while its ticket may still be used, and as long after it ended.
                if (data !== undefined) {
                  const t = readOrNull(ticketRecord, data);
                  if (!t || !ticketEndedBefore(t, before)) continue;
                }
              }
              removed += remove.run(row.id).changes;
            }
            const last = rows.at(-1);
            return {
              removed,
              last: last && { at: last.at, rowid: last.rowid },
              full: rows.length === PURGE_PAGE,
            };
          })
          .immediate(),
      );
      total += page.removed;
      if (!page.full || page.last === undefined) return total;
      after = page.last;
      await nextTurn();
    }
  }

  private readCounter(db: Database.Database, key: string): DeviceCounter | null {
    // Cached statement: RADIUS reads the guessing counters on every PAP/CHAP request.
    const data = this.prepare(db, 'SELECT data FROM counters WHERE key = ?').pluck().get(key) as
      string | undefined;
    return data === undefined ? null : readRecord(counterRecord, data, 'counter');
  }

  getCounter(key: string): Promise<DeviceCounter | null> {
    return this.run((db) => this.readCounter(db, key));
  }

  updateCounter(
    key: string,
    change: (current: DeviceCounter | null) => DeviceCounter,
  ): Promise<DeviceCounter> {
    return this.run((db) =>
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
    return this.run((db) => {
      db.prepare('DELETE FROM counters WHERE key = ?').run(key);
    });
  }

  purgeCounters(now: number): Promise<number> {
    return this.run((db) => db.prepare('DELETE FROM counters WHERE expires_at < ?').run(now).changes);
  }

  // ---- Console (issue 7)

  createUser(user: ConsoleUser): Promise<boolean> {
    return this.run((db) => {
      const data = JSON.stringify(userRecord.parse(user));
      return (
        db
          .prepare('INSERT INTO console_users (username, data) VALUES (?, ?) ON CONFLICT DO NOTHING')
          .run(user.username, data).changes === 1
      );
    });
  }

  private readUser(db: Database.Database, username: string): ConsoleUser | null {
    const data = this.prepare(db, 'SELECT data FROM console_users WHERE username = ?')
      .pluck()
      .get(username) as string | undefined;
    return data === undefined ? null : readRecord(userRecord, data, 'console user');
  }

  getUser(username: string): Promise<ConsoleUser | null> {
    return this.run((db) => this.readUser(db, username));
  }

  listUsers(): Promise<ConsoleUser[]> {
    return this.run((db) =>
      (db.prepare('SELECT data FROM console_users ORDER BY username').pluck().all() as string[]).map((d) =>
        readRecord(userRecord, d, 'console user'),
      ),
    );
  }

  updateUser(username: string, change: Mutation<ConsoleUser>): Promise<ConsoleUser | null> {
    return this.run((db) =>
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
    return this.run((db) => {
      db.prepare('INSERT INTO console_sessions (id, expires_at, data) VALUES (?, ?, ?)').run(
        s.id,
        s.expiresAt,
        JSON.stringify(consoleSessionRecord.parse(s)),
      );
    });
  }

  private readConsoleSession(db: Database.Database, id: string): ConsoleSession | null {
    const data = this.prepare(db, 'SELECT data FROM console_sessions WHERE id = ?').pluck().get(id) as
      string | undefined;
    return data === undefined ? null : readRecord(consoleSessionRecord, data, 'console session');
  }

  getConsoleSession(id: string): Promise<ConsoleSession | null> {
    return this.run((db) => this.readConsoleSession(db, id));
  }

  updateConsoleSession(id: string, change: Mutation<ConsoleSession>): Promise<ConsoleSession | null> {
    return this.run((db) =>
      db
        .transaction(() => {
          const current = this.readConsoleSession(db, id);
          if (!current) return null;
          const next = consoleSessionRecord.parse({ ...change(current), id, version: current.version + 1 });
          this.prepare(db, 'UPDATE console_sessions SET data = ?, expires_at = ? WHERE id = ?').run(
            JSON.stringify(next),
            next.expiresAt,
            id,
          );
          return next;
        })
        .immediate(),
    );
  }

  deleteConsoleSession(id: string): Promise<void> {
    return this.run((db) => {
      db.prepare('DELETE FROM console_sessions WHERE id = ?').run(id);
    });
  }

  purgeConsoleSessions(now: number): Promise<number> {
    return this.run((db) => db.prepare('DELETE FROM console_sessions WHERE expires_at < ?').run(now).changes);
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    return this.run((db) => {
      db.prepare('INSERT INTO audit (id, at, action, data) VALUES (?, ?, ?, ?)').run(
        entry.id,
        entry.at,
        entry.action,
        JSON.stringify(auditRecord.parse({ ...entry, spaceId: this.spaceId })),
      );
    });
  }

  listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return this.run((db) => {
      // An embedded store is one box's: entries written before spaces were recorded are its own.
      const where: string[] = [
        "(json_extract(data, '$.spaceId') IS NULL OR json_extract(data, '$.spaceId') = ?)",
      ];
      const args: (string | number)[] = [this.spaceId];
      if (query.before !== undefined) {
        where.push('at < ?');
        args.push(query.before);
      }
      if (query.action !== undefined) {
        where.push('action = ?');
        args.push(query.action);
      }
      const sql =
        'SELECT data FROM audit' +
        (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
        ' ORDER BY at DESC, rowid DESC LIMIT ?';
      return (
        db
          .prepare(sql)
          .pluck()
          .all(...args, query.limit) as string[]
      ).map((d) => readRecord(auditRecord, d, 'audit entry'));
    });
  }

  purgeAudit(before: number): Promise<number> {
    return this.run((db) => db.prepare('DELETE FROM audit WHERE at < ?').run(before).changes);
  }

  private readSettings(db: Database.Database): SpaceSettings | null {
    const data = this.prepare(db, 'SELECT data FROM space_settings WHERE space_id = ?')
      .pluck()
      .get(this.spaceId) as string | undefined;
    return data === undefined ? null : readRecord(settingsRecord, data, 'settings');
  }

  getSettings(): Promise<SpaceSettings | null> {
    return this.run((db) => this.readSettings(db));
  }

  updateSettings(change: (current: SpaceSettings | null) => SpaceSettings): Promise<SpaceSettings> {
    return this.run((db) =>
      db
        .transaction(() => {
          const current = this.readSettings(db);
          const next = settingsRecord.parse({ ...change(current), version: (current?.version ?? 0) + 1 });
          db.prepare(
            'INSERT INTO space_settings (space_id, data) VALUES (?, ?) ' +
              'ON CONFLICT(space_id) DO UPDATE SET data = excluded.data',
          ).run(this.spaceId, JSON.stringify(next));
          return next;
        })
        .immediate(),
    );
  }

  // ---- Calls for help and attendance (issue 15, items 5 and 6)

  saveHelpRequest(
    spaceId: string,
    device: string,
    change: (current: HelpRequest | null) => HelpRequest,
  ): Promise<HelpRequest> {
    return this.run((db) =>
      db
        .transaction(() => {
          const data = this.prepare(db, 'SELECT data FROM help_requests WHERE space_id = ? AND device = ?')
            .pluck()
            .get(spaceId, device) as string | undefined;
          const current = data === undefined ? null : readRecord(helpRequestRecord, data, 'help request');
          const next = helpRequestRecord.parse({ ...change(current), spaceId, device });
          if (current && current.id !== next.id) {
            throw new EcnError('ECN_ERR_INTERNAL', 'A refreshed help request must keep its id.');
          }
          db.prepare(
            'INSERT INTO help_requests (id, space_id, device, opened_at, asked_at, data) VALUES (?, ?, ?, ?, ?, ?) ' +
              'ON CONFLICT(space_id, device) DO UPDATE SET opened_at = excluded.opened_at, ' +
              'asked_at = excluded.asked_at, data = excluded.data',
          ).run(next.id, spaceId, device, next.openedAt, next.askedAt, JSON.stringify(next));
          return next;
        })
        .immediate(),
    );
  }

  listHelpRequests(spaceId: string): Promise<HelpRequest[]> {
    return this.run((db) =>
      (
        this.prepare(db, 'SELECT data FROM help_requests WHERE space_id = ? ORDER BY opened_at, id')
          .pluck()
          .all(spaceId) as string[]
      ).map((d) => readRecord(helpRequestRecord, d, 'help request')),
    );
  }

  closeHelpRequest(spaceId: string, id: string): Promise<HelpRequest | null> {
    return this.run((db) =>
      db
        .transaction(() => {
          const data = db
            .prepare('SELECT data FROM help_requests WHERE space_id = ? AND id = ?')
            .pluck()
            .get(spaceId, id) as string | undefined;
          if (data === undefined) return null;
          db.prepare('DELETE FROM help_requests WHERE space_id = ? AND id = ?').run(spaceId, id);
          return readOrNull(helpRequestRecord, data);
        })
        .immediate(),
    );
  }

  purgeHelpRequests(spaceId: string, askedBefore: number): Promise<number> {
    return this.run(
      (db) =>
        db.prepare('DELETE FROM help_requests WHERE space_id = ? AND asked_at < ?').run(spaceId, askedBefore)
          .changes,
    );
  }

  saveAttendance(entry: AttendanceEntry): Promise<AttendanceEntry | null> {
    return this.run((db) =>
      db
        .transaction(() => {
          const next = attendanceRecord.parse(entry);
          const data = db
            .prepare('SELECT data FROM attendance WHERE space_id = ? AND id = ?')
            .pluck()
            .get(next.spaceId, next.id) as string | undefined;
          db.prepare(
            'INSERT INTO attendance (space_id, id, day, recorded_at, data) VALUES (?, ?, ?, ?, ?) ' +
              'ON CONFLICT(space_id, id) DO UPDATE SET day = excluded.day, ' +
              'recorded_at = excluded.recorded_at, data = excluded.data',
          ).run(next.spaceId, next.id, next.day, next.recordedAt, JSON.stringify(next));
          return data === undefined ? null : readOrNull(attendanceRecord, data);
        })
        .immediate(),
    );
  }

  listAttendance(spaceId: string, fromDay: string, toDay: string): Promise<AttendanceEntry[]> {
    return this.run((db) =>
      (
        this.prepare(
          db,
          'SELECT data FROM attendance WHERE space_id = ? AND day >= ? AND day <= ? ORDER BY day, recorded_at, id',
        )
          .pluck()
          .all(spaceId, fromDay, toDay) as string[]
      ).map((d) => readRecord(attendanceRecord, d, 'attendance entry')),
    );
  }

  deleteAttendance(spaceId: string, id: string): Promise<AttendanceEntry | null> {
    return this.run((db) =>
      db
        .transaction(() => {
          const data = db
            .prepare('SELECT data FROM attendance WHERE space_id = ? AND id = ?')
            .pluck()
            .get(spaceId, id) as string | undefined;
          if (data === undefined) return null;
          db.prepare('DELETE FROM attendance WHERE space_id = ? AND id = ?').run(spaceId, id);
          return readOrNull(attendanceRecord, data);
        })
        .immediate(),
    );
  }

  // ---- Issue #15, item 2: the space's own devices.

  putTrustedDevice(device: TrustedDevice): Promise<boolean> {
    return this.run((db) =>
      db
        .transaction(() => {
          const data = JSON.stringify(trustedDeviceRecord.parse(device));
          const existed =
            db
              .prepare('SELECT 1 FROM trusted_devices WHERE space_id = ? AND mac = ?')
              .get(device.spaceId, device.mac) !== undefined;
          db.prepare(
            'INSERT INTO trusted_devices (space_id, mac, data) VALUES (?, ?, ?) ' +
              'ON CONFLICT(space_id, mac) DO UPDATE SET data = excluded.data',
          ).run(device.spaceId, device.mac, data);
          return !existed;
        })
        .immediate(),
    );
  }

  getTrustedDevice(spaceId: string, mac: string): Promise<TrustedDevice | null> {
    return this.run((db) => {
      const data = this.prepare(db, 'SELECT data FROM trusted_devices WHERE space_id = ? AND mac = ?')
        .pluck()
        .get(spaceId, mac) as string | undefined;
      return data === undefined ? null : readRecord(trustedDeviceRecord, data, 'trusted device');
    });
  }

  listTrustedDevices(spaceId: string): Promise<TrustedDevice[]> {
    return this.run((db) =>
      (db.prepare('SELECT data FROM trusted_devices WHERE space_id = ?').pluck().all(spaceId) as string[])
        .map((d) => readRecord(trustedDeviceRecord, d, 'trusted device'))
        .sort(byLabel),
    );
  }

  deleteTrustedDevice(spaceId: string, mac: string): Promise<boolean> {
    return this.run(
      (db) =>
        db.prepare('DELETE FROM trusted_devices WHERE space_id = ? AND mac = ?').run(spaceId, mac).changes ===
        1,
    );
  }
}

/** A record that does not match its schema is left alone by the purge (null), never guessed at. */
function readOrNull<T>(schema: z.ZodType<T>, data: string): T | null {
  try {
    return readRecord(schema, data, 'record');
  } catch (err) {
    if (isEcnError(err, 'ECN_ERR_STORE_CORRUPT')) return null;
    throw err;
  }
}
