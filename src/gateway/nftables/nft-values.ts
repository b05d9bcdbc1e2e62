// The values every part of the gateway's nft text shares: the table's name, and the checks and
// canonical forms of what is written into it (interfaces, ports, addresses, timeouts). Pure.

import { isIpv4, isIpv6 } from '../../domain/device';

// `ecn` alone is an nft keyword (the IP header's ECN bits) and cannot name a table.
export const TABLE_NAME = 'ecn_gateway';
export const TABLE = `inet ${TABLE_NAME}`;

const IFACE_RE = /^[A-Za-z0-9_.-]{1,15}$/;

export function isInterfaceName(s: string): boolean {
  return IFACE_RE.test(s) && s !== '.' && s !== '..';
}

/** An address or a prefix (`addr/len`) of the family, nothing else. */
export function checkPrefix(entry: string, v6: boolean): boolean {
  const [addr, len, extra] = entry.split('/');
  if (extra !== undefined || addr === undefined) return false;
  if (!(v6 ? isIpv6(addr) : isIpv4(addr))) return false;
  return len === undefined || (/^\d{1,3}$/.test(len) && Number(len) <= (v6 ? 128 : 32));
}

export function checkPort(p: number, what: string): void {
  if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`${what} is not a port: ${p}`);
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
