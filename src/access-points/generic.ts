// Any other access point: WISPr bandwidth, the attributes most of them read.

import type { AccessPointVendor } from './vendor';
import { WISPR_ATTRIBUTES, WISPR_DICTIONARY, wisprBandwidth } from './wispr';

export const generic = {
  kind: 'generic',
  title: 'any other access point',
  coaSessionTimeout: false,
  dictionaries: [WISPR_DICTIONARY],
  attributes: [...WISPR_ATTRIBUTES],
  accept: wisprBandwidth,
} as const satisfies AccessPointVendor<'generic'>;
