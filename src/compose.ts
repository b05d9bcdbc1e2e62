// Builds the parts both entry points share (the service and the `ecn` command) from a
// validated configuration: the store adapter, the event bus and the use-case dependencies.

import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { privateFolder } from './store/private-files';
import type { FrozenConfig } from './config/load';
import { EventBus } from './domain/events';
import type { Clock } from './domain/clock';
import type { Store } from './domain/ports';
import type { Logger } from './log';
import type { ServiceDeps } from './services/deps';
import { profileFromConfig } from './services/profiles';
import { subscribeAuditTrail } from './services/audit-trail';
import { deepFreeze } from './services/space-settings';
import type { Profile } from './domain/profile';
import type { RedisStore } from './store/redis-store';
import { SqliteStore } from './store/sqlite-store';
import { observeStore } from './store/observed-store';
import { SqliteStats } from './stats/sqlite-stats';
import { loadJournalKey } from './journal/journal-key';
import { SqliteJournal } from './journal/sqlite-journal';

export const systemClock: Clock = { now: () => Date.now() };

export function embeddedStoreFile(config: FrozenConfig): string {
  return path.join(config.dataDir, 'ecn.db');
}

export function createStore(config: FrozenConfig): RedisStore | SqliteStore {
  const spaceId = config.space.id;
  if (config.store.kind !== 'redis') return new SqliteStore({ file: embeddedStoreFile(config), spaceId });
  // Required here rather than imported: a box on its embedded store never loads ioredis (about
  // 5 MiB resident), nor does `ecn dns` (issue #17, item 5).
  const { RedisStore: Redis } = require('./store/redis-store') as typeof import('./store/redis-store');
  return new Redis({ url: config.store.redisUrl, keyPrefix: config.store.keyPrefix, spaceId });
}

/**
 * This installation's own identifier, made once and kept in the data folder: what tells a box
 * restarting (same id, its claim on its space is still its own) from a second box configured
 * with the same `space.id` on the same pool.
 */
export function instanceId(config: FrozenConfig): string {
  const file = path.join(config.dataDir, 'instance-id');
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f-]{36}$/.test(id)) return id;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  privateFolder(config.dataDir);
  const id = randomUUID();
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}

export function createServiceDeps(
  config: FrozenConfig,
  store: Store,
  logger: Logger,
  clock: Clock = systemClock,
  onSubscriberError?: (event: string) => void,
  /** The profiles in force (the service's live settings); the configured ones, frozen, when absent. */
  profiles?: () => readonly Profile[],
): ServiceDeps {
  const events = new EventBus((event, err) => {
    logger.error({ err, event }, 'event subscriber failed');
    onSubscriberError?.(event);
  });
  const deps: ServiceDeps = {
    store: observeStore(store, events),
    clock,
    events,
    random: (n) => randomBytes(n),
    newId: () => randomUUID(),
    profiles: profiles ?? configuredProfilesReader(config),
    maxBatch: config.tickets.maxBatch,
  };
  // Every edge (console, `ecn`, control socket) is audited by the one subscriber on this bus.
  subscribeAuditTrail(deps);
  return deps;
}

/** The configuration's profiles, frozen once, as the use cases read them. */
export function configuredProfiles(config: FrozenConfig): readonly Profile[] {
  return deepFreeze(config.profiles.map(profileFromConfig));
}

function configuredProfilesReader(config: FrozenConfig): () => readonly Profile[] {
  const list = configuredProfiles(config);
  return () => list;
}

/** The legal journal with its key (created on first use when none is configured). */
export function createJournal(config: FrozenConfig): { journal: SqliteJournal; keyCreated: boolean } {
  const { key, created } = loadJournalKey({ key: config.journal.key, keyFile: config.journal.keyFile });
  return { journal: new SqliteJournal(config.journal.file, key), keyCreated: created };
}

/** The statistics counters of this box (always local: statistics are per space). */
export function createStats(config: FrozenConfig): SqliteStats {
  return new SqliteStats(path.join(config.dataDir, 'stats.db'));
}
