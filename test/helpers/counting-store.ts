// Wraps a Store and counts what each call read: how many times each method ran and how many
// records it handed back. Tests use it to show that a request costs a few indexed reads, not a
// scan, without timing anything.

import type { Store } from '../../src/domain/ports';

export interface StoreReads {
  /** Calls per method name. */
  calls: Record<string, number>;
  /** Records returned, over every call (a list counts its length, a record 1, null 0). */
  records: number;
  reset(): void;
}

export function countingStore(store: Store): { store: Store; reads: StoreReads } {
  const reads: StoreReads = {
    calls: {},
    records: 0,
    reset() {
      this.calls = {};
      this.records = 0;
    },
  };
  const counted = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        reads.calls[String(prop)] = (reads.calls[String(prop)] ?? 0) + 1;
        return result.then((r: unknown) => {
          reads.records += Array.isArray(r) ? r.length : r === null || r === undefined ? 0 : 1;
          return r;
        });
      };
    },
  });
  return { store: counted, reads };
}
