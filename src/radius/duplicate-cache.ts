// Duplicate-request cache (RFC 5080 §2.2.2): a request retransmitted by the NAS (same source,
// identifier and authenticator) within a few seconds gets the very same reply bytes, and the
// work (a redemption, an accounting update) is done once. Entries expire in insertion order.

export interface CachedReply {
  readonly expires: number;
  /** Still pending while the first copy is being handled; null when it was dropped. */
  readonly reply: Promise<Buffer | null>;
}

export class DuplicateCache {
  private readonly entries = new Map<string, CachedReply>();
  // Keys in insertion order, consumed from `head`: expiring never iterates the Map, whose
  // iterator would walk past every deleted slot.
  private order: string[] = [];
  private head = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly maxEntries = 65_536,
  ) {}

  /** The key of a datagram: source, identifier and Request Authenticator. */
  static key(address: string, port: number, datagram: Buffer): string {
    return `${address}|${port}|${datagram.toString('latin1', 1, 2)}${datagram.toString('latin1', 4, 20)}`;
  }

  get(key: string): Promise<Buffer | null> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.reply;
  }

  set(key: string, reply: Promise<Buffer | null>): void {
    const now = this.now();
    this.sweep(now);
    this.entries.set(key, { expires: now + this.windowMs, reply });
    this.order.push(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(now: number): void {
    while (this.head < this.order.length) {
      const key = this.order[this.head]!;
      const entry = this.entries.get(key);
      if (entry !== undefined && entry.expires > now && this.entries.size < this.maxEntries) break;
      // A key set again later has a newer entry; only an expired or evicted one goes.
      if (entry !== undefined && (entry.expires <= now || this.entries.size >= this.maxEntries)) {
        this.entries.delete(key);
      }
      this.head++;
    }
    if (this.head > 4096 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}
