// Prometheus metrics fed by domain events. One registry per process, `space_id` as a default
// label; labels only from small fixed sets (profile names and languages come from config).
// Never a label per person, ticket, MAC, IP or domain name.

import { statfsSync } from 'node:fs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { BODY_REJECT_REASONS, type EventBus } from '../domain/events';
import type { Store } from '../domain/ports';

export interface GatewayMetricsOptions {
  spaceId: string;
  version: string;
  store: Store;
  /** Node process metrics (CPU, memory, event loop); off in unit tests. */
  processMetrics?: boolean;
  /** Folder whose file system's free space is exported (the data folder). */
  dataDir?: string;
}

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly ticketsIssued: Counter<'profile'> = this.counter(
    'ecn_tickets_issued_total',
    'Tickets issued, by profile.',
    ['profile'],
  );
  readonly ticketsRedeemed: Counter<'profile' | 'via' | 'first_use'> = this.counter(
    'ecn_tickets_redeemed_total',
    'Successful ticket redemptions (first use or a device coming back), by profile and channel.',
    ['profile', 'via', 'first_use'],
  );
  readonly ticketsRefused: Counter<'reason' | 'via'> = this.counter(
    'ecn_tickets_refused_total',
    'Refused ticket redemptions, by reason (error code) and channel.',
    ['reason', 'via'],
  );
  readonly ticketsRevoked: Counter<'profile'> = this.counter(
    'ecn_tickets_revoked_total',
    'Tickets revoked, by profile.',
    ['profile'],
  );
  readonly charterAcceptances: Counter<'version' | 'lang' | 'via'> = this.counter(
    'ecn_charter_acceptances_total',
    'Charter acceptances, by charter version, language and way (portal page or printed ticket).',
    ['version', 'lang', 'via'],
  );
  readonly sessionsStarted: Counter<'origin'> = this.counter(
    'ecn_sessions_started_total',
    'Sessions started, by origin (local or nas).',
    ['origin'],
  );
  readonly sessionsEnded: Counter<'cause'> = this.counter(
    'ecn_sessions_ended_total',
    'Sessions ended, by cause.',
    ['cause'],
  );
  readonly sessionSeconds: Counter<'origin'> = this.counter(
    'ecn_session_seconds_total',
    'Connected time of ended sessions, in seconds, by origin.',
    ['origin'],
  );
  readonly storeErrors: Counter<'operation'> = this.counter(
    'ecn_store_errors_total',
    'Store operations that failed.',
    ['operation'],
  );
  readonly storePurged: Counter<'kind'> = this.counter(
    'ecn_store_purged_total',
    'Records the retention purge removed from the store (device_bindings: tickets whose devices were forgotten), by kind.',
    ['kind'],
  );
  readonly subscriberErrors: Counter<'event'> = this.counter(
    'ecn_event_subscriber_errors_total',
    'Event subscribers (journal, gateway, RADIUS) that failed, by event.',
    ['event'],
  );
  readonly sessionBytes: Counter<'direction'> = this.counter(
    'ecn_session_bytes_total',
    'Traffic of ended sessions (accounting or gateway counters), by direction (in = to the resident).',
    ['direction'],
  );
  readonly radiusRequests: Counter<'type' | 'result'> = this.counter(
    'ecn_radius_requests_total',
    'RADIUS requests answered, by type (access, accounting) and result (accept, reject, recorded, duplicate…).',
    ['type', 'result'],
  );
  readonly radiusDropped: Counter<'server' | 'reason'> = this.counter(
    'ecn_radius_dropped_total',
    'RADIUS datagrams dropped without an answer, by server and reason.',
    ['server', 'reason'],
  );
  readonly radiusDuration: Histogram<'server'> = new Histogram({
    name: 'ecn_radius_request_duration_seconds',
    help: 'Time to handle one RADIUS datagram, by server.',
    labelNames: ['server'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly radiusAccounting: Counter<'status' | 'outcome'> = this.counter(
    'ecn_radius_accounting_total',
    'Accounting requests by status type and outcome.',
    ['status', 'outcome'],
  );
  readonly radiusDisconnects: Counter<'outcome'> = this.counter(
    'ecn_radius_disconnects_total',
    'Disconnect-Requests sent to access points, by outcome (ack, nak, timeout, no_client).',
    ['outcome'],
  );
  readonly consoleActions: Counter<'action'> = this.counter(
    'ecn_console_actions_total',
    "Actions in the animators' console by kind (sign-ins, failed sign-ins, tickets issued, printed, revoked, disconnections, settings changes).",
    ['action'],
  );
  readonly rejectedBodies: Counter<'app' | 'reason'> = this.counter(
    'ecn_http_rejected_bodies_total',
    'Form bodies refused by the portal or the console before any route read them, by reason (too_large, too_many_fields, malformed).',
    ['app', 'reason'],
  );
  readonly natBlocks: Gauge<'state'> = this.gauge(
    'ecn_gateway_nat_blocks',
    'NAT port blocks of the public address: held by a logged-in device, or free. None free: logins are refused.',
    ['state'],
  );
  readonly guessesRefused: Counter<'limit'> = this.counter(
    'ecn_guesses_refused_total',
    'Passwords and ticket codes answered "wait" because a guessing limit was reached, by limit (console_account, console_address, portal_device, radius_station, radius_nas).',
    ['limit'],
  );

  constructor(private readonly options: GatewayMetricsOptions) {
    const r = this.registry;
    r.setDefaultLabels({ space_id: options.spaceId });
    if (options.processMetrics) {
      collectDefaultMetrics({ register: r, prefix: 'ecn_' });
      // prom-client names these gauges *_total, which promtool (rightly) rejects.
      for (const name of ['active_handles_total', 'active_requests_total', 'active_resources_total']) {
        r.removeSingleMetric(`ecn_nodejs_${name}`);
      }
    }

    new Gauge({
      name: 'ecn_build_info',
      help: 'Gateway version (always 1).',
      labelNames: ['version'],
      registers: [r],
    })
      .labels(options.version)
      .set(1);
    new Gauge({
      name: 'ecn_sessions_active',
      help: 'Sessions open now.',
      registers: [r],
      collect: async function (this: Gauge) {
        try {
          this.set((await options.store.listOpenSessions()).length);
        } catch {
          // The store's own failure is counted by ecn_store_errors_total; keep the last value.
        }
      },
    });
    const dataDir = options.dataDir;
    if (dataDir) {
      // A missing folder (not created yet) leaves the gauge unset rather than failing the scrape.
      const disk = (field: 'free' | 'size'): number | null => {
        try {
          const st = statfsSync(dataDir);
          return field === 'free' ? st.bavail * st.bsize : st.blocks * st.bsize;
        } catch {
          return null;
        }
      };
      new Gauge({
        name: 'ecn_data_disk_free_bytes',
        help: 'Free space for the data folder (store, journal, filter tables).',
        registers: [r],
        collect(this: Gauge) {
          const v = disk('free');
          if (v !== null) this.set(v);
        },
      });
      new Gauge({
        name: 'ecn_data_disk_size_bytes',
        help: 'Size of the file system holding the data folder.',
        registers: [r],
        collect(this: Gauge) {
          const v = disk('size');
          if (v !== null) this.set(v);
        },
      });
    }
    for (const kind of ['sessions', 'device_bindings', 'acceptances', 'tickets'])
      this.storePurged.labels(kind);
    // Every series exists from the start, so a rate() alert sees the first refusal.
    for (const app of ['portal', 'console'] as const) {
      for (const reason of BODY_REJECT_REASONS) this.rejectedBodies.labels(app, reason).inc(0);
    }
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  /** Subscribes every counter to its event; returns the unsubscribe function. */
  subscribe(bus: EventBus): () => void {
    const offs = [
      bus.on('ticket.issued', (e) => this.ticketsIssued.labels(e.profileName).inc(e.count)),
      bus.on('ticket.redeemed', (e) =>
        this.ticketsRedeemed.labels(e.profileName, e.via, String(e.firstUse)).inc(),
      ),
      bus.on('ticket.refused', (e) => this.ticketsRefused.labels(e.code, e.via).inc()),
      bus.on('ticket.revoked', (e) => this.ticketsRevoked.labels(e.profileName).inc()),
      bus.on('charter.accepted', (e) =>
        this.charterAcceptances.labels(e.charterVersion, e.lang, e.via).inc(),
      ),
      bus.on('session.started', (e) => this.sessionsStarted.labels(e.origin.kind).inc()),
      bus.on('session.ended', (e) => {
        this.sessionsEnded.labels(e.cause).inc();
        this.sessionSeconds.labels(e.session.origin.kind).inc(Math.max(0, e.durationSeconds));
        this.sessionBytes.labels('in').inc(e.session.bytesIn);
        this.sessionBytes.labels('out').inc(e.session.bytesOut);
      }),
      bus.on('store.failed', (e) => this.storeErrors.labels(e.operation).inc()),
      bus.on('guess.refused', (e) => this.guessesRefused.labels(e.limit).inc()),
      bus.on('store.purged', (e) => {
        this.storePurged.labels('sessions').inc(e.sessions);
        this.storePurged.labels('device_bindings').inc(e.deviceBindings);
        this.storePurged.labels('acceptances').inc(e.acceptances);
        this.storePurged.labels('tickets').inc(e.tickets);
      }),
      bus.on('console.action_recorded', (e) => this.consoleActions.labels(e.action).inc()),
      bus.on('http.body_rejected', (e) => this.rejectedBodies.labels(e.app, e.reason).inc()),
      bus.on('radius.access_accepted', () => this.radiusRequests.labels('access', 'accept').inc()),
      bus.on('radius.access_rejected', () => this.radiusRequests.labels('access', 'reject').inc()),
      bus.on('radius.duplicate_answered', (e) =>
        this.radiusRequests.labels(e.server === 'auth' ? 'access' : 'accounting', 'duplicate').inc(),
      ),
      bus.on('radius.accounting_recorded', (e) => {
        this.radiusRequests.labels('accounting', e.outcome).inc();
        this.radiusAccounting.labels(e.status, e.outcome).inc();
      }),
      bus.on('radius.request_dropped', (e) => this.radiusDropped.labels(e.server, e.reason).inc()),
      bus.on('radius.request_handled', (e) =>
        this.radiusDuration.labels(e.server).observe(e.durationSeconds),
      ),
      bus.on('radius.disconnect_finished', (e) => this.radiusDisconnects.labels(e.outcome).inc()),
      bus.on('gateway.nat_blocks_counted', (e) => {
        this.natBlocks.labels('held').set(e.held);
        this.natBlocks.labels('free').set(Math.max(0, e.capacity - e.held));
      }),
    ];
    return () => offs.forEach((off) => off());
  }
}
