// Picks the gateway adapter named by `gateway.kind`. Issue 5 adds nftables, openNDS and
// CoovaChilli here, behind the same Gateway port.

import type { FrozenConfig } from '../config/load';
import type { Gateway } from '../domain/ports';
import type { Logger } from '../log';
import { NoopGateway } from './noop-gateway';

export function createGateway(config: FrozenConfig, logger: Logger): Gateway {
  switch (config.gateway.kind) {
    case 'none':
      return new NoopGateway(logger);
  }
}
