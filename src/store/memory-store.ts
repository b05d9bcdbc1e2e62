// A Store held in the process's memory, for tests: the same port and the same contract suite
// as SQLite and Redis (test/contract), so a use-case test needs no file and no server. Every
// record is validated and copied through its JSON form on the way in and out, as the real
// stores do, so a test cannot pass by sharing an object with the store. Not for production:
// nothing survives a restart.
// This class composes the store's parts (src/store/memory/), named as the embedded store's.

import type { BatchWithTickets, DeviceCounter, Mutation, Store, TicketQuery } from '../domain/ports';
import type { AuditEntry, AuditQuery, ConsoleSession, ConsoleUser, SpaceSettings } from '../domain/console';
import type { Batch, Ticket } from '../domain/ticket';
import type { CharterAcceptance } from '../domain/charter';
import type { Session } from '../domain/session';
import type { HelpRequest } from '../domain/help-request';
import type { AttendanceEntry } from '../domain/attendance';
import type { TrustedDevice } from '../domain/trusted-device';
import { MemoryConnection } from './memory/connection';
import { MemoryData } from './memory/schema';
import { MemoryTickets } from './memory/tickets';
import { MemorySessions } from './memory/sessions';
import { MemoryRetention } from './memory/retention';
import { MemoryCounters } from './memory/counters';
import { MemoryStaff } from './memory/staff';
import { MemoryAudit } from './memory/audit';
import { MemorySettings } from './memory/settings';
import { MemoryDay } from './memory/day';

export { MemoryData } from './memory/schema';

export class MemoryStore implements Store {
  /** It stands in for the embedded store: one box's data, no pool, no outage but `stop()`. */
  readonly kind = 'embedded' as const;
  private readonly connection: MemoryConnection;
  private readonly tickets: MemoryTickets;
  private readonly sessions: MemorySessions;
  private readonly retention: MemoryRetention;
  private readonly counters: MemoryCounters;
  private readonly staff: MemoryStaff;
  private readonly audit: MemoryAudit;
  private readonly settings: MemorySettings;
  private readonly day: MemoryDay;

  constructor(
    readonly spaceId: string,
    data: MemoryData = new MemoryData(),
  ) {
    const c = (this.connection = new MemoryConnection(spaceId, data));
    this.tickets = new MemoryTickets(c);
    this.sessions = new MemorySessions(c);
    this.retention = new MemoryRetention(c);
    this.counters = new MemoryCounters(c);
    this.staff = new MemoryStaff(c);
    this.audit = new MemoryAudit(c);
    this.settings = new MemorySettings(c);
    this.day = new MemoryDay(c);
  }

  async start(): Promise<void> {
    this.connection.open();
  }

  async stop(): Promise<void> {
    this.connection.close();
  }

  ping(): Promise<void> {
    return this.connection.run(() => undefined);
  }

  // ---- Batches and tickets (memory/tickets.ts)

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

  // ---- Charter acceptances and sessions (memory/sessions.ts)

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

  // ---- Retention (memory/retention.ts)

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

  // ---- Per-device counters (memory/counters.ts)

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

  // ---- Console accounts and sessions (memory/staff.ts)

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

  // ---- Audit trail (memory/audit.ts) and settings (memory/settings.ts)

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

  // ---- A space's day: calls for help, attendance, trusted devices (memory/day.ts)

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
