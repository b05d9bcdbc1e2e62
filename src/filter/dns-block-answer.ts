// The answer to a blocked name: the portal's address (A and AAAA as configured), so the
// resident's browser lands on the page that explains why. Built once, sent for every block.

import { isIPv6 } from 'node:net';
import { fastBlocked, ipv4Bytes } from './dns/fast-answers';
import type { ParsedQuery } from './dns/query';
import type { BlockAnswer } from './dns/responses';

export class BlockAnswers {
  private readonly v4: Buffer | null;
  private readonly v6: Buffer | null;

  constructor(private readonly block: BlockAnswer) {
    this.v4 = block.ipv4 ? ipv4Bytes(block.ipv4) : null;
    this.v6 = block.ipv6 && isIPv6(block.ipv6) ? ipv6Bytes(block.ipv6) : null;
  }

  /** The reply to `packet` (the query `q`) for a blocked name. */
  reply(q: ParsedQuery, packet: Buffer): Buffer {
    return fastBlocked(q, packet, this.v4, this.v6, this.block.ttl);
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
