// The access points (NAS) allowed to talk to our RADIUS servers, matched by source address
// (one IP or a CIDR block). Built once from the configuration; lookups do no allocation.

import { parseCidr } from '../config/units';
import { parseIpv4, parseIpv6 } from './ip-address-text';
import type { NasKind } from '../access-points';

export type { NasKind } from '../access-points';

export interface NasClient {
  readonly name: string;
  /** As configured: an IP address or a CIDR block. */
  readonly address: string;
  readonly secret: string;
  readonly kind: NasKind;
  readonly requireMessageAuthenticator: boolean;
  readonly coaPort: number;
}

interface Entry {
  readonly client: NasClient;
  readonly bytes: Buffer;
  readonly prefix: number;
}

export class NasTable {
  private readonly v4: Entry[] = [];
  private readonly v6: Entry[] = [];
  private readonly exact = new Map<string, NasClient>();

  constructor(clients: readonly NasClient[]) {
    for (const client of clients) {
      const block = parseCidr(client.address);
      if (block === null) throw new RangeError(`RADIUS client ${client.name}: bad address`);
      const bytes = block.family === 4 ? parseIpv4(block.address) : parseIpv6(block.address);
      if (bytes === null) throw new RangeError(`RADIUS client ${client.name}: bad address`);
      const full = block.prefix === (block.family === 4 ? 32 : 128);
      if (full) {
        const key = block.family === 4 ? block.address : canonicalV6(bytes);
        if (!this.exact.has(key)) this.exact.set(key, client);
      } else {
        (block.family === 4 ? this.v4 : this.v6).push({ client, bytes, prefix: block.prefix });
      }
    }
    // Longest prefix first, so a specific entry wins over a wide block.
    this.v4.sort((a, b) => b.prefix - a.prefix);
    this.v6.sort((a, b) => b.prefix - a.prefix);
  }

  /** The client for a datagram's source address (as dgram reports it), or null. */
  match(sourceAddress: string): NasClient | null {
    const address =
      sourceAddress.startsWith('::ffff:') && sourceAddress.includes('.')
        ? sourceAddress.slice(7)
        : sourceAddress;
    const exact = this.exact.get(address);
    if (exact !== undefined) return exact;
    if (address.includes(':')) {
      const bytes = parseIpv6(address);
      if (bytes === null) return null;
      const hit = this.exact.get(canonicalV6(bytes));
      if (hit !== undefined) return hit;
      return this.v6.find((e) => inBlock(bytes, e))?.client ?? null;
    }
    if (this.v4.length === 0) return null;
    const bytes = parseIpv4(address);
    if (bytes === null) return null;
    return this.v4.find((e) => inBlock(bytes, e))?.client ?? null;
  }

  get clients(): NasClient[] {
    return [
      ...new Set([...this.exact.values(), ...this.v4.map((e) => e.client), ...this.v6.map((e) => e.client)]),
    ];
  }
}

function canonicalV6(bytes: Buffer): string {
  return bytes.toString('hex');
}

function inBlock(address: Buffer, entry: Entry): boolean {
  let bits = entry.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((address[i] ?? 0) & mask) !== ((entry.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}
