// Forwards queries to the local caching resolver over UDP (TCP when its answer is truncated
// and the client came over TCP). Each query gets a fresh random ID; a reply counts only if
// its ID and question match. No answer within the timeout, or a refused port, fails at once.

import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import { isIPv6 } from 'node:net';
import type { ListenAddress } from '../config/units';

export type UpstreamFailure = 'timeout' | 'unreachable' | 'overload';
export type UpstreamCallback = (reply: Buffer | null, failure: UpstreamFailure | null) => void;

const SLOTS = 65536;

export class UdpUpstream {
  private socket: dgram.Socket | null = null;
  private readonly callbacks: (UpstreamCallback | null)[] = new Array<UpstreamCallback | null>(SLOTS).fill(
    null,
  );
  private readonly questions: (Buffer | null)[] = new Array<Buffer | null>(SLOTS).fill(null);
  private readonly generation = new Uint32Array(SLOTS);
  // FIFO of [id, generation, deadline]: deadlines grow in send order, so the sweep is O(expired).
  private queue: number[] = [];
  private queueHead = 0;
  private sweeper: NodeJS.Timeout | null = null;
  private inFlight = 0;
  // Query IDs come from a pool of CSPRNG bytes, refilled when used up (cheaper than a call each).
  private pool = randomBytes(8192);
  private poolAt = 0;

  constructor(
    private readonly address: ListenAddress,
    private readonly timeoutMs: number,
  ) {}

  async start(): Promise<void> {
    const socket = dgram.createSocket(isIPv6(this.address.host) ? 'udp6' : 'udp4');
    socket.on('message', (msg) => this.onReply(msg));
    // A refused port (ICMP) means nobody is listening: fail what is pending now, not later.
    socket.on('error', () => this.failAll('unreachable'));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    await new Promise<void>((resolve) =>
      socket.connect(this.address.port, this.address.host, () => resolve()),
    );
    this.socket = socket;
    this.sweeper = setInterval(() => this.sweep(), Math.min(100, Math.max(10, this.timeoutMs / 4)));
    this.sweeper.unref();
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.failAll('unreachable');
    const s = this.socket;
    this.socket = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private randomId(): number {
    if (this.poolAt + 2 > this.pool.length) {
      this.pool = randomBytes(8192);
      this.poolAt = 0;
    }
    const id = this.pool.readUInt16BE(this.poolAt);
    this.poolAt += 2;
    return id;
  }

  /**
   * Sends `query` with a fresh ID written into a copy; `questionEnd` bounds the question bytes
   * that the reply must echo.
   */
  send(query: Buffer, questionEnd: number, cb: UpstreamCallback): void {
    const socket = this.socket;
    if (!socket) return cb(null, 'unreachable');
    let id = this.randomId();
    let tries = 0;
    while (this.callbacks[id] !== null) {
      id = (id + 1) & 0xffff;
      if (++tries > 256) return cb(null, 'overload');
    }
    const out = Buffer.from(query);
    out.writeUInt16BE(id, 0);
    this.callbacks[id] = cb;
    this.questions[id] = out.subarray(12, questionEnd);
    const gen = ++this.generation[id]!;
    this.queue.push(id, gen, Date.now() + this.timeoutMs);
    this.inFlight++;
    // No per-send callback: a send error surfaces as the socket's 'error' (fails what is pending).
    socket.send(out);
  }

  private onReply(msg: Buffer): void {
    if (msg.length < 12) return;
    const id = msg.readUInt16BE(0);
    const q = this.questions[id];
    if (!q || this.callbacks[id] === null) return;
    // Same question, compared as bytes (upstream echoes it, case included).
    if (msg.length < 12 + q.length || !msg.subarray(12, 12 + q.length).equals(q)) return;
    this.finish(id, this.generation[id]!, msg, null);
  }

  private finish(id: number, gen: number, reply: Buffer | null, failure: UpstreamFailure | null): void {
    const cb = this.callbacks[id];
    if (!cb || this.generation[id] !== gen) return;
    this.callbacks[id] = null;
    this.questions[id] = null;
    this.inFlight--;
    cb(reply, failure);
  }

  private sweep(): void {
    const now = Date.now();
    const q = this.queue;
    while (this.queueHead < q.length && q[this.queueHead + 2]! <= now) {
      this.finish(q[this.queueHead]!, q[this.queueHead + 1]!, null, 'timeout');
      this.queueHead += 3;
    }
    if (this.queueHead > 3 * 4096 && this.queueHead * 2 > q.length) {
      this.queue = q.slice(this.queueHead);
      this.queueHead = 0;
    }
  }

  private failAll(reason: UpstreamFailure): void {
    if (this.inFlight === 0) return;
    for (let id = 0; id < SLOTS; id++) {
      if (this.callbacks[id]) this.finish(id, this.generation[id]!, null, reason);
    }
  }
}

/** One query over TCP (for answers too large for UDP); resolves to null on any failure. */
export function tcpQuery(address: ListenAddress, query: Buffer, timeoutMs: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const socket = net.connect(address.port, address.host);
    let acc = Buffer.alloc(0);
    const done = (v: Buffer | null) => {
      socket.destroy();
      resolve(v);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.on('error', () => done(null));
    socket.on('connect', () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(query.length);
      socket.write(Buffer.concat([len, query]));
    });
    socket.on('data', (d) => {
      acc = Buffer.concat([acc, d]);
      if (acc.length >= 2 && acc.length >= 2 + acc.readUInt16BE(0))
        done(acc.subarray(2, 2 + acc.readUInt16BE(0)));
    });
    socket.on('end', () => done(null));
  });
}
