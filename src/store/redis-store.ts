// The shared store: Redis through ioredis, for several boxes drawing on one ticket pool.
// Records are JSON documents with a version; updates are compare-and-set in a Lua script,
// retried when another writer got there first, so the domain rules run in TypeScript only.
// This class is the Store port's face; each area's commands live in src/store/redis/ (one
// module per concern, sharing this store's one connection).

import type { BatchWithTickets, DeviceCounter, Mutation, Store, TicketQuery } from '../domain/ports';
import type { AuditEntry, AuditQuery, ConsoleSession, ConsoleUser, SpaceSettings } from '../domain/console';
import type { Batch, Ticket } from '../domain/ticket';
import type { CharterAcceptance } from '../domain/charter';
import type { Session } from '../domain/session';
import type { HelpRequest } from '../domain/help-request';
import type { AttendanceEntry } from '../domain/attendance';
import type { TrustedDevice } from '../domain/trusted-device';
import { RedisConnection, type RedisStoreOptions } from './redis/connection';
import { backfillIndexes } from './redis/index-backfill';
import * as acceptances from './redis/acceptances';
import * as counters from './redis/counters';
import * as day from './redis/help-attendance';
import * as retention from './redis/retention';
import * as sessions from './redis/sessions';
import * as settings from './redis/settings';
import * as spaceClaim from './redis/space-claim';
import * as staff from './redis/staff';
import * as tickets from './redis/tickets';
import * as trusted from './redis/trusted-devices';

export { redactUrl, type RedisStoreOptions } from './redis/connection';

export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly spaceId: string;
  private readonly ctx: RedisConnection;

  constructor(options: RedisStoreOptions) {
    this.spaceId = options.spaceId;
    this.ctx = new RedisConnection(options);
  }

  start(): Promise<void> {
    return this.ctx.start((c) => backfillIndexes(this.ctx, c));
  }

  stop(): Promise<void> {
    return this.ctx.stop();
  }

  ping(): Promise<void> {
    return this.ctx.ping();
  }

  // ---- Tickets and batches (redis/tickets.ts)

  createBatch(batch: Batch, batchTickets: Ticket[]): Promise<void> {
    return tickets.createBatch(this.ctx, batch, batchTickets);
  }

  getBatch(id: string): Promise<Batch | null> {
    return tickets.getBatch(this.ctx, id);
  }

  listBatches(limit: number): Promise<Batch[]> {
    return tickets.listBatches(this.ctx, limit);
  }

  listBatchesWithTickets(limit: number): Promise<BatchWithTickets[]> {
    return tickets.listBatchesWithTickets(this.ctx, limit);
  }

  getTicket(id: string): Promise<Ticket | null> {
    return tickets.getTicket(this.ctx, id);
  }

  findTicketByCode(code: string): Promise<Ticket | null> {
    return tickets.findTicketByCode(this.ctx, code);
  }

  listTickets(query: TicketQuery): Promise<Ticket[]> {
    return tickets.listTickets(this.ctx, query);
  }

  updateTicket(id: string, change: Mutation<Ticket>): Promise<Ticket | null> {
    return tickets.updateTicket(this.ctx, id, change);
  }

  listTicketsByDevice(device: string, now: number, limit: number): Promise<Ticket[]> {
    return tickets.listTicketsByDevice(this.ctx, device, now, limit);
  }

  // ---- Charter acceptances (redis/acceptances.ts)

  recordAcceptance(a: CharterAcceptance): Promise<void> {
    return acceptances.recordAcceptance(this.ctx, a);
  }

  latestAcceptance(device: string): Promise<CharterAcceptance | null> {
    return acceptances.latestAcceptance(this.ctx, device);
  }

  // ---- Connection sessions (redis/sessions.ts)

  createSession(s: Session): Promise<void> {
    return sessions.createSession(this.ctx, s);
  }

  getSession(id: string): Promise<Session | null> {
    return sessions.getSession(this.ctx, id);
  }

  updateSession(id: string, change: Mutation<Session>): Promise<Session | null> {
    return sessions.updateSession(this.ctx, id, change);
  }

  listOpenSessions(): Promise<Session[]> {
    return sessions.listOpenSessions(this.ctx);
  }

  listOpenSessionsByDevice(device: string, limit: number): Promise<Session[]> {
    return sessions.listOpenSessionsByDevice(this.ctx, device, limit);
  }

  findNasSession(ticketId: string, nas: string, nasSessionId: string): Promise<Session | null> {
    return sessions.findNasSession(this.ctx, ticketId, nas, nasSessionId);
  }

  listSessionsByTicket(ticketId: string): Promise<Session[]> {
    return sessions.listSessionsByTicket(this.ctx, ticketId);
  }

  // ---- Retention (redis/retention.ts)

  purgeSessions(endedBefore: number): Promise<number> {
    return retention.purgeSessions(this.ctx, endedBefore);
  }

  purgeDeviceBindings(endedBefore: number): Promise<number> {
    return retention.purgeDeviceBindings(this.ctx, endedBefore);
  }

  purgeAcceptances(before: number): Promise<number> {
    return retention.purgeAcceptances(this.ctx, before);
  }

  purgeTickets(endedBefore: number): Promise<number> {
    return retention.purgeTickets(this.ctx, endedBefore);
  }

  // ---- Per-device counters (redis/counters.ts)

  getCounter(key: string): Promise<DeviceCounter | null> {
    return counters.getCounter(this.ctx, key);
  }

  updateCounter(
    key: string,
    change: (current: DeviceCounter | null) => DeviceCounter,
  ): Promise<DeviceCounter> {
    return counters.updateCounter(this.ctx, key, change);
  }

  deleteCounter(key: string): Promise<void> {
    return counters.deleteCounter(this.ctx, key);
  }

  /** Redis expires counters by itself (PEXPIREAT); nothing is left to purge. */
  purgeCounters(_now: number): Promise<number> {
    return Promise.resolve(0);
  }

  // ---- Console accounts, console sessions and audit (redis/staff.ts)

  createUser(user: ConsoleUser): Promise<boolean> {
    return staff.createUser(this.ctx, user);
  }

  getUser(username: string): Promise<ConsoleUser | null> {
    return staff.getUser(this.ctx, username);
  }

  listUsers(): Promise<ConsoleUser[]> {
    return staff.listUsers(this.ctx);
  }

  updateUser(username: string, change: Mutation<ConsoleUser>): Promise<ConsoleUser | null> {
    return staff.updateUser(this.ctx, username, change);
  }

  createConsoleSession(s: ConsoleSession): Promise<void> {
    return staff.createConsoleSession(this.ctx, s);
  }

  getConsoleSession(id: string): Promise<ConsoleSession | null> {
    return staff.getConsoleSession(this.ctx, id);
  }

  updateConsoleSession(id: string, change: Mutation<ConsoleSession>): Promise<ConsoleSession | null> {
    return staff.updateConsoleSession(this.ctx, id, change);
  }

  deleteConsoleSession(id: string): Promise<void> {
    return staff.deleteConsoleSession(this.ctx, id);
  }

  /** Redis expires console sessions by themselves (PEXPIREAT); nothing is left to purge. */
  purgeConsoleSessions(_now: number): Promise<number> {
    return Promise.resolve(0);
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    return staff.appendAudit(this.ctx, entry);
  }

  listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return staff.listAudit(this.ctx, query);
  }

  purgeAudit(before: number): Promise<number> {
    return staff.purgeAudit(this.ctx, before);
  }

  // ---- The space's settings (redis/settings.ts) and its claim on the pool (redis/space-claim.ts)

  getSettings(): Promise<SpaceSettings | null> {
    return settings.getSettings(this.ctx);
  }

  updateSettings(change: (current: SpaceSettings | null) => SpaceSettings): Promise<SpaceSettings> {
    return settings.updateSettings(this.ctx, change);
  }

  claimSpace(instanceId: string, ttlMs: number): Promise<string | null> {
    return spaceClaim.claimSpace(this.ctx, instanceId, ttlMs);
  }

  releaseSpace(instanceId: string): Promise<void> {
    return spaceClaim.releaseSpace(this.ctx, instanceId);
  }

  // ---- Calls for help and attendance (redis/help-attendance.ts)

  saveHelpRequest(
    spaceId: string,
    device: string,
    change: (current: HelpRequest | null) => HelpRequest,
  ): Promise<HelpRequest> {
    return day.saveHelpRequest(this.ctx, spaceId, device, change);
  }

  listHelpRequests(spaceId: string): Promise<HelpRequest[]> {
    return day.listHelpRequests(this.ctx, spaceId);
  }

  closeHelpRequest(spaceId: string, id: string): Promise<HelpRequest | null> {
    return day.closeHelpRequest(this.ctx, spaceId, id);
  }

  purgeHelpRequests(spaceId: string, askedBefore: number): Promise<number> {
    return day.purgeHelpRequests(this.ctx, spaceId, askedBefore);
  }

  saveAttendance(entry: AttendanceEntry): Promise<AttendanceEntry | null> {
    return day.saveAttendance(this.ctx, entry);
  }

  listAttendance(spaceId: string, fromDay: string, toDay: string): Promise<AttendanceEntry[]> {
    return day.listAttendance(this.ctx, spaceId, fromDay, toDay);
  }

  deleteAttendance(spaceId: string, id: string): Promise<AttendanceEntry | null> {
    return day.deleteAttendance(this.ctx, spaceId, id);
  }

  // ---- The space's trusted devices (redis/trusted-devices.ts)

  putTrustedDevice(device: TrustedDevice): Promise<boolean> {
    return trusted.putTrustedDevice(this.ctx, device);
  }

  getTrustedDevice(spaceId: string, mac: string): Promise<TrustedDevice | null> {
    return trusted.getTrustedDevice(this.ctx, spaceId, mac);
  }

  listTrustedDevices(spaceId: string): Promise<TrustedDevice[]> {
    return trusted.listTrustedDevices(this.ctx, spaceId);
  }

  deleteTrustedDevice(spaceId: string, mac: string): Promise<boolean> {
    return trusted.deleteTrustedDevice(this.ctx, spaceId, mac);
  }
}
