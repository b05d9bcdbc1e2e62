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
import { createRadiusComponents, type RadiusComponents } from './radius/radius-components';

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
  const portal = new HttpListener(
    'portal',
    createPortalApp({ store, logger: logger.child({ module: 'portal' }), version, spaceId: config.space.id }),
    parseListen(config.portal.listen)!,
  );

  // RADIUS (issue 4): authentication and accounting servers, Disconnect client.
  let radius: RadiusComponents | null = null;
  if (config.radius.enabled) {
    const services = createServiceDeps(config, store, logger);
    radius = createRadiusComponents(config.radius, services, logger.child({ module: 'radius' }));
  }
  const radiusComponents = radius ? [radius.disconnect, radius.auth, radius.acct] : [];

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
    await lifecycle.start([storeComponent, portal, ...radiusComponents]);
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
      radiusAuthPort: radius?.auth.boundPort() ?? null,
      radiusAcctPort: radius?.acct.boundPort() ?? null,
    },
    'ECN gateway started',
  );
}

void main();
