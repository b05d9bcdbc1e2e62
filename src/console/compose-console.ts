// The console's dependencies from the configuration and the parts the service already built
// (one store, one event bus, one gateway for the portal and the console).

import type { FrozenConfig } from '../config/load';
import type { Logger } from '../log';
import type { AccessDeps } from '../services/client-access';
import type { PortalSettings } from '../portal/settings';
import type { ConsoleDeps } from './deps';
import type { SqliteStats } from '../stats/sqlite-stats';
import type { SqliteJournal } from '../journal/sqlite-journal';
import type { LiveSpaceSettings } from '../services/space-settings';
import { filterSettings } from '../filter/settings';
import { TableRebuilder } from '../filter/rebuild';

export function consoleDeps(
  config: FrozenConfig,
  access: AccessDeps,
  portal: PortalSettings,
  logger: Logger,
  version: string,
  live: LiveSpaceSettings,
  stores: { stats: SqliteStats | null; journal: SqliteJournal | null } = { stats: null, journal: null },
): ConsoleDeps {
  return {
    services: access,
    spaceId: config.space.id,
    stats: stores.stats,
    journal: stores.journal,
    logger,
    version,
    auth: {
      idleTimeoutMs: config.console.idleTimeout * 1000,
      maxSessionAgeMs: config.console.maxSessionAge * 1000,
      throttle: {
        maxTries: config.console.maxTries,
        waitSeconds: config.console.retryWait,
        maxWaitSeconds: config.console.maxRetryWait,
      },
    },
    settings: {
      // Served over https by the box itself (issue #16, item 6): cookies never leave it in clear.
      secureCookies: config.console.secureCookies || config.console.tls.cert !== '',
      trustProxy: config.console.trustProxy,
      timeZone: config.space.timezone,
      portalUrl: portal.publicUrl,
    },
    // Read at each request: managers change the space's name and Wi-Fi at run time.
    space: () => ({ name: live.current().name, wifi: live.current().wifi }),
    spaceSettings: live,
    filter: filterDeps(config, logger),
    help: portal.help ?? null,
    extensions: { maxPerDaySeconds: config.console.extensions.maxPerDay },
    attendanceThemes: config.console.attendanceThemes,
  };
}

function filterDeps(config: FrozenConfig, logger: Logger): ConsoleDeps['filter'] {
  const settings = filterSettings(config);
  return {
    settings,
    rebuilder: new TableRebuilder(settings.build, logger.child({ module: 'filter-rebuild' })),
  };
}
