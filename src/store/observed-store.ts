// Wraps a Store so that every failed operation is published as `store.failed` (metrics,
// alerts), whatever the adapter. The error itself still reaches the caller unchanged.

import { isEcnError } from '../domain/errors';
import type { EventBus } from '../domain/events';
import type { Store } from '../domain/ports';

export function observeStore(store: Store, events: EventBus): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || prop === 'start' || prop === 'stop') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch((err: unknown) => {
          if (isEcnError(err) && err.code.startsWith('ECN_ERR_STORE_')) {
            events.emit('store.failed', { operation: String(prop), code: err.code });
          }
          throw err;
        });
    },
  });
}
