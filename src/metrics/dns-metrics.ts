// Metrics of the filtering DNS front-end, which runs in its own process (`ecn dns`) with
// its own /metrics. Labels: outcome, transport, configured category names, reasons — never
// a client address or a queried name.

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EventBus } from '../domain/events';

export class DnsMetrics {
  readonly registry = new Registry();
  private readonly queries: Counter<'outcome' | 'transport'>;
  private readonly blocked: Counter<'category'>;
  private readonly duration: Histogram<'outcome'>;
  private readonly upstreamFailures: Counter<'reason'>;
  private readonly dropped: Counter<'reason'>;
  private readonly tcpRefused: Counter<'reason'>;
  private readonly tableNames: Gauge;
  private readonly listsBuilt: Gauge;
  private readonly tableRejected: Counter<'reason'>;

  constructor(opts: { spaceId: string; version: string; processMetrics?: boolean }) {
    const r = this.registry;
    r.setDefaultLabels({ space_id: opts.spaceId });
    if (opts.processMetrics) {
      collectDefaultMetrics({ register: r, prefix: 'ecn_dns_' });
      for (const name of ['active_handles_total', 'active_requests_total', 'active_resources_total']) {
        r.removeSingleMetric(`ecn_dns_nodejs_${name}`);
      }
    }
    new Gauge({
      name: 'ecn_dns_build_info',
      help: 'DNS front-end version (always 1).',
      labelNames: ['version'],
      registers: [r],
    })
      .labels(opts.version)
      .set(1);
    this.queries = new Counter({
      name: 'ecn_dns_queries_total',
      help: 'DNS queries answered, by outcome (forwarded, blocked, safesearch…) and transport.',
      labelNames: ['outcome', 'transport'],
      registers: [r],
    });
    this.blocked = new Counter({
      name: 'ecn_dns_blocked_total',
      help: 'Queries answered as blocked, by filtering category.',
      labelNames: ['category'],
      registers: [r],
    });
    this.duration = new Histogram({
      name: 'ecn_dns_answer_duration_seconds',
      help: 'Time from query to answer, by outcome.',
      labelNames: ['outcome'],
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2],
      registers: [r],
    });
    this.upstreamFailures = new Counter({
      name: 'ecn_dns_upstream_failures_total',
      help: 'Forwarded queries the upstream resolver did not answer, by reason.',
      labelNames: ['reason'],
      registers: [r],
    });
    this.dropped = new Counter({
      name: 'ecn_dns_dropped_total',
      help: 'DNS packets dropped without an answer, by reason.',
      labelNames: ['reason'],
      registers: [r],
    });
    this.tcpRefused = new Counter({
      name: 'ecn_dns_tcp_refused_total',
      help: 'DNS-over-TCP connections refused (per-source or total limit) or closed at their message deadline, by reason.',
      labelNames: ['reason'],
      registers: [r],
    });
    this.tableNames = new Gauge({
      name: 'ecn_filter_table_names',
      help: 'Names in the loaded filter table.',
      registers: [r],
    });
    this.listsBuilt = new Gauge({
      name: 'ecn_filter_lists_updated_timestamp_seconds',
      help: 'When the loaded filter table was built from its lists (Unix time).',
      registers: [r],
    });
    this.tableRejected = new Counter({
      name: 'ecn_filter_table_rejected_total',
      help: 'Filter tables refused (missing, invalid, failed build); the previous one stays.',
      labelNames: ['reason'],
      registers: [r],
    });
  }

  subscribe(bus: EventBus): () => void {
    const offs = [
      bus.on('dns.query_answered', (e) => {
        this.queries.labels(e.outcome, e.transport).inc();
        this.duration.labels(e.outcome).observe(e.seconds);
        if (e.outcome === 'blocked') this.blocked.labels(e.category ?? 'unknown').inc();
      }),
      bus.on('dns.upstream_failed', (e) => this.upstreamFailures.labels(e.reason).inc()),
      bus.on('dns.packet_dropped', (e) => this.dropped.labels(e.reason).inc()),
      bus.on('dns.tcp_refused', (e) => this.tcpRefused.labels(e.reason).inc()),
      bus.on('filter.table_loaded', (e) => {
        this.tableNames.set(e.names);
        if (e.builtAt > 0) this.listsBuilt.set(e.builtAt / 1000);
      }),
      bus.on('filter.table_rejected', (e) => this.tableRejected.labels(e.reason).inc()),
    ];
    return () => offs.forEach((off) => off());
  }
}
