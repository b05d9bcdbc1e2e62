// What the DNS front-end tells the metrics: one event per answer (its outcome, the blocking
// category if any, the transport and the time taken) and one per dropped packet. No client and
// no name ever leave this module: only counters.

import { performance } from 'node:perf_hooks';
import type { DnsOutcome, DnsTransport, EventBus } from '../domain/events';

/** Sends a reply and counts it. */
export type Done = (outcome: DnsOutcome, category: string | null, reply: Buffer) => void;

/** The `done` of one query: sends the reply through `respond`, then counts it with its time. */
export function answering(events: EventBus, transport: DnsTransport, respond: (reply: Buffer) => void): Done {
  const t0 = performance.now();
  return (outcome, category, reply) => {
    respond(reply);
    events.emit('dns.query_answered', {
      outcome,
      category,
      transport,
      seconds: (performance.now() - t0) / 1000,
    });
  };
}
