// Checks of the `gateway` section that read several of its keys (or `journal.publicIp`), run
// with the rest of the file so every problem is listed at once.

import { isIPv6 } from 'node:net';
import type { z } from 'zod';
import { isIpv4, isIpv6 } from '../../domain/device';
import { MIN_BLOCK_SIZE, MIN_FIRST_PORT, planProblem } from '../../gateway/nftables/port-blocks';

/** Gateway issue (#5): what `kind: nftables` needs, checked with the rest of the file. */
export function checkGateway(
  g: {
    kind: string;
    clientInterface: string;
    portalAddress: string;
    dnsAddress: string;
    dnsAddress6: string;
    walledGarden: string[];
    opennds: { faskey: string };
    chilli: { uamSecret: string; uamServer: string };
  },
  ctx: z.RefinementCtx,
): void {
  if (g.kind === 'opennds' && g.opennds.faskey === '') {
    ctx.addIssue({
      code: 'custom',
      message: "required with kind: opennds: openNDS's faskey",
      path: ['gateway', 'opennds', 'faskey'],
    });
  }
  if (g.kind === 'chilli' && g.chilli.uamSecret === '') {
    ctx.addIssue({
      code: 'custom',
      message: "required with kind: chilli: CoovaChilli's uamsecret",
      path: ['gateway', 'chilli', 'uamSecret'],
    });
  }
  if (g.chilli.uamServer !== '' && !/^https?:\/\/[^\s?#]+$/.test(g.chilli.uamServer)) {
    ctx.addIssue({
      code: 'custom',
      message: "expected an http(s) URL without query, as in Chilli's uamserver",
      path: ['gateway', 'chilli', 'uamServer'],
    });
  }
  g.walledGarden.forEach((entry, i) => {
    if (!isGardenEntry(entry)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is neither a host name nor an IPv4/IPv6 address or prefix`,
        path: ['gateway', 'walledGarden', i],
      });
    }
  });
  if (g.dnsAddress !== '' && !isIpv4(g.dnsAddress)) {
    ctx.addIssue({ code: 'custom', message: 'expected an IPv4 address', path: ['gateway', 'dnsAddress'] });
  }
  if (g.dnsAddress6 !== '' && !isIPv6(g.dnsAddress6)) {
    ctx.addIssue({ code: 'custom', message: 'expected an IPv6 address', path: ['gateway', 'dnsAddress6'] });
  }
  if (g.kind !== 'nftables') return;
  if (g.clientInterface === '') {
    ctx.addIssue({
      code: 'custom',
      message: 'required with kind: nftables (e.g. "wlan0")',
      path: ['gateway', 'clientInterface'],
    });
  }
  if (!isIpv4(g.portalAddress)) {
    ctx.addIssue({
      code: 'custom',
      message: "required with kind: nftables: the box's IPv4 address on the residents' side",
      path: ['gateway', 'portalAddress'],
    });
  }
}

/** Issue 8: NAT port blocks that are asked for must be possible, and their plan must hold. */
export function checkPortBlocks(
  g: {
    kind: string;
    upstreamInterface: string;
    portBlocks: { enabled: string; address: string; firstPort: number; lastPort: number; blockSize: number };
  },
  journalPublicIp: string,
  ctx: z.RefinementCtx,
): void {
  const pb = g.portBlocks;
  const at = (key: string) => ['gateway', 'portBlocks', key];
  if (pb.address !== '' && !isIpv4(pb.address)) {
    ctx.addIssue({ code: 'custom', message: 'expected an IPv4 address', path: at('address') });
  }
  if (pb.enabled === 'off') return;
  // Out-of-bounds values are already reported by their own keys.
  const inBounds = pb.blockSize >= MIN_BLOCK_SIZE && pb.firstPort >= MIN_FIRST_PORT;
  const problem = inBounds ? planProblem(pb) : null;
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path: at('blockSize') });
  if (pb.enabled !== 'on' || g.kind !== 'nftables') return;
  if (g.upstreamInterface === '') {
    ctx.addIssue({
      code: 'custom',
      message: 'port blocks need the box to translate addresses: set gateway.upstreamInterface',
      path: at('enabled'),
    });
  }
  if (pb.address === '' && !isIpv4(journalPublicIp)) {
    ctx.addIssue({
      code: 'custom',
      message:
        'required with enabled: on: the IPv4 address clients are translated to (or set journal.publicIp)',
      path: at('address'),
    });
  }
}

/** A walled-garden entry: a host name, or an IPv4/IPv6 address with an optional prefix length. */
export function isGardenEntry(entry: string): boolean {
  const [addr, prefix, extra] = entry.split('/');
  if (extra !== undefined || addr === undefined) return false;
  if (prefix !== undefined) {
    if (!/^\d{1,3}$/.test(prefix)) return false;
    const n = Number(prefix);
    if (isIpv4(addr)) return n <= 32;
    if (isIpv6(addr)) return n <= 128;
    return false;
  }
  if (isIpv4(addr) || isIpv6(addr)) return true;
  return (
    /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(
      addr,
    ) && !/^[\d.]+$/.test(addr)
  );
}
