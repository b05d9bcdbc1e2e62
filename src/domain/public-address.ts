// Whether a host or an address can be a public site. The links form refuses a local address,
// and the walled garden (issue #15, item 8) never opens one to captive clients, even when a
// public name resolves to it (a rebinding answer would otherwise open the space's own network).

import { isIpv4, isIpv6 } from './device';

/** Names that only mean something inside a local network, never a public site. */
const LOCAL_SUFFIXES = [
  'localhost',
  'local',
  'lan',
  'home',
  'internal',
  'intranet',
  'home.arpa',
  'localdomain',
];

/** Whether a URL's host can be a public site: a dotted name outside local suffixes, or a public address. */
export function isPublicHost(host: string): boolean {
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  if (isIpv4(bare)) return isPublicIpv4(bare);
  if (isIpv6(bare)) return isPublicIpv6(bare);
  if (!bare.includes('.')) return false;
  return !LOCAL_SUFFIXES.some((s) => bare === s || bare.endsWith(`.${s}`));
}

export function isPublicIpv4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return !(
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

export function isPublicIpv6(ip: string): boolean {
  const v = ip.toLowerCase();
  if (v === '::' || v === '::1') return false;
  // An IPv4 address written as IPv6 is judged as the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v);
  if (mapped) return isPublicIpv4(mapped[1]!);
  if (v.startsWith('::ffff:')) return false;
  return !/^(f[cd]|fe[89ab])/.test(v);
}
