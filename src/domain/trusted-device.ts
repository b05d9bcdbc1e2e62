// Issue #15, item 2: the space's own devices (public PCs, staff laptops), trusted by MAC. They
// pass without a ticket during opening hours; they are still filtered and still journaled.

import { EcnError } from './errors';

export interface TrustedDevice {
  /** The space the device belongs to (`space.id`): being trusted in one space is not in another. */
  spaceId: string;
  /** Canonical MAC, `aa:bb:cc:dd:ee:ff`. */
  mac: string;
  /** What staff call it, shown on the sessions page: `PC 3`. */
  label: string;
  addedAt: number;
  addedBy: string;
}

/** The usual notations: colons, dashes (Windows), Cisco dots, or twelve hex digits. */
const MAC_FORMS = [
  /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i,
  /^[0-9a-f]{2}(-[0-9a-f]{2}){5}$/i,
  /^[0-9a-f]{4}(\.[0-9a-f]{4}){2}$/i,
  /^[0-9a-f]{12}$/i,
];

export const MAX_LABEL_LENGTH = 40;

/** A MAC typed by staff in any usual notation → `aa:bb:cc:dd:ee:ff`, or a typed error. */
export function readMac(text: string): string {
  const v = text.trim();
  if (!MAC_FORMS.some((re) => re.test(v))) {
    throw new EcnError(
      'ECN_ERR_MAC_MALFORMED',
      `"${text.slice(0, 40)}" is not a MAC address (aa:bb:cc:dd:ee:ff, AA-BB-CC-DD-EE-FF, aabb.ccdd.eeff).`,
      { reason: 'notation' },
    );
  }
  const hex = v.toLowerCase().replace(/[^0-9a-f]/g, '');
  // A group address (multicast bit set, broadcast included) never belongs to one device.
  if ((parseInt(hex.slice(0, 2), 16) & 1) === 1 || /^0{12}$/.test(hex)) {
    throw new EcnError('ECN_ERR_MAC_MALFORMED', `${v} is a group or empty address, not one device's.`, {
      reason: 'group',
    });
  }
  return hex.match(/../g)!.join(':');
}

/** A label of 1 to 40 printable characters, spaces trimmed. */
export function readLabel(text: string): string {
  const v = text.trim();
  // eslint-disable-next-line no-control-regex
  if (v.length === 0 || v.length > MAX_LABEL_LENGTH || /[\u0000-\u001f\u007f]/.test(v)) {
    throw new EcnError(
      'ECN_ERR_DEVICE_LABEL_INVALID',
      `A device label is 1 to ${MAX_LABEL_LENGTH} printable characters, e.g. "PC 3".`,
    );
  }
  return v;
}

/** Staff read the list by label (`PC 2` before `PC 10`), then by MAC. */
export function byLabel(a: TrustedDevice, b: TrustedDevice): number {
  return a.label.localeCompare(b.label, 'fr', { numeric: true }) || a.mac.localeCompare(b.mac);
}
