// What the gateway reads from the kernel about a client it lets through: the growth of its
// counters since the last read, its last counters when it is let go, and the cut of its flows.

import { isIpv4 } from '../../domain/device';
import type { Device } from '../../domain/device';
import type { ClientElements } from './client-elements';
import type { RunCommand } from './commands';
import { TABLE } from './nft-values';
import { FORWARDED_MARK } from './ruleset';

/** A client the gateway lets through, and what it last counted for it. */
export interface Tracked {
  device: Device;
  elements: ClientElements;
  /** Counter values at the last read; traffic is the growth since. */
  lastUp: number;
  lastDown: number;
  /** Session totals as last recorded (bytesIn: from the client, bytesOut: to it, as RADIUS counts). */
  bytesIn: number;
  bytesOut: number;
}

/** Bytes since the last read; a counter that went down was reset (element re-created): all of it is new. */
export function growth(t: Tracked, up: number, down: number): { dIn: number; dOut: number } {
  return {
    dIn: up >= t.lastUp ? up - t.lastUp : up,
    dOut: down >= t.lastDown ? down - t.lastDown : down,
  };
}

/**
 * The last counters of a client let go, read from its two elements only (one `nft get element`
 * batch, not a listing of the whole table); null if they are gone (timed out).
 */
export async function finalCounters(
  run: RunCommand,
  nft: string,
  el: ClientElements,
): Promise<{ up: number; down: number } | null> {
  let stdout: string;
  try {
    ({ stdout } = await run(
      nft,
      ['-f', '-'],
      `get element ${TABLE} ${el.up.set} { ${el.up.key} }\n` +
        `get element ${TABLE} ${el.down.set} { ${el.down.key} }\n`,
    ));
  } catch {
    return null;
  }
  // nft 1.0 prints `get element` as text, even with -j: the up element comes first.
  const bytes = [...stdout.matchAll(/counter packets \d+ bytes (\d+)/g)].map((m) => Number(m[1]));
  if (bytes.length !== 2) return null;
  return { up: bytes[0]!, down: bytes[1]! };
}

/** Established flows survive a removed set element; deleting their conntrack entries ends them. */
export async function cutConnections(run: RunCommand, conntrack: string, ip: string): Promise<void> {
  const family = isIpv4(ip) ? 'ipv4' : 'ipv6';
  try {
    await run(conntrack, ['-D', '-f', family, '-s', ip, '-m', `${FORWARDED_MARK}/${FORWARDED_MARK}`]);
  } catch (err) {
    // conntrack exits 1 when there was nothing to delete.
    const stderr = (err as { stderr?: string }).stderr ?? '';
    if (!/0 flow entries/.test(stderr)) throw err;
  }
}
