// hostapd (and OpenWrt) read WISPr bandwidth.

import type { AccessPointVendor } from './vendor';
import { WISPR_ATTRIBUTES, WISPR_DICTIONARY, wisprBandwidth } from './wispr';

export const hostapd = {
  kind: 'hostapd',
  title: 'hostapd',
  coaSessionTimeout: false,
  dictionaries: [WISPR_DICTIONARY],
  attributes: [...WISPR_ATTRIBUTES],
  accept: wisprBandwidth,
} as const satisfies AccessPointVendor<'hostapd'>;
