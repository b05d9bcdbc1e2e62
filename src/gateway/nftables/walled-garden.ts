// The walled garden in nftables: what captive clients may reach before they log in. Two kinds,
// each with its sets and rules: the configuration's addresses (`garden4`/`garden6`, every port,
// filled at each apply) and the links' (address, port) pairs (issue #15, item 8), which the
// walled-garden component refreshes with `gardenBatch`. Pure but for the names' resolution.

import { isIpv4, isIpv6 } from '../../domain/device';
import type { Logger } from '../../log';
import { canonicalIpv6, checkPort, checkPrefix, TABLE, timeoutText } from './nft-values';

/**
 * The walled garden of the space's links (issue #15, item 8): (address, TCP port) pairs captive
 * clients may reach, each with a timeout that the walled-garden component renews. Separate from
 * the configuration's `garden4`/`garden6` (whole addresses, every port, set at start).
 */
export const GARDEN_SETS = { v4: 'garden_https4', v6: 'garden_https6' } as const;

/** Refuses a configured entry that is not an address or prefix of its family. */
export function checkGardenEntries(garden4: readonly string[], garden6: readonly string[]): void {
  for (const g of garden4) if (!checkPrefix(g, false)) throw new Error(`bad IPv4 walled-garden entry: ${g}`);
  for (const g of garden6) if (!checkPrefix(g, true)) throw new Error(`bad IPv6 walled-garden entry: ${g}`);
}

/** The sets, and the configured addresses put back in theirs (the links' sets are left as they are). */
export function gardenDeclarations(garden4: readonly string[], garden6: readonly string[]): string[] {
  const lines = [
    // Added, never flushed here: the walled-garden component owns their content.
    `add set ${TABLE} ${GARDEN_SETS.v4} { type ipv4_addr . inet_service; flags timeout; }`,
    `add set ${TABLE} ${GARDEN_SETS.v6} { type ipv6_addr . inet_service; flags timeout; }`,
    `add set ${TABLE} garden4 { type ipv4_addr; flags interval; auto-merge; }`,
    `add set ${TABLE} garden6 { type ipv6_addr; flags interval; auto-merge; }`,
    `flush set ${TABLE} garden4`,
    `flush set ${TABLE} garden6`,
  ];
  if (garden4.length) lines.push(`add element ${TABLE} garden4 { ${garden4.join(', ')} }`);
  if (garden6.length) lines.push(`add element ${TABLE} garden6 { ${garden6.join(', ')} }`);
  return lines;
}

/** Prerouting: a captive client's web request to a configured address is not sent to the portal. */
export function gardenPreroutingRules(lan: string): string[] {
  return [`${lan} ip daddr @garden4 return`];
}

/** Forward: the gardens and their answers, for every client. */
export function gardenForwardRules(lan: string, toLan: string): string[] {
  return [
    `${lan} ip daddr @garden4 accept`,
    `${lan} ip6 daddr @garden6 accept`,
    `${toLan} ct state established,related ip saddr @garden4 accept`,
    `${toLan} ct state established,related ip6 saddr @garden6 accept`,
    // The links reachable before login: their addresses, on their port only (https).
    `${lan} ip daddr . tcp dport @${GARDEN_SETS.v4} accept`,
    `${lan} ip6 daddr . tcp dport @${GARDEN_SETS.v6} accept`,
    `${toLan} ct state established,related ip saddr . tcp sport @${GARDEN_SETS.v4} accept`,
    `${toLan} ct state established,related ip6 saddr . tcp sport @${GARDEN_SETS.v6} accept`,
  ];
}

/**
 * An nft batch that replaces the walled garden's entries in one transaction: both sets flushed,
 * then every entry added with its timeout. Each address and port is checked first.
 */
export function gardenBatch(entries: readonly { address: string; port: number }[], seconds: number): string {
  const t = timeoutText(seconds);
  const v4: string[] = [];
  const v6: string[] = [];
  for (const e of entries) {
    checkPort(e.port, 'walled-garden port');
    if (isIpv4(e.address)) v4.push(`${e.address} . ${e.port} timeout ${t}`);
    else if (isIpv6(e.address)) v6.push(`${canonicalIpv6(e.address)} . ${e.port} timeout ${t}`);
    else throw new Error(`walled-garden entry is not an IP address: ${e.address}`);
  }
  let out = `flush set ${TABLE} ${GARDEN_SETS.v4}\nflush set ${TABLE} ${GARDEN_SETS.v6}\n`;
  if (v4.length) out += `add element ${TABLE} ${GARDEN_SETS.v4} { ${[...new Set(v4)].join(', ')} }\n`;
  if (v6.length) out += `add element ${TABLE} ${GARDEN_SETS.v6} { ${[...new Set(v6)].join(', ')} }\n`;
  return out;
}

/**
 * The configured walled garden as addresses: host names are resolved at each apply; one that
 * does not resolve is left out (and said), never a reason to refuse the whole rule-set.
 */
export async function resolveGarden(
  entries: readonly string[],
  resolveHost: ((host: string) => Promise<string[]>) | undefined,
  logger: Logger,
): Promise<{ garden4: string[]; garden6: string[] }> {
  const garden4 = new Set<string>();
  const garden6 = new Set<string>();
  for (const entry of entries) {
    const addr = entry.split('/')[0]!;
    if (isIpv4(addr)) garden4.add(entry);
    else if (isIpv6(addr)) garden6.add(entry.toLowerCase());
    else {
      try {
        const found = (await resolveHost?.(entry)) ?? [];
        for (const a of found) {
          if (isIpv4(a)) garden4.add(a);
          else if (isIpv6(a)) garden6.add(a.toLowerCase());
        }
      } catch (err) {
        logger.warn({ err, host: entry }, 'walled-garden host not resolved; left out');
      }
    }
  }
  return { garden4: [...garden4], garden6: [...garden6] };
}
