// The filtering DNS front-end: UDP and TCP on one address. Each query goes through ordered
// steps: parse → canary names → filter policy → SafeSearch → forward → check every name of the
// answer. It logs no client and no name: it only publishes counters as events. The way upstream
// (dns-forward), the block answer (dns-block-answer), TCP (dns-tcp) and the counters (dns-stats)
// live beside it.

import dgram from 'node:dgram';
import net from 'node:net';
import type { ListenAddress } from '../config/units';
import type { EventBus } from '../domain/events';
import type { DnsOutcome, DnsTransport } from '../domain/events';
import type { Logger } from '../log';
import { Rcode, RRClass, UDP_PLAIN_LIMIT } from './dns/constants';
import { answerNames } from './dns/answer-names';
import { isQueryProblem, parseQuery, type ParsedQuery } from './dns/query';
import { fastNxdomain } from './dns/fast-answers';
import { errorResponse, type BlockAnswer } from './dns/responses';
import { BlockAnswers } from './dns-block-answer';
import { DnsForwarder } from './dns-forward';
import { answering, type Done } from './dns-stats';
import { DnsTcpConnections, TCP_DEFAULTS, type TcpLimits } from './dns-tcp';
import type { FilterPolicy } from './policy';
import { CANARY_NAMES } from './safe-search';
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
  tcp?: TcpLimits;
  /** Entries of the in-memory answer cache; 0 turns it off. */
  cacheSize?: number;
}

type Respond = (reply: Buffer) => void;

const NEGATIVE_TTL = 60;

export class DnsServer {
  readonly name = 'dns';
  /** One UDP socket and one TCP server per address (`listen`, then `listen6`). */
  private udps: dgram.Socket[] = [];
  private tcps: net.Server[] = [];
  private readonly upstream: DnsForwarder;
  private readonly tcp: DnsTcpConnections;
  private readonly blocked: BlockAnswers;
  private readonly cache: AnswerCache;

  constructor(private readonly opts: DnsServerOptions) {
    this.upstream = new DnsForwarder(opts.upstream, opts.upstreamTimeoutMs, opts.events);
    this.cache = new AnswerCache(opts.cacheSize ?? 10_000);
    this.tcp = new DnsTcpConnections(
      opts.tcp ?? TCP_DEFAULTS,
      opts.upstreamTimeoutMs,
      opts.events,
      (msg, respond) => this.handleSafely(msg, 'tcp', respond),
    );
    this.blocked = new BlockAnswers(opts.block);
  }

  async start(): Promise<void> {
    await this.upstream.start();
    await this.bind(this.opts.listen);
    if (this.opts.listen6) await this.bind(this.opts.listen6);
  }

  private async bind(listen: ListenAddress): Promise<void> {
    const { host, port } = listen;
    const udp = dgram.createSocket({
      type: net.isIPv6(host) ? 'udp6' : 'udp4',
    });
    udp.on('message', (msg, rinfo) =>
      this.handleSafely(msg, 'udp', (reply) =>
        udp.send(reply.length <= UDP_PLAIN_LIMIT ? reply : fitUdp(reply, msg), rinfo.port, rinfo.address),
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
    const tcp = net.createServer((socket) => this.tcp.accept(socket));
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
    this.tcp.destroyAll();
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
      this.opts.events.emit('dns.packet_dropped', {
        reason: 'internal_error',
        transport,
      });
    }
  }

  /** One query, in order: parse, canary, policy, SafeSearch, forward, check the answer. */
  handle(packet: Buffer, transport: DnsTransport, respond: Respond): void {
    const done = answering(this.opts.events, transport, respond);

    const q = parseQuery(packet);
    if (isQueryProblem(q)) {
      if (q.drop)
        return this.opts.events.emit('dns.packet_dropped', {
          reason: q.reason,
          transport,
        });
      const outcome: DnsOutcome = q.rcode === Rcode.NOTIMP ? 'notimp' : 'formerr';
      return done(outcome, null, errorResponse(q.header, q.rcode, null, false));
    }
    const name = q.question.name.toLowerCase();

    if (CANARY_NAMES.has(name)) return done('canary', null, fastNxdomain(q, packet, NEGATIVE_TTL));

    const verdict = this.opts.policy().decide(name);
    if (verdict.action === 'block') return done('blocked', verdict.category, this.blocked.reply(q, packet));

    const safe = q.question.class === RRClass.IN ? this.opts.safeSearch.get(name) : undefined;
    if (safe !== undefined) return this.upstream.safeSearch(q, safe, transport, done);

    const passed: DnsOutcome = verdict.action === 'allow' ? 'allowed' : 'forwarded';
    const cached = this.cache.get(q, packet);
    if (cached) return this.answerChecked(q, packet, cached, passed, done);

    this.upstream.forward(packet, q, transport, (reply) => {
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
    done: Done,
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
      if (verdict.action === 'block') return done('blocked', verdict.category, this.blocked.reply(q, packet));
    }
    done(outcome, null, reply);
  }
}

/** Too big for this client over UDP: header and question only, TC set; it retries over TCP. */
function fitUdp(reply: Buffer, query: Buffer): Buffer {
  const limit = udpLimit(query);
  if (reply.length <= limit) return reply;
  const q = parseQuery(query);
  const qEnd = isQueryProblem(q) ? 12 : q.questionEnd;
  const out = Buffer.from(reply.subarray(0, Math.min(qEnd, reply.length)));
  out[2] = out[2]! | 0x02;
  out.writeUInt16BE(0, 6);
  out.writeUInt16BE(0, 8);
  out.writeUInt16BE(0, 10);
  return out;
}

function udpLimit(query: Buffer): number {
  const q = parseQuery(query);
  if (isQueryProblem(q) || !q.edns) return UDP_PLAIN_LIMIT;
  return Math.min(q.edns.udpSize, 4096);
}
