// The nftables rule-set of the gateway, generated as text from validated options: one table
// (`inet ecn_gateway`) whose sets of authorized clients survive a re-apply, because the file only adds
// the sets and flushes and refills the chains. Pure: no I/O, every value checked before use.

import { isIpv4, isIpv6, normalizeMac } from '../../domain/device';
import type { NatPorts } from '../../domain/session';

// `ecn` alone is an nft keyword (the IP header's ECN bits) and cannot name a table.
export const TABLE_NAME = 'ecn_gateway';
export const TABLE = `inet ${TABLE_NAME}`;

/**
 * Sets of authorized clients. Upload is counted where the client is the source, download where
 * it is the destination, so each direction has its own per-element counter. A client whose MAC
 * the box knows is bound to it (`ether_addr . ip`), so another device cannot borrow its IP.
 */
export const CLIENT_SETS = {
  mac4: 'clients_mac4',
  ip4: 'clients_ip4',
  down4: 'clients_down4',
  mac6: 'clients_mac6',
  ip6: 'clients_ip6',
  down6: 'clients_down6',
} as const;
export type ClientSet = (typeof CLIENT_SETS)[keyof typeof CLIENT_SETS];

const SET_TYPES: Record<ClientSet, string> = {
  clients_mac4: 'ether_addr . ipv4_addr',
  clients_ip4: 'ipv4_addr',
  clients_down4: 'ipv4_addr',
  clients_mac6: 'ether_addr . ipv6_addr',
  clients_ip6: 'ipv6_addr',
  clients_down6: 'ipv6_addr',
};

/**
 * The walled garden of the space's links (issue #15, item 8): (address, TCP port) pairs captive
 * clients may reach, each with a timeout that the walled-garden component renews. Separate from
 * the configuration's `garden4`/`garden6` (whole addresses, every port, set at start).
 */
export const GARDEN_SETS = { v4: 'garden_https4', v6: 'garden_https6' } as const;

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

/**
 * Connection mark bit of flows an authorized client opened through the box. Letting a client
 * go deletes only these conntrack entries: its captive flows being redirected to the portal at
 * that moment are left alone (deleting a redirected flow mid-handshake stalls it).
 */
export const FORWARDED_MARK = '0x40000000';

/**
 * Deterministic NAT: each logged-in IPv4 client's address maps to the public address and its
 * block of source ports (`snat ip to ip saddr map`). Its elements are added and removed in the
 * same transaction as the client's set elements, and the map survives a re-apply like the sets.
 */
export const NAT_MAP = 'nat_blocks4';

/** Translation by port blocks: the public address and the block shared by devices not logged in. */
export interface NatOptions {
  address: string;
  shared: { first: number; last: number };
}

export interface RulesetOptions {
  clientInterface: string;
  /** Interface towards the Internet; clients are masqueraded behind it when set. */
  upstreamInterface: string | null;
  portalAddress: string;
  portalPort: number;
  /** The portal's https listener (RFC 8908 API, issue #16 item 6); null or absent: none. */
  portalTlsPort?: number | null;
  dnsAddress: string;
  /** The resolver's IPv6 address; null: clients' DNS over IPv6 is refused rather than let out. */
  dnsAddress6?: string | null;
  dnsPort: number;
  /** Walled garden, already resolved: IPv4 and IPv6 addresses or prefixes. */
  garden4: readonly string[];
  garden6: readonly string[];
  /** Port blocks instead of masquerade (needs `upstreamInterface`); null: masquerade. */
  nat?: NatOptions | null;
}

const IFACE_RE = /^[A-Za-z0-9_.-]{1,15}$/;

export function isInterfaceName(s: string): boolean {
  return IFACE_RE.test(s) && s !== '.' && s !== '..';
}

function checkPrefix(entry: string, v6: boolean): boolean {
  const [addr, len, extra] = entry.split('/');
  if (extra !== undefined || addr === undefined) return false;
  if (!(v6 ? isIpv6(addr) : isIpv4(addr))) return false;
  return len === undefined || (/^\d{1,3}$/.test(len) && Number(len) <= (v6 ? 128 : 32));
}

function checkPort(p: number, what: string): void {
  if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`${what} is not a port: ${p}`);
}

/** Refuses anything that is not exactly what the rules expect, so no text reaches nft unchecked. */
export function checkRulesetOptions(o: RulesetOptions): void {
  if (!isInterfaceName(o.clientInterface)) throw new Error(`bad client interface name: ${o.clientInterface}`);
  if (o.upstreamInterface !== null && !isInterfaceName(o.upstreamInterface)) {
    throw new Error(`bad upstream interface name: ${o.upstreamInterface}`);
  }
  if (o.upstreamInterface === o.clientInterface) {
    throw new Error('the client and upstream interfaces must differ');
  }
  if (!isIpv4(o.portalAddress)) throw new Error(`portal address is not IPv4: ${o.portalAddress}`);
  if (!isIpv4(o.dnsAddress)) throw new Error(`resolver address is not IPv4: ${o.dnsAddress}`);
  if (o.dnsAddress6 != null && !isIpv6(o.dnsAddress6))
    throw new Error(`resolver address is not IPv6: ${o.dnsAddress6}`);
  checkPort(o.portalPort, 'portal port');
  if (o.portalTlsPort != null) checkPort(o.portalTlsPort, 'portal https port');
  if (o.nat) {
    if (o.upstreamInterface === null) throw new Error('NAT port blocks need the upstream interface');
    checkNatPorts({ publicIp: o.nat.address, ...o.nat.shared });
  }
  checkPort(o.dnsPort, 'resolver port');
  for (const g of o.garden4)
    if (!checkPrefix(g, false)) throw new Error(`bad IPv4 walled-garden entry: ${g}`);
  for (const g of o.garden6) if (!checkPrefix(g, true)) throw new Error(`bad IPv6 walled-garden entry: ${g}`);
}

function checkNatPorts(p: NatPorts): void {
  if (!isIpv4(p.publicIp)) throw new Error(`NAT address is not IPv4: ${p.publicIp}`);
  checkPort(p.first, 'first NAT port');
  checkPort(p.last, 'last NAT port');
  if (p.first > p.last) throw new Error(`empty NAT port block: ${p.first}-${p.last}`);
}

/** The whole rule-set as one `nft -f` file, applied in one transaction. */
export function renderRuleset(o: RulesetOptions): string {
  checkRulesetOptions(o);
  const lan = `iifname "${o.clientInterface}"`;
  const toLan = `oifname "${o.clientInterface}"`;
  const portal = o.portalAddress;
  const markForwarded = `ct mark set ct mark or ${FORWARDED_MARK}`;
  const lines: string[] = [
    '#!/usr/sbin/nft -f',
    '# Generated by the ECN gateway; re-applied at every start. Do not edit: edits are lost.',
    '# Only the chains and the walled garden are replaced; authorized clients are kept.',
    `add table ${TABLE}`,
  ];
  for (const [name, type] of Object.entries(SET_TYPES)) {
    lines.push(`add set ${TABLE} ${name} { type ${type}; flags timeout; counter; }`);
  }
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
  if (o.nat) {
    lines.push(
      `add map ${TABLE} ${NAT_MAP} { type ipv4_addr : interval ipv4_addr . inet_service; flags interval; }`,
    );
  }
  // Added, never flushed here: the walled-garden component owns their content.
  lines.push(`add set ${TABLE} ${GARDEN_SETS.v4} { type ipv4_addr . inet_service; flags timeout; }`);
  lines.push(`add set ${TABLE} ${GARDEN_SETS.v6} { type ipv6_addr . inet_service; flags timeout; }`);
  lines.push(`add set ${TABLE} garden4 { type ipv4_addr; flags interval; auto-merge; }`);
  lines.push(`add set ${TABLE} garden6 { type ipv6_addr; flags interval; auto-merge; }`);
  lines.push(`flush set ${TABLE} garden4`, `flush set ${TABLE} garden6`);
  if (o.garden4.length) lines.push(`add element ${TABLE} garden4 { ${o.garden4.join(', ')} }`);
  if (o.garden6.length) lines.push(`add element ${TABLE} garden6 { ${o.garden6.join(', ')} }`);

  const chains: [string, string, string[]][] = [
    [
      'prerouting',
      'type nat hook prerouting priority dstnat; policy accept;',
      [
        // Every client's DNS goes to the box's (filtering) resolver, authorized or not, over
        // IPv4 and IPv6 alike, whatever server it asked.
        `${lan} ip protocol { tcp, udp } th dport 53 dnat ip to ${o.dnsAddress}:${o.dnsPort}`,
        ...(o.dnsAddress6 != null
          ? [
              `${lan} meta nfproto ipv6 meta l4proto { tcp, udp } th dport 53 dnat ip6 to [${canonicalIpv6(o.dnsAddress6)}]:${o.dnsPort}`,
            ]
          : []),
        `${lan} ip daddr ${portal} tcp dport 80 dnat ip to ${portal}:${o.portalPort}`,
        `${lan} ether saddr . ip saddr @${CLIENT_SETS.mac4} return`,
        `${lan} ip saddr @${CLIENT_SETS.ip4} return`,
        `${lan} ip daddr @garden4 return`,
        // A captive client's web request lands on the portal, which redirects it to the welcome page.
        `${lan} tcp dport 80 dnat ip to ${portal}:${o.portalPort}`,
      ],
    ],
    [
      'input',
      'type filter hook input priority filter; policy accept;',
      [
        `${lan} ct state established,related accept`,
        `${lan} ct status dnat accept`,
        `${lan} ip daddr ${portal} tcp dport ${o.portalPort} accept`,
        // The RFC 8908 API over https, which DHCP option 114 names; captive clients too.
        ...(o.portalTlsPort != null ? [`${lan} ip daddr ${portal} tcp dport ${o.portalTlsPort} accept`] : []),
        `${lan} meta l4proto { tcp, udp } th dport 53 accept`,
        `${lan} udp dport { 67, 547 } accept`,
        `${lan} meta l4proto { icmp, ipv6-icmp } accept`,
        `${lan} meta l4proto tcp reject with tcp reset`,
        `${lan} reject with icmpx admin-prohibited`,
      ],
    ],
    [
      'forward',
      'type filter hook forward priority filter; policy accept;',
      [
        // DNS-over-TLS would bypass the filtering resolver: dropped for everyone.
        `${lan} meta l4proto { tcp, udp } th dport 853 drop`,
        // Plain DNS over IPv6 that was not redirected (no IPv6 resolver configured) would bypass
        // it too, for a client authorized over IPv6: refused at once, so it falls back to IPv4.
        `${lan} meta nfproto ipv6 meta l4proto { tcp, udp } th dport 53 reject with icmpx admin-prohibited`,
        ...(o.nat ? refuseUntranslatable(lan, o.upstreamInterface!) : []),
        // Per-client bandwidth limits: one map lookup per packet jumps to the client's class.
        `${lan} ip saddr vmap @bw_up4`,
        `${toLan} ip daddr vmap @bw_down4`,
        `${lan} ip6 saddr vmap @bw_up6`,
        `${toLan} ip6 daddr vmap @bw_down6`,
        `${toLan} ct state established,related ip daddr @${CLIENT_SETS.down4} accept`,
        `${toLan} ct state established,related ip6 daddr @${CLIENT_SETS.down6} accept`,
        `${lan} ether saddr . ip saddr @${CLIENT_SETS.mac4} ${markForwarded} accept`,
        `${lan} ip saddr @${CLIENT_SETS.ip4} ${markForwarded} accept`,
        `${lan} ether saddr . ip6 saddr @${CLIENT_SETS.mac6} ${markForwarded} accept`,
        `${lan} ip6 saddr @${CLIENT_SETS.ip6} ${markForwarded} accept`,
        `${lan} ct status dnat accept`,
        `${toLan} ct status dnat ct state established,related accept`,
        `${lan} ip daddr @garden4 accept`,
        `${lan} ip6 daddr @garden6 accept`,
        `${toLan} ct state established,related ip saddr @garden4 accept`,
        `${toLan} ct state established,related ip6 saddr @garden6 accept`,
        // The links reachable before login: their addresses, on their port only (https).
        `${lan} ip daddr . tcp dport @${GARDEN_SETS.v4} accept`,
        `${lan} ip6 daddr . tcp dport @${GARDEN_SETS.v6} accept`,
        `${toLan} ct state established,related ip saddr . tcp sport @${GARDEN_SETS.v4} accept`,
        `${toLan} ct state established,related ip6 saddr . tcp sport @${GARDEN_SETS.v6} accept`,
        // Everything else from a captive client is refused at once, so phones show the portal.
        `${lan} meta l4proto tcp reject with tcp reset`,
        `${lan} reject with icmpx admin-prohibited`,
        `${toLan} drop`,
      ],
    ],
    [
      'postrouting',
      'type nat hook postrouting priority srcnat; policy accept;',
      o.upstreamInterface ? postrouting(lan, o.upstreamInterface, o.nat ?? null) : [],
    ],
  ];
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
  for (const [name, hook] of chains) lines.push(`add chain ${TABLE} ${name}${hook ? ` { ${hook} }` : ''}`);
  for (const [name, , rules] of chains) {
    lines.push(`flush chain ${TABLE} ${name}`);
    for (const r of rules) lines.push(`add rule ${TABLE} ${name} ${r}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * With port blocks, only what the kernel can confine to a client's block leaves: TCP, UDP
 * (ports) and ICMP (query ids). Other protocols and IPv6 would leave unattributable (masquerade
 * has no block to give them), so they are refused rather than logged without a port.
 */
function refuseUntranslatable(lan: string, upstream: string): string[] {
  const out = `${lan} oifname "${upstream}"`;
  return [
    `${out} meta nfproto ipv4 meta l4proto != { tcp, udp, icmp } reject with icmpx admin-prohibited`,
    `${out} meta nfproto ipv6 reject with icmpx admin-prohibited`,
  ];
}

function postrouting(lan: string, upstream: string, nat: NatOptions | null): string[] {
  const out = `${lan} oifname "${upstream}"`;
  if (nat === null) return [`${out} masquerade`];
  const l4 = 'meta l4proto { tcp, udp, icmp }';
  return [
    `${out} ${l4} snat ip to ip saddr map @${NAT_MAP}`,
    // Not logged in: only the walled garden is forwarded; it shares the first block.
    `${out} ${l4} snat ip to ${nat.address}:${nat.shared.first}-${nat.shared.last}`,
  ];
}

/** One authorized client's elements: where its upload and its download are counted. */
export interface ClientElements {
  up: { set: ClientSet; key: string };
  down: { set: ClientSet; key: string };
}

/** The elements for a device, or null when it has no usable IP (nothing to let through). */
export function clientElements(device: { mac: string | null; ip: string | null }): ClientElements | null {
  const ip = device.ip;
  if (ip === null) return null;
  const v4 = isIpv4(ip);
  if (!v4 && !isIpv6(ip)) throw new Error(`not an IP address: ${ip}`);
  const mac = device.mac === null ? null : normalizeMac(device.mac);
  if (device.mac !== null && mac === null) throw new Error(`not a MAC address: ${device.mac}`);
  const addr = v4 ? ip : canonicalIpv6(ip);
  const up = mac
    ? { set: v4 ? CLIENT_SETS.mac4 : CLIENT_SETS.mac6, key: `${mac} . ${addr}` }
    : { set: v4 ? CLIENT_SETS.ip4 : CLIENT_SETS.ip6, key: addr };
  return { up, down: { set: v4 ? CLIENT_SETS.down4 : CLIENT_SETS.down6, key: addr } };
}

/** The compressed lower-case form nft prints, so keys written and read back compare equal. */
export function canonicalIpv6(ip: string): string {
  if (!isIpv6(ip)) throw new Error(`not an IPv6 address: ${ip}`);
  return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
}

/** Seconds as an nft timeout; at least one second, at most a year. */
export function timeoutText(seconds: number): string {
  const s = Math.min(365 * 86400, Math.max(1, Math.ceil(seconds)));
  return `${s}s`;
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

/**
 * An nft batch that (re)creates the client's elements: existing ones are replaced, counters
 * restart. With `nat` (the client's NAT map element), its block is given in the same transaction.
 */
export function addClientBatch(el: ClientElements, seconds: number, nat: string | null = null): string {
  const t = timeoutText(seconds);
  const natLine = nat === null ? '' : `add element ${TABLE} ${NAT_MAP} { ${nat} }\n`;
  return (
    natLine +
    [el.up, el.down]
      .map(
        (e) =>
          `add element ${TABLE} ${e.set} { ${e.key} }\n` +
          `delete element ${TABLE} ${e.set} { ${e.key} }\n` +
          `add element ${TABLE} ${e.set} { ${e.key} timeout ${t} }\n`,
      )
      .join('')
  );
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

/**
 * An nft batch that removes the client's elements, whether or not they are there; with `nat`
 * (its NAT map element, as given), its block too.
 */
export function removeClientBatch(el: ClientElements, nat: string | null = null): string {
  const natLines =
    nat === null
      ? ''
      : `add element ${TABLE} ${NAT_MAP} { ${nat} }\ndelete element ${TABLE} ${NAT_MAP} { ${nat.split(' : ')[0]} }\n`;
  return (
    [el.up, el.down]
      .map(
        (e) => `add element ${TABLE} ${e.set} { ${e.key} }\ndelete element ${TABLE} ${e.set} { ${e.key} }\n`,
      )
      .join('') + natLines
  );
}
