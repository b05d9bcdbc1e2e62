// CoovaChilli: WISPr bandwidth, plus its own ChilliSpot limits (bandwidth in kbit/s, quota).

import type { AccessPointVendor } from './vendor';
import { clampInteger, octetsAndGigawords } from './vendor';
import { WISPR_ATTRIBUTES, WISPR_DICTIONARY, wisprBandwidth } from './wispr';

export const chilli = {
  kind: 'chilli',
  title: 'CoovaChilli',
  coaSessionTimeout: true,
  dictionaries: [WISPR_DICTIONARY, 'dictionary.chillispot'],
  attributes: [
    ...WISPR_ATTRIBUTES,
    'ChilliSpot-Bandwidth-Max-Up',
    'ChilliSpot-Bandwidth-Max-Down',
    'ChilliSpot-Max-Total-Octets',
    'ChilliSpot-Max-Total-Gigawords',
  ],
  accept(g, at) {
    const out = wisprBandwidth(g, at);
    if (g.upBps !== null)
      out.push(at('ChilliSpot-Bandwidth-Max-Up', clampInteger(Math.ceil(g.upBps / 1000))));
    if (g.downBps !== null) {
      out.push(at('ChilliSpot-Bandwidth-Max-Down', clampInteger(Math.ceil(g.downBps / 1000))));
    }
    if (g.bytesLeft !== null) {
      const [octets, gigawords] = octetsAndGigawords(g.bytesLeft);
      out.push(at('ChilliSpot-Max-Total-Octets', octets));
      out.push(at('ChilliSpot-Max-Total-Gigawords', gigawords));
    }
    return out;
  },
} as const satisfies AccessPointVendor<'chilli'>;
