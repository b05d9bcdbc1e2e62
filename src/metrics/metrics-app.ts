// The /metrics endpoint, on its own listen address (loopback by default, never the captive
// side), with an optional bearer token compared in constant time.

import express, { type Express } from 'express';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Registry } from 'prom-client';

export function createMetricsApp(deps: { registry: Registry; token: string }): Express {
  const app = express();
  app.disable('x-powered-by');
  const expected = deps.token ? createHash('sha256').update(deps.token).digest() : null;
  app.get('/metrics', async (req, res) => {
    if (expected) {
      const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
      if (!timingSafeEqual(createHash('sha256').update(given).digest(), expected)) {
        res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('unauthorized\n');
        return;
      }
    }
    res.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('not found\n');
  });
  return app;
}
