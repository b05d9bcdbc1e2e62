// The gateway's port blocks at run time (deterministic NAT): which block each connected IPv4
// client holds, recorded on its session before the kernel uses it, given back when it leaves,
// restored after a restart, and counted for the metrics after each change.

import { isIpv4 } from '../../domain/device';
import { EcnError } from '../../domain/errors';
import type { NatPorts, Session } from '../../domain/session';
import type { Logger } from '../../log';
import type { AccessDeps } from '../../services/client-access';
import { natElement, natMapBatch, type NatOptions } from './nat-map';
import { PortBlocks, type PortBlockPlan } from './port-blocks';

export interface NatBlocksOptions {
  /** The public address clients are translated to, and how its ports are shared out. */
  address: string;
  plan: PortBlockPlan;
  deps: Pick<AccessDeps, 'store' | 'events'>;
  /** Whether a client the gateway lets through still uses the address (its block is kept). */
  inUse: (ip: string) => boolean;
  /** Applies an nft batch (the NAT map's content at start). */
  apply: (batch: string) => Promise<unknown>;
  logger: Logger;
}

export class NatBlocks {
  private readonly blocks: PortBlocks;

  constructor(private readonly o: NatBlocksOptions) {
    this.blocks = new PortBlocks(o.plan);
  }

  /** The rule-set's NAT options: the public address and the block of devices not logged in. */
  ruleset(): NatOptions {
    return { address: this.o.address, shared: this.blocks.shared() };
  }

  /**
   * The client's port block (null for IPv6, which is not translated): the one its address
   * holds, else the one recorded on the session, else the lowest free. It is recorded on the
   * session before the kernel uses it, so a restart gives the same block back.
   */
  async give(sessionId: string, ip: string, recorded: NatPorts | null): Promise<NatPorts | null> {
    if (!isIpv4(ip)) return null;
    const address = this.o.address;
    const block = this.blocks.assign(ip, recorded?.publicIp === address ? recorded : null);
    if (block === null) {
      throw new EcnError(
        'ECN_ERR_NAT_PORTS_EXHAUSTED',
        'Every NAT port block is held by a connected device.',
        { capacity: this.blocks.capacity },
      );
    }
    this.count();
    const natPorts: NatPorts = { publicIp: address, first: block.first, last: block.last };
    if (recorded?.publicIp !== address || recorded.first !== block.first || recorded.last !== block.last) {
      try {
        await this.o.deps.store.updateSession(sessionId, (s) => ({ ...s, natPorts }));
      } catch (err) {
        this.releaseUnlessInUse(ip);
        throw err;
      }
    }
    return natPorts;
  }

  /** After a failure to let the client through: its block goes back unless the address is still let through. */
  releaseUnlessInUse(ip: string): void {
    if (!this.o.inUse(ip)) this.blocks.release(ip);
    this.count();
  }

  /** The client has left: its block goes back. */
  release(ip: string): void {
    this.blocks.release(ip);
    this.count();
  }

  /** The client's NAT map element as given, or null if its address holds no block. */
  elementOf(ip: string): string | null {
    const block = this.blocks.heldBy(ip);
    if (!block) return null;
    return natElement(ip, { publicIp: this.o.address, first: block.first, last: block.last });
  }

  /**
   * Gives the restored sessions their blocks back: first every block recorded on a session, then
   * the lowest free one to a session that has none (authorized before port blocks were on), and
   * writes the NAT map in one transaction. Returns the sessions that may be let through; one
   * left without a block (the plan shrank) is handed to `lost`, never let through unattributable.
   */
  async restore(sessions: Session[], lost: (s: Session) => Promise<void>): Promise<Set<string>> {
    const ok = new Set(sessions.map((s) => s.id));
    const address = this.o.address;
    const recordedOf = (s: Session) => (s.natPorts?.publicIp === address ? s.natPorts : null);
    const v4 = sessions.filter((s) => isIpv4(s.device.ip ?? ''));
    for (const s of v4) if (recordedOf(s)) this.blocks.assign(s.device.ip!, recordedOf(s));
    for (const s of v4) {
      try {
        await this.give(s.id, s.device.ip!, recordedOf(s));
      } catch (err) {
        this.o.logger.error({ err, sessionId: s.id }, 'no NAT port block for a restored session; ending it');
        ok.delete(s.id);
        await lost(s);
      }
    }
    const entries = this.blocks.held().map(([ip, b]) => ({
      ip,
      natPorts: { publicIp: address, first: b.first, last: b.last },
    }));
    await this.o.apply(natMapBatch(entries));
    this.count();
    return ok;
  }

  /** Tells the metrics how many blocks are held, after each change. */
  private count(): void {
    this.o.deps.events.emit('gateway.nat_blocks_counted', {
      held: this.blocks.inUse,
      capacity: this.blocks.capacity,
    });
  }
}
