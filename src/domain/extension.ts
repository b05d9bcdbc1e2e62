// More time for a ticket (issue #15, item 3): an animator adds 30 min or 1 h from the sessions
// page. Pure rules: never past the ticket's validity window (profile or batch), never more than
// the manager's allowance per ticket and local day, only on a ticket in use.

import { EcnError } from './errors';
import { secondsLeft, ticketState, type Ticket } from './ticket';

/** The amounts the console offers, in seconds. */
export const EXTENSION_STEPS = [1800, 3600] as const;

export interface ExtensionPolicy {
  /** Most seconds added to one ticket per local day; 0 turns extensions off. */
  maxPerDaySeconds: number;
}

export function extensionKey(spaceId: string, ticketId: string, day: string): string {
  return `extend:${spaceId}:${ticketId}:${day}`;
}

/**
 * Checks that `addSeconds` may be added to the ticket at `now`, `usedTodaySeconds` being what
 * was already added today; throws the specific error otherwise. Returns the ticket extended.
 */
export function extendTicket(
  t: Ticket,
  addSeconds: number,
  now: number,
  usedTodaySeconds: number,
  policy: ExtensionPolicy,
): Ticket {
  if (!(EXTENSION_STEPS as readonly number[]).includes(addSeconds)) {
    throw new EcnError('ECN_ERR_EXTENSION_INVALID', 'Time is added by 30 minutes or 1 hour.', {
      addSeconds,
    });
  }
  if (policy.maxPerDaySeconds <= 0) {
    throw new EcnError('ECN_ERR_EXTENSION_DAILY_MAX', 'Adding time is turned off.', {
      maxPerDaySeconds: 0,
      usedSeconds: usedTodaySeconds,
    });
  }
  if (ticketState(t, now) !== 'active' || t.expiresAt === null) {
    throw new EcnError('ECN_ERR_EXTENSION_NOT_ACTIVE', 'Only a ticket in use can be given more time.');
  }
  if (usedTodaySeconds + addSeconds > policy.maxPerDaySeconds) {
    throw new EcnError('ECN_ERR_EXTENSION_DAILY_MAX', 'This ticket had its most added time for the day.', {
      maxPerDaySeconds: policy.maxPerDaySeconds,
      usedSeconds: usedTodaySeconds,
    });
  }
  const end = t.expiresAt + addSeconds * 1000;
  if (t.limits.validUntil !== null && end > t.limits.validUntil) {
    throw new EcnError('ECN_ERR_EXTENSION_PAST_VALIDITY', 'The ticket would outlast its validity window.', {
      validUntil: t.limits.validUntil,
      secondsLeft: secondsLeft(t, now),
    });
  }
  return { ...t, expiresAt: end, version: t.version + 1 };
}

/** Whether the smallest step could be added now (for RFC 8908 `can-extend-session`). */
export function canExtend(
  t: Ticket,
  now: number,
  usedTodaySeconds: number,
  policy: ExtensionPolicy,
): boolean {
  try {
    extendTicket(t, EXTENSION_STEPS[0], now, usedTodaySeconds, policy);
    return true;
  } catch {
    return false;
  }
}
