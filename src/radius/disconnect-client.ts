// RFC 5176 Disconnect client: when a session held by an access point ends on our side (ticket
// revoked, session kicked, quota or time used up), send the NAS a Disconnect-Request, retry
// when it does not answer, and record its ACK or NAK. Reacts to `session.ended` events. Also
// sends a CoA-Request with a new Session-Timeout when time is added (issue #15, item 4).

import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { DomainEvents, EventBus, RadiusDisconnectOutcome } from '../domain/events';
import type { EndCause, Session } from '../domain/session';
import type { NasSessionControl, NasTimeOutcome, Store } from '../domain/ports';
import { vendorOf } from '../access-points';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';
import { makeAttribute } from './attributes';
import { verifyResponseAuthenticator } from './authenticators';
import { buildRequest } from './build-packet';
import type { Dictionary } from './dictionary';
import type { NasClient, NasTable } from './nas-table';
import type { RadiusAttribute } from './packet';
import { RadiusCode } from './packet-codes';

/** Causes decided on our side; the NAS already knows about the others (its Stop, its reboot). */
const CAUSES_TO_ENFORCE: ReadonlySet<EndCause> = new Set([
  'revoked',
  'disconnected',
  'quota',
  'expired',
  // The space's closing time (issue #15, item 1): the access point does not know the hours.
  'closed',
]);

export interface DisconnectClientOptions {
  /** Local address to send from; port 0. */
  bindHost: string;
  timeoutMs: number;
  retries: number;
}

interface Pending {
  readonly secret: string;
  readonly authenticator: Buffer;
  readonly resolve: (code: number) => void;
}

/** The answers each request expects: its ACK and its NAK. */
const ANSWERS = {
  [RadiusCode.DisconnectRequest]: { ack: RadiusCode.DisconnectAck, nak: RadiusCode.DisconnectNak },
  [RadiusCode.CoaRequest]: { ack: RadiusCode.CoaAck, nak: RadiusCode.CoaNak },
} as const;

export class RadiusDisconnectClient implements Component, NasSessionControl {
  readonly name = 'radius-disconnect';
  private socket: dgram.Socket | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly running = new Set<Promise<unknown>>();
  private nextIdentifier = randomBytes(1).readUInt8(0);

  constructor(
    private readonly deps: {
      store: Store;
      events: EventBus;
      dictionary: Dictionary;
      nasTable: NasTable;
      logger: Logger;
      options: DisconnectClientOptions;
    },
  ) {}

  async start(): Promise<void> {
    const socket = dgram.createSocket({ type: isIPv6(this.deps.options.bindHost) ? 'udp6' : 'udp4' });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, this.deps.options.bindHost, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('error', (err) => this.deps.logger.error({ err }, 'RADIUS Disconnect socket error'));
    socket.on('message', (datagram) => this.onReply(datagram));
    this.socket = socket;
    this.unsubscribe = this.deps.events.on('session.ended', (e) => this.onSessionEnded(e));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    const socket = this.socket;
    this.socket = null;
    for (const p of this.pending.values()) p.resolve(-1);
    this.pending.clear();
    await this.idle();
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  /** Resolves when every Disconnect under way has finished (for tests and a clean stop). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private onSessionEnded(e: DomainEvents['session.ended']): void {
    if (!CAUSES_TO_ENFORCE.has(e.cause)) return;
    const task = this.disconnectSession(e.sessionId).catch((err: unknown) =>
      this.deps.logger.error({ err, sessionId: e.sessionId }, 'Disconnect-Request failed'),
    );
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
  }

  /** Sends a Disconnect-Request for a session that a NAS holds; returns the outcome. */
  async disconnectSession(sessionId: string): Promise<RadiusDisconnectOutcome | null> {
    const session = await this.deps.store.getSession(sessionId);
    if (session === null || session.origin.kind !== 'nas') return null;
    const nas = this.deps.nasTable.match(session.origin.nas);
    if (nas === null) {
      this.deps.events.emit('radius.disconnect_finished', {
        nas: session.origin.nas,
        outcome: 'no_client',
        attempts: 0,
      });
      return 'no_client';
    }
    const { outcome, attempts } = await this.send(
      RadiusCode.DisconnectRequest,
      nas,
      session.origin.nas,
      this.attributesFor(session),
    );
    this.deps.events.emit('radius.disconnect_finished', { nas: nas.name, outcome, attempts });
    this.deps.logger.info({ nas: nas.name, sessionId, outcome, attempts }, 'Disconnect-Request finished');
    return outcome;
  }

  /**
   * Sends the NAS holding this session a CoA-Request with its new Session-Timeout, when its kind
   * applies one (access-points/<kind>.ts); returns what came of it, for the animator to see.
   */
  async changeSessionTimeout(sessionId: string, seconds: number): Promise<NasTimeOutcome> {
    const session = await this.deps.store.getSession(sessionId);
    if (session === null || session.origin.kind !== 'nas') return 'unsupported';
    const nas = this.deps.nasTable.match(session.origin.nas);
    if (nas === null) return 'no_client';
    if (!vendorOf(nas.kind).coaSessionTimeout) return 'unsupported';
    const attributes = [
      ...this.attributesFor(session),
      makeAttribute(this.deps.dictionary, 'Session-Timeout', Math.max(1, Math.floor(seconds))),
    ];
    const { outcome, attempts } = await this.send(RadiusCode.CoaRequest, nas, session.origin.nas, attributes);
    this.deps.logger.info({ nas: nas.name, sessionId, outcome, attempts }, 'CoA-Request finished');
    return outcome;
  }

  /** RFC 5176 §3: identify the session by what the NAS told us in accounting. */
  private attributesFor(session: Session): RadiusAttribute[] {
    const { dictionary } = this.deps;
    const out: RadiusAttribute[] = [];
    if (session.nasSessionId !== null)
      out.push(makeAttribute(dictionary, 'Acct-Session-Id', session.nasSessionId));
    if (session.device.mac !== null) {
      out.push(
        makeAttribute(dictionary, 'Calling-Station-Id', session.device.mac.toUpperCase().replace(/:/g, '-')),
      );
    }
    if (session.device.ip !== null && !session.device.ip.includes(':')) {
      out.push(makeAttribute(dictionary, 'Framed-IP-Address', session.device.ip));
    }
    return out;
  }

  private async send(
    request: keyof typeof ANSWERS,
    nas: NasClient,
    address: string,
    attributes: RadiusAttribute[],
  ): Promise<{ outcome: RadiusDisconnectOutcome; attempts: number }> {
    const socket = this.socket;
    if (socket === null) return { outcome: 'timeout', attempts: 0 };
    const identifier = this.freeIdentifier();
    const packet = buildRequest({
      code: request,
      identifier,
      attributes,
      secret: nas.secret,
      messageAuthenticator: true,
    });
    const answered = new Promise<number>((resolve) =>
      this.pending.set(identifier, { secret: nas.secret, authenticator: packet.subarray(4, 20), resolve }),
    );
    const { timeoutMs, retries } = this.deps.options;
    let attempts = 0;
    try {
      while (attempts <= retries && this.socket === socket) {
        attempts++;
        socket.send(packet, nas.coaPort, address);
        let timer: NodeJS.Timeout | undefined;
        const code = await Promise.race([
          answered,
          new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs))),
        ]);
        clearTimeout(timer);
        if (code === ANSWERS[request].ack) return { outcome: 'ack', attempts };
        if (code === ANSWERS[request].nak) return { outcome: 'nak', attempts };
        if (code !== null) break;
      }
      return { outcome: 'timeout', attempts };
    } finally {
      this.pending.delete(identifier);
    }
  }

  private freeIdentifier(): number {
    for (let i = 0; i < 256; i++) {
      this.nextIdentifier = (this.nextIdentifier + 1) & 0xff;
      if (!this.pending.has(this.nextIdentifier)) return this.nextIdentifier;
    }
    throw new Error('256 Disconnect-Requests are already waiting for an answer');
  }

  /** Only a reply that matches a pending request and carries the right authenticator counts. */
  private onReply(datagram: Buffer): void {
    if (datagram.length < 20) return;
    const code = datagram.readUInt8(0);
    if (code < RadiusCode.DisconnectAck || code > RadiusCode.CoaNak || code === RadiusCode.CoaRequest) return;
    const pending = this.pending.get(datagram.readUInt8(1));
    if (pending === undefined) return;
    if (!verifyResponseAuthenticator(datagram, pending.authenticator, pending.secret)) return;
    pending.resolve(code);
  }
}
