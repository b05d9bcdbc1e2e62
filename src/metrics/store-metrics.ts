// The store's health as Prometheus gauges, fed by `store.state_changed` (issue #13, item 4).
// Registered on the service's registry beside the gateway's own metrics.

import { Gauge, type Registry } from 'prom-client';
import { STORE_STATES, type StoreState } from '../domain/store-health';
import type { EventBus } from '../domain/events';

/** Adds the gauges to `registry` and subscribes them; returns the unsubscribe function. */
export function registerStoreMetrics(registry: Registry, bus: EventBus): () => void {
  const up = new Gauge({
    name: 'ecn_store_up',
    help: 'The store answers and holds its data (1), or not (0); see ecn_store_state.',
    registers: [registry],
  });
  const state = new Gauge({
    name: 'ecn_store_state',
    help: 'Store state: 1 for the current one (up, unavailable, emptied).',
    labelNames: ['state'],
    registers: [registry],
  });
  const show = (current: StoreState) => {
    up.set(current === 'up' ? 1 : 0);
    for (const s of STORE_STATES) state.labels(s).set(s === current ? 1 : 0);
  };
  // The service does not start without its store.
  show('up');
  return bus.on('store.state_changed', (e) => show(e.state));
}
