// Pings the store every second and keeps whether it can be used (issue #13, item 4). The
// portal's health check, the console's banner and the metrics read or follow it; each change
// is logged once, so an outage gives two log lines, not one per request that met it.

import type { Clock } from '../domain/clock';
import { isEcnError } from '../domain/errors';
import type { EventBus } from '../domain/events';
import type { Store } from '../domain/ports';
import type { StoreHealth, StoreState } from '../domain/store-health';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';

export class StoreMonitor implements Component {
  readonly name = 'store-monitor';
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private last: StoreHealth;

  constructor(
    private readonly store: Pick<Store, 'ping'>,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {
    // The service does not start without its store, so it is up when this starts.
    this.last = { state: 'up', since: clock.now() };
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  current(): StoreHealth {
    return this.last;
  }

  /** One check; a ping still waiting (a hung Redis) is not doubled. Never throws. */
  check(): Promise<void> {
    this.running ??= this.checkOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async checkOnce(): Promise<void> {
    let state: StoreState = 'up';
    let detail: string | null = null;
    try {
      await this.store.ping();
    } catch (err) {
      state = isEcnError(err, 'ECN_ERR_STORE_EMPTIED') ? 'emptied' : 'unavailable';
      detail = (err as Error).message;
    }
    const previous = this.last.state;
    if (state === previous) return;
    this.last = { state, since: this.clock.now() };
    if (state === 'up') this.logger.info({ previous }, 'the store answers again');
    else if (state === 'emptied') {
      this.logger.error(
        { errorCode: 'ECN_ERR_STORE_EMPTIED', detail },
        'the store came back EMPTY: logins are refused until it is restored (docs/redis-city.md)',
      );
    } else {
      this.logger.error(
        { errorCode: 'ECN_ERR_STORE_UNAVAILABLE', detail },
        'the store does not answer: connected residents keep access, new logins are refused',
      );
    }
    this.events.emit('store.state_changed', { state, previous });
  }
}
