// The portal's side of the block page: asks the DNS process (over loopback HTTP) which category
// blocks the name a redirected browser asked for. Any failure means "no category known", so the
// page falls back to the generic block page; nothing is logged (no name, no client).

import http from 'node:http';
import { z } from 'zod';
import type { ListenAddress } from '../config/units';

/** The category that blocks the name, or null (not blocked, unknown, or no answer in time). */
export type CategoryLookup = (name: string) => Promise<string | null>;

const answerSchema = z.union([
  z.object({ blocked: z.literal(true), category: z.string().regex(/^[a-z0-9_-]{1,40}$/) }),
  z.object({ blocked: z.literal(false) }),
]);

export function httpCategoryLookup(address: ListenAddress, timeoutMs = 500): CategoryLookup {
  const host = address.host.replace(/^\[|\]$/g, '');
  return (name) =>
    new Promise((resolve) => {
      const req = http.get(
        {
          host,
          port: address.port,
          path: `/v1/category?name=${encodeURIComponent(name)}`,
          timeout: timeoutMs,
          agent: false,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => {
            body += d;
            if (body.length > 4096) req.destroy();
          });
          res.on('end', () => {
            if (res.statusCode !== 200) return resolve(null);
            try {
              const a = answerSchema.safeParse(JSON.parse(body));
              resolve(a.success && a.data.blocked ? a.data.category : null);
            } catch {
              resolve(null);
            }
          });
          res.on('error', () => resolve(null));
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(null));
    });
}
