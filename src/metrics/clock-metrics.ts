// The clock's synchronisation as Prometheus gauges, fed by `clock.sync_changed` (issue #16,
// item 5). Registered on the service's registry beside the gateway's own metrics.

import { Gauge, type Registry } from 'prom-client';
import { CLOCK_SYNC_STATES } from '../domain/clock-sync';
import type { EventBus } from '../domain/events';

/** Adds the gauges to `registry` and subscribes them; returns the unsubscribe function. */
export function registerClockMetrics(registry: Registry, bus: EventBus): () => void {
  // 0 until a check says otherwise: "not known to be synchronised" is never reported as 1.
  const synchronized = new Gauge({
    name: 'ecn_clock_synchronized',
    help: 'System clock synchronised (1) or not, or not known (0); see ecn_clock_sync_state.',
    registers: [registry],
  });
  const state = new Gauge({
    name: 'ecn_clock_sync_state',
    help: 'Clock synchronisation state: 1 for the current one (synchronised, unsynchronised, unknown).',
    labelNames: ['state'],
    registers: [registry],
  });
  const show = (current: (typeof CLOCK_SYNC_STATES)[number]) => {
    synchronized.set(current === 'synchronised' ? 1 : 0);
    for (const s of CLOCK_SYNC_STATES) state.labels(s).set(s === current ? 1 : 0);
  };
  show('unknown');
  return bus.on('clock.sync_changed', (e) => show(e.state));
}
