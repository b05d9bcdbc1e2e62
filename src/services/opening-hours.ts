// Issue #15, item 1: the space's opening hours as the access use cases see them. One guard the
// login flows call (closed → a typed refusal naming the next opening), and what the status page
// and the sweeper ask (when it closes, whether a warning is due).

import { EcnError } from '../domain/errors';
import { closingAt, isOpen, nextOpening, type OpeningHours } from '../domain/opening-hours';
import type { Clock } from '../domain/clock';
import type { AccessPolicy } from './client-access';

/** The status page warns this long before closing time. */
export const CLOSING_WARNING_MS = 10 * 60_000;

type HoursDeps = { policy: Pick<AccessPolicy, 'openingHours'>; clock: Clock };

/** The hours in force now (console changes apply at once); null: always open. */
export function hoursInForce(deps: Pick<HoursDeps, 'policy'>): OpeningHours | null {
  return deps.policy.openingHours?.() ?? null;
}

/** Refuses a login or a free access while the space is closed, naming the next opening. */
export function refuseWhenClosed(deps: HoursDeps): void {
  const hours = hoursInForce(deps);
  const now = deps.clock.now();
  if (isOpen(hours, now)) return;
  throw new EcnError('ECN_ERR_SPACE_CLOSED', 'The space is closed now.', {
    nextOpening: nextOpening(hours, now),
  });
}

export function isOpenAt(deps: Pick<HoursDeps, 'policy'>, at: number): boolean {
  return isOpen(hoursInForce(deps), at);
}

/** When the current opening ends, or null when the space never closes (or is closed). */
export function closingTime(deps: Pick<HoursDeps, 'policy'>, at: number): number | null {
  return closingAt(hoursInForce(deps), at);
}

/** The closing time when it is at most ten minutes away, for the status page's warning. */
export function closingSoon(deps: Pick<HoursDeps, 'policy'>, at: number): number | null {
  const closes = closingTime(deps, at);
  return closes !== null && closes - at <= CLOSING_WARNING_MS ? closes : null;
}

/** Seconds a device may be let through for now: no further than closing time. */
export function capAtClosing(deps: Pick<HoursDeps, 'policy'>, at: number, seconds: number): number {
  const closes = closingTime(deps, at);
  return closes === null ? seconds : Math.min(seconds, Math.max(0, Math.floor((closes - at) / 1000)));
}
