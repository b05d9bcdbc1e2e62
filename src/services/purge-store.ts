// The daily retention purge of the operational store (issue 13, item 5): ended sessions and the
// device bindings of ended tickets, old charter acceptances, then ended tickets, after the
// durations the privacy notice states. Run by the service (at start, then daily) and by
// `ecn store purge`.

import { DAY_MS, purgeCutoffs, type PurgeCounts, type RetentionPolicy } from '../domain/retention';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';
import type { ServiceDeps } from './deps';

/** One purge at the deps' clock; publishes `store.purged` with the counts. */
export async function purgeStore(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'events'>,
  policy: RetentionPolicy,
): Promise<PurgeCounts> {
  const cut = purgeCutoffs(policy, deps.clock.now());
  // Sessions and bindings first: when tickets go sooner than sessions (never with the default
  // durations), the order does not matter; otherwise a ticket leaves with nothing behind it.
  const sessions = await deps.store.purgeSessions(cut.sessionsEndedBefore);
  const deviceBindings = await deps.store.purgeDeviceBindings(cut.sessionsEndedBefore);
  const acceptances = await deps.store.purgeAcceptances(cut.acceptancesBefore);
  const tickets = await deps.store.purgeTickets(cut.ticketsEndedBefore);
  const counts = { sessions, deviceBindings, acceptances, tickets };
  deps.events.emit('store.purged', counts);
  return counts;
}

/** The purge as a lifecycle component: once at start (not waited for), then every day. */
export class StorePurge implements Component {
  readonly name = 'store-purge';
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: Pick<ServiceDeps, 'store' | 'clock' | 'events'>,
    private readonly policy: RetentionPolicy,
    private readonly logger: Logger,
    private readonly intervalMs = DAY_MS,
  ) {}

  async start(): Promise<void> {
    if (this.timer) return;
    // Not awaited: the first purge after an upgrade may have a year to go through, and the
    // portal must not wait for it.
    void this.purge();
    this.timer = setInterval(() => void this.purge(), this.intervalMs);
    this.timer.unref();
  }

  /** One purge now (also what the timer runs); overlapping calls share the running one. */
  purge(): Promise<void> {
    this.running ??= purgeStore(this.deps, this.policy)
      .then((counts) => this.logger.info(counts, 'store purged past its retention'))
      .catch((err: unknown) => this.logger.error({ err }, 'store purge failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // The store stops after this component: let a purge under way finish its page first.
    await this.running;
  }
}
