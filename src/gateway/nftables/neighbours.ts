// The MAC behind a portal client's IP, from the kernel's neighbour table on the client interface,
// without a process per request: IPv4 from /proc/net/arp (a file read), IPv6 from one
// `ip -j -6 neigh` shared by the requests that arrive together (the rule-set lets captive
// clients reach the portal over IPv4 only, so that read is rare).

import { readFile } from 'node:fs/promises';
import { isIpv4, isIpv6, normalizeIp, normalizeMac } from '../../domain/device';
import type { RunCommand } from './commands';
import { FreshRead } from './fresh-read';
import { canonicalIpv6 } from './nft-values';

/** One read of a family's neighbours on the client interface: IP (canonical) → MAC. */
export type NeighbourRead = () => Promise<ReadonlyMap<string, string>>;

/**
 * Nothing is cached between reads. A device that takes over an address another device held
 * must never be taken for that one (it would see its status page, log it out, and its probes
 * would be told it is online), so each answer comes from a read that began after the question.
 */
export class NeighbourTable {
  private readonly v4: FreshRead<ReadonlyMap<string, string>>;
  private readonly v6: FreshRead<ReadonlyMap<string, string>>;

  constructor(sources: { ipv4: NeighbourRead; ipv6: NeighbourRead }) {
    this.v4 = new FreshRead(sources.ipv4);
    this.v6 = new FreshRead(sources.ipv6);
  }

  /** The MAC the kernel holds for this IP now, or null (unknown, incomplete or failed). */
  async macOf(address: string): Promise<string | null> {
    // A dual-stack socket reports an IPv4 client as `::ffff:a.b.c.d`.
    const ip = normalizeIp(address);
    if (ip === null) return null;
    if (isIpv4(ip)) return (await this.v4.get()).get(ip) ?? null;
    if (isIpv6(ip)) return (await this.v6.get()).get(canonicalIpv6(ip)) ?? null;
    return null;
  }
}

// ATF_COM in /proc/net/arp: the kernel holds a usable address (any state but incomplete/failed).
const ATF_COM = 0x2;

/**
 * The IPv4 neighbours of one interface from /proc/net/arp
 * (`IP address  HW type  Flags  HW address  Mask  Device`, one entry a line).
 */
export function parseProcArp(text: string, iface: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6 || f[5] !== iface || !isIpv4(f[0]!)) continue;
    const flags = Number.parseInt(f[2]!, 16);
    if (!Number.isInteger(flags) || (flags & ATF_COM) === 0) continue;
    const mac = normalizeMac(f[3]!);
    if (mac !== null && mac !== '00:00:00:00:00:00') out.set(f[0]!, mac);
  }
  return out;
}

/** The neighbours in `ip -j neigh` output, leaving out incomplete and failed entries. */
export function parseIpNeigh(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  let entries: unknown;
  try {
    entries = JSON.parse(stdout || '[]');
  } catch {
    return out;
  }
  for (const e of Array.isArray(entries) ? (entries as Record<string, unknown>[]) : []) {
    if (e === null || typeof e !== 'object') continue;
    const states = Array.isArray(e.state) ? e.state : [];
    if (states.includes('FAILED') || states.includes('INCOMPLETE')) continue;
    const ip = typeof e.dst === 'string' ? normalizeIp(e.dst) : null;
    const mac = typeof e.lladdr === 'string' ? normalizeMac(e.lladdr) : null;
    if (ip === null || mac === null) continue;
    out.set(isIpv6(ip) ? canonicalIpv6(ip) : ip, mac);
  }
  return out;
}

/** The kernel's table on `iface`: IPv4 from `arpFile`, IPv6 from `ip -j -6 neigh show dev`. */
export function kernelNeighbours(options: {
  iface: string;
  ipCommand: string;
  run: RunCommand;
  arpFile?: string;
}): NeighbourTable {
  const arpFile = options.arpFile ?? '/proc/net/arp';
  return new NeighbourTable({
    ipv4: async () => parseProcArp(await readFile(arpFile, 'utf8'), options.iface),
    ipv6: async () => {
      const { stdout } = await options.run(options.ipCommand, [
        '-j',
        '-6',
        'neigh',
        'show',
        'dev',
        options.iface,
      ]);
      return parseIpNeigh(stdout);
    },
  });
}
