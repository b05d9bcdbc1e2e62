// What the stores index for lookups any client or access point can trigger (issue 12): a
// ticket's device bindings, scored by how long they stay usable, an open session's device key,
// and a NAS session's accounting key. Both adapters and the SQLite back-fill use these, so the
// indexes hold the same entries whichever store writes them.

import { deviceKey, type Device } from '../domain/device';
import type { Session } from '../domain/session';
import { usableUntil, type Ticket } from '../domain/ticket';

export interface DeviceBinding {
  device: string;
  usableUntil: number;
}

/** One entry per distinct device key bound to the ticket. */
export function deviceBindings(t: Ticket): DeviceBinding[] {
  const until = usableUntil(t);
  return [...new Set(t.devices)].map((device) => ({ device, usableUntil: until }));
}

/** Device keys the ticket was bound to before a change and no longer is. */
export function unboundDevices(before: Ticket, after: Ticket): string[] {
  const kept = new Set(after.devices);
  return [...new Set(before.devices)].filter((d) => !kept.has(d));
}

/** The session's device key, or null for a stored record that names no device (never indexed). */
export function sessionDeviceKey(device: Device): string | null {
  return device.mac === null && device.ip === null ? null : deviceKey(device);
}

/**
 * What RADIUS accounting finds a session by: its ticket, its NAS and the NAS's Acct-Session-Id;
 * null for a session that did not come from a NAS. A JSON array, so no value can run into the
 * next one.
 */
export function nasSessionKey(ticketId: string, nas: string, nasSessionId: string): string {
  return JSON.stringify([ticketId, nas, nasSessionId]);
}

export function nasSessionKeyOf(s: Session): string | null {
  if (s.origin.kind !== 'nas' || s.ticketId === null || s.nasSessionId === null) return null;
  return nasSessionKey(s.ticketId, s.origin.nas, s.nasSessionId);
}
