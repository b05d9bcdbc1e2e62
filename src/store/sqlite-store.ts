// The embedded store: one SQLite file (better-sqlite3), WAL journal with synchronous=FULL so
// that a commit that returned survives a power cut. Several processes (service and `ecn`)
// may open it; writers take an immediate transaction and wait for each other.
// This class composes the store's parts (src/store/sqlite/), one per group of tables, over one
// shared connection; the same parts, by the same names, make the memory store.

import type { BatchWithTickets, DeviceCounter, Mutation, Store, TicketQuery } from '../domain/ports';
import type { AuditEntry, AuditQuery, ConsoleSession, ConsoleUser, SpaceSettings } from '../domain/console';
import type { Batch, Ticket } from '../domain/ticket';
import type { CharterAcceptance } from '../domain/charter';
import type { Session } from '../domain/session';
import type { HelpRequest } from '../domain/help-request';
import type { AttendanceEntry } from '../domain/attendance';
import type { TrustedDevice } from '../domain/trusted-device';
import { SqliteConnection, type SqliteStoreOptions } from './sqlite/connection';
import { schemaVersionOf } from './sqlite/schema';
import { SqliteTickets } from './sqlite/tickets';
import { SqliteSessions } from './sqlite/sessions';
import { SqliteRetention } from './sqlite/retention';
import { SqliteCounters } from './sqlite/counters';
import { SqliteStaff } from './sqlite/staff';
import { SqliteAudit } from './sqlite/audit';
import { SqliteSettings } from './sqlite/settings';
import { SqliteDay } from './sqlite/day';

export type { SqliteStoreOptions } from './sqlite/connection';
export { storedSchemaVersion } from './sqlite/schema';

export class SqliteStore implements Store {
  readonly kind = 'embedded' as const;
  readonly spaceId: string;
  private readonly connection: SqliteConnection;
  private readonly tickets: SqliteTickets;
  private readonly sessions: SqliteSessions;
  private readonly retention: SqliteRetention;
  private readonly counters: SqliteCounters;
  private readonly staff: SqliteStaff;
  private readonly audit: SqliteAudit;
  private readonly settings: SqliteSettings;
  private readonly day: SqliteDay;

  constructor(options: SqliteStoreOptions) {
    this.spaceId = options.spaceId;
    const c = (this.connection = new SqliteConnection(options));
    this.tickets = new SqliteTickets(c);
    this.sessions = new SqliteSessions(c);
    this.retention = new SqliteRetention(c);
    this.counters = new SqliteCounters(c);
    this.staff = new SqliteStaff(c);
    this.audit = new SqliteAudit(c);
    this.settings = new SqliteSettings(c);
    this.day = new SqliteDay(c);
  }

  async start(): Promise<void> {
    this.connection.open();
  }

  async stop(): Promise<void> {
    this.tickets.forget();
    this.connection.close();
  }

  /** Schema version the open database is at (for tests and `ecn config check`). */
  schemaVersion(): number {
    return schemaVersionOf(this.connection.handle());
  }

  ping(): Promise<void> {
    return this.connection.run((db) => {
      this.connection.prepare(db, 'SELECT 1').get();
    });
  }

  // ---- Batches and tickets (sqlite/tickets.ts)

  createBatch(batch: Batch, tickets: Ticket[]): Promise<void> {
    return this.tickets.createBatch(batch, tickets);
  }
  getBatch(id: string): Promise<Batch | null> {
    return this.tickets.getBatch(id);
  }
  listBatches(limit: number): Promise<Batch[]> {
    return this.tickets.listBatches(limit);
  }
  listBatchesWithTickets(limit: number): Promise<BatchWithTickets[]> {
    return this.tickets.listBatchesWithTickets(limit);
  }
  getTicket(id: string): Promise<Ticket | null> {
    return this.tickets.getTicket(id);
  }
  findTicketByCode(code: string): Promise<Ticket | null> {
    return this.tickets.findTicketByCode(code);
  }
  listTickets(query: TicketQuery): Promise<Ticket[]> {
    return this.tickets.listTickets(query);
  }
  updateTicket(id: string, change: Mutation<Ticket>): Promise<Ticket | null> {
    return this.tickets.updateTicket(id, change);
  }
  listTicketsByDevice(device: string, now: number, limit: number): Promise<Ticket[]> {
    return this.tickets.listTicketsByDevice(device, now, limit);
  }

  // ---- Charter acceptances and sessions (sqlite/sessions.ts)

  recordAcceptance(a: CharterAcceptance): Promise<void> {
    return this.sessions.recordAcceptance(a);
  }
  latestAcceptance(device: string): Promise<CharterAcceptance | null> {
    return this.sessions.latestAcceptance(device);
  }
  createSession(s: Session): Promise<void> {
    return this.sessions.createSession(s);
  }
  getSession(id: string): Promise<Session | null> {
    return this.sessions.getSession(id);
  }
  updateSession(id: string, change: Mutation<Session>): Promise<Session | null> {
    return this.sessions.updateSession(id, change);
  }
  listOpenSessions(): Promise<Session[]> {
    return this.sessions.listOpenSessions();
  }
  listSessionsByTicket(ticketId: string): Promise<Session[]> {
    return this.sessions.listSessionsByTicket(ticketId);
  }
  listOpenSessionsByDevice(device: string, limit: number): Promise<Session[]> {
    return this.sessions.listOpenSessionsByDevice(device, limit);
  }
  findNasSession(ticketId: string, nas: string, nasSessionId: string): Promise<Session | null> {
    return this.sessions.findNasSession(ticketId, nas, nasSessionId);
  }

  // ---- Retention (sqlite/retention.ts)

  purgeSessions(endedBefore: number): Promise<number> {
    return this.retention.purgeSessions(endedBefore);
  }
  purgeDeviceBindings(endedBefore: number): Promise<number> {
    return this.retention.purgeDeviceBindings(endedBefore);
  }
  purgeTickets(endedBefore: number): Promise<number> {
    return this.retention.purgeTickets(endedBefore);
  }
  purgeAcceptances(before: number): Promise<number> {
    return this.retention.purgeAcceptances(before);
  }

  // ---- Per-device counters (sqlite/counters.ts)

  getCounter(key: string): Promise<DeviceCounter | null> {
    return this.counters.getCounter(key);
  }
  updateCounter(
    key: string,
    change: (current: DeviceCounter | null) => DeviceCounter,
  ): Promise<DeviceCounter> {
    return this.counters.updateCounter(key, change);
  }
  deleteCounter(key: string): Promise<void> {
    return this.counters.deleteCounter(key);
  }
  purgeCounters(now: number): Promise<number> {
    return this.counters.purgeCounters(now);
  }

  // ---- Console accounts and sessions (sqlite/staff.ts)

  createUser(user: ConsoleUser): Promise<boolean> {
    return this.staff.createUser(user);
  }
  getUser(username: string): Promise<ConsoleUser | null> {
    return this.staff.getUser(username);
  }
  listUsers(): Promise<ConsoleUser[]> {
    return this.staff.listUsers();
  }
  updateUser(username: string, change: Mutation<ConsoleUser>): Promise<ConsoleUser | null> {
    return this.staff.updateUser(username, change);
  }
  createConsoleSession(s: ConsoleSession): Promise<void> {
    return this.staff.createConsoleSession(s);
  }
  getConsoleSession(id: string): Promise<ConsoleSession | null> {
    return this.staff.getConsoleSession(id);
  }
  updateConsoleSession(id: string, change: Mutation<ConsoleSession>): Promise<ConsoleSession | null> {
    return this.staff.updateConsoleSession(id, change);
  }
  deleteConsoleSession(id: string): Promise<void> {
    return this.staff.deleteConsoleSession(id);
  }
  purgeConsoleSessions(now: number): Promise<number> {
    return this.staff.purgeConsoleSessions(now);
  }

  // ---- Audit trail (sqlite/audit.ts) and settings (sqlite/settings.ts)

  appendAudit(entry: AuditEntry): Promise<void> {
    return this.audit.appendAudit(entry);
  }
  listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return this.audit.listAudit(query);
  }
  purgeAudit(before: number): Promise<number> {
    return this.audit.purgeAudit(before);
  }
  getSettings(): Promise<SpaceSettings | null> {
    return this.settings.getSettings();
  }
  updateSettings(change: (current: SpaceSettings | null) => SpaceSettings): Promise<SpaceSettings> {
    return this.settings.updateSettings(change);
  }

  // ---- A space's day: calls for help, attendance, trusted devices (sqlite/day.ts)

  saveHelpRequest(
    spaceId: string,
    device: string,
    change: (current: HelpRequest | null) => HelpRequest,
  ): Promise<HelpRequest> {
    return this.day.saveHelpRequest(spaceId, device, change);
  }
  listHelpRequests(spaceId: string): Promise<HelpRequest[]> {
    return this.day.listHelpRequests(spaceId);
  }
  closeHelpRequest(spaceId: string, id: string): Promise<HelpRequest | null> {
    return this.day.closeHelpRequest(spaceId, id);
  }
  purgeHelpRequests(spaceId: string, askedBefore: number): Promise<number> {
    return this.day.purgeHelpRequests(spaceId, askedBefore);
  }
  saveAttendance(entry: AttendanceEntry): Promise<AttendanceEntry | null> {
    return this.day.saveAttendance(entry);
  }
  listAttendance(spaceId: string, fromDay: string, toDay: string): Promise<AttendanceEntry[]> {
    return this.day.listAttendance(spaceId, fromDay, toDay);
  }
  deleteAttendance(spaceId: string, id: string): Promise<AttendanceEntry | null> {
    return this.day.deleteAttendance(spaceId, id);
  }
  putTrustedDevice(device: TrustedDevice): Promise<boolean> {
    return this.day.putTrustedDevice(device);
  }
  getTrustedDevice(spaceId: string, mac: string): Promise<TrustedDevice | null> {
    return this.day.getTrustedDevice(spaceId, mac);
  }
  listTrustedDevices(spaceId: string): Promise<TrustedDevice[]> {
    return this.day.listTrustedDevices(spaceId);
  }
  deleteTrustedDevice(spaceId: string, mac: string): Promise<boolean> {
    return this.day.deleteTrustedDevice(spaceId, mac);
  }
}
