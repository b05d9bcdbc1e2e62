// Composition root of the gateway service: reads the environment and the configuration,
// builds the store and the apps, binds the ports, and stops everything on SIGTERM/SIGINT.

import { parseArgs } from 'node:util';
import { loadConfig, resolveConfigFile, type FrozenConfig } from './config/load';
import { portalPublicUrl } from './config/portal-url';
import { readCertificates } from './tls/configured-certificates';
import { formatListen, parseListen } from './config/units';
import { createJournal, createServiceDeps, createStats, createStore, instanceId } from './compose';
import { isEcnError } from './domain/errors';
import { HttpListener } from './http-listener';
import { Lifecycle, type Component } from './lifecycle';
import { createLogger, type Logger } from './log';
import { packageVersion } from './package-info';
import { createPortalApp } from './portal/app';
import { createGateway } from './gateway/create-gateway';
import { accessPolicy, loadPortalTexts, portalSettings } from './portal/settings';
import { SessionSweeper } from './services/expire-sessions';
import type { AccessDeps } from './services/client-access';
import type { ServiceDeps } from './services/deps';
import { StatsComponent } from './stats/stats-component';
import { JournalComponent } from './journal/journal-component';
import type { SqliteJournal } from './journal/sqlite-journal';
import { GatewayMetrics } from './metrics/gateway-metrics';
import { createMetricsApp } from './metrics/metrics-app';
import { createRadiusComponents } from './radius/radius-components';
import { httpCategoryLookup } from './portal/category-lookup';
import { createConsoleApp } from './console/app';
import { adoptAccountsWithoutSpace } from './services/accounts';
import { ConsoleHousekeeping } from './console/housekeeping';
import { StorePurge } from './services/purge-store';
import { customListsFile, syncCustomLists } from './filter/custom-lists';
import { filterSettings } from './filter/settings';
import { consoleDeps } from './console/compose-console';
import { liveSpaceSettings } from './console/settings/live-settings';
import { ControlServer } from './control/control-server';
import { controlHandler } from './control/control-handler';
import { controlSocketPath } from './control/control-protocol';
import { CommandClockSync } from './clock-sync/command-clock-sync';
import { ClockSyncMonitor } from './clock-sync/clock-sync-monitor';
import { registerClockMetrics } from './metrics/clock-metrics';
import { registerStoreMetrics } from './metrics/store-metrics';
import { registerHelpAttendanceMetrics } from './metrics/help-attendance-metrics';
import { monthAttendance } from './services/attendance';
import { localTime } from './stats/local-time';
import { StoreMonitor } from './services/store-monitor';
import { SpaceClaim } from './services/space-claim';
import { TicketEndRelay } from './services/ticket-end-relay';
import { RedisStore } from './store/redis-store';
import { RedisTicketChannel } from './store/redis-ticket-channel';

/** How often the store is pinged: an outage and a return are seen within a second. */
const STORE_CHECK_MS = 1000;

/**
 * How often this space's settings are read again, for a change saved elsewhere than this
 * process (the `ecn` command). Settings are each space's own, even on a shared Redis store.
 */
const SETTINGS_REFRESH_MS = 30_000;

function readConfig(argv: string[], env: NodeJS.ProcessEnv): FrozenConfig {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string', short: 'c' } },
    strict: true,
  });
  return loadConfig({ file: resolveConfigFile(values.config, env), env });
}

function fatal(logger: Logger, err: unknown, msg = 'cannot start'): never {
  logger.fatal({ err, errorCode: isEcnError(err) ? err.code : undefined }, msg);
  logger.flush();
  process.exit(1);
}

/** The legal journal, subscribed to the service's events (issue 8). */
function journalComponent(
  config: FrozenConfig,
  deps: ServiceDeps,
  logger: Logger,
): Component & { journal: SqliteJournal } {
  let journal;
  try {
    journal = createJournal(config);
  } catch (err) {
    fatal(logger, err, 'cannot open the legal journal');
  }
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

async function main(): Promise<void> {
  let config: FrozenConfig;
  let certificates: ReturnType<typeof readCertificates>;
  try {
    config = readConfig(process.argv.slice(2), process.env);
    certificates = readCertificates(config, new Date());
  } catch (err) {
    process.stderr.write(`ecn-gateway: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.log.level);
  const version = packageVersion();
  const store = createStore(config);

  // One event bus for the whole process: metrics, statistics and the journal subscribe to it.
  const metrics = new GatewayMetrics({
    spaceId: config.space.id,
    version,
    store,
    processMetrics: true,
    dataDir: config.dataDir,
  });
  const deps = createServiceDeps(config, store, logger, undefined, (event) =>
    metrics.subscriberErrors.labels(event).inc(),
  );
  metrics.subscribe(deps.events);
  registerClockMetrics(metrics.registry, deps.events);
  registerStoreMetrics(metrics.registry, deps.events);
  const helpAttendanceMetrics = registerHelpAttendanceMetrics(metrics.registry, deps.events, {
    spaceId: config.space.id,
    store,
    monthAttendance: async () => {
      const month = localTime(deps.clock.now(), config.space.timezone).month;
      return (await monthAttendance(deps, config.space.id, month)).summary;
    },
  });

  const components: Component[] = [{ name: 'store', start: () => store.start(), stop: () => store.stop() }];
  // The month's attendance read once the store answers: the gauges then hold it through an outage.
  components.push({
    name: 'attendance-metrics',
    start: () => helpAttendanceMetrics.refresh(),
    stop: async () => helpAttendanceMetrics.stop(),
  });
  // One box per space on a shared pool (issue #13): a second box with this space.id stops here.
  if (store instanceof RedisStore) {
    let instance: string;
    try {
      instance = instanceId(config);
    } catch (err) {
      fatal(logger, err, 'cannot read or write the instance id in the data folder');
    }
    components.push(new SpaceClaim(store, instance, logger.child({ module: 'space-claim' })));
  }
  // Issue #13, item 4: whether the (shared) store answers, for /healthz, the console, metrics.
  const storeMonitor = new StoreMonitor(
    store,
    deps.events,
    deps.clock,
    logger.child({ module: 'store' }),
    STORE_CHECK_MS,
  );
  components.push(storeMonitor);
  const metricsListener = new HttpListener(
    'metrics',
    createMetricsApp({ registry: metrics.registry, token: config.metrics.token }),
    parseListen(config.metrics.listen)!,
  );
  components.push(metricsListener);
  const stats = createStats(config);
  components.push(
    new StatsComponent(
      stats,
      deps.events,
      deps.clock,
      config.space.timezone,
      logger.child({ module: 'stats' }),
    ),
  );
  const journal = config.journal.enabled ? journalComponent(config, deps, logger) : null;
  if (journal) components.push(journal);
  // Time issue (#16, item 5): checked after the journal opens, so a first "not synchronised"
  // is recorded there, and before the apps listen, so /healthz and the console know it.
  const clockSync = new ClockSyncMonitor(
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
  components.push(clockSync);

  // Portal (issue 3): gateway adapter, access use cases, session sweeper, the portal app.
  const listen = parseListen(config.portal.listen)!;
  const policy = accessPolicy(config);
  // Gateway issue (#5): the nftables adapter reads the store (reconcile, counters) too.
  const gateway = createGateway(config, logger.child({ module: 'gateway' }), { ...deps, policy });
  components.push({ name: 'gateway', start: () => gateway.start(), stop: () => gateway.stop() });
  const access: AccessDeps = { ...deps, gateway, policy };
  let texts;
  let settings;
  try {
    texts = loadPortalTexts(config);
    settings = portalSettings(config, portalPublicUrl(config));
  } catch (err) {
    fatal(logger, err);
  }
  // Settings managers changed in the console, over the file's values, before any app serves.
  const live = liveSpaceSettings(config, access, settings, texts);
  const filterListsFile = customListsFile(filterSettings(config).tableFile);
  components.push({
    name: 'settings',
    start: async () => {
      await live.load();
      const filter = (await store.getSettings())?.filter;
      if (syncCustomLists(filterListsFile, filter)) {
        logger.info("rewrote the filter's own lists from the console's settings");
      }
    },
    stop: async () => {},
  });
  // Issue #13, item 2: on the embedded store, accounts made before accounts belonged to spaces
  // become this box's (a shared Redis cannot tell whose they are: see adoptAccountsWithoutSpace).
  components.push({
    name: 'accounts',
    start: async () => {
      if (store.kind !== 'embedded') return;
      const adopted = await adoptAccountsWithoutSpace(deps, config.space.id);
      if (adopted > 0) logger.info({ adopted, space: config.space.id }, 'console accounts given this space');
    },
    stop: async () => {},
  });
  // What was saved for this space outside this process applies here within the refresh period.
  let refreshTimer: NodeJS.Timeout | null = null;
  components.push({
    name: 'settings-refresh',
    start: async () => {
      refreshTimer = setInterval(() => {
        live
          .refresh()
          .then((changed) => {
            if (!changed) return;
            logger.info('applied settings saved elsewhere for this space');
            syncCustomLists(filterListsFile, live.stored?.filter);
          })
          .catch((err: unknown) =>
            logger.warn({ err }, 'cannot read the stored settings; keeping those in force'),
          );
      }, SETTINGS_REFRESH_MS);
      refreshTimer.unref();
    },
    stop: async () => {
      if (refreshTimer) clearInterval(refreshTimer);
    },
  });
  components.push(
    new SessionSweeper(access, config.portal.sweepInterval * 1000, logger.child({ module: 'sweeper' })),
  );
  // A ticket revoked or used up in another space ends this space's sessions of it at once.
  if (config.store.kind === 'redis') {
    const channel = new RedisTicketChannel({
      url: config.store.redisUrl,
      keyPrefix: config.store.keyPrefix,
      spaceId: config.space.id,
    });
    components.push({ name: 'ticket-channel', start: () => channel.start(), stop: () => channel.stop() });
    components.push(new TicketEndRelay(access, channel, logger.child({ module: 'ticket-end' })));
  }
  const portal = new HttpListener(
    'portal',
    createPortalApp({
      store,
      logger: logger.child({ module: 'portal' }),
      version,
      spaceId: config.space.id,
      access,
      settings,
      texts,
      categoryLookup: httpCategoryLookup(parseListen(config.filter.lookupListen)!),
      clockSync: () => clockSync.current(),
      storeHealth: () => storeMonitor.current(),
    }),
    listen,
  );
  components.push(portal);
  // The same portal app over https for the RFC 8908 API and its pages; probes stay on http.
  const portalHttps = certificates.portal
    ? new HttpListener(
        'portal-https',
        portal.handler,
        parseListen(config.portal.apiListen)!,
        certificates.portal,
      )
    : null;
  if (portalHttps) components.push(portalHttps);

  // Retention (issue 13): the store forgets what the privacy notice says it forgets, daily.
  components.push(new StorePurge(deps, config.retention, logger.child({ module: 'retention' })));
  components.push(
    new ConsoleHousekeeping(deps, config.console.auditRetentionDays, logger.child({ module: 'console' })),
  );
  // Animators' console (issue 7): its own listener, same services and event bus as the portal.
  const consoleListener = config.console.enabled
    ? new HttpListener(
        'console',
        createConsoleApp({
          ...consoleDeps(config, access, settings, logger.child({ module: 'console' }), version, live, {
            stats,
            journal: journal?.journal ?? null,
          }),
          clockSync: () => clockSync.current(),
          storeHealth: () => storeMonitor.current(),
        }),
        parseListen(config.console.listen)!,
        certificates.console,
      )
    : null;
  if (consoleListener) components.push(consoleListener);

  // RADIUS (issue 4): authentication and accounting servers, Disconnect client, on the same
  // event bus as the portal, so a revocation anywhere in this process disconnects at the NAS.
  const radius = config.radius.enabled
    ? createRadiusComponents(config.radius, deps, logger.child({ module: 'radius' }))
    : null;
  if (radius) components.push(radius.disconnect, radius.auth, radius.acct);
  if (radius && config.radius.clients.length === 0) {
    logger.warn('RADIUS runs with no access point declared (radius.clients): every packet is dropped');
  }

  // The `ecn` command asks the running service to issue and revoke (issue #12): its gateway,
  // RADIUS Disconnect client, metrics and audit trail then see it at once. Started last, so
  // every subscriber is in place before the first request.
  components.push(
    new ControlServer(
      controlSocketPath(config.dataDir),
      controlHandler(access),
      logger.child({ module: 'control' }),
    ),
  );

  const lifecycle = new Lifecycle(logger);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await lifecycle.stop();
    logger.info('stopped');
    logger.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await lifecycle.start(components);
  } catch (err) {
    logger.fatal({ err, errorCode: isEcnError(err) ? err.code : undefined }, 'cannot start');
    await lifecycle.stop();
    logger.flush();
    process.exit(1);
  }
  const address = (l: HttpListener) => {
    const a = l.boundAddress();
    return a ? formatListen({ host: a.address, port: a.port }) : null;
  };
  logger.info(
    {
      version,
      space: config.space.id,
      store: config.store.kind,
      portal: address(portal),
      metrics: address(metricsListener),
      console: consoleListener ? address(consoleListener) : null,
      consoleTls: certificates.console !== null,
      portalHttps: portalHttps ? address(portalHttps) : null,
      // What staff compare with what their browser shows the first time (docs/deploy-box.md).
      consoleFingerprint: certificates.console?.fingerprint ?? null,
      portalFingerprint: certificates.portal?.fingerprint ?? null,
      radiusAuthPort: radius?.auth.boundPort() ?? null,
      radiusAcctPort: radius?.acct.boundPort() ?? null,
    },
    'ECN gateway started',
  );
}

void main();
