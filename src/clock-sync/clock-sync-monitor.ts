// Checks the clock's synchronisation at start and then every `clock.checkInterval`, keeps the
// last answer for the health check and the console, and publishes each change on the event
// bus (metrics and the legal journal subscribe), so the journal records when its times could
// not be trusted.

import type { Clock } from '../domain/clock';
import type { ClockSyncReading, ClockSyncStatus } from '../domain/clock-sync';
import type { EventBus } from '../domain/events';
import type { ClockSync } from '../domain/ports';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';

export class ClockSyncMonitor implements Component {
  readonly name = 'clock-sync';
  private timer: NodeJS.Timeout | null = null;
  private last: ClockSyncStatus | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly sync: ClockSync,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** The last answer; null before the first check. */
  current(): ClockSyncStatus | null {
    return this.last;
  }

  /** One check; a check still running (a slow tool) is not doubled. Never throws. */
  check(): Promise<void> {
    this.running ??= this.checkOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async checkOnce(): Promise<void> {
    let reading: ClockSyncReading;
    try {
      reading = await this.sync.status();
    } catch (err) {
      reading = { state: 'unknown', source: 'none', detail: (err as Error).message };
    }
    const now = this.clock.now();
    const previous = this.last;
    const changed = previous?.state !== reading.state;
    this.last = { ...reading, checkedAt: now, since: changed ? now : previous.since };
    if (!changed) return;
    const fields = { state: reading.state, source: reading.source, detail: reading.detail };
    if (reading.state === 'synchronised') {
      this.logger.info(fields, previous ? 'system clock synchronised again' : 'system clock synchronised');
    } else if (reading.state === 'unsynchronised') {
      this.logger.warn(fields, 'system clock NOT synchronised: journal times cannot be trusted');
    } else {
      this.logger.warn(fields, 'cannot tell whether the system clock is synchronised');
    }
    this.events.emit('clock.sync_changed', { ...reading, previous: previous?.state ?? null });
  }
}
