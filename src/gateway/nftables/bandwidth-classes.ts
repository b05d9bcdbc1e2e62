// Per-client bandwidth limits in the rule-set: the classes, their meters and chains, and the
// map elements that send a client to its class. Pure: every value checked before it is written.

import { isIpv4 } from '../../domain/device';
import { canonicalIpv6, TABLE, timeoutText } from './nft-values';

/**
 * Bandwidth limits are nft policing per client (a `limit rate over` meter keyed by the client's
 * address, packets over the rate dropped), not tc shaping: no qdisc to manage per interface, and
 * it lives in the same table and transaction. A profile's rate is rounded down to one of these
 * classes (bits per second), so the rule-set does not depend on the profiles of the day.
 */
export const BANDWIDTH_CLASSES_BPS = [
  256_000, 512_000, 1_000_000, 2_000_000, 4_000_000, 8_000_000, 16_000_000, 32_000_000, 64_000_000,
] as const;

/** The class for a limit: the largest not above it (the smallest for lower limits); null for none. */
export function bandwidthClass(bps: number | null): number | null {
  if (bps === null || !Number.isFinite(bps) || bps <= 0) return null;
  let chosen: number = BANDWIDTH_CLASSES_BPS[0];
  for (const c of BANDWIDTH_CLASSES_BPS) if (c <= bps) chosen = c;
  return bps >= BANDWIDTH_CLASSES_BPS[BANDWIDTH_CLASSES_BPS.length - 1]! * 2 ? null : chosen;
}

function classChain(dir: 'up' | 'down', bps: number): string {
  return `bw_${dir}_${bps / 1000}k`;
}

function meterName(dir: 'up' | 'down', fam: '4' | '6', bps: number): string {
  return `bwm_${dir}${fam}_${bps / 1000}k`;
}

/** The class maps (address to verdict) and one meter set per class, family and direction. */
export function bandwidthDeclarations(): string[] {
  const lines: string[] = [];
  for (const fam of ['4', '6'] as const) {
    const addr = fam === '4' ? 'ipv4_addr' : 'ipv6_addr';
    for (const dir of ['up', 'down'] as const) {
      lines.push(`add map ${TABLE} bw_${dir}${fam} { type ${addr} : verdict; flags timeout; }`);
      for (const bps of BANDWIDTH_CLASSES_BPS) {
        lines.push(
          `add set ${TABLE} ${meterName(dir, fam, bps)} { type ${addr}; flags dynamic,timeout; timeout 1m; }`,
        );
      }
    }
  }
  return lines;
}

/** One regular chain per class and direction: packets over the rate are dropped. */
export function bandwidthClassChains(): [string, string, string[]][] {
  const chains: [string, string, string[]][] = [];
  for (const dir of ['up', 'down'] as const) {
    const field = dir === 'up' ? 'saddr' : 'daddr';
    for (const bps of BANDWIDTH_CLASSES_BPS) {
      const bytes = Math.floor(bps / 8);
      const burst = Math.max(32768, Math.floor(bytes / 4));
      const limit = `limit rate over ${bytes} bytes/second burst ${burst} bytes`;
      chains.push([
        classChain(dir, bps),
        '',
        [
          `meta nfproto ipv4 update @${meterName(dir, '4', bps)} { ip ${field} ${limit} } drop`,
          `meta nfproto ipv6 update @${meterName(dir, '6', bps)} { ip6 ${field} ${limit} } drop`,
        ],
      ]);
    }
  }
  return chains;
}

/** Limits to apply to a client, in bits per second (null: none). */
export interface ClientBandwidth {
  upBps: number | null;
  downBps: number | null;
}

/**
 * An nft batch that gives the client its bandwidth classes; empty when it has no limit. A map
 * refuses to add a key it holds with another verdict, so old entries are deleted first, one
 * command each (see `removeBandwidthCommands`), by a caller that tolerates their absence.
 */
export function bandwidthBatch(ip: string, bw: ClientBandwidth, seconds: number): string {
  const key = isIpv4(ip) ? ip : canonicalIpv6(ip);
  const fam = isIpv4(ip) ? '4' : '6';
  const t = timeoutText(seconds);
  let out = '';
  for (const [dir, bps] of [
    ['up', bw.upBps],
    ['down', bw.downBps],
  ] as const) {
    const cls = bandwidthClass(bps);
    if (cls !== null)
      out += `add element ${TABLE} bw_${dir}${fam} { ${key} timeout ${t} : jump ${classChain(dir, cls)} }\n`;
  }
  return out;
}

/** One `nft` command per direction deleting the client's bandwidth entry (it may be absent). */
export function removeBandwidthCommands(ip: string): string[] {
  const key = isIpv4(ip) ? ip : canonicalIpv6(ip);
  const fam = isIpv4(ip) ? '4' : '6';
  return (['up', 'down'] as const).map((dir) => `delete element ${TABLE} bw_${dir}${fam} { ${key} }\n`);
}
