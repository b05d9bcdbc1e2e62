// DNS over TCP for the filtering front-end: the connections' limits (in all and per client
// address), the length-prefixed framing, and each message's deadline. What a message means is
// the server's business: this module hands it over and writes the reply back.

import type net from 'node:net';
import type { EventBus } from '../domain/events';

export interface TcpLimits {
  maxConnections: number;
  perSource: number;
  messageTimeoutMs: number;
}

export const TCP_DEFAULTS: TcpLimits = {
  maxConnections: 256,
  perSource: 8,
  messageTimeoutMs: 5000,
};

/** Handles one message; `respond` is called once with its reply. */
export type HandleMessage = (msg: Buffer, respond: (reply: Buffer) => void) => void;

export class DnsTcpConnections {
  private readonly connections = new Set<net.Socket>();
  /** Open TCP connections per client address. */
  private readonly perSource = new Map<string, number>();

  constructor(
    private readonly limits: TcpLimits,
    /** The upstream's deadline: answers still on their way may take up to twice that. */
    private readonly upstreamTimeoutMs: number,
    private readonly events: EventBus,
    private readonly handle: HandleMessage,
  ) {}

  /**
   * One DNS-over-TCP connection. A client may hold `perSource` connections and all of them
   * together `maxConnections`: one more is reset at once and counted.
   */
  accept(socket: net.Socket): void {
    const source = socket.remoteAddress ?? '';
    const held = this.perSource.get(source) ?? 0;
    const refused =
      this.connections.size >= this.limits.maxConnections
        ? 'total'
        : held >= this.limits.perSource
          ? 'per_source'
          : null;
    if (refused) {
      this.events.emit('dns.tcp_refused', { reason: refused });
      socket.on('error', () => {});
      socket.resetAndDestroy();
      return;
    }
    this.perSource.set(source, held + 1);
    this.connections.add(socket);
    socket.on('close', () => {
      this.connections.delete(socket);
      const n = (this.perSource.get(source) ?? 1) - 1;
      if (n > 0) this.perSource.set(source, n);
      else this.perSource.delete(source);
    });
    this.serve(socket);
  }

  /** Ends every open connection (at stop). */
  destroyAll(): void {
    for (const c of this.connections) c.destroy();
  }

  /**
   * Each message must arrive whole within `messageTimeoutMs` of the connection or of the
   * previous message, so a client that sends nothing or trickles bytes loses its connection then
   * (a plain idle timeout would be pushed back by every byte).
   */
  private serve(socket: net.Socket): void {
    let acc = Buffer.alloc(0);
    let answered = 0;
    let pending = 0;
    let deadline: NodeJS.Timeout | null = null;
    let graced = false;
    const arm = (ms = this.limits.messageTimeoutMs) => {
      if (deadline) clearTimeout(deadline);
      deadline = setTimeout(() => {
        // Answers still on their way (at most the upstream's timeout, and a TCP retry) keep an
        // otherwise quiet connection open once, until they are sent.
        if (acc.length === 0 && pending > 0 && !graced) {
          graced = true;
          return arm(2 * this.upstreamTimeoutMs + 100);
        }
        // Quiet after its answers is a normal end; nothing sent, or a message left unfinished, is not.
        if (acc.length > 0 || answered === 0) this.events.emit('dns.tcp_refused', { reason: 'deadline' });
        socket.destroy();
      }, ms);
    };
    arm();
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (deadline) clearTimeout(deadline);
    });
    socket.on('data', (d) => {
      acc = acc.length ? Buffer.concat([acc, d]) : d;
      while (acc.length >= 2) {
        const len = acc.readUInt16BE(0);
        if (acc.length < 2 + len) break;
        const msg = Buffer.from(acc.subarray(2, 2 + len));
        acc = acc.subarray(2 + len);
        graced = false;
        arm(); // the next message has its own deadline
        pending++;
        this.handle(msg, (reply) => {
          pending--;
          answered++;
          if (socket.destroyed) return;
          const head = Buffer.alloc(2);
          head.writeUInt16BE(reply.length);
          socket.write(Buffer.concat([head, reply]));
        });
      }
    });
  }
}
