// WISPr bandwidth attributes (Wi-Fi Alliance), which most access points read: shared by the
// vendors that speak it, not a vendor of its own.

import { clampInteger, type AttributeMaker, type VendorGrant } from './vendor';

export const WISPR_DICTIONARY = 'dictionary.wispr';
export const WISPR_ATTRIBUTES = ['WISPr-Bandwidth-Max-Up', 'WISPr-Bandwidth-Max-Down'] as const;

export function wisprBandwidth<A>(g: VendorGrant, at: AttributeMaker<A>): A[] {
  const out: A[] = [];
  if (g.upBps !== null) out.push(at('WISPr-Bandwidth-Max-Up', clampInteger(g.upBps)));
  if (g.downBps !== null) out.push(at('WISPr-Bandwidth-Max-Down', clampInteger(g.downBps)));
  return out;
}
