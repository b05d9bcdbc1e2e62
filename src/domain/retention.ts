// How long the operational store keeps personal data (issue 13, item 5): what the privacy
// notice promises, as pure rules the store adapters and the daily purge share.

import { isWaitingForOpening, usableUntil, type Ticket } from './ticket';

export const DAY_MS = 86_400_000;

/** Durations in days, from the configuration (`retention`). */
export interface RetentionPolicy {
  /** Ended sessions, and the device bindings of tickets that ended, are kept this long. */
  sessionsDays: number;
  /** A charter acceptance is kept this long after it was given and after its ticket ended. */
  acceptancesDays: number;
  /** A ticket is kept this long after it ended. */
  ticketsDays: number;
}

/** What one purge removed. Counts only: never a code, a device or an identifier. */
export interface PurgeCounts {
  sessions: number;
  deviceBindings: number;
  acceptances: number;
  tickets: number;
}

/** The times before which each kind of record may go, at `now` (epoch ms). */
export interface PurgeCutoffs {
  sessionsEndedBefore: number;
  acceptancesBefore: number;
  ticketsEndedBefore: number;
}

export function purgeCutoffs(policy: RetentionPolicy, now: number): PurgeCutoffs {
  return {
    sessionsEndedBefore: now - policy.sessionsDays * DAY_MS,
    acceptancesBefore: now - policy.acceptancesDays * DAY_MS,
    ticketsEndedBefore: now - policy.ticketsDays * DAY_MS,
  };
}

/**
 * When the ticket stopped being usable (epoch ms), or null while it still is or may be (an
 * issued ticket without an end of validity never ends). A used-up ticket counts as ended when
 * its time would have run out: the moment its data ran out is not stored, and a later end only
 * keeps it longer, never shorter, than promised.
 */
export function ticketEndedAt(t: Ticket): number | null {
  if (t.revokedAt !== null) return t.revokedAt;
  // Time kept for the next opening ends, at the earliest, that long after closing time.
  if (t.expiresAt !== null && isWaitingForOpening(t)) {
    const spent = t.expiresAt + (t.remainingSeconds ?? 0) * 1000;
    return t.limits.validUntil === null ? spent : Math.min(spent, t.limits.validUntil);
  }
  if (t.expiresAt !== null) return t.expiresAt;
  if (t.firstUsedAt === null && t.limits.validUntil !== null) return t.limits.validUntil;
  // Never used and without data from the start (a zero quota): it never was usable.
  if (usableUntil(t) === 0) return t.createdAt;
  // Issued and never used, with no end of validity: still usable.
  return null;
}

/** Whether the ticket ended before `cutoff`: only such a ticket, or its bindings, may be purged. */
export function ticketEndedBefore(t: Ticket, cutoff: number): boolean {
  const ended = ticketEndedAt(t);
  return ended !== null && ended < cutoff;
}
