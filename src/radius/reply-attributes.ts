// The attributes of an Access-Accept, from what the redemption grants (time left, quota left,
// the profile's limits) in the dictionary of the kind of access point that asked.

import type { Redemption } from '../domain/ticket';
import { makeAttribute } from './attributes';
import type { Dictionary } from './dictionary';
import type { NasKind } from './nas-table';
import type { RadiusAttribute } from './packet';

const TWO_32 = 2 ** 32;
const MAX_INTEGER = TWO_32 - 1;

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
    at('Session-Timeout', clamp(Math.max(1, granted.secondsLeft))),
    at('Acct-Interim-Interval', clamp(options.interimIntervalSeconds)),
    at('Class', classValue(granted.ticket.id)),
  ];
  if (limits.idleTimeoutSeconds !== null) out.push(at('Idle-Timeout', clamp(limits.idleTimeoutSeconds)));

  const up = limits.bandwidthUpBps;
  const down = limits.bandwidthDownBps;
  const bytesLeft = granted.bytesLeft;
  switch (kind) {
    case 'mikrotik':
      if (up !== null || down !== null) out.push(at('Mikrotik-Rate-Limit', mikrotikRate(up, down)));
      if (bytesLeft !== null) {
        out.push(at('Mikrotik-Total-Limit', bytesLeft % TWO_32));
        out.push(at('Mikrotik-Total-Limit-Gigawords', clamp(Math.floor(bytesLeft / TWO_32))));
      }
      break;
    case 'chilli':
      pushWispr(out, at, up, down);
      if (up !== null) out.push(at('ChilliSpot-Bandwidth-Max-Up', clamp(Math.ceil(up / 1000))));
      if (down !== null) out.push(at('ChilliSpot-Bandwidth-Max-Down', clamp(Math.ceil(down / 1000))));
      if (bytesLeft !== null) {
        out.push(at('ChilliSpot-Max-Total-Octets', bytesLeft % TWO_32));
        out.push(at('ChilliSpot-Max-Total-Gigawords', clamp(Math.floor(bytesLeft / TWO_32))));
      }
      break;
    case 'unifi':
    case 'hostapd':
    case 'generic':
      pushWispr(out, at, up, down);
      break;
  }
  return out;
}

function pushWispr(
  out: RadiusAttribute[],
  at: (name: string, value: number) => RadiusAttribute,
  up: number | null,
  down: number | null,
): void {
  if (up !== null) out.push(at('WISPr-Bandwidth-Max-Up', clamp(up)));
  if (down !== null) out.push(at('WISPr-Bandwidth-Max-Down', clamp(down)));
}

/** RouterOS "rx/tx" from the router's side: rx is the client's upload. 0 means no limit. */
export function mikrotikRate(upBps: number | null, downBps: number | null): string {
  const text = (bps: number | null) => (bps === null ? '0' : `${Math.max(1, Math.round(bps / 1000))}k`);
  return `${text(upBps)}/${text(downBps)}`;
}

function clamp(n: number): number {
  return Math.min(MAX_INTEGER, Math.max(0, Math.floor(n)));
}
