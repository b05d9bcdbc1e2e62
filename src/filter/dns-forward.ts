// The filtering resolver's way upstream: a query forwarded with the client's id given back (over
// TCP when a TCP client's answer was truncated), and SafeSearch's CNAME to the safe host with
// that host's records fetched upstream.

import type { ListenAddress } from '../config/units';
import type { DnsTransport, EventBus } from '../domain/events';
import { Rcode, RRClass, RRType } from './dns/constants';
import { decodeMessage } from './dns/decode';
import type { DnsRecord } from './dns/message';
import type { ParsedQuery } from './dns/query';
import { cnameResponse, errorResponse, rcodeOf } from './dns/responses';
import type { Done } from './dns-stats';
import { tcpQuery, UdpUpstream } from './upstream';

export class DnsForwarder {
  private readonly upstream: UdpUpstream;

  constructor(
    private readonly address: ListenAddress,
    private readonly timeoutMs: number,
    private readonly events: EventBus,
  ) {
    this.upstream = new UdpUpstream(address, timeoutMs);
  }

  start(): Promise<void> {
    return this.upstream.start();
  }

  stop(): Promise<void> {
    return this.upstream.stop();
  }

  /** The upstream's answer with the client's id, or null when none came (counted). */
  forward(packet: Buffer, q: ParsedQuery, transport: DnsTransport, cb: (reply: Buffer | null) => void): void {
    const clientId = q.header.id;
    this.upstream.send(packet, q.questionEnd, (reply, failure) => {
      if (failure) this.events.emit('dns.upstream_failed', { reason: failure });
      if (!reply) return cb(null);
      if (transport === 'tcp' && (reply[2]! & 0x02) !== 0) {
        // Truncated over UDP; a TCP client can take the whole answer.
        void tcpQuery(this.address, packet, this.timeoutMs).then((full) => {
          if (!full) this.events.emit('dns.upstream_failed', { reason: 'timeout' });
          cb(full ? withId(full, clientId) : null);
        });
        return;
      }
      cb(withId(reply, clientId));
    });
  }

  /** CNAME to the safe host, with the safe host's records of the asked type from upstream. */
  safeSearch(q: ParsedQuery, target: string, transport: DnsTransport, done: Done): void {
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
}

function withId(reply: Buffer, id: number): Buffer {
  reply.writeUInt16BE(id, 0);
  return reply;
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
