// Deterministic NAT in the manner of RFC 7422: the source ports of the public address are cut
// into fixed blocks and each connected client holds one, so a public address, a port and a time
// name one client, and the legal journal needs one record per session, not one per connection.
// Pure bookkeeping, no I/O: the nftables gateway applies and persists what this decides.

/** The ports to share out and the size of each client's block. */
export interface PortBlockPlan {
  firstPort: number;
  lastPort: number;
  blockSize: number;
}

export interface PortBlock {
  /** 0 is the shared block of clients not logged in (walled garden); clients get 1 and up. */
  index: number;
  first: number;
  last: number;
}

export const MIN_BLOCK_SIZE = 64;
export const MIN_FIRST_PORT = 1024;

/** Why a plan cannot be used, in words for the operator; null when it is fine. */
export function planProblem(p: PortBlockPlan): string | null {
  const ints = [p.firstPort, p.lastPort, p.blockSize].every((n) => Number.isInteger(n));
  if (!ints) return 'ports and block size must be whole numbers';
  if (p.firstPort < MIN_FIRST_PORT || p.lastPort > 65535 || p.firstPort >= p.lastPort) {
    return `the port range ${p.firstPort}-${p.lastPort} must lie within ${MIN_FIRST_PORT}-65535 and end after it starts`;
  }
  if (p.blockSize < MIN_BLOCK_SIZE)
    return `a block of ${p.blockSize} ports is too small (at least ${MIN_BLOCK_SIZE})`;
  const blocks = blockCount(p);
  if (blocks < 2) {
    return `the port range ${p.firstPort}-${p.lastPort} holds ${blocks} block(s) of ${p.blockSize} ports; at least 2 are needed (the first is kept for devices not logged in)`;
  }
  return null;
}

/** Whole blocks in the range; ports left over at its top are not used. */
export function blockCount(p: PortBlockPlan): number {
  return Math.floor((p.lastPort - p.firstPort + 1) / p.blockSize);
}

export class PortBlocks {
  private readonly count: number;
  /** Block index → owner, and back. */
  private readonly owners = new Map<number, string>();
  private readonly byOwner = new Map<string, number>();

  constructor(private readonly plan: PortBlockPlan) {
    const problem = planProblem(plan);
    if (problem !== null) throw new Error(problem);
    this.count = blockCount(plan);
  }

  /** How many clients may hold a block at once. */
  get capacity(): number {
    return this.count - 1;
  }

  get inUse(): number {
    return this.byOwner.size;
  }

  block(index: number): PortBlock {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) throw new Error(`no block ${index}`);
    const first = this.plan.firstPort + index * this.plan.blockSize;
    return { index, first, last: first + this.plan.blockSize - 1 };
  }

  /** The block of devices not logged in: their walled-garden traffic, which names no one. */
  shared(): PortBlock {
    return this.block(0);
  }

  /** The client block with exactly these bounds (as recorded on a session), or null. */
  find(first: number, last: number): PortBlock | null {
    const offset = first - this.plan.firstPort;
    if (offset <= 0 || offset % this.plan.blockSize !== 0) return null;
    const index = offset / this.plan.blockSize;
    if (index >= this.count) return null;
    const b = this.block(index);
    return b.last === last ? b : null;
  }

  heldBy(owner: string): PortBlock | null {
    const index = this.byOwner.get(owner);
    return index === undefined ? null : this.block(index);
  }

  /**
   * The owner's block: the one it holds, else `preferred` (the block recorded for it, so a
   * restart changes nothing) when that is still a free block of this plan, else the lowest free
   * one. Null when every block is held: the caller must refuse, never share.
   */
  assign(owner: string, preferred?: { first: number; last: number } | null): PortBlock | null {
    const held = this.heldBy(owner);
    if (held) return held;
    const wanted = preferred ? this.find(preferred.first, preferred.last) : null;
    if (wanted && !this.owners.has(wanted.index)) return this.take(owner, wanted.index);
    for (let i = 1; i < this.count; i++) if (!this.owners.has(i)) return this.take(owner, i);
    return null;
  }

  /** Gives the owner's block back; nothing happens if it holds none. */
  release(owner: string): void {
    const index = this.byOwner.get(owner);
    if (index === undefined) return;
    this.byOwner.delete(owner);
    this.owners.delete(index);
  }

  /** Every owner with its block, by block order. */
  held(): [string, PortBlock][] {
    return [...this.owners.entries()].sort((a, b) => a[0] - b[0]).map(([i, o]) => [o, this.block(i)]);
  }

  private take(owner: string, index: number): PortBlock {
    this.owners.set(index, owner);
    this.byOwner.set(owner, index);
    return this.block(index);
  }
}
