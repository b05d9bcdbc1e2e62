// The gateway's bandwidth limits at run time: puts each client in its classes and takes it out,
// remembering which addresses may hold an entry so a client without a limit costs no command.

import { isIpv4 } from '../../domain/device';
import { bandwidthBatch, removeBandwidthCommands, type ClientBandwidth } from './bandwidth-classes';
import { canonicalIpv6 } from './nft-values';

export class BandwidthLimits {
  /** Addresses that may hold a bandwidth entry (rebuilt from the kernel at start). */
  private readonly limited = new Set<string>();

  /** `apply` runs one nft batch. */
  constructor(private readonly apply: (batch: string) => Promise<unknown>) {}

  /** An address the kernel was found holding an entry for (start-up reconciliation). */
  remember(ip: string): void {
    this.limited.add(ip);
  }

  async set(ip: string, bw: ClientBandwidth, seconds: number): Promise<void> {
    ip = isIpv4(ip) ? ip : canonicalIpv6(ip);
    await this.clear(ip);
    const batch = bandwidthBatch(ip, bw, seconds);
    if (batch === '') return;
    await this.apply(batch);
    this.limited.add(ip);
  }

  /** Deletes the client's bandwidth entries; an entry already gone (timed out) is fine. */
  async clear(address: string): Promise<void> {
    const ip = isIpv4(address) ? address : canonicalIpv6(address);
    if (!this.limited.has(ip)) return;
    for (const command of removeBandwidthCommands(ip)) {
      try {
        await this.apply(command);
      } catch (err) {
        if (!/No such file or directory/.test((err as { stderr?: string }).stderr ?? '')) throw err;
      }
    }
    this.limited.delete(ip);
  }
}
