// Typed domain events and a small synchronous bus. Metrics and the legal journal subscribe;
// the domain and services only publish. A failing subscriber never fails the use case.

import type { EndCause, Session, SessionOrigin } from './session';
import type { AcceptanceWay, Language } from './charter';
import type { ErrorCode } from './errors';
import type { AuditAction, AuditEntry } from './console';
import type { GuessLimit } from './throttle';
import type { ClockSyncReading, ClockSyncState } from './clock-sync';
import type { StoreState } from './store-health';
import type { HelpPage } from './help-request';
import type { AttendanceKind } from './attendance';

export interface DomainEvents {
  'ticket.issued': { batchId: string; profileName: string; count: number; createdBy: string };
  'ticket.redeemed': {
    ticketId: string;
    profileName: string;
    firstUse: boolean;
    newDevice: boolean;
    via: 'portal' | 'radius' | 'cli';
  };
  'ticket.refused': { code: ErrorCode; via: 'portal' | 'radius' | 'cli' };
  'ticket.revoked': { ticketId: string; profileName: string; by: string };
  /** An animator added time to a ticket in use (issue #15, item 3). */
  'ticket.extended': { ticketId: string; addSeconds: number };
  'charter.accepted': { charterVersion: string; lang: Language; via: AcceptanceWay };
  /** `session` is the stored record (the legal journal needs its device addresses). */
  'session.started': { sessionId: string; ticketId: string | null; origin: SessionOrigin; session: Session };
  'session.ended': {
    sessionId: string;
    ticketId: string | null;
    cause: EndCause;
    durationSeconds: number;
    session: Session;
  };
  'store.failed': { operation: string; code: ErrorCode };
  /** The store became unreachable, came back, or came back empty (issue #13, item 4). */
  'store.state_changed': { state: StoreState; previous: StoreState };
  /** The retention purge removed these (issue 13); counts only, never what they were. */
  'store.purged': { sessions: number; deviceBindings: number; acceptances: number; tickets: number };
  /** A request body refused before any route read it (too large, too many fields, unreadable). */
  'http.body_rejected': { app: HttpApp; reason: BodyRejectReason };
  /** A password or code answered "wait" because a guessing limit was reached. */
  'guess.refused': { limit: GuessLimit };
  /** An action of the animators' console written to its audit trail (issue 7). */
  'console.action_recorded': { action: AuditAction };
  /**
   * Someone acted on the space (issue #14, item 4): a staff account in the console, an operator
   * with the `ecn` command, or the service itself. Staff use cases publish it with `publish`;
   * the audit trail subscribes and writes the entry.
   */
  'operator.acted': OperatorAction;
  /** A resident asked for help from a portal page; `refreshed` when their call was already open. */
  'help.requested': { page: HelpPage; refreshed: boolean };
  /** A call for help was marked as handled, after waiting this long. */
  'help.handled': { waitedSeconds: number };
  /** A call for help was refused: the device asked too often. */
  'help.refused': Record<string, never>;
  /** Attendance recorded (or a desk count corrected: `previousPeople` is what it replaced). */
  'attendance.recorded': { kind: AttendanceKind; people: number; previousPeople: number | null };
  'attendance.removed': { kind: AttendanceKind; people: number };
  /** NAT port blocks (issue 8): how many are held by logged-in devices, of how many. */
  'gateway.nat_blocks_counted': { held: number; capacity: number };

  // RADIUS server (issue 4). `nas` is the configured client name (a small fixed set), never an
  // address of a resident; `null` when the source matched no client.
  'radius.request_dropped': { server: RadiusServerRole; reason: RadiusDropReason; nas: string | null };
  'radius.duplicate_answered': { server: RadiusServerRole; nas: string };
  'radius.access_accepted': { nas: string; method: RadiusAuthMethod };
  'radius.access_rejected': { nas: string; method: RadiusAuthMethod; reason: ErrorCode };
  'radius.accounting_recorded': {
    nas: string;
    status: RadiusAccountingStatus;
    outcome: RadiusAccountingOutcome;
  };
  'radius.disconnect_finished': { nas: string; outcome: RadiusDisconnectOutcome; attempts: number };
  /** Every datagram handled (answered or dropped), with the time it took, for the latency histogram. */
  'radius.request_handled': { server: RadiusServerRole; answered: boolean; durationSeconds: number };

  // Content filter (DNS front-end). Counters only: never a client address, never a name.
  'dns.query_answered': {
    outcome: DnsOutcome;
    /** The blocking category (a configured category name, or `custom`); null otherwise. */
    category: string | null;
    transport: DnsTransport;
    seconds: number;
  };
  'dns.packet_dropped': { reason: 'too_short' | 'not_a_query' | 'internal_error'; transport: DnsTransport };
  'dns.upstream_failed': { reason: 'timeout' | 'unreachable' | 'overload' };
  /**
   * A DNS-over-TCP connection refused at once (its client holds the most it may, or every
   * connection is taken) or closed because a message did not arrive whole by its deadline.
   */
  'dns.tcp_refused': { reason: 'per_source' | 'total' | 'deadline' };
  'filter.table_loaded': {
    names: number;
    categories: number;
    bytes: number;
    seconds: number;
    from: 'file' | 'build';
    /** When the table was built from the lists (epoch ms), for the "lists too old" alert. */
    builtAt: number;
  };
  'filter.table_rejected': { reason: 'missing' | 'invalid' | 'build_failed' };

  /**
   * Time issue (#16, item 5): the clock's synchronisation changed, or was first checked
   * (`previous` null). The metrics and the legal journal subscribe.
   */
  'clock.sync_changed': ClockSyncReading & { previous: ClockSyncState | null };
}

/** Who did it: a console account, a Unix user running `ecn` on the box, or the service itself. */
export type Actor =
  { kind: 'staff'; account: string } | { kind: 'cli'; user: string } | { kind: 'system'; task: string };

export interface OperatorAction {
  actor: Actor;
  action: AuditAction;
  /** What it was done to: a batch id, ticket id, session id, setting name, username. */
  target: string | null;
  /** Small facts about it (count, profile, old → new); never a ticket code or a secret. */
  details: AuditEntry['details'];
}

export type HttpApp = 'portal' | 'console';
/** Why a request body was refused: a fixed set, for metric labels. */
export const BODY_REJECT_REASONS = ['too_large', 'too_many_fields', 'malformed'] as const;
export type BodyRejectReason = (typeof BODY_REJECT_REASONS)[number];

export type RadiusServerRole = 'auth' | 'acct';
export type RadiusAuthMethod = 'pap' | 'chap' | 'mac' | 'none';
export type RadiusAccountingStatus = 'start' | 'interim' | 'stop' | 'on' | 'off' | 'other';
/** `duplicate`: a retransmission already counted; `unknown_session`: nothing to update. */
export type RadiusAccountingOutcome = 'recorded' | 'duplicate' | 'unknown_session' | 'limit_reached';
export type RadiusDisconnectOutcome = 'ack' | 'nak' | 'timeout' | 'no_client';

/** Why a RADIUS packet was dropped without an answer: a fixed set, for metric labels. */
export const RADIUS_DROP_REASONS = [
  'unknown_client',
  'too_short',
  'too_long',
  'bad_length',
  'bad_attribute',
  'bad_vsa',
  'bad_value',
  'unexpected_code',
  'bad_authenticator',
  'missing_message_authenticator',
  'bad_message_authenticator',
  'internal_error',
  'store_unavailable',
] as const;
export type RadiusDropReason = (typeof RADIUS_DROP_REASONS)[number];

/** How the filter answered a query: a fixed set, usable as a metric label. */
export const DNS_OUTCOMES = [
  'forwarded',
  'allowed',
  'blocked',
  'safesearch',
  'canary',
  'servfail',
  'formerr',
  'notimp',
] as const;
export type DnsOutcome = (typeof DNS_OUTCOMES)[number];
export type DnsTransport = 'udp' | 'tcp';

export type EventName = keyof DomainEvents;
/** A subscriber may return a promise (a durable write); only `publish` waits for it. */
type Listener<K extends EventName> = (payload: DomainEvents[K]) => unknown;

export class EventBus {
  private readonly listeners = new Map<EventName, Listener<never>[]>();

  constructor(private readonly onListenerError: (event: EventName, err: unknown) => void = () => {}) {}

  on<K extends EventName>(event: K, listener: Listener<K>): () => void {
    const list = (this.listeners.get(event) ?? []) as Listener<K>[];
    list.push(listener);
    this.listeners.set(event, list as Listener<never>[]);
    return () => {
      const current = this.listeners.get(event) as Listener<K>[] | undefined;
      if (current) this.listeners.set(event, current.filter((l) => l !== listener) as Listener<never>[]);
    };
  }

  emit<K extends EventName>(event: K, payload: DomainEvents[K]): void {
    for (const pending of this.deliver(event, payload)) {
      pending.catch((err: unknown) => this.onListenerError(event, err));
    }
  }

  /**
   * Delivers like `emit`, then waits for the subscribers that write something durable (the
   * audit trail). Their failure rejects, so the use case that published says the record is
   * missing rather than pretending; the action itself is done by then.
   */
  async publish<K extends EventName>(event: K, payload: DomainEvents[K]): Promise<void> {
    const results = await Promise.allSettled(this.deliver(event, payload));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private deliver<K extends EventName>(event: K, payload: DomainEvents[K]): Promise<void>[] {
    const list = this.listeners.get(event) as Listener<K>[] | undefined;
    const pending: Promise<void>[] = [];
    for (const listener of list ?? []) {
      try {
        const r = listener(payload);
        if (r instanceof Promise) pending.push(r as Promise<void>);
      } catch (err) {
        this.onListenerError(event, err);
      }
    }
    return pending;
  }
}
