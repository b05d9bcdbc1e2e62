// The daily retention purge of the operational store (issue 13, item 5): ended sessions and the
// device bindings of ended tickets, old charter acceptances, then ended tickets, after the
// durations the privacy notice states. Run by the service (at start, then daily) and by
// `ecn store purge`.

import { DAY_MS, purgeCutoffs, type PurgeCounts, type RetentionPolicy } from '../domain/retention';
import type { Component } from '../lifecycle';
import { isStoreDown } from '../domain/store-health';
import type { Logger } from '../log';
import { PeriodicTask } from '../periodic-task';
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
  private readonly task: PeriodicTask;

  constructor(
    deps: Pick<ServiceDeps, 'store' | 'clock' | 'events'>,
    policy: RetentionPolicy,
    logger: Logger,
    intervalMs = DAY_MS,
  ) {
    this.task = new PeriodicTask(
      async () => logger.info(await purgeStore(deps, policy), 'store purged past its retention'),
      intervalMs,
      // A store out of reach is logged once by the store monitor; the next day's purge catches up.
      (err) => {
        if (isStoreDown(err)) logger.warn({ errorCode: err.code }, 'store purge skipped: store unavailable');
        else logger.error({ err }, 'store purge failed');
      },
    );
  }

  async start(): Promise<void> {
    // Not awaited: the first purge after an upgrade may have a year to go through, and the
    // portal must not wait for it.
    void this.task.run();
    this.task.start();
  }

  /** One purge now (also what the timer runs); overlapping calls share the running one. */
  purge(): Promise<void> {
    return this.task.run();
  }

  /** The store stops after this component: a purge under way finishes its page first. */
  stop(): Promise<void> {
    return this.task.stop();
  }
}
