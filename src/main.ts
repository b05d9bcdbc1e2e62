// Composition root of the gateway service: reads the environment and the configuration, starts
// the service's named components in order (src/service/components.ts), and stops them in
// reverse on SIGTERM/SIGINT.

import { parseArgs } from 'node:util';
import { loadConfig, resolveConfigFile, type FrozenConfig } from './config/load';
import { readCertificates } from './tls/configured-certificates';
import { isEcnError } from './domain/errors';
import { Lifecycle } from './lifecycle';
import { createLogger, type Logger } from './log';
import { packageVersion } from './package-info';
import { BuildFailure, serviceComponents, type Service } from './service/components';

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
  let service: Service;
  try {
    service = serviceComponents({ config, certificates, logger, version: packageVersion() });
  } catch (err) {
    if (err instanceof BuildFailure) fatal(logger, err.reason, err.message);
    fatal(logger, err);
  }

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
    // A part that fails to start stops those already started, in reverse, before this throws.
    await lifecycle.start(service.components);
  } catch (err) {
    fatal(logger, err);
  }
  logger.info(service.summary(), 'ECN gateway started');
}

void main();
