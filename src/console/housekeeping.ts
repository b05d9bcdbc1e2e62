// The console's housekeeping, hourly: drops console sessions past their end (Redis expires
// them by itself; the embedded store needs it) and audit entries past the retention rule.

import type { Component } from '../lifecycle';
import type { Logger } from '../log';
import type { ServiceDeps } from '../services/deps';

const HOUR_MS = 3600_000;
const DAY_MS = 86_400_000;

export async function consoleHousekeeping(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  auditRetentionDays: number,
): Promise<{ sessions: number; auditEntries: number }> {
  const now = deps.clock.now();
  const sessions = await deps.store.purgeConsoleSessions(now);
  const auditEntries = await deps.store.purgeAudit(now - auditRetentionDays * DAY_MS);
  return { sessions, auditEntries };
}

export class ConsoleHousekeeping implements Component {
  readonly name = 'console-housekeeping';
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: Pick<ServiceDeps, 'store' | 'clock'>,
    private readonly auditRetentionDays: number,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.run();
    this.timer = setInterval(() => void this.run(), HOUR_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    try {
      const r = await consoleHousekeeping(this.deps, this.auditRetentionDays);
      if (r.sessions || r.auditEntries) this.logger.info(r, 'console sessions and audit entries purged');
    } catch (err) {
      this.logger.error({ err }, 'console housekeeping failed');
    }
  }
}
