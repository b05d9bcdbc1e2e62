// A RADIUS UDP endpoint as a lifecycle component: binds host:port, hands each datagram to a
// handler and sends back what it returns. The one catch per UDP message lives here: a handler
// that throws has its packet dropped and counted, and the server keeps serving.

import { isStoreDown } from '../domain/store-health';
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { ListenAddress } from '../config/units';
import type { EventBus, RadiusServerRole } from '../domain/events';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';

export interface Source {
  readonly address: string;
  readonly port: number;
}

/** Returns the reply to send, or null to stay silent (a dropped packet). */
export type DatagramHandler = (datagram: Buffer, source: Source) => Promise<Buffer | null> | Buffer | null;

export class RadiusUdpServer implements Component {
  private socket: dgram.Socket | null = null;
  private inFlight = 0;

  constructor(
    readonly name: string,
    private readonly role: RadiusServerRole,
    private readonly address: ListenAddress,
    private readonly handler: DatagramHandler,
    private readonly deps: { events: EventBus; logger: Logger },
  ) {}

  async start(): Promise<void> {
    const socket = dgram.createSocket({ type: isIPv6(this.address.host) ? 'udp6' : 'udp4' });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.address.port, this.address.host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    // Bursts from many access points (or the benchmark) must not overflow the kernel queue.
    try {
      socket.setRecvBufferSize(4 * 1024 * 1024);
    } catch {
      // The system may cap buffer sizes; the defaults still work.
    }
    socket.on('error', (err) => this.deps.logger.error({ err, server: this.role }, 'RADIUS socket error'));
    socket.on('message', (datagram, rinfo) => void this.onMessage(socket, datagram, rinfo));
    this.socket = socket;
  }

  /** The bound port (useful when the configured port was 0). */
  boundPort(): number | null {
    return this.socket ? this.socket.address().port : null;
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  /** Datagrams still being handled (for a clean stop in tests). */
  get pending(): number {
    return this.inFlight;
  }

  private async onMessage(socket: dgram.Socket, datagram: Buffer, rinfo: dgram.RemoteInfo): Promise<void> {
    this.inFlight++;
    const started = process.hrtime.bigint();
    try {
      const reply = await this.handler(datagram, rinfo);
      if (reply !== null && this.socket === socket) socket.send(reply, rinfo.port, rinfo.address);
      this.deps.events.emit('radius.request_handled', {
        server: this.role,
        answered: reply !== null,
        durationSeconds: Number(process.hrtime.bigint() - started) / 1e9,
      });
    } catch (err) {
      // Store down (issue #13, item 4): silence, so the access point retries or falls back to
      // its secondary RADIUS server, as a reject would read "wrong code" to the resident. The
      // store monitor logs the outage once; each packet meeting it is counted, not logged.
      const outage = isStoreDown(err);
      if (outage) this.deps.logger.debug({ server: this.role }, 'RADIUS request dropped: store unavailable');
      else this.deps.logger.error({ err, server: this.role }, 'RADIUS request failed; dropped');
      this.deps.events.emit('radius.request_dropped', {
        server: this.role,
        reason: outage ? 'store_unavailable' : 'internal_error',
        nas: null,
      });
    } finally {
      this.inFlight--;
    }
  }
}
