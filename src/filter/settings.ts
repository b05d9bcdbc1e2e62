// Reads the filter's part of the configuration into what the table builder and the DNS
// server take, resolving paths from dataDir.

import path from 'node:path';
import type { FrozenConfig } from '../config/load';
import { parseListen, type ListenAddress } from '../config/units';
import type { BuildSpec } from './build-table';
import { customListsFile } from './custom-lists';
import { safeSearchTargets } from './safe-search';

export interface FilterSettings {
  build: BuildSpec;
  tableFile: string;
  /** The own lists managers set in the console (`custom.json` beside the table). */
  customFile: string;
  listen: ListenAddress;
  /** A second (IPv6) address, or null. */
  listen6: ListenAddress | null;
  upstream: ListenAddress;
  upstreamTimeoutMs: number;
  tcp: { maxConnections: number; perSource: number; messageTimeoutMs: number };
  cacheSize: number;
  allow: readonly string[];
  block: readonly string[];
  blockAnswer: { ipv4: string | null; ipv6: string | null; ttl: number };
  safeSearch: ReadonlyMap<string, string>;
}

export function filterSettings(config: FrozenConfig): FilterSettings {
  const f = config.filter;
  const fromData = (p: string) => path.resolve(config.dataDir, p);
  const tableFile = f.table ? fromData(f.table) : path.join(config.dataDir, 'filter', 'table.bin');
  return {
    tableFile,
    customFile: customListsFile(tableFile),
    build: {
      sources: f.sources.map((s) => ({ ...s, path: s.path ? fromData(s.path) : '' })),
      categories: [...f.categories],
      allowCategories: [...f.allowCategories],
      tableFile,
      workDir: path.join(config.dataDir, 'filter', 'work'),
    },
    listen: parseListen(f.listen)!,
    listen6: f.listen6 ? parseListen(f.listen6) : null,
    upstream: parseListen(f.upstream)!,
    upstreamTimeoutMs: f.upstreamTimeout,
    tcp: {
      maxConnections: f.tcpMaxConnections,
      perSource: f.tcpPerSource,
      messageTimeoutMs: f.tcpMessageTimeout,
    },
    cacheSize: f.cacheSize,
    allow: f.allow,
    block: f.block,
    blockAnswer: { ipv4: f.blockAddress || null, ipv6: f.blockAddress6 || null, ttl: f.blockTtl },
    safeSearch: safeSearchTargets(f.safeSearch),
  };
}
