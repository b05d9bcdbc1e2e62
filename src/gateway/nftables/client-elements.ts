// An authorized client in the rule-set: the sets that let it through and count its traffic, its
// elements, and the nft batches that add and remove them. Pure: every value checked first.

import { isIpv4, isIpv6, normalizeMac } from '../../domain/device';
import { NAT_MAP } from './nat-map';
import { canonicalIpv6, TABLE, timeoutText } from './nft-values';

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

/** The client sets' declarations: added, never flushed, so a re-apply keeps the clients. */
export function clientSetDeclarations(): string[] {
  return Object.entries(SET_TYPES).map(
    ([name, type]) => `add set ${TABLE} ${name} { type ${type}; flags timeout; counter; }`,
  );
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

/** The IP of an element key read back from the kernel (`ip` or `mac . ip`), or null if it is not one. */
export function checkedKeyIp(key: string): string | null {
  const parts = key.split(' . ');
  if (parts.length > 2) return null;
  const ip = parts[parts.length - 1]!;
  if (parts.length === 2 && normalizeMac(parts[0]!) !== parts[0]) return null;
  return isIpv4(ip) || isIpv6(ip) ? ip : null;
}
