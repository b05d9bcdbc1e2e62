// Composition root of the gateway service: reads the environment and the configuration,
// builds the store and the apps, binds the ports, and stops everything on SIGTERM/SIGINT.

import { parseArgs } from 'node:util';
import { loadConfig, resolveConfigFile, type FrozenConfig } from './config/load';
import { formatListen, parseListen } from './config/units';
import { createServiceDeps, createStore } from './compose';
import { isEcnError } from './domain/errors';
import { HttpListener } from './http-listener';
import { Lifecycle, type Component } from './lifecycle';
import { createLogger } from './log';
import { packageVersion } from './package-info';
import { createPortalApp } from './portal/app';
import { createGateway } from './gateway/create-gateway';
import { loadPortalTexts, portalSettings } from './portal/settings';
import { dayIn } from './portal/i18n';
import { SessionSweeper } from './services/expire-sessions';
import type { AccessDeps } from './services/client-access';

function readConfig(argv: string[], env: NodeJS.ProcessEnv): FrozenConfig {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string', short: 'c' } },
    strict: true,
  });
  return loadConfig({ file: resolveConfigFile(values.config, env), env });
}

async function main(): Promise<void> {
  let config: FrozenConfig;
  try {
    config = readConfig(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`ecn-gateway: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.log.level);
  const version = packageVersion();
  const store = createStore(config);

  const storeComponent: Component = { name: 'store', start: () => store.start(), stop: () => store.stop() };

  // Portal (issue 3): gateway adapter, access use cases, session sweeper, the portal app.
  const listen = parseListen(config.portal.listen)!;
  const serviceDeps = createServiceDeps(config, store, logger);
  const policy: AccessDeps['policy'] = {
    charterVersion: config.charter.version,
    throttle: {
      maxTries: config.portal.maxTries,
      waitSeconds: config.portal.retryWait,
      maxWaitSeconds: config.portal.maxRetryWait,
    },
    freeAccess: {
      enabled: config.portal.freeAccess.enabled,
      dailyAllowanceSeconds: config.portal.freeAccess.dailyAllowance,
    },
    dayOf: (ms) => dayIn(config.portal.timeZone, ms),
  };
  // Gateway issue (#5): the nftables adapter reads the store (reconcile, counters) too.
  const gateway = createGateway(config, logger.child({ module: 'gateway' }), { ...serviceDeps, policy });
  const gatewayComponent: Component = {
    name: 'gateway',
    start: () => gateway.start(),
    stop: () => gateway.stop(),
  };
  const access: AccessDeps = { ...serviceDeps, gateway, policy };
  let texts;
  let settings;
  try {
    texts = loadPortalTexts(config);
    settings = portalSettings(config, config.portal.publicUrl || `http://${formatListen(listen)}`);
  } catch (err) {
    logger.fatal({ err, code: isEcnError(err) ? err.code : undefined }, 'cannot start');
    logger.flush();
    process.exit(1);
  }
  const sweeper = new SessionSweeper(
    access,
    config.portal.sweepInterval * 1000,
    logger.child({ module: 'sweeper' }),
  );
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
    }),
    listen,
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
    await lifecycle.start([storeComponent, gatewayComponent, sweeper, portal]);
  } catch (err) {
    logger.fatal({ err, code: isEcnError(err) ? err.code : undefined }, 'cannot start');
    await lifecycle.stop();
    logger.flush();
    process.exit(1);
  }
  const bound = portal.boundAddress();
  logger.info(
    {
      version,
      space: config.space.id,
      store: config.store.kind,
      portal: bound ? formatListen({ host: bound.address, port: bound.port }) : null,
    },
    'ECN gateway started',
  );
}

void main();
