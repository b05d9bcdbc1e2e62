// What the stores index by device (issue 12): a ticket's bindings, scored by how long they stay
// usable, and an open session's device key. Both adapters and the SQLite back-fill use these, so
// the index holds the same entries whichever store writes it.

import { deviceKey, type Device } from '../domain/device';
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
