// The resident portal's web app. Built by a factory that does not listen; main (or a
// test) binds it. This stage serves the health check; the portal issue adds the pages.

import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log';
import type { Store } from '../domain/ports';
import { EcnError, isEcnError } from '../domain/errors';

export interface PortalDeps {
  store: Store;
  logger: Logger;
  version: string;
  spaceId: string;
}

export function createPortalApp(deps: PortalDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet());
  app.use((req, res, next) => {
    res.locals.log = deps.logger.child({ reqId: randomUUID() });
    next();
  });

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.store.ping();
      res.json({ status: 'ok', version: deps.version, space: deps.spaceId, store: deps.store.kind });
    } catch (err) {
      const code = isEcnError(err) ? err.code : 'ECN_ERR_INTERNAL';
      res.status(503).json({
        status: 'unavailable',
        version: deps.version,
        space: deps.spaceId,
        store: deps.store.kind,
        error: code,
      });
    }
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use(errorHandler);
  return app;
}

/** The one catch of the HTTP edge: typed errors answer with their status and code. */
export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  const log = (res.locals.log as Logger | undefined) ?? null;
  const e = isEcnError(err) ? err : new EcnError('ECN_ERR_INTERNAL', 'Internal error.', {}, { cause: err });
  if (e.status >= 500) log?.error({ err, code: e.code }, 'request failed');
  else log?.info({ code: e.code }, 'request refused');
  res.status(e.status).json({ error: e.code, message: e.expose ? e.message : 'Internal error.' });
};
