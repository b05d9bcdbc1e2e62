// The running service as a list of named components, in start order (stop is the reverse):
// what `main.ts` starts. Each group below builds its parts from the configuration and the
// parts built before it; nothing here listens or opens a file until `start()`.

import { portalPublicUrl } from '../config/portal-url';
import type { FrozenConfig } from '../config/load';
import { parseListen } from '../config/units';
import { listenerParts } from './listeners';
import {
  configuredProfiles,
  createJournal,
  createServiceDeps,
  createStats,
  createStore,
  instanceId,
} from '../compose';
import { HttpListener } from '../http-listener';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';
import type { readCertificates } from '../tls/configured-certificates';
import { createGateway, createWalledGarden } from '../gateway/create-gateway';
import { accessPolicy, loadPortalTexts, portalSettings } from '../portal/settings';
import { SessionSweeper } from '../services/expire-sessions';
import type { AccessDeps } from '../services/client-access';
import type { ServiceDeps } from '../services/deps';
import { StatsComponent } from '../stats/stats-component';
import { JournalComponent } from '../journal/journal-component';
import type { SqliteJournal } from '../journal/sqlite-journal';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { createMetricsApp } from '../metrics/metrics-app';
import { adoptAccountsWithoutSpace } from '../services/accounts';
import { customListsFile, syncCustomLists } from '../filter/custom-lists';
import { filterSettings } from '../filter/settings';
import { followSettings, liveSpaceSettings } from '../console/settings/live-settings';
import type { LiveSpaceSettings } from '../services/space-settings';
import { CommandClockSync } from '../clock-sync/command-clock-sync';
import { ClockSyncMonitor } from '../clock-sync/clock-sync-monitor';
import { registerClockMetrics } from '../metrics/clock-metrics';
import { registerStoreMetrics } from '../metrics/store-metrics';
import { registerHelpAttendanceMetrics } from '../metrics/help-attendance-metrics';
import { monthAttendance, recentAttendance } from '../services/attendance';
import { localTime } from '../stats/local-time';
import { StoreMonitor } from '../services/store-monitor';
import { SpaceClaim } from '../services/space-claim';
import { TicketEndRelay } from '../services/ticket-end-relay';
import type { RedisStore } from '../store/redis-store';
import type { SqliteStore } from '../store/sqlite-store';
import type { RedisTicketChannel } from '../store/redis-ticket-channel';

/** How often the store is pinged: an outage and a return are seen within a second. */
const STORE_CHECK_MS = 1000;

/**
 * How often this space's settings are read again, for a change saved elsewhere than this
 * process (the `ecn` command). Settings are each space's own, even on a shared Redis store.
 */
const SETTINGS_REFRESH_MS = 30_000;

export interface ServiceInput {
  config: FrozenConfig;
  certificates: ReturnType<typeof readCertificates>;
  logger: Logger;
  version: string;
}

/** A part that cannot even be built (the journal key, the portal texts): why, and the cause. */
export class BuildFailure extends Error {
  constructor(
    message: string,
    readonly reason: unknown,
  ) {
    super(message);
  }
}

function attempt<T>(build: () => T, message = 'cannot start'): T {
  try {
    return build();
  } catch (err) {
    throw new BuildFailure(message, err);
  }
}

export interface Service {
  /** In start order; stopped in reverse. */
  components: Component[];
  /** The addresses and fingerprints bound, for the "started" log line. */
  summary(): Record<string, unknown>;
}

/** A component from two functions, for a part that is not a class of its own. */
export function component(name: string, start: () => Promise<void>, stop = async () => {}): Component {
  return { name, start, stop };
}

/** The whole service: core (store, metrics, journal, clock), access, then the listeners. */
export function serviceComponents(input: ServiceInput): Service {
  const core = coreParts(input);
  const access = accessParts(input, core);
  const listeners = listenerParts(input, core, access);
  return {
    components: [...core.components, ...access.components, ...listeners.components],
    summary: listeners.summary,
  };
}

export interface CoreParts {
  store: RedisStore | SqliteStore;
  deps: ServiceDeps;
  metrics: GatewayMetrics;
  /** The one settings source: what managers changed in the console over the file's values. */
  live: LiveSpaceSettings;
  portal: ReturnType<typeof portalSettings>;
  texts: ReturnType<typeof loadPortalTexts>;
  storeMonitor: StoreMonitor;
  metricsListener: HttpListener;
  clockSync: ClockSyncMonitor;
  stats: ReturnType<typeof createStats>;
  journal: SqliteJournal | null;
  components: Component[];
}

/** Store, one event bus with its metrics and settings, statistics, legal journal and clock check. */
function coreParts(input: ServiceInput): CoreParts {
  const { config, logger } = input;
  const store = createStore(config);
  const shared = sharedParts(input, store);
  const { deps, metrics } = shared;
  // Issue #13, item 4: whether the (shared) store answers, for /healthz, the console, metrics.
  const storeMonitor = new StoreMonitor(
    store,
    deps.events,
    deps.clock,
    logger.child({ module: 'store' }),
    STORE_CHECK_MS,
  );
  const stats = createStats(config);
  const journal = config.journal.enabled ? journalComponent(config, deps, logger) : null;
  const clockSync = clockSyncMonitor(config, deps, logger);
  const metricsListener = new HttpListener(
    'metrics',
    createMetricsApp({ registry: metrics.registry, token: config.metrics.token }),
    parseListen(config.metrics.listen)!,
  );
  const components: Component[] = [
    component(
      'store',
      () => store.start(),
      () => store.stop(),
    ),
    shared.attendanceMetrics,
    ...spaceClaim(config, store, logger),
    storeMonitor,
    metricsListener,
    new StatsComponent(
      stats,
      deps.events,
      deps.clock,
      config.space.timezone,
      logger.child({ module: 'stats' }),
    ),
    ...(journal ? [journal] : []),
    clockSync,
  ];
  const { live, portal, texts } = shared;
  return {
    ...{ store, deps, metrics, live, portal, texts, storeMonitor, metricsListener, clockSync, stats },
    journal: journal?.journal ?? null,
    components,
  };
}

/**
 * One event bus for the whole process (metrics, statistics and the journal subscribe to it),
 * the use cases' deps on it, and the settings source those deps read their profiles from.
 */
function sharedParts({ config, logger, version }: ServiceInput, store: RedisStore | SqliteStore) {
  const metrics = new GatewayMetrics({
    spaceId: config.space.id,
    version,
    store,
    processMetrics: true,
    dataDir: config.dataDir,
  });
  const texts = attempt(() => loadPortalTexts(config));
  const portal = attempt(() => portalSettings(config, portalPublicUrl(config)));
  // The profiles in force are the settings source's, made just below on these deps' own
  // (observed) store: every copy of the deps, spread or not, reads the same frozen list.
  const deps = createServiceDeps(
    config,
    store,
    logger,
    undefined,
    (event) => metrics.subscriberErrors.labels(event).inc(),
    () => live.current().profiles,
  );
  const live = liveSpaceSettings(config, deps, portal, texts, configuredProfiles(config));
  metrics.subscribe(deps.events);
  registerClockMetrics(metrics.registry, deps.events);
  registerStoreMetrics(metrics.registry, deps.events);
  return { metrics, deps, live, portal, texts, attendanceMetrics: attendanceMetrics(config, metrics, deps) };
}

/** Calls for help and attendance in the fleet metrics (issue #15, items 5 and 6). */
function attendanceMetrics(config: FrozenConfig, metrics: GatewayMetrics, deps: ServiceDeps): Component {
  const month = () => localTime(deps.clock.now(), config.space.timezone).month;
  const registered = registerHelpAttendanceMetrics(metrics.registry, deps.events, {
    spaceId: config.space.id,
    store: deps.store,
    monthAttendance: async () => (await monthAttendance(deps, config.space.id, month())).summary,
    recentAttendance: () => recentAttendance(deps, config.space.id, month()),
    since: deps.clock.now(),
  });
  // The month's attendance read once the store answers: the gauges then hold it through an outage.
  return component(
    'attendance-metrics',
    () => registered.refresh(),
    async () => registered.stop(),
  );
}

/** One box per space on a shared pool (issue #13): a second box with this space.id stops here. */
function spaceClaim(config: FrozenConfig, store: RedisStore | SqliteStore, logger: Logger): Component[] {
  // Only the Redis store is shared between boxes, and only it makes claims.
  if (!('claimSpace' in store)) return [];
  const instance = attempt(
    () => instanceId(config),
    'cannot read or write the instance id in the data folder',
  );
  return [new SpaceClaim(store, instance, logger.child({ module: 'space-claim' }))];
}

/**
 * Time issue (#16, item 5): checked after the journal opens, so a first "not synchronised"
 * is recorded there, and before the apps listen, so /healthz and the console know it.
 */
function clockSyncMonitor(config: FrozenConfig, deps: ServiceDeps, logger: Logger): ClockSyncMonitor {
  return new ClockSyncMonitor(
    new CommandClockSync({
      source: config.clock.source,
      command: config.clock.command,
      path: process.env.PATH,
    }),
    deps.events,
    deps.clock,
    logger.child({ module: 'clock-sync' }),
    config.clock.checkInterval * 1000,
  );
}

/** The legal journal, subscribed to the service's events (issue 8). */
function journalComponent(
  config: FrozenConfig,
  deps: ServiceDeps,
  logger: Logger,
): Component & { journal: SqliteJournal } {
  const journal = attempt(() => createJournal(config), 'cannot open the legal journal');
  if (journal.keyCreated) {
    logger.warn(
      { keyFile: config.journal.keyFile },
      'created a new journal key: keep a copy off the box, the journal is unreadable without it',
    );
  }
  const component = new JournalComponent(
    journal.journal,
    deps.events,
    deps.clock,
    logger.child({ module: 'journal' }),
    {
      retentionDays: config.journal.retentionDays,
      securityRetentionDays: config.journal.securityRetentionDays,
      publicIp: config.journal.publicIp || null,
    },
  );
  return Object.assign(component, { journal: journal.journal });
}

export interface AccessParts {
  access: AccessDeps;
  components: Component[];
}

/** Gateway, settings applied, console accounts, session sweeper, the city's ticket channel. */
function accessParts({ config, logger }: ServiceInput, core: CoreParts): AccessParts {
  const { deps, live, portal } = core;
  const policy = accessPolicy(config);
  followSettings(live, config.space.timezone, { policy, portal, texts: core.texts });
  // Gateway issue (#5): the nftables adapter reads the store (reconcile, counters) too.
  const gateway = createGateway(config, logger.child({ module: 'gateway' }), { ...deps, policy });
  const access: AccessDeps = { ...deps, gateway, policy };
  // Issue #15, item 8: the links marked reachable before login, opened by the nftables gateway.
  const garden = createWalledGarden(
    config,
    gateway,
    () => live.current().links,
    logger.child({ module: 'walled-garden' }),
  );
  if (garden) {
    portal.linksBeforeLogin = () => garden.reachable();
    live.onChange(() => void garden.changed());
  }
  followFilterLists(live, config, logger);
  const components: Component[] = [
    component(
      'gateway',
      () => gateway.start(),
      () => gateway.stop(),
    ),
    // Settings managers changed in the console, over the file's values, before any app serves.
    component('settings', async () => void (await live.load())),
    ...(garden ? [garden] : []),
    accountsOfThisBox(config, deps, logger),
    settingsRefresh(live, logger),
    new SessionSweeper(access, config.portal.sweepInterval * 1000, logger.child({ module: 'sweeper' })),
    ...ticketChannel(config, access, logger),
  ];
  return { access, components };
}

/**
 * The DNS process never opens the store: it reads the space's own lists from a file, which
 * follows every change of the settings in force (a console save, a refresh, the start).
 */
function followFilterLists(live: LiveSpaceSettings, config: FrozenConfig, logger: Logger): void {
  const file = customListsFile(filterSettings(config).tableFile);
  live.onChange(() => {
    if (syncCustomLists(file, live.stored?.filter))
      logger.info("rewrote the filter's own lists from the settings");
  });
}

/**
 * Issue #13, item 2: on the embedded store, accounts made before accounts belonged to spaces
 * become this box's (a shared Redis cannot tell whose they are: see adoptAccountsWithoutSpace).
 */
function accountsOfThisBox(config: FrozenConfig, deps: ServiceDeps, logger: Logger): Component {
  return component('accounts', async () => {
    if (config.store.kind !== 'embedded') return;
    const adopted = await adoptAccountsWithoutSpace(deps, config.space.id);
    if (adopted > 0) logger.info({ adopted, space: config.space.id }, 'console accounts given this space');
  });
}

/** A ticket revoked or used up in another space ends this space's sessions of it at once. */
function ticketChannel(config: FrozenConfig, access: AccessDeps, logger: Logger): Component[] {
  if (config.store.kind !== 'redis') return [];
  // Required only on a pool: a box on its embedded store never loads ioredis (issue #17, item 5).
  const { RedisTicketChannel: Channel } = require('../store/redis-ticket-channel') as {
    RedisTicketChannel: typeof RedisTicketChannel;
  };
  const channel = new Channel({
    url: config.store.redisUrl,
    keyPrefix: config.store.keyPrefix,
    spaceId: config.space.id,
  });
  return [
    component(
      'ticket-channel',
      () => channel.start(),
      () => channel.stop(),
    ),
    new TicketEndRelay(access, channel, logger.child({ module: 'ticket-end' })),
  ];
}

/** What was saved for this space outside this process applies here within the refresh period. */
function settingsRefresh(live: LiveSpaceSettings, logger: Logger): Component {
  let timer: NodeJS.Timeout | null = null;
  return component(
    'settings-refresh',
    async () => {
      timer = setInterval(() => {
        live
          .refresh()
          .then((changed) => {
            if (changed) logger.info('applied settings saved elsewhere for this space');
          })
          .catch((err: unknown) =>
            logger.warn({ err }, 'cannot read the stored settings; keeping those in force'),
          );
      }, SETTINGS_REFRESH_MS);
      timer.unref();
    },
    async () => {
      if (timer) clearInterval(timer);
    },
  );
}
