// The console's dependencies from the configuration and the parts the service already built
// (one store, one event bus, one gateway for the portal and the console).

import type { FrozenConfig } from '../config/load';
import type { Logger } from '../log';
import type { AccessDeps } from '../services/client-access';
import type { PortalSettings } from '../portal/settings';
import type { ConsoleDeps } from './deps';

export function consoleDeps(
  config: FrozenConfig,
  access: AccessDeps,
  portal: PortalSettings,
  logger: Logger,
  version: string,
): ConsoleDeps {
  return {
    services: access,
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
      secureCookies: config.console.secureCookies,
      trustProxy: config.console.trustProxy,
      timeZone: config.space.timezone,
      portalUrl: portal.publicUrl,
    },
    // Read at each request: managers change the space's name at run time.
    space: () => ({ name: portal.space.name, wifi: null }),
  };
}
