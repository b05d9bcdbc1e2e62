// The filtering DNS front-end: UDP and TCP on one address. Each query goes through ordered
// steps: parse → canary names → filter policy → SafeSearch → forward → check every name of the
// answer. It logs no client and no name: it only publishes counters as events.

import dgram from 'node:dgram';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ListenAddress } from '../config/units';
import type { EventBus } from '../domain/events';
import type { DnsOutcome, DnsTransport } from '../domain/events';
import type { Logger } from '../log';
import { Rcode, RRClass, RRType, UDP_PLAIN_LIMIT } from './dns/constants';
import { answerNames } from './dns/answer-names';
import { decodeMessage } from './dns/decode';
import type { DnsRecord } from './dns/message';
import { isQueryProblem, parseQuery, type ParsedQuery } from './dns/query';
import { fastBlocked, fastNxdomain, ipv4Bytes } from './dns/fast-answers';
import { cnameResponse, errorResponse, rcodeOf, type BlockAnswer } from './dns/responses';
import { isIPv6 } from 'node:net';
import type { FilterPolicy } from './policy';
import { CANARY_NAMES } from './safe-search';
import { tcpQuery, UdpUpstream } from './upstream';
import { AnswerCache } from './answer-cache';

export interface DnsServerOptions {
  listen: ListenAddress;
  /** A second address (IPv6: where the gateway redirects clients' IPv6 DNS), or null. */
  listen6?: ListenAddress | null;
  upstream: ListenAddress;
  upstreamTimeoutMs: number;
  block: BlockAnswer;
  /** SafeSearch name → safe host. */
  safeSearch: ReadonlyMap<string, string>;
  /** The current policy; read for every query, so a swap takes effect at the next one. */
  policy: () => FilterPolicy;
  events: EventBus;
  logger: Logger;
  /** DNS over TCP: connections at once in all, per client address, and each message's deadline. */
  tcp?: { maxConnections: number; perSource: number; messageTimeoutMs: number };
  /** Entries of the in-memory answer cache; 0 turns it off. */
  cacheSize?: number;
}

type Respond = (reply: Buffer) => void;

const TCP_DEFAULTS = { maxConnections: 256, perSource: 8, messageTimeoutMs: 5000 };
const NEGATIVE_TTL = 60;

export class DnsServer {
  readonly name = 'dns';
  /** One UDP socket and one TCP server per address (`listen`, then `listen6`). */
  private udps: dgram.Socket[] = [];
  private tcps: net.Server[] = [];
  private readonly upstream: UdpUpstream;
  private readonly connections = new Set<net.Socket>();
  /** Open TCP connections per client address. */
  private readonly perSource = new Map<string, number>();
  private readonly tcpLimits: NonNullable<DnsServerOptions['tcp']>;
  private readonly blockV4: Buffer | null;
  private readonly blockV6: Buffer | null;
  private readonly cache: AnswerCache;

  constructor(private readonly opts: DnsServerOptions) {
    this.upstream = new UdpUpstream(opts.upstream, opts.upstreamTimeoutMs);
    this.cache = new AnswerCache(opts.cacheSize ?? 10_000);
    this.tcpLimits = opts.tcp ?? TCP_DEFAULTS;
    this.blockV4 = opts.block.ipv4 ? ipv4Bytes(opts.block.ipv4) : null;
    this.blockV6 = opts.block.ipv6 && isIPv6(opts.block.ipv6) ? ipv6Bytes(opts.block.ipv6) : null;
  }

  async start(): Promise<void> {
    await this.upstream.start();
    await this.bind(this.opts.listen);
    if (this.opts.listen6) await this.bind(this.opts.listen6);
  }

  private async bind(listen: ListenAddress): Promise<void> {
    const { host, port } = listen;
    const udp = dgram.createSocket({ type: net.isIPv6(host) ? 'udp6' : 'udp4' });
    udp.on('message', (msg, rinfo) =>
      this.handleSafely(msg, 'udp', (reply) =>
        udp.send(
          reply.length <= UDP_PLAIN_LIMIT ? reply : this.fitUdp(reply, msg),
          rinfo.port,
          rinfo.address,
        ),
      ),
    );
    udp.on('error', (err) => this.opts.logger.error({ err }, 'DNS UDP socket error'));
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, host, () => {
        udp.off('error', reject);
        resolve();
      });
    });
    try {
      udp.setRecvBufferSize(8 << 20);
    } catch {
      // The kernel caps it (net.core.rmem_max); the default still works.
    }
    this.udps.push(udp);
    // TCP on the same port as UDP (port 0 in tests: whatever UDP got).
    const boundPort = udp.address().port;
    const tcp = net.createServer((socket) => this.onTcp(socket));
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(boundPort, host, () => {
        tcp.off('error', reject);
        resolve();
      });
    });
    this.tcps.push(tcp);
  }

  async stop(): Promise<void> {
    const udps = this.udps;
    const tcps = this.tcps;
    this.udps = [];
    this.tcps = [];
    for (const c of this.connections) c.destroy();
    for (const udp of udps) await new Promise<void>((r) => udp.close(() => r()));
    for (const tcp of tcps) await new Promise<void>((r) => tcp.close(() => r()));
    await this.upstream.stop();
  }

  /** The address bound: 0 for `listen`, 1 for `listen6` (null when not bound). */
  boundAddress(which = 0): ListenAddress | null {
    const udp = this.udps[which];
    if (!udp) return null;
    const a = udp.address();
    return { host: a.address, port: a.port };
  }

  /** The one catch of this edge: a packet that breaks a step is dropped and counted. */
  private handleSafely(packet: Buffer, transport: DnsTransport, respond: Respond): void {
    try {
      this.handle(packet, transport, respond);
    } catch (err) {
      // Ours, not the client's: logged with the cause, but never with the name or the client.
      this.opts.logger.error(
        { err: { message: (err as Error).message, name: (err as Error).name } },
        'DNS query failed',
      );
      this.opts.events.emit('dns.packet_dropped', { reason: 'internal_error', transport });
    }
  }

  /** One query, in order: parse, canary, policy, SafeSearch, forward, check the answer. */
  handle(packet: Buffer, transport: DnsTransport, respond: Respond): void {
    const t0 = performance.now();
    const done = (outcome: DnsOutcome, category: string | null, reply: Buffer) => {
      respond(reply);
      this.opts.events.emit('dns.query_answered', {
        outcome,
        category,
        transport,
        seconds: (performance.now() - t0) / 1000,
      });
    };

    const q = parseQuery(packet);
    if (isQueryProblem(q)) {
      if (q.drop) return this.opts.events.emit('dns.packet_dropped', { reason: q.reason, transport });
      const outcome: DnsOutcome = q.rcode === Rcode.NOTIMP ? 'notimp' : 'formerr';
      return done(outcome, null, errorResponse(q.header, q.rcode, null, false));
    }
    const name = q.question.name.toLowerCase();

    if (CANARY_NAMES.has(name)) return done('canary', null, fastNxdomain(q, packet, NEGATIVE_TTL));

    const verdict = this.opts.policy().decide(name);
    if (verdict.action === 'block') {
      const { ttl } = this.opts.block;
      return done('blocked', verdict.category, fastBlocked(q, packet, this.blockV4, this.blockV6, ttl));
    }

    const safe = q.question.class === RRClass.IN ? this.opts.safeSearch.get(name) : undefined;
    if (safe !== undefined) return this.safeSearch(q, safe, transport, done);

    const passed: DnsOutcome = verdict.action === 'allow' ? 'allowed' : 'forwarded';
    const cached = this.cache.get(q, packet);
    if (cached) return this.answerChecked(q, packet, cached, passed, done);

    this.forward(packet, q, transport, (reply) => {
      if (reply === null) {
        return done('servfail', null, errorResponse(q.header, Rcode.SERVFAIL, q.question, q.edns !== null));
      }
      this.cache.put(q, reply);
      this.answerChecked(q, packet, reply, passed, done);
    });
  }

  /**
   * The last step for an upstream answer: every name it leads to (owners and CNAME targets) is
   * checked, so `allowed.example CNAME blocked.example` is answered as the blocked name. Done on
   * cached answers too, so a name blocked since is never served through a cached chain.
   */
  private answerChecked(
    q: ParsedQuery,
    packet: Buffer,
    reply: Buffer,
    outcome: DnsOutcome,
    done: (o: DnsOutcome, c: string | null, r: Buffer) => void,
  ): void {
    let names: string[];
    try {
      names = answerNames(reply);
    } catch {
      // An answer we cannot read is an answer we cannot check.
      return done('servfail', null, errorResponse(q.header, Rcode.SERVFAIL, q.question, q.edns !== null));
    }
    const policy = this.opts.policy();
    const asked = q.question.name.toLowerCase();
    for (const name of names) {
      if (name === asked) continue;
      const verdict = policy.decide(name);
      if (verdict.action === 'block') {
        const { ttl } = this.opts.block;
        return done('blocked', verdict.category, fastBlocked(q, packet, this.blockV4, this.blockV6, ttl));
      }
    }
    done(outcome, null, reply);
  }

  private forward(
    packet: Buffer,
    q: ParsedQuery,
    transport: DnsTransport,
    cb: (reply: Buffer | null) => void,
  ): void {
    const clientId = q.header.id;
    this.upstream.send(packet, q.questionEnd, (reply, failure) => {
      if (failure) this.opts.events.emit('dns.upstream_failed', { reason: failure });
      if (!reply) return cb(null);
      if (transport === 'tcp' && (reply[2]! & 0x02) !== 0) {
        // Truncated over UDP; a TCP client can take the whole answer.
        void tcpQuery(this.opts.upstream, packet, this.opts.upstreamTimeoutMs).then((full) => {
          if (!full) this.opts.events.emit('dns.upstream_failed', { reason: 'timeout' });
          cb(full ? withId(full, clientId) : null);
        });
        return;
      }
      cb(withId(reply, clientId));
    });
  }

  /** CNAME to the safe host, with the safe host's records of the asked type from upstream. */
  private safeSearch(
    q: ParsedQuery,
    target: string,
    transport: DnsTransport,
    done: (o: DnsOutcome, c: string | null, r: Buffer) => void,
  ): void {
    const type = q.question.type === RRType.A || q.question.type === RRType.AAAA ? q.question.type : null;
    if (type === null) {
      // HTTPS/SVCB and others: the CNAME alone; the client then asks for the target itself.
      return done('safesearch', null, cnameResponse(q, target, 300, [], Rcode.NOERROR));
    }
    const sub = buildQuery(target, type);
    this.forward(
      sub.packet,
      { ...q, questionEnd: sub.questionEnd, header: { ...q.header, id: 0 } },
      transport,
      (reply) => {
        if (!reply)
          return done('servfail', null, errorResponse(q.header, Rcode.SERVFAIL, q.question, q.edns !== null));
        let records: DnsRecord[] = [];
        let rcode = rcodeOf(reply);
        try {
          records = decodeMessage(reply).answers;
        } catch {
          rcode = Rcode.SERVFAIL;
        }
        done('safesearch', null, cnameResponse(q, target, 300, records, rcode));
      },
    );
  }

  private fitUdp(reply: Buffer, query: Buffer): Buffer {
    const limit = udpLimit(query);
    if (reply.length <= limit) return reply;
    // Too big for this client over UDP: header and question only, TC set; it retries over TCP.
    const q = parseQuery(query);
    const qEnd = isQueryProblem(q) ? 12 : q.questionEnd;
    const out = Buffer.from(reply.subarray(0, Math.min(qEnd, reply.length)));
    out[2] = out[2]! | 0x02;
    out.writeUInt16BE(0, 6);
    out.writeUInt16BE(0, 8);
    out.writeUInt16BE(0, 10);
    return out;
  }

  /**
   * One DNS-over-TCP connection. A client may hold `perSource` connections and all of them
   * together `maxConnections`: one more is reset at once and counted. Each message must arrive
   * whole within `messageTimeoutMs` of the connection or of the previous message, so a client
   * that sends nothing or trickles bytes loses its connection then (a plain idle timeout would
   * be pushed back by every byte).
   */
  private onTcp(socket: net.Socket): void {
    const source = socket.remoteAddress ?? '';
    const held = this.perSource.get(source) ?? 0;
    const refused =
      this.connections.size >= this.tcpLimits.maxConnections
        ? 'total'
        : held >= this.tcpLimits.perSource
          ? 'per_source'
          : null;
    if (refused) {
      this.opts.events.emit('dns.tcp_refused', { reason: refused });
      socket.on('error', () => {});
      socket.resetAndDestroy();
      return;
    }
    this.perSource.set(source, held + 1);
    this.connections.add(socket);
    let acc = Buffer.alloc(0);
    let answered = 0;
    let pending = 0;
    let deadline: NodeJS.Timeout | null = null;
    let graced = false;
    const arm = (ms = this.tcpLimits.messageTimeoutMs) => {
      if (deadline) clearTimeout(deadline);
      deadline = setTimeout(() => {
        // Answers still on their way (at most the upstream's timeout, and a TCP retry) keep an
        // otherwise quiet connection open once, until they are sent.
        if (acc.length === 0 && pending > 0 && !graced) {
          graced = true;
          return arm(2 * this.opts.upstreamTimeoutMs + 100);
        }
        // Quiet after its answers is a normal end; nothing sent, or a message left unfinished, is not.
        if (acc.length > 0 || answered === 0)
          this.opts.events.emit('dns.tcp_refused', { reason: 'deadline' });
        socket.destroy();
      }, ms);
    };
    arm();
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (deadline) clearTimeout(deadline);
      this.connections.delete(socket);
      const n = (this.perSource.get(source) ?? 1) - 1;
      if (n > 0) this.perSource.set(source, n);
      else this.perSource.delete(source);
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
        this.handleSafely(msg, 'tcp', (reply) => {
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

function ipv6Bytes(address: string): Buffer {
  const out = Buffer.alloc(16);
  const [head, tail] = address.includes('::') ? address.split('::') : [address, null];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === null ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

function withId(reply: Buffer, id: number): Buffer {
  reply.writeUInt16BE(id, 0);
  return reply;
}

function udpLimit(query: Buffer): number {
  const q = parseQuery(query);
  if (isQueryProblem(q) || !q.edns) return UDP_PLAIN_LIMIT;
  return Math.min(q.edns.udpSize, 4096);
}

/** A minimal recursive query (RD set, EDNS 1232) for the SafeSearch target. */
function buildQuery(name: string, type: number): { packet: Buffer; questionEnd: number } {
  const labels = name.split('.');
  const qlen = labels.reduce((n, l) => n + 1 + l.length, 1) + 4;
  const packet = Buffer.alloc(12 + qlen + 11);
  packet.writeUInt16BE(0x0100, 2); // RD
  packet.writeUInt16BE(1, 4);
  packet.writeUInt16BE(1, 10);
  let off = 12;
  for (const l of labels) {
    packet[off++] = l.length;
    off += packet.write(l, off, 'latin1');
  }
  packet[off++] = 0;
  packet.writeUInt16BE(type, off);
  packet.writeUInt16BE(RRClass.IN, off + 2);
  off += 4;
  const questionEnd = off;
  packet[off++] = 0; // OPT: root name
  packet.writeUInt16BE(RRType.OPT, off);
  packet.writeUInt16BE(1232, off + 2);
  return { packet, questionEnd };
}
