// The journal as a lifecycle component: opens it, records session events and the clock's
// synchronisation changes, and purges what is past retention at start and then every day.

import type { Clock } from '../domain/clock';
import type { EventBus } from '../domain/events';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';
import { recordSessionsInJournal } from './journal-recorder';
import { recordClockSyncInJournal } from './clock-sync-recorder';
import type { SqliteJournal } from './sqlite-journal';

const DAY = 24 * 3600 * 1000;

export interface JournalComponentOptions {
  retentionDays: number;
  securityRetentionDays: number;
  publicIp: string | null;
  purgeEveryMs?: number;
}

export class JournalComponent implements Component {
  readonly name = 'journal';
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly journal: SqliteJournal,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: JournalComponentOptions,
  ) {}

  async start(): Promise<void> {
    this.journal.start();
    const offSessions = recordSessionsInJournal(this.events, this.journal, this.clock, this.options.publicIp);
    const offClock = recordClockSyncInJournal(this.events, this.journal, this.clock);
    this.unsubscribe = () => {
      offSessions();
      offClock();
    };
    this.purge();
    this.timer = setInterval(() => this.purge(), this.options.purgeEveryMs ?? DAY);
    this.timer.unref();
  }

  /** Deletes entries past retention; logged, never thrown (a failing purge must not stop the box). */
  purge(): void {
    try {
      const now = this.clock.now();
      const r = this.journal.purge(
        now - this.options.retentionDays * DAY,
        now - this.options.securityRetentionDays * DAY,
      );
      if (r.entries || r.securityLines) this.logger.info(r, 'journal purged');
    } catch (err) {
      this.logger.error({ err }, 'journal purge failed');
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.journal.stop();
  }
}
