// Composition of the DNS front-end process (`ecn dns`): the filter engine (table + custom
// lists, reloaded on change) and the UDP/TCP server. Runs apart from the gateway service so a
// table reload or a query flood never delays RADIUS or the portal (docs/architecture.md).

import type { FrozenConfig } from '../config/load';
import { formatListen } from '../config/units';
import { EventBus } from '../domain/events';
import { Lifecycle } from '../lifecycle';
import type { Logger } from '../log';
import { DnsServer } from './dns-server';
import { FilterEngine } from './filter-engine';
import { filterSettings } from './settings';

export interface RunningDns {
  engine: FilterEngine;
  server: DnsServer;
  events: EventBus;
  /** "host:port" actually bound (port 0 in tests becomes a real port). */
  address: string;
  /** The IPv6 address bound (`filter.listen6`), or null. */
  address6: string | null;
  stop(): Promise<void>;
}

export async function startDnsService(
  config: FrozenConfig,
  logger: Logger,
  events?: EventBus,
): Promise<RunningDns> {
  const s = filterSettings(config);
  const bus = events ?? new EventBus((event, err) => logger.error({ err, event }, 'event subscriber failed'));
  const engine = new FilterEngine({
    tableFile: s.tableFile,
    build: s.build,
    allow: s.allow,
    block: s.block,
    customFile: s.customFile,
    buildIfMissing: true,
    watch: true,
    events: bus,
    logger: logger.child({ module: 'filter' }),
  });
  const server = new DnsServer({
    listen: s.listen,
    listen6: s.listen6,
    upstream: s.upstream,
    upstreamTimeoutMs: s.upstreamTimeoutMs,
    tcp: s.tcp,
    cacheSize: s.cacheSize,
    block: s.blockAnswer,
    safeSearch: s.safeSearch,
    policy: engine.policy,
    events: bus,
    logger: logger.child({ module: 'dns' }),
  });
  const lifecycle = new Lifecycle(logger);
  try {
    await lifecycle.start([engine, server]);
  } catch (err) {
    await lifecycle.stop();
    throw err;
  }
  const bound = server.boundAddress()!;
  const bound6 = server.boundAddress(1);
  return {
    engine,
    server,
    events: bus,
    address: formatListen(bound),
    address6: bound6 ? formatListen(bound6) : null,
    stop: () => lifecycle.stop(),
  };
}
