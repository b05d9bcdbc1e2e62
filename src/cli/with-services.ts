// The services one `ecn` command works with: the store, and the same event subscribers as the
// service (legal journal, statistics), opened for the command and closed afterwards.

import type { FrozenConfig } from '../config/load';
import { configuredProfiles, createJournal, createServiceDeps, createStats, createStore } from '../compose';
import { EcnError } from '../domain/errors';
import { recordSessionsInJournal } from '../journal/journal-recorder';
import { createLogger } from '../log';
import { adoptAccountsWithoutSpace } from '../services/accounts';
import type { ServiceDeps } from '../services/deps';
import { profilesInForce } from '../services/space-settings';
import { recordStatistics } from '../stats/stats-recorder';

/** Runs `fn` with the services of `cfg` (the command's configuration when not given). */
export type WithConfiguredServices = <T>(
  fn: (deps: ServiceDeps, cfg: FrozenConfig) => Promise<T>,
  cfg?: FrozenConfig,
) => Promise<T>;

/**
 * Opens the store for one command, with the same event subscribers as the service (legal
 * journal, statistics), so what the command changes is recorded the same way.
 */
export function serviceRunner(config: () => FrozenConfig): WithConfiguredServices {
  return (fn, cfg = config()) => withServices(fn, cfg);
}

async function withServices<T>(
  fn: (deps: ServiceDeps, cfg: FrozenConfig) => Promise<T>,
  cfg: FrozenConfig,
): Promise<T> {
  const store = createStore(cfg);
  const stats = createStats(cfg);
  const journal = cfg.journal.enabled ? createJournal(cfg).journal : null;
  // Subscriber failures (journal, statistics) must not pass silently in a one-shot command.
  const failures: string[] = [];
  // Profiles managers made or changed in the console count here too: read once the store is open.
  let profiles = configuredProfiles(cfg);
  const deps = createServiceDeps(
    cfg,
    store,
    createLogger('silent'),
    undefined,
    (event) => failures.push(event),
    () => profiles,
  );
  const offs: (() => void)[] = [];
  await store.start();
  try {
    profiles = await profilesInForce(deps.store, profiles);
    // As the service does at start (issue #13, item 2): one box's old accounts are its own.
    if (store.kind === 'embedded') await adoptAccountsWithoutSpace(deps, cfg.space.id);
    stats.start();
    offs.push(recordStatistics(deps.events, stats, deps.clock, cfg.space.timezone));
    if (journal) {
      journal.start();
      offs.push(recordSessionsInJournal(deps.events, journal, deps.clock, cfg.journal.publicIp || null));
    }
    const result = await fn(deps, cfg);
    if (failures.length) {
      throw new EcnError(
        'ECN_ERR_INTERNAL',
        `Done, but recording it failed for: ${[...new Set(failures)].join(', ')}.`,
      );
    }
    return result;
  } finally {
    offs.forEach((off) => off());
    journal?.stop();
    stats.stop();
    await store.stop();
  }
}
