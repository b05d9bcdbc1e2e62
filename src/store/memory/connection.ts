// The memory store's one "connection", shared by its tables' modules as the embedded store's
// parts share one database: whether the store is open, and running each call as one atomic step.

import { EcnError } from '../../domain/errors';
import type { MemoryData } from './schema';

export class MemoryConnection {
  private isOpen = false;

  constructor(
    readonly spaceId: string,
    private readonly data: MemoryData,
  ) {}

  open(): void {
    this.isOpen = true;
  }

  close(): void {
    this.isOpen = false;
  }

  /** Runs `fn` at once, as one atomic step (nothing else runs between its reads and writes). */
  run<T>(fn: (d: MemoryData) => T): Promise<T> {
    if (!this.isOpen) {
      return Promise.reject(new EcnError('ECN_ERR_STORE_UNAVAILABLE', 'The memory store is not open.'));
    }
    try {
      return Promise.resolve(fn(this.data));
    } catch (err) {
      return Promise.reject(err);
    }
  }
}
