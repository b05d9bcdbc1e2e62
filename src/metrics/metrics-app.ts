// The /metrics endpoint, on its own listen address (loopback by default, never the captive
// side), with an optional bearer token compared in constant time.
//
// A plain node:http handler rather than an Express app: `ecn dns` serves it too, and there
// Express was the one reason to load it (about 6 MiB resident; issue #17, item 5).

import type http from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Registry } from 'prom-client';

export function createMetricsApp(deps: { registry: Registry; token: string }): http.RequestListener {
  const expected = deps.token ? createHash('sha256').update(deps.token).digest() : null;
  const text = (
    res: http.ServerResponse,
    status: number,
    body: string,
    headers: http.OutgoingHttpHeaders = {},
  ) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end(body);
  };
  return (req, res) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      text(res, 404, 'not found\n');
      return;
    }
    if (expected) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(createHash('sha256').update(given).digest(), expected)) {
        text(res, 401, 'unauthorized\n', { 'www-authenticate': 'Bearer' });
        return;
      }
    }
    deps.registry.metrics().then(
      (body) => {
        res.writeHead(200, {
          'content-type': deps.registry.contentType,
          'content-length': Buffer.byteLength(body),
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (err: unknown) => text(res, 500, `metrics failed: ${(err as Error).message}\n`),
    );
  };
}
