// Issue #15, item 1 on access points: the space's opening hours in the Access-Request pipeline.
// While the space is closed a login is refused before any ticket is read, so nothing is
// consumed; an Access-Accept never lets a device through past closing time.

import { isEcnError } from '../domain/errors';
import type { EventBus } from '../domain/events';
import type { Redemption } from '../domain/ticket';
import type { Clock } from '../domain/clock';
import type { AccessPolicy } from '../services/client-access';
import { capAtClosing, refuseWhenClosed } from '../services/opening-hours';

export interface HoursDeps {
  policy: Pick<AccessPolicy, 'openingHours'>;
  clock: Clock;
  events: EventBus;
}

/**
 * Throws ECN_ERR_SPACE_CLOSED (naming the next opening) while the space is closed. A login is
 * counted as refused under that reason, so the city sees the closed-door logins apart.
 * The space's own devices do not log in through RADIUS: no exception applies here.
 */
export function refuseWhileClosed(deps: HoursDeps, isLogin: boolean): void {
  try {
    refuseWhenClosed(deps);
  } catch (err) {
    if (isLogin && isEcnError(err, 'ECN_ERR_SPACE_CLOSED')) {
      deps.events.emit('ticket.refused', { code: err.code, via: 'radius' });
    }
    throw err;
  }
}

/** The grant's time, no longer than the time to closing (the NAS's Session-Timeout). */
export function capGrantAtClosing(deps: HoursDeps, granted: Redemption): Redemption {
  const seconds = capAtClosing(deps, deps.clock.now(), granted.secondsLeft);
  return seconds === granted.secondsLeft ? granted : { ...granted, secondsLeft: seconds };
}

/** The next opening a closed-space refusal names (null: none planned). */
export function nextOpeningOf(err: unknown): number | null | undefined {
  if (!isEcnError(err, 'ECN_ERR_SPACE_CLOSED')) return undefined;
  const next = err.details.nextOpening;
  return typeof next === 'number' ? next : null;
}
