// Checks that span sections of the configuration (portal and gateway, portal and console), run
// with the rest of the file so every problem is listed at once.

import type { z } from 'zod';
import { isWildcardHost, parseListen } from '../units';

/**
 * Issue 12 (7): captive clients are sent to the portal's URL. Without `publicUrl` it comes from
 * `gateway.portalAddress` (nftables) or the listen address, and a wildcard one names no host.
 */
export function checkPortalUrl(
  portal: { listen: string; publicUrl: string },
  kind: string,
  ctx: z.RefinementCtx,
): void {
  const listen = parseListen(portal.listen);
  if (portal.publicUrl !== '' || kind === 'nftables' || listen === null || !isWildcardHost(listen.host))
    return;
  ctx.addIssue({
    code: 'custom',
    message: `required when portal.listen is a wildcard address (${portal.listen}) and gateway.kind is not nftables: the URL residents' browsers are sent to, e.g. "http://10.42.0.1"`,
    path: ['portal', 'publicUrl'],
  });
}

/** Issue #16 (6): a certificate without its key (or the reverse) cannot be served. */
export function checkTlsPairs(
  portal: { apiListen: string; tls: { cert: string; key: string } },
  consoleTls: { cert: string; key: string },
  ctx: z.RefinementCtx,
): void {
  const pair = (tls: { cert: string; key: string }, at: string) => {
    if ((tls.cert === '') !== (tls.key === '')) {
      const missing = tls.cert === '' ? 'cert' : 'key';
      ctx.addIssue({
        code: 'custom',
        message: 'both cert and key are needed, or neither',
        path: [at, 'tls', missing],
      });
    }
  };
  pair(portal.tls, 'portal');
  pair(consoleTls, 'console');
  if ((portal.apiListen === '') !== (portal.tls.cert === '')) {
    ctx.addIssue({
      code: 'custom',
      message: 'portal.apiListen and portal.tls go together: the https listener needs a certificate',
      path: ['portal', portal.apiListen === '' ? 'apiListen' : 'tls'],
    });
  }
}
