// MikroTik RouterOS: its own rate limit ("rx/tx") and total data limit; no WISPr.

import type { AccessPointVendor, AttributeMaker, VendorGrant } from './vendor';
import { octetsAndGigawords } from './vendor';

/** RouterOS "rx/tx" from the router's side: rx is the client's upload. 0 means no limit. */
export function mikrotikRate(upBps: number | null, downBps: number | null): string {
  const text = (bps: number | null) => (bps === null ? '0' : `${Math.max(1, Math.round(bps / 1000))}k`);
  return `${text(upBps)}/${text(downBps)}`;
}

export const mikrotik = {
  kind: 'mikrotik',
  title: 'MikroTik RouterOS',
  coaSessionTimeout: true,
  dictionaries: ['dictionary.mikrotik'],
  attributes: ['Mikrotik-Rate-Limit', 'Mikrotik-Total-Limit', 'Mikrotik-Total-Limit-Gigawords'],
  accept<A>(g: VendorGrant, at: AttributeMaker<A>): A[] {
    const out: A[] = [];
    if (g.upBps !== null || g.downBps !== null)
      out.push(at('Mikrotik-Rate-Limit', mikrotikRate(g.upBps, g.downBps)));
    if (g.bytesLeft !== null) {
      const [octets, gigawords] = octetsAndGigawords(g.bytesLeft);
      out.push(at('Mikrotik-Total-Limit', octets));
      out.push(at('Mikrotik-Total-Limit-Gigawords', gigawords));
    }
    return out;
  },
} as const satisfies AccessPointVendor<'mikrotik'>;
