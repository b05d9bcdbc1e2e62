// A Store held in the process's memory, for tests: the same port and the same contract suite
// as SQLite and Redis (test/contract), so a use-case test needs no file and no server. Every
// record is validated and copied through its JSON form on the way in and out, as the real
// stores do, so a test cannot pass by sharing an object with the store. Not for production:
// nothing survives a restart.

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
import { byLabel, type TrustedDevice } from '../domain/trusted-device';
import { deviceBindings, nasSessionKey, nasSessionKeyOf, sessionDeviceKey } from './device-index';
import {
  acceptanceRecord,
  attendanceRecord,
  auditRecord,
  batchRecord,
  consoleSessionRecord,
  counterRecord,
  helpRequestRecord,
  readRecord,
  sessionRecord,
  settingsRecord,
  ticketRecord,
  trustedDeviceRecord,
  userRecord,
} from './records';

/** A stored record: its JSON text, and the order it was first written in (SQLite's rowid). */
interface Row {
  seq: number;
  data: string;
}

/** A table of rows by key, kept in insertion order. */
class Table {
  readonly rows = new Map<string, Row>();

  put(key: string, data: string, seq: number): void {
    const row = this.rows.get(key);
    this.rows.set(key, { seq: row?.seq ?? seq, data });
  }
}

/** What the stores of one test share: two MemoryStores on one data are two boxes on one pool. */
export class MemoryData {
  private seq = 0;
  readonly batches = new Table();
  readonly tickets = new Table();
  readonly codes = new Map<string, string>();
  readonly acceptances = new Table();
  readonly sessions = new Table();
  readonly counters = new Table();
  readonly users = new Table();
  readonly consoleSessions = new Table();
  readonly audit = new Table();
  readonly settings = new Table();
  readonly help = new Table();
  readonly attendance = new Table();
  readonly trusted = new Table();

  next(): number {
    return ++this.seq;
  }

  /** Test hook: replaces a stored ticket's text (a corrupt row). */
  corruptTicket(id: string, data: string): void {
    const row = this.tickets.rows.get(id);
    if (row) row.data = data;
  }
}

/** Audit entries younger than this cannot be removed (the embedded store's trigger). */
const AUDIT_LOCK_MS = 90 * 86_400_000;

export class MemoryStore implements Store {
  /** It stands in for the embedded store: one box's data, no pool, no outage but `stop()`. */
  readonly kind = 'embedded' as const;
  private open = false;

  constructor(
    readonly spaceId: string,
    private readonly data: MemoryData = new MemoryData(),
  ) {}

  async start(): Promise<void> {
    this.open = true;
  }

  async stop(): Promise<void> {
    this.open = false;
  }

  /** Runs `fn` at once, as one atomic step (nothing else runs between its reads and writes). */
  private run<T>(fn: (d: MemoryData) => T): Promise<T> {
    if (!this.open) {
      return Promise.reject(new EcnError('ECN_ERR_STORE_UNAVAILABLE', 'The memory store is not open.'));
    }
    try {
      return Promise.resolve(fn(this.data));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  ping(): Promise<void> {
    return this.run(() => undefined);
  }

  // ---- Batches and tickets

  createBatch(batch: Batch, tickets: Ticket[]): Promise<void> {
    return this.run((d) => {
      const rows = tickets.map((t) => ticketRecord.parse(t));
      const codes = new Set(rows.map((t) => t.code));
      if (codes.size !== rows.length || rows.some((t) => d.codes.has(t.code) || d.tickets.rows.has(t.id))) {
        throw new EcnError('ECN_ERR_STORE_UNAVAILABLE', 'A ticket code or id is already stored.');
      }
      d.batches.put(batch.id, JSON.stringify(batchRecord.parse(batch)), d.next());
      for (const t of rows) {
        d.tickets.put(t.id, JSON.stringify(t), d.next());
        d.codes.set(t.code, t.id);
      }
    });
  }

  getBatch(id: string): Promise<Batch | null> {
    return this.run((d) => read(batchRecord, d.batches.rows.get(id), 'batch'));
  }

  listBatches(limit: number): Promise<Batch[]> {
    return this.run((d) =>
      all(batchRecord, d.batches, 'batch')
        .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
        .slice(0, limit),
    );
  }

  async listBatchesWithTickets(limit: number): Promise<BatchWithTickets[]> {
    // Memory has no round trips to save: the batches, then each one's tickets as listTickets gives them.
    const batches = await this.listBatches(limit);
    return Promise.all(
      batches.map(async (batch) => ({ batch, tickets: await this.listTickets({ batchId: batch.id }) })),
    );
  }

  getTicket(id: string): Promise<Ticket | null> {
    return this.run((d) => read(ticketRecord, d.tickets.rows.get(id), 'ticket'));
  }

  findTicketByCode(code: string): Promise<Ticket | null> {
    return this.run((d) => {
      const id = d.codes.get(code);
      return id === undefined ? null : read(ticketRecord, d.tickets.rows.get(id), 'ticket');
    });
  }

  listTickets(query: TicketQuery): Promise<Ticket[]> {
    return this.run((d) =>
      all(ticketRecord, d.tickets, 'ticket')
        .filter((t) => query.batchId === undefined || t.batchId === query.batchId)
        .filter((t) => query.createdSince === undefined || t.createdAt >= query.createdSince)
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, query.limit ?? 10000),
    );
  }

  updateTicket(id: string, change: Mutation<Ticket>): Promise<Ticket | null> {
    return this.run((d) => {
      const current = read(ticketRecord, d.tickets.rows.get(id), 'ticket');
      if (!current) return null;
      const next = ticketRecord.parse(change(current));
      d.tickets.put(id, JSON.stringify(next), d.next());
      return next;
    });
  }

  listTicketsByDevice(device: string, now: number, limit: number): Promise<Ticket[]> {
    return this.run((d) =>
      all(ticketRecord, d.tickets, 'ticket')
        .map((t) => ({ t, until: deviceBindings(t).find((b) => b.device === device)?.usableUntil }))
        .filter((x): x is { t: Ticket; until: number } => x.until !== undefined && x.until > now)
        .sort((a, b) => b.until - a.until || a.t.id.localeCompare(b.t.id))
        .slice(0, limit)
        .map((x) => x.t),
    );
  }

  // ---- Charter acceptances and sessions

  recordAcceptance(a: CharterAcceptance): Promise<void> {
    return this.run((d) => d.acceptances.put(a.id, JSON.stringify(acceptanceRecord.parse(a)), d.next()));
  }

  latestAcceptance(device: string): Promise<CharterAcceptance | null> {
    return this.run((d) => {
      const mine = all(acceptanceRecord, d.acceptances, 'charter acceptance', true).filter(
        (a) => a.device === device && a.spaceId === this.spaceId,
      );
      return mine.sort((a, b) => b.acceptedAt - a.acceptedAt)[0] ?? null;
    });
  }

  createSession(s: Session): Promise<void> {
    return this.run((d) => {
      if (d.sessions.rows.has(s.id)) throw new EcnError('ECN_ERR_STORE_UNAVAILABLE', 'Session id taken.');
      d.sessions.put(s.id, JSON.stringify(sessionRecord.parse(s)), d.next());
    });
  }

  getSession(id: string): Promise<Session | null> {
    return this.run((d) => read(sessionRecord, d.sessions.rows.get(id), 'session'));
  }

  updateSession(id: string, change: Mutation<Session>): Promise<Session | null> {
    return this.run((d) => {
      const current = read(sessionRecord, d.sessions.rows.get(id), 'session');
      if (!current) return null;
      const next = sessionRecord.parse(change(current));
      d.sessions.put(id, JSON.stringify(next), d.next());
      return next;
    });
  }

  /** Sessions in start order (then first written), read back through their schema. */
  private sessions(d: MemoryData, keep: (s: Session) => boolean): Session[] {
    return all(sessionRecord, d.sessions, 'session')
      .filter(keep)
      .sort((a, b) => a.startedAt - b.startedAt);
  }

  listOpenSessions(): Promise<Session[]> {
    return this.run((d) => this.sessions(d, (s) => s.endedAt === null && s.spaceId === this.spaceId));
  }

  listSessionsByTicket(ticketId: string): Promise<Session[]> {
    return this.run((d) => this.sessions(d, (s) => s.ticketId === ticketId));
  }

  listOpenSessionsByDevice(device: string, limit: number): Promise<Session[]> {
    return this.run((d) =>
      this.sessions(
        d,
        (s) => s.endedAt === null && s.spaceId === this.spaceId && sessionDeviceKey(s.device) === device,
      )
        .reverse()
        .slice(0, limit),
    );
  }

  findNasSession(ticketId: string, nas: string, nasSessionId: string): Promise<Session | null> {
    const key = nasSessionKey(ticketId, nas, nasSessionId);
    return this.run(
      (d) => this.sessions(d, (s) => s.spaceId === this.spaceId && nasSessionKeyOf(s) === key)[0] ?? null,
    );
  }

  // ---- Retention (issue 13): a record that cannot be read back is kept, as in SQLite.

  purgeSessions(endedBefore: number): Promise<number> {
    return this.run((d) =>
      remove(d.sessions, sessionRecord, (s) => s.endedAt !== null && s.endedAt < endedBefore),
    );
  }

  purgeDeviceBindings(endedBefore: number): Promise<number> {
    return this.run((d) => {
      let n = 0;
      for (const [id, row] of d.tickets.rows) {
        const t = readOrNull(ticketRecord, row.data);
        if (!t || t.devices.length === 0 || !ticketEndedBefore(t, endedBefore)) continue;
        d.tickets.put(id, JSON.stringify({ ...t, devices: [], version: t.version + 1 }), d.next());
        n++;
      }
      return n;
    });
  }

  purgeAcceptances(before: number): Promise<number> {
    return this.run((d) =>
      remove(d.acceptances, acceptanceRecord, (a) => {
        if (a.acceptedAt >= before) return false;
        if (a.ticketId === null) return true;
        const row = d.tickets.rows.get(a.ticketId);
        if (!row) return true;
        // The proof is kept while its ticket may still be used, and as long after it ended.
        const t = readOrNull(ticketRecord, row.data);
        return t !== null && ticketEndedBefore(t, before);
      }),
    );
  }

  purgeTickets(endedBefore: number): Promise<number> {
    return this.run((d) => {
      const open = new Set(
        all(sessionRecord, d.sessions, 'session', true)
          .filter((s) => s.endedAt === null)
          .map((s) => s.ticketId),
      );
      const gone = new Set<string>();
      const n = remove(d.tickets, ticketRecord, (t) => {
        if (open.has(t.id) || !ticketEndedBefore(t, endedBefore)) return false;
        d.codes.delete(t.code);
        gone.add(t.batchId);
        return true;
      });
      const left = new Set(all(ticketRecord, d.tickets, 'ticket', true).map((t) => t.batchId));
      for (const batch of gone) if (!left.has(batch)) d.batches.rows.delete(batch);
      return n;
    });
  }

  // ---- Per-device counters

  getCounter(key: string): Promise<DeviceCounter | null> {
    return this.run((d) => read(counterRecord, d.counters.rows.get(key), 'counter'));
  }

  updateCounter(
    key: string,
    change: (current: DeviceCounter | null) => DeviceCounter,
  ): Promise<DeviceCounter> {
    return this.run((d) => {
      const next = counterRecord.parse({
        ...change(read(counterRecord, d.counters.rows.get(key), 'counter')),
        key,
      });
      d.counters.put(key, JSON.stringify(next), d.next());
      return next;
    });
  }

  deleteCounter(key: string): Promise<void> {
    return this.run((d) => void d.counters.rows.delete(key));
  }

  purgeCounters(now: number): Promise<number> {
    return this.run((d) => remove(d.counters, counterRecord, (c) => c.expiresAt < now));
  }

  // ---- Console (issue 7)

  createUser(user: ConsoleUser): Promise<boolean> {
    return this.run((d) => {
      const data = JSON.stringify(userRecord.parse(user));
      if (d.users.rows.has(user.username)) return false;
      d.users.put(user.username, data, d.next());
      return true;
    });
  }

  getUser(username: string): Promise<ConsoleUser | null> {
    return this.run((d) => read(userRecord, d.users.rows.get(username), 'console user'));
  }

  listUsers(): Promise<ConsoleUser[]> {
    return this.run((d) =>
      all(userRecord, d.users, 'console user').sort((a, b) => (a.username < b.username ? -1 : 1)),
    );
  }

  updateUser(username: string, change: Mutation<ConsoleUser>): Promise<ConsoleUser | null> {
    return this.run((d) => {
      const current = read(userRecord, d.users.rows.get(username), 'console user');
      if (!current) return null;
      const next = userRecord.parse({ ...change(current), username, version: current.version + 1 });
      d.users.put(username, JSON.stringify(next), d.next());
      return next;
    });
  }

  createConsoleSession(s: ConsoleSession): Promise<void> {
    return this.run((d) =>
      d.consoleSessions.put(s.id, JSON.stringify(consoleSessionRecord.parse(s)), d.next()),
    );
  }

  getConsoleSession(id: string): Promise<ConsoleSession | null> {
    return this.run((d) => read(consoleSessionRecord, d.consoleSessions.rows.get(id), 'console session'));
  }

  updateConsoleSession(id: string, change: Mutation<ConsoleSession>): Promise<ConsoleSession | null> {
    return this.run((d) => {
      const current = read(consoleSessionRecord, d.consoleSessions.rows.get(id), 'console session');
      if (!current) return null;
      const next = consoleSessionRecord.parse({ ...change(current), id, version: current.version + 1 });
      d.consoleSessions.put(id, JSON.stringify(next), d.next());
      return next;
    });
  }

  deleteConsoleSession(id: string): Promise<void> {
    return this.run((d) => void d.consoleSessions.rows.delete(id));
  }

  purgeConsoleSessions(now: number): Promise<number> {
    return this.run((d) => remove(d.consoleSessions, consoleSessionRecord, (s) => s.expiresAt < now));
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    return this.run((d) =>
      d.audit.put(
        `${d.next()}`,
        JSON.stringify(auditRecord.parse({ ...entry, spaceId: this.spaceId })),
        d.next(),
      ),
    );
  }

  listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return this.run((d) =>
      [...d.audit.rows.values()]
        .reverse()
        .map((row) => readRecord(auditRecord, row.data, 'audit entry'))
        .filter((e) => e.spaceId === undefined || e.spaceId === null || e.spaceId === this.spaceId)
        .filter((e) => query.before === undefined || e.at < query.before)
        .filter((e) => query.action === undefined || e.action === query.action)
        .sort((a, b) => b.at - a.at)
        .slice(0, query.limit),
    );
  }

  purgeAudit(before: number): Promise<number> {
    return this.run((d) => {
      const lockedFrom = Date.now() - AUDIT_LOCK_MS;
      const doomed = [...d.audit.rows].filter(
        ([, row]) => readRecord(auditRecord, row.data, 'audit entry').at < before,
      );
      // As the embedded store's trigger: a young entry cannot go, and then nothing goes.
      if (doomed.some(([, row]) => readRecord(auditRecord, row.data, 'audit entry').at > lockedFrom)) {
        throw new EcnError('ECN_ERR_STORE_UNAVAILABLE', 'The audit trail is append-only for 90 days.');
      }
      for (const [key] of doomed) d.audit.rows.delete(key);
      return doomed.length;
    });
  }

  getSettings(): Promise<SpaceSettings | null> {
    return this.run((d) => read(settingsRecord, d.settings.rows.get(this.spaceId), 'settings'));
  }

  updateSettings(change: (current: SpaceSettings | null) => SpaceSettings): Promise<SpaceSettings> {
    return this.run((d) => {
      const current = read(settingsRecord, d.settings.rows.get(this.spaceId), 'settings');
      const next = settingsRecord.parse({ ...change(current), version: (current?.version ?? 0) + 1 });
      d.settings.put(this.spaceId, JSON.stringify(next), d.next());
      return next;
    });
  }

  // ---- Calls for help and attendance (issue 15, items 5 and 6)

  saveHelpRequest(
    spaceId: string,
    device: string,
    change: (current: HelpRequest | null) => HelpRequest,
  ): Promise<HelpRequest> {
    return this.run((d) => {
      const key = JSON.stringify([spaceId, device]);
      const current = read(helpRequestRecord, d.help.rows.get(key), 'help request');
      const next = helpRequestRecord.parse({ ...change(current), spaceId, device });
      if (current && current.id !== next.id) {
        throw new EcnError('ECN_ERR_INTERNAL', 'A refreshed help request must keep its id.');
      }
      d.help.put(key, JSON.stringify(next), d.next());
      return next;
    });
  }

  listHelpRequests(spaceId: string): Promise<HelpRequest[]> {
    return this.run((d) =>
      all(helpRequestRecord, d.help, 'help request')
        .filter((h) => h.spaceId === spaceId)
        .sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : 1)),
    );
  }

  closeHelpRequest(spaceId: string, id: string): Promise<HelpRequest | null> {
    return this.run((d) => {
      for (const [key, row] of d.help.rows) {
        const h = readOrNull(helpRequestRecord, row.data);
        if (h?.spaceId !== spaceId || h.id !== id) continue;
        d.help.rows.delete(key);
        return h;
      }
      return null;
    });
  }

  purgeHelpRequests(spaceId: string, askedBefore: number): Promise<number> {
    return this.run((d) =>
      remove(d.help, helpRequestRecord, (h) => h.spaceId === spaceId && h.askedAt < askedBefore),
    );
  }

  saveAttendance(entry: AttendanceEntry): Promise<AttendanceEntry | null> {
    return this.run((d) => {
      const next = attendanceRecord.parse(entry);
      const key = JSON.stringify([next.spaceId, next.id]);
      const before = d.attendance.rows.get(key);
      d.attendance.put(key, JSON.stringify(next), d.next());
      return before ? readOrNull(attendanceRecord, before.data) : null;
    });
  }

  listAttendance(spaceId: string, fromDay: string, toDay: string): Promise<AttendanceEntry[]> {
    return this.run((d) =>
      all(attendanceRecord, d.attendance, 'attendance entry')
        .filter((e) => e.spaceId === spaceId && e.day >= fromDay && e.day <= toDay)
        .sort((a, b) => cmp(a.day, b.day) || a.recordedAt - b.recordedAt || cmp(a.id, b.id)),
    );
  }

  deleteAttendance(spaceId: string, id: string): Promise<AttendanceEntry | null> {
    return this.run((d) => {
      const key = JSON.stringify([spaceId, id]);
      const row = d.attendance.rows.get(key);
      if (!row) return null;
      d.attendance.rows.delete(key);
      return readOrNull(attendanceRecord, row.data);
    });
  }

  // ---- Issue #15, item 2: the space's own devices.

  putTrustedDevice(device: TrustedDevice): Promise<boolean> {
    return this.run((d) => {
      const key = JSON.stringify([device.spaceId, device.mac]);
      const existed = d.trusted.rows.has(key);
      d.trusted.put(key, JSON.stringify(trustedDeviceRecord.parse(device)), d.next());
      return !existed;
    });
  }

  getTrustedDevice(spaceId: string, mac: string): Promise<TrustedDevice | null> {
    return this.run((d) =>
      read(trustedDeviceRecord, d.trusted.rows.get(JSON.stringify([spaceId, mac])), 'trusted device'),
    );
  }

  listTrustedDevices(spaceId: string): Promise<TrustedDevice[]> {
    return this.run((d) =>
      all(trustedDeviceRecord, d.trusted, 'trusted device')
        .filter((t) => t.spaceId === spaceId)
        .sort(byLabel),
    );
  }

  deleteTrustedDevice(spaceId: string, mac: string): Promise<boolean> {
    return this.run((d) => d.trusted.rows.delete(JSON.stringify([spaceId, mac])));
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function read<T>(schema: z.ZodType<T>, row: Row | undefined, what: string): T | null {
  return row === undefined ? null : readRecord(schema, row.data, what);
}

/** Every row of a table in the order written; `skipCorrupt` leaves out rows that do not read. */
function all<T>(schema: z.ZodType<T>, table: Table, what: string, skipCorrupt = false): T[] {
  const rows = [...table.rows.values()].sort((a, b) => a.seq - b.seq);
  if (!skipCorrupt) return rows.map((row) => readRecord(schema, row.data, what));
  return rows.map((row) => readOrNull(schema, row.data)).filter((x): x is T => x !== null);
}

/** Removes the rows `doomed` picks; a row that cannot be read back is kept. */
function remove<T>(table: Table, schema: z.ZodType<T>, doomed: (value: T) => boolean): number {
  let n = 0;
  for (const [key, row] of [...table.rows]) {
    const value = readOrNull(schema, row.data);
    if (value !== null && doomed(value)) {
      table.rows.delete(key);
      n++;
    }
  }
  return n;
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
