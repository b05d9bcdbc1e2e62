// Picks the gateway adapter named by `gateway.kind`. Issue 5 adds nftables here, behind the
// same Gateway port; the nftables adapter also reads the store (reconcile, counters).

import { promises as dns } from 'node:dns';
import path from 'node:path';
import type { FrozenConfig } from '../config/load';
import { parseListen } from '../config/units';
import type { Gateway } from '../domain/ports';
import type { Logger } from '../log';
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
      return new NftablesGateway(
        {
          ruleset: {
            clientInterface: g.clientInterface,
            upstreamInterface: g.upstreamInterface || null,
            portalAddress: g.portalAddress,
            portalPort: parseListen(config.portal.listen)!.port,
            dnsAddress: g.dnsAddress || g.portalAddress,
            dnsPort: g.dnsPort,
          },
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
