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
