// Builds the RADIUS components (authentication server, accounting server, Disconnect client)
// from the configuration and the use-case dependencies. The composition root and the
// integration tests build them the same way.

import path from 'node:path';
import type { FrozenConfig } from '../config/load';
import { parseListen } from '../config/units';
import type { Logger } from '../log';
import { PACKAGE_ROOT } from '../package-info';
import { AccessRequestHandler, type RadiusServices } from './access-request-handler';
import { AccountingRequestHandler } from './accounting-request-handler';
import type { Dictionary } from './dictionary';
import { RadiusDisconnectClient } from './disconnect-client';
import { loadDictionaryFile } from './load-dictionary';
import { NasTable } from './nas-table';
import { RadiusUdpServer } from './udp-server';

export const SHIPPED_DICTIONARY = path.join(PACKAGE_ROOT, 'config', 'radius', 'dictionaries', 'dictionary');

export interface RadiusComponents {
  auth: RadiusUdpServer;
  acct: RadiusUdpServer;
  disconnect: RadiusDisconnectClient;
  nasTable: NasTable;
}

export function createRadiusComponents(
  radius: FrozenConfig['radius'],
  services: RadiusServices,
  logger: Logger,
  dictionary: Dictionary = loadDictionaryFile(SHIPPED_DICTIONARY),
): RadiusComponents {
  const nasTable = new NasTable(radius.clients);
  const authListen = parseListen(radius.authListen)!;
  const acctListen = parseListen(radius.acctListen)!;
  const handlerDeps = {
    services,
    dictionary,
    nasTable,
    logger,
    options: {
      interimIntervalSeconds: radius.interimInterval,
      duplicateWindowMs: radius.duplicateWindow * 1000,
      replyLanguage: radius.replyLanguage,
      guessing: {
        station: {
          maxTries: radius.maxTries,
          waitSeconds: radius.retryWait,
          maxWaitSeconds: radius.maxRetryWait,
        },
        nas: {
          maxTries: radius.nasMaxTries,
          waitSeconds: radius.retryWait,
          maxWaitSeconds: radius.nasMaxRetryWait,
          memorySeconds: radius.nasTriesMemory,
        },
      },
    },
  };
  const events = services.events;
  return {
    nasTable,
    auth: new RadiusUdpServer(
      'radius-auth',
      'auth',
      authListen,
      new AccessRequestHandler(handlerDeps).handle,
      {
        events,
        logger,
      },
    ),
    acct: new RadiusUdpServer(
      'radius-acct',
      'acct',
      acctListen,
      new AccountingRequestHandler(handlerDeps).handle,
      {
        events,
        logger,
      },
    ),
    disconnect: new RadiusDisconnectClient({
      store: services.store,
      events,
      dictionary,
      nasTable,
      logger,
      options: {
        bindHost: authListen.host,
        timeoutMs: radius.disconnectTimeout * 1000,
        retries: radius.disconnectRetries,
      },
    }),
  };
}
