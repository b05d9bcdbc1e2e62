// A ticket whose clock runs only while the space is open (issue #15, item 1): what is left at
// closing time waits for the next opening. `expiresAt` stays the one truth every reader uses
// (RADIUS Session-Timeout, the gateway grant, the device index); this rule only moves it.

import { closingAt, nextOpening, type OpeningHours } from './opening-hours';
import type { Ticket } from './ticket';

/** More openings than a ticket could wait through; only a guard against a pathological week. */
const MAX_OPENINGS = 1000;

/**
 * The ticket with its clock brought up to `now` under the space's hours: time past the current
 * opening's closing is kept in `remainingSeconds` with `expiresAt` at closing; kept time is
 * spent from the first opening after that closing, opening by opening (whether the resident
 * came or not), up to the validity window's end. The same ticket when nothing changes: another
 * profile, no hours (always open), not started, or nothing due yet. Pure and idempotent, so a
 * store's compare-and-set may run it again.
 */
export function runOpenClock(t: Ticket, hours: OpeningHours | null, now: number): Ticket {
  if (t.limits.clockRunsWhileOpenOnly !== true || hours === null || t.expiresAt === null) return t;
  const kept = t.remainingSeconds ?? 0;
  const next =
    kept > 0 ? spendKept(t.expiresAt, kept * 1000, hours, now) : keepPastClosing(t.expiresAt, hours, now);
  if (next === null) return t;
  let { expiresAt, remainingMs } = next;
  const until = t.limits.validUntil;
  // The validity window ends it still: kept time never outlives it (see also `ticketState`).
  if (until !== null && (remainingMs === 0 || expiresAt >= until)) {
    expiresAt = Math.min(expiresAt, until);
    if (expiresAt === until) remainingMs = 0;
  }
  const remainingSeconds = remainingMs > 0 ? Math.ceil(remainingMs / 1000) : null;
  if (expiresAt === t.expiresAt && remainingSeconds === t.remainingSeconds) return t;
  return { ...t, expiresAt, remainingSeconds, version: t.version + 1 };
}

interface Clock {
  expiresAt: number;
  remainingMs: number;
}

/** A running ticket whose end lies past the current opening's closing keeps the rest. */
function keepPastClosing(expiresAt: number, hours: OpeningHours, now: number): Clock | null {
  if (expiresAt <= now) return null;
  const closes = closingAt(hours, now);
  if (closes === null || expiresAt <= closes) return null;
  return { expiresAt: closes, remainingMs: expiresAt - closes };
}

/**
 * Kept time, from the closing `from`: each opening that has begun by `now` spends it, the one
 * it runs out in sets the end. Null while no opening has begun since (nothing to change).
 */
function spendKept(from: number, keptMs: number, hours: OpeningHours, now: number): Clock | null {
  if (from > now) return null;
  let closedAt = from;
  let left = keptMs;
  for (let i = 0; i < MAX_OPENINGS; i++) {
    const opens = nextOpening(hours, closedAt);
    if (opens === null || opens > now) break;
    const closes = closingAt(hours, opens);
    if (closes === null || opens + left <= closes) return { expiresAt: opens + left, remainingMs: 0 };
    left -= closes - opens;
    closedAt = closes;
  }
  return left === keptMs ? null : { expiresAt: closedAt, remainingMs: left };
}
