// Deterministic NAT in the rule-set: the map from each logged-in IPv4 client to the public
// address and its block of source ports, the postrouting rules that use it, and its elements.
// Pure: every value checked before it is written.

import { isIpv4 } from '../../domain/device';
import type { NatPorts } from '../../domain/session';
import { checkPort, TABLE } from './nft-values';

/**
 * Each logged-in IPv4 client's address maps to the public address and its block of source ports
 * (`snat ip to ip saddr map`). Its elements are added and removed in the same transaction as the
 * client's set elements, and the map survives a re-apply like the sets.
 */
export const NAT_MAP = 'nat_blocks4';

/** Translation by port blocks: the public address and the block shared by devices not logged in. */
export interface NatOptions {
  address: string;
  shared: { first: number; last: number };
}

export function checkNatPorts(p: NatPorts): void {
  if (!isIpv4(p.publicIp)) throw new Error(`NAT address is not IPv4: ${p.publicIp}`);
  checkPort(p.first, 'first NAT port');
  checkPort(p.last, 'last NAT port');
  if (p.first > p.last) throw new Error(`empty NAT port block: ${p.first}-${p.last}`);
}

/** The map's declaration: added, never flushed by a re-apply. */
export function natMapDeclaration(): string {
  return `add map ${TABLE} ${NAT_MAP} { type ipv4_addr : interval ipv4_addr . inet_service; flags interval; }`;
}

/**
 * With port blocks, only what the kernel can confine to a client's block leaves: TCP, UDP
 * (ports) and ICMP (query ids). Other protocols and IPv6 would leave unattributable (masquerade
 * has no block to give them), so they are refused rather than logged without a port.
 */
export function refuseUntranslatable(lan: string, upstream: string): string[] {
  const out = `${lan} oifname "${upstream}"`;
  return [
    `${out} meta nfproto ipv4 meta l4proto != { tcp, udp, icmp } reject with icmpx admin-prohibited`,
    `${out} meta nfproto ipv6 reject with icmpx admin-prohibited`,
  ];
}

export function postroutingRules(lan: string, upstream: string, nat: NatOptions | null): string[] {
  const out = `${lan} oifname "${upstream}"`;
  if (nat === null) return [`${out} masquerade`];
  const l4 = 'meta l4proto { tcp, udp, icmp }';
  return [
    `${out} ${l4} snat ip to ip saddr map @${NAT_MAP}`,
    // Not logged in: only the walled garden is forwarded; it shares the first block.
    `${out} ${l4} snat ip to ${nat.address}:${nat.shared.first}-${nat.shared.last}`,
  ];
}

/** The client's element of the NAT map: its IPv4 address to the public address and its port block. */
export function natElement(ip: string, p: NatPorts): string {
  if (!isIpv4(ip)) throw new Error(`NAT port blocks are for IPv4 clients: ${ip}`);
  checkNatPorts(p);
  return `${ip} : ${p.publicIp} . ${p.first}-${p.last}`;
}

/** The NAT map's whole content, replaced in one transaction (start-up reconciliation). */
export function natMapBatch(entries: readonly { ip: string; natPorts: NatPorts }[]): string {
  let out = `flush map ${TABLE} ${NAT_MAP}\n`;
  if (entries.length) {
    out += `add element ${TABLE} ${NAT_MAP} { ${entries.map((e) => natElement(e.ip, e.natPorts)).join(', ')} }\n`;
  }
  return out;
}
