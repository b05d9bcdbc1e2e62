// Statistics as a lifecycle component: opens the counters, subscribes to events, and each
// hour discards the device salts and hashes of days that are over.

import type { Clock } from '../domain/clock';
import type { EventBus } from '../domain/events';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';
import { localTime } from './local-time';
import { recordStatistics } from './stats-recorder';
import type { SqliteStats } from './sqlite-stats';

export class StatsComponent implements Component {
  readonly name = 'stats';
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly stats: SqliteStats,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.stats.start();
    this.unsubscribe = recordStatistics(this.events, this.stats, this.clock, this.timeZone);
    this.closeFinishedDays();
    this.timer = setInterval(() => this.closeFinishedDays(), 3600_000);
    this.timer.unref();
  }

  closeFinishedDays(): void {
    try {
      this.stats.closeDaysBefore(localTime(this.clock.now(), this.timeZone).day);
    } catch (err) {
      this.logger.error({ err }, 'closing statistics days failed');
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.stats.stop();
  }
}
