// Human-friendly config values: durations ("90m", "1d"), sizes ("500MB"), rates ("2Mbit"),
// listen addresses ("127.0.0.1:8080", "[::1]:1812"). Each parser returns null when it cannot read.

import { isIpv4, isIpv6 } from '../domain/device';

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Seconds from "45s", "30m", "1h30m", "2d", "1w" or a plain number of seconds. */
export function parseDuration(input: string | number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? Math.floor(input) : null;
  const s = input.trim().toLowerCase();
  if (/^\d+$/.test(s)) return Number(s);
  const re = /(\d+)\s*([smhdw])/g;
  let total = 0;
  let consumed = '';
  for (const m of s.matchAll(re)) {
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    consumed += m[0];
  }
  return consumed.replace(/\s/g, '') === s.replace(/\s/g, '') && consumed !== '' ? total : null;
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** Bytes from "500MB", "2 GiB", "1024" (plain bytes). */
export function parseSize(input: string | number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? Math.floor(input) : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(input);
  if (!m) return null;
  const unit = (m[2] || 'b').toLowerCase();
  const mult = SIZE_UNITS[unit];
  return mult === undefined ? null : Math.floor(Number(m[1]) * mult);
}

const RATE_UNITS: Record<string, number> = { bit: 1, kbit: 1e3, mbit: 1e6, gbit: 1e9 };

/** Bits per second from "512kbit", "2Mbit", "1Gbit" or a plain number of bits per second. */
export function parseRate(input: string | number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input > 0 ? Math.floor(input) : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(input);
  if (!m) return null;
  const unit = (m[2] || 'bit').toLowerCase().replace(/bps$/, 'bit').replace(/\/s$/, '');
  const mult = RATE_UNITS[unit];
  return mult === undefined ? null : Math.floor(Number(m[1]) * mult);
}

export interface ListenAddress {
  host: string;
  port: number;
}

/** "host:port" or "[v6]:port"; port 0 asks the system for a free one (tests). */
export function parseListen(input: string): ListenAddress | null {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s[\]]+)):(\d{1,5})$/.exec(input.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port > 65535) return null;
  return { host: (m[1] ?? m[2])!, port };
}

export function formatListen(a: ListenAddress): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

/** Whether a listen host means every address of the box (`0.0.0.0`, `::`): nobody can be sent there. */
export function isWildcardHost(host: string): boolean {
  if (isIpv4(host)) return host === '0.0.0.0';
  return isIpv6(host) && host.split(/:+/).every((g) => /^0*$/.test(g));
}

export interface CidrBlock {
  address: string;
  /** Prefix length; 32 (IPv4) or 128 (IPv6) for a single address. */
  prefix: number;
  family: 4 | 6;
}

/** "10.42.0.7", "10.42.0.0/24", "fd00::/64"; null when unreadable. */
export function parseCidr(input: string): CidrBlock | null {
  const m = /^([^/\s]+)(?:\/(\d{1,3}))?$/.exec(input.trim());
  if (!m) return null;
  const address = m[1]!;
  const family = isIpv4(address) ? 4 : isIpv6(address) ? 6 : null;
  if (family === null) return null;
  const max = family === 4 ? 32 : 128;
  const prefix = m[2] === undefined ? max : Number(m[2]);
  if (prefix > max) return null;
  return { address, prefix, family };
}
