// Blocked DNS queries for the monthly statistics, counted in memory and written once a
// minute: one durable write per blocked query would cost the resolver its speed. A crash
// loses at most a minute of these counts (statistics, not acknowledged data).

import type { Clock } from '../domain/clock';
import type { EventBus } from '../domain/events';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';
import { localTime } from './local-time';
import type { SqliteStats } from './sqlite-stats';

export class BlockedQueriesBatcher implements Component {
  readonly name = 'blocked-statistics';
  private counts = new Map<string, number>();
  private off: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly stats: SqliteStats,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly logger: Logger,
    private readonly everyMs = 60_000,
  ) {}

  async start(): Promise<void> {
    this.stats.start();
    this.off = this.events.on('dns.query_answered', (e) => {
      if (e.outcome !== 'blocked') return;
      const key = e.category ?? 'unknown';
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    });
    this.timer = setInterval(() => this.flush(), this.everyMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.counts.size === 0) return;
    const batch = this.counts;
    this.counts = new Map();
    try {
      const day = localTime(this.clock.now(), this.timeZone).day;
      for (const [category, n] of batch) this.stats.add(day, 'blocked', category, n);
    } catch (err) {
      this.logger.error({ err }, 'writing blocked-query statistics failed');
    }
  }

  async stop(): Promise<void> {
    this.off?.();
    if (this.timer) clearInterval(this.timer);
    this.flush();
    this.stats.stop();
  }
}
