// The memory store's per-device counters (wrong-code limits, free-access allowance).

import type { DeviceCounter } from '../../domain/ports';
import { counterRecord } from '../records';
import type { MemoryConnection } from './connection';
import { read, remove } from './rows';

export class MemoryCounters {
  constructor(private readonly c: MemoryConnection) {}

  getCounter(key: string): Promise<DeviceCounter | null> {
    return this.c.run((d) => read(counterRecord, d.counters.rows.get(key), 'counter'));
  }

  updateCounter(
    key: string,
    change: (current: DeviceCounter | null) => DeviceCounter,
  ): Promise<DeviceCounter> {
    return this.c.run((d) => {
      const next = counterRecord.parse({
        ...change(read(counterRecord, d.counters.rows.get(key), 'counter')),
        key,
      });
      d.counters.put(key, JSON.stringify(next), d.next());
      return next;
    });
  }

  deleteCounter(key: string): Promise<void> {
    return this.c.run((d) => void d.counters.rows.delete(key));
  }

  purgeCounters(now: number): Promise<number> {
    return this.c.run((d) => remove(d.counters, counterRecord, (c) => c.expiresAt < now));
  }
}
