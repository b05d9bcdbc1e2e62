// UniFi and Omada controllers read WISPr bandwidth; they keep no quota from RADIUS.

import type { AccessPointVendor } from './vendor';
import { WISPR_ATTRIBUTES, WISPR_DICTIONARY, wisprBandwidth } from './wispr';

export const unifi = {
  kind: 'unifi',
  title: 'Ubiquiti UniFi, TP-Link Omada',
  coaSessionTimeout: false,
  dictionaries: [WISPR_DICTIONARY],
  attributes: [...WISPR_ATTRIBUTES],
  accept: wisprBandwidth,
} as const satisfies AccessPointVendor<'unifi'>;
