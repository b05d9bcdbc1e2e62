// Where residents' browsers are sent (captive redirects, the RFC 8908 API, ticket QR codes):
// `portal.publicUrl`, or an address derived from the configuration, never a wildcard.

import type { FrozenConfig } from './load';
import { formatListen, parseListen } from './units';

/**
 * With nftables the box's rules send captive clients to `gateway.portalAddress` on the portal's
 * port, so that is where they can reach it, whatever address the portal listens on (a
 * wildcard `0.0.0.0` names no host). Otherwise, the listen address (the schema refuses a
 * wildcard there when `publicUrl` is empty).
 */
export function portalPublicUrl(
  config: Pick<FrozenConfig, 'portal'> & { gateway: Pick<FrozenConfig['gateway'], 'kind' | 'portalAddress'> },
): string {
  if (config.portal.publicUrl !== '') return config.portal.publicUrl.replace(/\/+$/, '');
  const listen = parseListen(config.portal.listen)!;
  if (config.gateway.kind === 'nftables') {
    const port = listen.port === 80 ? '' : `:${listen.port}`;
    return `http://${config.gateway.portalAddress}${port}`;
  }
  return `http://${formatListen(listen)}`;
}

/**
 * Issue #16 (6): with `portal.tls`, the https URL of the RFC 8908 API and of the portal pages
 * it announces: the portal URL's host on `portal.apiListen`'s port. Null without TLS.
 */
export function portalSecureUrl(
  config: Pick<FrozenConfig, 'portal'> & { gateway: Pick<FrozenConfig['gateway'], 'kind' | 'portalAddress'> },
): string | null {
  if (config.portal.tls.cert === '' || config.portal.apiListen === '') return null;
  const host = new URL(portalPublicUrl(config)).hostname;
  const port = parseListen(config.portal.apiListen)!.port;
  return `https://${host}${port === 443 ? '' : `:${port}`}`;
}
