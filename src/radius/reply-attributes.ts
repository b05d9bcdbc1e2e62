// The attributes of an Access-Accept, from what the redemption grants (time left, quota left,
// the profile's limits): the standard attributes every kind gets, then the vendor's own.

import type { Redemption } from '../domain/ticket';
import { makeAttribute } from './attributes';
import type { Dictionary } from './dictionary';
import { vendorOf, type NasKind } from '../access-points';
import { clampInteger } from '../access-points/vendor';
import type { RadiusAttribute } from './packet';

export { mikrotikRate } from '../access-points/mikrotik';

/** What correlates accounting with the ticket: the NAS echoes Class in every accounting record. */
export const CLASS_PREFIX = 'ecn:';

export function classValue(ticketId: string): Buffer {
  return Buffer.from(`${CLASS_PREFIX}${ticketId}`, 'utf8');
}

/** The ticket id an echoed Class carries, or null when it is not ours. */
export function ticketIdFromClass(value: Buffer | undefined): string | null {
  if (value === undefined || value.length <= CLASS_PREFIX.length || value.length > 253) return null;
  const text = value.toString('utf8');
  return text.startsWith(CLASS_PREFIX) ? text.slice(CLASS_PREFIX.length) : null;
}

export function acceptAttributes(
  dictionary: Dictionary,
  kind: NasKind,
  granted: Redemption,
  options: { interimIntervalSeconds: number },
): RadiusAttribute[] {
  const limits = granted.ticket.limits;
  const at = (name: string, value: string | number | Buffer) => makeAttribute(dictionary, name, value);
  const out: RadiusAttribute[] = [
    at('Session-Timeout', clampInteger(Math.max(1, granted.secondsLeft))),
    at('Acct-Interim-Interval', clampInteger(options.interimIntervalSeconds)),
    at('Class', classValue(granted.ticket.id)),
  ];
  if (limits.idleTimeoutSeconds !== null)
    out.push(at('Idle-Timeout', clampInteger(limits.idleTimeoutSeconds)));
  // Bandwidth and quota in the access point's own dictionary (access-points/<kind>.ts).
  const grant = {
    upBps: limits.bandwidthUpBps,
    downBps: limits.bandwidthDownBps,
    bytesLeft: granted.bytesLeft,
  };
  return [...out, ...vendorOf(kind).accept(grant, at)];
}
