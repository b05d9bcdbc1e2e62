// Ports: what the services need from the outside world. Adapters live in store/, gateway/…

import type { Batch, Ticket } from './ticket';
import type { CharterAcceptance } from './charter';
import type { NatPorts, Session } from './session';
import type { Device } from './device';
import type { AuditEntry, AuditQuery, ConsoleSession, ConsoleUser, SpaceSettings } from './console';
import type { ClockSyncReading } from './clock-sync';
import type { HelpRequest } from './help-request';
import type { AttendanceEntry } from './attendance';
import type { TrustedDevice } from './trusted-device';

export interface TicketQuery {
  batchId?: string;
  /** Only tickets created at or after this time (epoch ms). */
  createdSince?: number;
  limit?: number;
}

/**
 * Applies a pure change to a stored record atomically. The function may be called more
 * than once (the Redis adapter retries on a concurrent write), so it must not have effects.
 * Throwing from it aborts the update and changes nothing.
 */
export type Mutation<T> = (current: T) => T;

/**
 * The store of one box. A pool (Redis) may be shared by the city's boxes: what it shares is the
 * ticket (clock, validity, quota, devices). Sessions, charter acceptances and run-time settings
 * belong to the space (`spaceId`) where they happened; the reads marked "this space" answer for
 * the store's own space only, so being connected in one space never means connected in another.
 */
export interface BatchWithTickets {
  batch: Batch;
  tickets: Ticket[];
}

export interface Store
  extends CounterStore, ConsoleStore, RetentionStore, HelpStore, AttendanceStore, TrustedDeviceStore {
  readonly kind: 'embedded' | 'redis';
  /** This box's space (`space.id`), given at construction: the scope of the reads below. */
  readonly spaceId: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when the store answers a trivial read; rejects with ECN_ERR_STORE_UNAVAILABLE. */
  ping(): Promise<void>;

  /** Writes a batch and its tickets in one durable transaction. */
  createBatch(batch: Batch, tickets: Ticket[]): Promise<void>;
  getBatch(id: string): Promise<Batch | null>;
  listBatches(limit: number): Promise<Batch[]>;
  /**
   * The `limit` newest batches (as `listBatches`), each with all its tickets in the order
   * `listTickets({ batchId })` gives, read together: a page of batches costs a fixed number of
   * store round trips, not one per batch (issue #14, item 4).
   */
  listBatchesWithTickets(limit: number): Promise<BatchWithTickets[]>;
  getTicket(id: string): Promise<Ticket | null>;
  /** Looks a ticket up by its normalised code. */
  findTicketByCode(code: string): Promise<Ticket | null>;
  listTickets(query: TicketQuery): Promise<Ticket[]>;
  /**
   * Atomically applies `change` to the ticket; returns the stored result, or null if unknown.
   * The device index (`listTicketsByDevice`) is updated in the same atomic write.
   */
  updateTicket(id: string, change: Mutation<Ticket>): Promise<Ticket | null>;
  /**
   * Tickets bound to this device key (`Ticket.devices`) whose time has not run out at `now`,
   * the one that lasts longest first, at most `limit`; revoked and used-up tickets are left out
   * (see `usableUntil`). Indexed by device: one index read and at most `limit` ticket reads,
   * whatever the number or age of the tickets, because anyone near an access point can ask.
   */
  listTicketsByDevice(device: string, now: number, limit: number): Promise<Ticket[]>;

  recordAcceptance(acceptance: CharterAcceptance): Promise<void>;
  /** The most recent acceptance by this device key in this space, if any. */
  latestAcceptance(device: string): Promise<CharterAcceptance | null>;

  createSession(session: Session): Promise<void>;
  getSession(id: string): Promise<Session | null>;
  updateSession(id: string, change: Mutation<Session>): Promise<Session | null>;
  /** This space's sessions that have not ended, oldest first. */
  listOpenSessions(): Promise<Session[]>;
  /**
   * Every session of the ticket, in every space (the ticket's clock and quota are the city's);
   * a caller that acts on sessions keeps its own space's (`session.spaceId`).
   */
  listSessionsByTicket(ticketId: string): Promise<Session[]>;
  /**
   * This space's open sessions of this device key (`deviceKey(session.device)`), newest first, at most
   * `limit`. Indexed by device, like `listTicketsByDevice`: every portal request asks it.
   */
  listOpenSessionsByDevice(device: string, limit: number): Promise<Session[]>;
  /**
   * The session a NAS of this space opened for this ticket under this Acct-Session-Id (the oldest, if a lost
   * reply made it open two), or null. Indexed: one read, however many sessions the ticket had.
   */
  findNasSession(ticketId: string, nas: string, nasSessionId: string): Promise<Session | null>;
}

// ---- Opening hours and the space's own devices (issue #15, item 2).

/** The space's trusted devices, by space and canonical MAC. Kept until staff remove them. */
export interface TrustedDeviceStore {
  /** Adds the device, or relabels it when its MAC is already trusted; true when it was new. */
  putTrustedDevice(device: TrustedDevice): Promise<boolean>;
  /** One indexed read: the portal asks it for a captive client. */
  getTrustedDevice(spaceId: string, mac: string): Promise<TrustedDevice | null>;
  /** The space's trusted devices, by label. */
  listTrustedDevices(spaceId: string): Promise<TrustedDevice[]>;
  /** Removes the device; false when it was not trusted. */
  deleteTrustedDevice(spaceId: string, mac: string): Promise<boolean>;
}

// ---- Retention (issue #13, item 5): the daily purge of what the privacy notice names.

/**
 * Removal of personal data past its retention, each record with its index entries in one atomic
 * step. Nothing still in use goes: an open session, a ticket still usable (see `ticketEndedAt`),
 * the acceptance of such a ticket. Each returns how many records it removed or changed.
 */
export interface RetentionStore {
  /** Deletes the sessions that ended before `endedBefore`; an open session is never deleted. */
  purgeSessions(endedBefore: number): Promise<number>;
  /**
   * Forgets the devices (`Ticket.devices` and the device index) of tickets that ended before
   * `endedBefore`; the tickets themselves stay. Returns how many tickets lost their devices.
   */
  purgeDeviceBindings(endedBefore: number): Promise<number>;
  /**
   * Deletes the charter acceptances given before `before` whose ticket is gone or ended before
   * `before` (an acceptance without a ticket, free access, goes by its own date alone).
   */
  purgeAcceptances(before: number): Promise<number>;
  /**
   * Deletes the tickets that ended before `endedBefore` and have no open session, with their
   * code and device index entries; a batch left without tickets goes with its last one.
   */
  purgeTickets(endedBefore: number): Promise<number>;
}

// ---- Portal issue (#3): per-device counters (rate limit, free access) and the Gateway port.

/**
 * A small per-key record with a lifetime: wrong-code counts for the rate limit, the daily
 * free-access allowance. Adapters may forget it once `expiresAt` (epoch ms) has passed.
 */
export interface DeviceCounter {
  key: string;
  /** How many times it was counted (wrong codes, logins). */
  count: number;
  /** When the first count happened (epoch ms). */
  firstAt: number;
  /** Until when the device is held back (rate limit) or allowed (free access); epoch ms. */
  until: number | null;
  /** After this time the record means nothing and may be dropped. */
  expiresAt: number;
  version: number;
}

export interface CounterStore {
  getCounter(key: string): Promise<DeviceCounter | null>;
  /**
   * Atomically replaces the counter with `change(current)`; `current` is null when there is
   * none. Like `Mutation`, `change` may run more than once and must have no effects.
   */
  updateCounter(
    key: string,
    change: (current: DeviceCounter | null) => DeviceCounter,
  ): Promise<DeviceCounter>;
  /** Drops the counter (a successful login clears the wrong-code count). */
  deleteCounter(key: string): Promise<void>;
  /** Drops every counter whose `expiresAt` is before `now`; returns how many. */
  purgeCounters(now: number): Promise<number>;
}

/** What a gateway must let through for one device, and for how long. */
export interface ClientGrant {
  device: Device;
  sessionId: string;
  /** Access ends after this many seconds unless renewed (nftables set timeout, Session-Timeout). */
  secondsLeft: number;
  bytesLeft: number | null;
  bandwidthUpBps: number | null;
  bandwidthDownBps: number | null;
  idleTimeoutSeconds: number | null;
}

/** What a gateway reports of a grant it applied: the NAT port block it gave, when it translates. */
export interface Authorization {
  natPorts: NatPorts | null;
}

/** An address captive clients may reach before login, on one TCP port (https: 443). */
export interface GardenEntry {
  /** An IPv4 or IPv6 address, never a name: the caller resolved it. */
  address: string;
  port: number;
}

/**
 * What a gateway did with the walled garden: `applied` (captive clients reach exactly these
 * entries now), `not-enforced` (nothing on this box holds clients back: development), or
 * `unsupported` (another router enforces access and keeps its own walled garden).
 */
export type GardenOutcome = 'applied' | 'not-enforced' | 'unsupported';

/**
 * Enforcement of access on the network: the box's firewall (nftables), a captive NAS that
 * the portal hands the client back to (openNDS FAS, CoovaChilli UAM), or nothing in
 * development. Authorize and deauthorize are idempotent; the store stays the truth of who
 * has access, a gateway only applies it.
 */
export interface Gateway {
  readonly kind: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The client's MAC from its IP when this layer knows it (ARP/neighbour table, NAS query). */
  identify(ip: string): Promise<string | null>;
  /**
   * Lets the device through with these limits (again, if it already is: limits are replaced).
   * A gateway that translates addresses says which port block it gave, for the legal journal.
   */
  authorize(grant: ClientGrant): Promise<Authorization | void>;
  /** Stops letting the device through; nothing happens if it was not authorized. */
  deauthorize(device: Device, sessionId: string): Promise<void>;
  /**
   * The walled garden of the space's links (issue #15, item 8): replaces, in one step, the
   * entries captive clients may reach before login. Each lasts `timeoutSeconds` unless set
   * again, so a service that stops refreshing them closes the garden by itself.
   */
  setGarden(entries: readonly GardenEntry[], timeoutSeconds: number): Promise<GardenOutcome>;
}

// ---- Console issue (#7): accounts, console sessions, audit trail, run-time settings.

export interface ConsoleStore {
  /** Adds the account; false (and nothing written) when the username is taken. */
  createUser(user: ConsoleUser): Promise<boolean>;
  getUser(username: string): Promise<ConsoleUser | null>;
  listUsers(): Promise<ConsoleUser[]>;
  updateUser(username: string, change: Mutation<ConsoleUser>): Promise<ConsoleUser | null>;

  createConsoleSession(session: ConsoleSession): Promise<void>;
  getConsoleSession(id: string): Promise<ConsoleSession | null>;
  updateConsoleSession(id: string, change: Mutation<ConsoleSession>): Promise<ConsoleSession | null>;
  deleteConsoleSession(id: string): Promise<void>;
  /** Drops every console session whose `expiresAt` is before `now`; returns how many. */
  purgeConsoleSessions(now: number): Promise<number>;

  /** Appends to the audit trail; entries are never changed, and removed only by `purgeAudit`. */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(query: AuditQuery): Promise<AuditEntry[]>;
  /**
   * Drops the entries older than `before` (epoch ms): the retention rule, the only removal.
   * The embedded store refuses to remove an entry younger than 90 days whatever is asked.
   */
  purgeAudit(before: number): Promise<number>;

  /** This space's run-time settings (each space has its own name, charter, profiles…). */
  getSettings(): Promise<SpaceSettings | null>;
  /** Atomically replaces this space's settings with `change(current)` (null when never set). */
  updateSettings(change: (current: SpaceSettings | null) => SpaceSettings): Promise<SpaceSettings>;
}

// ---- Time issue (#16, item 5): is the system clock synchronised?

/**
 * Asks the system whether its clock is synchronised (timesyncd/chrony status, the kernel's
 * flag). Never throws: a source that cannot tell answers `unknown`.
 */
export interface ClockSync {
  status(): Promise<ClockSyncReading>;
}

// ---- City pool (issue #13): one box per space on a shared store, tickets that end everywhere.

/** Who holds a space id on a shared pool (the Redis store); an embedded store needs none. */
export interface SpaceClaims {
  readonly spaceId: string;
  /**
   * Claims the store's space for this instance for `ttlMs`, or renews the claim it holds.
   * Returns null when this instance holds it, else the instance id of the one that does.
   */
  claimSpace(instanceId: string, ttlMs: number): Promise<string | null>;
  /** Lets this instance's claim go (a clean stop); another instance's claim is left alone. */
  releaseSpace(instanceId: string): Promise<void>;
}

/** A ticket that stopped being usable (revoked, data used up), as the spaces tell each other. */
export interface TicketEnded {
  ticketId: string;
  /** The space whose box saw it end. */
  spaceId: string;
}

/**
 * How the boxes of a pool tell each other at once that a ticket ended, so that each ends its
 * own sessions of it through its own gateway. At most once: the sweeper is the safety net.
 */
export interface TicketEndChannel {
  start(): Promise<void>;
  stop(): Promise<void>;
  publish(ended: TicketEnded): Promise<void>;
  /** Calls `listener` for each message of another box; returns the unsubscribe function. */
  subscribe(listener: (ended: TicketEnded) => void): () => void;
}

// ---- Issue #15, items 5 and 6: residents' calls for help, attendance the gateway cannot see.
// Every record carries its space (`space.id`) and is listed for that space only.

export interface HelpStore {
  /**
   * Atomically replaces the open request of this device in this space with `change(current)`
   * (`current` null when it has none): asking again refreshes the one request. Like
   * `Mutation`, `change` may run more than once and must have no effects.
   */
  saveHelpRequest(
    spaceId: string,
    device: string,
    change: (current: HelpRequest | null) => HelpRequest,
  ): Promise<HelpRequest>;
  /** The space's open requests, the longest waiting first. */
  listHelpRequests(spaceId: string): Promise<HelpRequest[]>;
  /** Removes the request (handled); null, and nothing changed, when the space has no such one. */
  closeHelpRequest(spaceId: string, id: string): Promise<HelpRequest | null>;
  /** Drops the space's requests last asked before `askedBefore` (forgotten, never handled). */
  purgeHelpRequests(spaceId: string, askedBefore: number): Promise<number>;
}

export interface AttendanceStore {
  /** Writes the entry, replacing the space's entry with the same id; returns the one replaced. */
  saveAttendance(entry: AttendanceEntry): Promise<AttendanceEntry | null>;
  /** The space's entries from `fromDay` to `toDay` (YYYY-MM-DD, both included), by day then time. */
  listAttendance(spaceId: string, fromDay: string, toDay: string): Promise<AttendanceEntry[]>;
  /** Removes the entry; null, and nothing changed, when the space has no such one. */
  deleteAttendance(spaceId: string, id: string): Promise<AttendanceEntry | null>;
}

/** What became of a new Session-Timeout sent to the access point holding a session. */
export type NasTimeOutcome = 'ack' | 'nak' | 'timeout' | 'no_client' | 'unsupported';

/**
 * Changes the time of a session an access point holds (a CoA-Request, RFC 5176): the RADIUS
 * Disconnect client plays it. Issue #15, item 4: time added in the console reaches the device.
 */
export interface NasSessionControl {
  changeSessionTimeout(sessionId: string, seconds: number): Promise<NasTimeOutcome>;
}
