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
import { PeriodicTask } from '../periodic-task';

export class ClockSyncMonitor implements Component {
  readonly name = 'clock-sync';
  private last: ClockSyncStatus | null = null;
  private readonly task: PeriodicTask;

  constructor(
    private readonly sync: ClockSync,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    intervalMs: number,
  ) {
    // checkOnce never throws; a failure here would be a bug of ours, logged like one.
    this.task = new PeriodicTask(
      () => this.checkOnce(),
      intervalMs,
      (err) => logger.error({ err }, 'clock check failed'),
    );
  }

  async start(): Promise<void> {
    await this.check();
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** The last answer; null before the first check. */
  current(): ClockSyncStatus | null {
    return this.last;
  }

  /** One check; a check still running (a slow tool) is not doubled. Never throws. */
  check(): Promise<void> {
    return this.task.run();
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
