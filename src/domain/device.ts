// A resident's device as the gateway sees it: a MAC address when the gateway layer
// knows it (local router, NAS Calling-Station-Id), otherwise its IP address.

import { EcnError } from './errors';

export interface Device {
  mac: string | null;
  ip: string | null;
}

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** Canonical MAC (`aa:bb:cc:dd:ee:ff`) from the common spellings, or null. */
export function normalizeMac(input: string): string | null {
  const hex = input
    .trim()
    .toLowerCase()
    .replace(/[:\-.\s]/g, '');
  if (!/^[0-9a-f]{12}$/.test(hex)) return null;
  const mac = hex.match(/../g)!.join(':');
  return MAC_RE.test(mac) ? mac : null;
}

const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(s: string): boolean {
  return IPV4_RE.test(s);
}

/** IPv6 text form (RFC 4291 §2.2), with an optional trailing IPv4 part; no zone index. */
export function isIpv6(s: string): boolean {
  if (s.length > 45 || !s.includes(':')) return false;
  let text = s;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIpv4(tail)) return false;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((g) => g.every((x) => /^[0-9a-fA-F]{1,4}$/.test(x)))) return false;
  const count = groups.reduce((n, g) => n + g.length, 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** Strips the IPv4-mapped prefix that dual-stack sockets report (`::ffff:10.0.0.5`). */
export function normalizeIp(input: string): string | null {
  const s = input.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (isIpv4(s)) return s;
  if (isIpv6(s)) return s.toLowerCase();
  return null;
}

export function makeDevice(input: { mac?: string | null; ip?: string | null }): Device {
  const mac = input.mac ? normalizeMac(input.mac) : null;
  const ip = input.ip ? normalizeIp(input.ip) : null;
  if (input.mac && !mac) throw new EcnError('ECN_ERR_DEVICE_INVALID', 'The device MAC address is not valid.');
  if (input.ip && !ip) throw new EcnError('ECN_ERR_DEVICE_INVALID', 'The device IP address is not valid.');
  if (!mac && !ip) throw new EcnError('ECN_ERR_DEVICE_INVALID', 'A device needs a MAC or an IP address.');
  return { mac, ip };
}

/** What binds a device to a ticket: its MAC when known, its IP otherwise. */
export function deviceKey(d: Device): string {
  if (d.mac) return `mac:${d.mac}`;
  if (d.ip) return `ip:${d.ip}`;
  throw new EcnError('ECN_ERR_DEVICE_INVALID', 'A device needs a MAC or an IP address.');
}
