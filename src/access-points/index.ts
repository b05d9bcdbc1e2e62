// The access-point vendors the RADIUS server answers, one file each. The configuration's
// `radius.clients[].kind`, the NAS table and the reference in docs/configuration.md follow
// from this list: a new vendor is its file (and its dictionary) plus one line here.

import { chilli } from './chilli';
import { generic } from './generic';
import { hostapd } from './hostapd';
import { mikrotik } from './mikrotik';
import { unifi } from './unifi';
import type { AccessPointVendor } from './vendor';

export const ACCESS_POINT_VENDORS = [chilli, mikrotik, unifi, hostapd, generic] as const;

/** The kind of an access point, as `radius.clients[].kind` names it. */
export type NasKind = (typeof ACCESS_POINT_VENDORS)[number]['kind'];

/** The kinds, for the configuration's enum (non-empty, in the list's order). */
export const NAS_KINDS = ACCESS_POINT_VENDORS.map((v) => v.kind) as [NasKind, ...NasKind[]];

/** The kind an access point gets when the configuration names none. */
export const DEFAULT_NAS_KIND: NasKind = 'generic';

export function vendorOf(kind: NasKind): AccessPointVendor<NasKind> {
  return ACCESS_POINT_VENDORS.find((v) => v.kind === kind)!;
}

/** One line per kind for the configuration reference: what it is and what it is sent. */
export function nasKindsText(): string {
  return ACCESS_POINT_VENDORS.map((v) => `\`${v.kind}\` (${v.title}: ${attributeFamilies(v)})`).join(', ');
}

function attributeFamilies(v: AccessPointVendor): string {
  return [...new Set(v.attributes.map((a) => `${a.split('-')[0]}-*`))].join(', ');
}

export type { AccessPointVendor, VendorGrant } from './vendor';
