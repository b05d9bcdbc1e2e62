// Picks the gateway adapter named by `gateway.kind`. Issue 5 adds nftables here, behind the
// same Gateway port; the nftables adapter also reads the store (reconcile, counters).

import { promises as dns } from 'node:dns';
import { isIPv6 } from 'node:net';
import path from 'node:path';
import type { FrozenConfig } from '../config/load';
import { parseListen } from '../config/units';
import { isIpv4 } from '../domain/device';
import type { SpaceLink } from '../domain/console';
import type { Gateway } from '../domain/ports';
import type { Logger } from '../log';
import { resolverThrough, WalledGarden } from '../services/walled-garden';
import { NoopGateway } from './noop-gateway';
import { HandOffGateway } from './hand-off-gateway';
import { NftablesGateway, type NftablesDeps } from './nftables/nftables-gateway';

export function createGateway(config: FrozenConfig, logger: Logger, deps?: NftablesDeps): Gateway {
  switch (config.gateway.kind) {
    case 'none':
      return new NoopGateway(logger);
    case 'opennds':
    case 'chilli':
      return new HandOffGateway(config.gateway.kind, logger);
    case 'nftables': {
      if (!deps) throw new Error('the nftables gateway needs the service dependencies');
      const g = config.gateway;
      const portBlocks = portBlocksOf(config);
      if (g.upstreamInterface !== '' && portBlocks === null) {
        logger.warn(
          { portBlocks: g.portBlocks.enabled },
          'clients are masqueraded without NAT port blocks: a requisition naming a public port cannot be narrowed to one client (set journal.publicIp or gateway.portBlocks)',
        );
      }
      return new NftablesGateway(
        {
          ruleset: {
            clientInterface: g.clientInterface,
            upstreamInterface: g.upstreamInterface || null,
            portalAddress: g.portalAddress,
            portalPort: parseListen(config.portal.listen)!.port,
            portalTlsPort: config.portal.apiListen ? parseListen(config.portal.apiListen)!.port : null,
            dnsAddress: g.dnsAddress || g.portalAddress,
            dnsAddress6: g.dnsAddress6 || null,
            dnsPort: g.dnsPort,
          },
          portBlocks,
          walledGarden: g.walledGarden,
          rulesetFile: path.join(config.dataDir, 'ecn.nft'),
          counterIntervalMs: g.counterInterval * 1000,
          commands: { nft: g.nftCommand, conntrack: g.conntrackCommand, ip: g.ipCommand },
          resolveHost: async (host) => {
            const found = await dns.lookup(host, { all: true });
            return found.map((a) => a.address);
          },
        },
        deps,
        logger,
      );
    }
  }
}

/** The NAT port blocks in force: `on`, or `auto` when the box masquerades and knows the address. */
export function portBlocksOf(
  config: FrozenConfig,
): { address: string; plan: { firstPort: number; lastPort: number; blockSize: number } } | null {
  const g = config.gateway;
  const pb = g.portBlocks;
  const address = pb.address || config.journal.publicIp;
  if (pb.enabled === 'off' || g.upstreamInterface === '' || !isIpv4(address)) return null;
  return { address, plan: { firstPort: pb.firstPort, lastPort: pb.lastPort, blockSize: pb.blockSize } };
}

/**
 * The walled garden of the links marked reachable before login (issue #15, item 8), where the
 * box is the router; null for the other gateways (they answer `setGarden` with a no-op or a
 * refusal). Names are resolved through the box's own filtering resolver, the one clients ask,
 * so the addresses opened are those clients get and a blocked name opens nothing. The portal's
 * welcome page lists what it holds open (`reachable()`).
 */
export function createWalledGarden(
  config: FrozenConfig,
  gateway: Gateway,
  links: () => readonly SpaceLink[],
  logger: Logger,
): WalledGarden | null {
  if (config.gateway.kind !== 'nftables') return null;
  const g = config.gateway;
  const dnsAddress = g.dnsAddress || g.portalAddress;
  const resolver = new dns.Resolver({ timeout: 3000, tries: 2 });
  resolver.setServers([isIPv6(dnsAddress) ? `[${dnsAddress}]:${g.dnsPort}` : `${dnsAddress}:${g.dnsPort}`]);
  return new WalledGarden({
    gateway,
    links,
    resolve: resolverThrough(resolver),
    ownAddresses: [g.portalAddress, dnsAddress, ...(g.dnsAddress6 ? [g.dnsAddress6] : [])],
    refreshMs: g.linksRefresh * 1000,
    timeoutSeconds: g.linksRefresh * 3,
    logger,
  });
}
