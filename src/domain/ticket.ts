// Tickets and their rules: issued → active (first use starts the clock) → expired,
// exhausted or revoked. Pure functions from a ticket and a time to a decision.

import { EcnError } from './errors';
import type { ProfileLimits } from './profile';
import type { EndCause } from './session';

export type TicketState = 'issued' | 'active' | 'expired' | 'exhausted' | 'revoked';
export const TICKET_STATES: readonly TicketState[] = ['issued', 'active', 'expired', 'exhausted', 'revoked'];

export interface Ticket {
  id: string;
  /** Normalised code (12 symbols, no separators). Kept so that a batch can be reprinted. */
  code: string;
  batchId: string;
  profileName: string;
  limits: ProfileLimits;
  createdAt: number;
  /** First redemption (epoch ms), which starts the clock. */
  firstUsedAt: number | null;
  /** When access ends: min(first use + duration, validity window end). */
  expiresAt: number | null;
  /**
   * Seconds kept for the next opening, when the profile's clock runs only while the space is
   * open (`clockRunsWhileOpenOnly`): `expiresAt` is then the closing time, and the next opening
   * moves it (domain/open-clock.ts). Null otherwise, and on tickets stored before it existed.
   */
  remainingSeconds: number | null;
  /** Device keys (see deviceKey) the ticket is bound to, in order of first use. */
  devices: string[];
  bytesUsed: number;
  revokedAt: number | null;
  revokedBy: string | null;
  /** Bumped by every write; the Redis adapter uses it for compare-and-set. */
  version: number;
}

export interface Batch {
  id: string;
  profileName: string;
  count: number;
  note: string | null;
  createdBy: string;
  createdAt: number;
  /** The batch's own validity window (a workshop), null where the profile's alone applies. */
  validFrom: number | null;
  validUntil: number | null;
  /**
   * The charter version in force when the batch was made, printed on each ticket: using one
   * of its tickets accepts that version. Null for batches made before tickets carried it.
   */
  charterVersion: string | null;
}

/** A batch's own validity window as asked for: either end may be open. */
export interface BatchWindow {
  validFrom: number | null;
  validUntil: number | null;
}

/**
 * The limits a batch's tickets carry: the profile's, narrowed to the batch's own window (the
 * later start, the earlier end). Refuses a window that is unreadable, ends before it starts, has
 * already ended at `now`, or leaves nothing of the profile's window. The tickets' state, their
 * refusal before the window and the end of any session then follow from these limits alone.
 */
export function windowedLimits(limits: ProfileLimits, w: BatchWindow, now: number): ProfileLimits {
  for (const v of [w.validFrom, w.validUntil]) {
    if (v !== null && (!Number.isSafeInteger(v) || v < 0)) {
      throw new EcnError('ECN_ERR_BATCH_WINDOW_UNREADABLE', 'A time of the batch window cannot be read.');
    }
  }
  if (w.validFrom === null && w.validUntil === null) return limits;
  if (w.validFrom !== null && w.validUntil !== null && w.validUntil <= w.validFrom) {
    throw new EcnError('ECN_ERR_BATCH_WINDOW_INVERTED', 'The batch window ends before it starts.', {
      validFrom: w.validFrom,
      validUntil: w.validUntil,
    });
  }
  if (w.validUntil !== null && w.validUntil <= now) {
    throw new EcnError('ECN_ERR_BATCH_WINDOW_PAST', 'The batch window has already ended.', {
      validUntil: w.validUntil,
    });
  }
  const later = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
  const earlier = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
  const validFrom = later(limits.validFrom, w.validFrom);
  const validUntil = earlier(limits.validUntil, w.validUntil);
  if (validUntil !== null && (validUntil <= now || (validFrom !== null && validUntil <= validFrom))) {
    throw new EcnError(
      'ECN_ERR_BATCH_WINDOW_OUTSIDE_PROFILE',
      "The batch window lies outside the profile's validity window.",
    );
  }
  return { ...limits, validFrom, validUntil };
}

/** The state a ticket is in at `now`, derived from its stored facts. */
export function ticketState(t: Ticket, now: number): TicketState {
  if (t.revokedAt !== null) return 'revoked';
  if (t.limits.quotaBytes !== null && t.bytesUsed >= t.limits.quotaBytes) return 'exhausted';
  // Past closing time with time kept for the next opening: waiting, not spent.
  if (isWaitingForOpening(t, now)) return 'active';
  if (t.expiresAt !== null && now >= t.expiresAt) return 'expired';
  if (t.firstUsedAt === null && t.limits.validUntil !== null && now >= t.limits.validUntil) return 'expired';
  return t.firstUsedAt === null ? 'issued' : 'active';
}

/**
 * Until when (epoch ms) a device bound to this ticket may still come back on it: the end of its
 * time, or 0 once it is revoked or out of data (those never come back). The stores index device
 * bindings by it, so a device's usable tickets are found without reading any other ticket.
 * A ticket is usable at `now` exactly when `now` is before this time (see `ticketState`).
 */
export function usableUntil(t: Ticket): number {
  if (t.revokedAt !== null) return 0;
  if (t.limits.quotaBytes !== null && t.bytesUsed >= t.limits.quotaBytes) return 0;
  // Time kept for the next opening: usable until its window ends, whenever the space opens.
  if (isWaitingForOpening(t)) return t.limits.validUntil ?? Number.MAX_SAFE_INTEGER;
  let end = t.expiresAt ?? Number.MAX_SAFE_INTEGER;
  if (t.firstUsedAt === null && t.limits.validUntil !== null) end = Math.min(end, t.limits.validUntil);
  return end;
}

/** Whether the ticket holds time for a later opening of the space (see domain/open-clock.ts). */
export function isWaitingForOpening(t: Ticket, now?: number): boolean {
  if (t.remainingSeconds === null || t.remainingSeconds <= 0) return false;
  return now === undefined || t.limits.validUntil === null || now < t.limits.validUntil;
}

export interface Redemption {
  ticket: Ticket;
  /** True when this device was bound by this redemption (false for a device coming back). */
  newDevice: boolean;
  firstUse: boolean;
  secondsLeft: number;
  bytesLeft: number | null;
}

/** Why a ticket cannot be used now, as a typed error; null if it can. */
export function refusal(t: Ticket, now: number): EcnError | null {
  switch (ticketState(t, now)) {
    case 'revoked':
      return new EcnError('ECN_ERR_TICKET_REVOKED', 'This ticket was revoked.');
    case 'exhausted':
      return new EcnError('ECN_ERR_TICKET_EXHAUSTED', 'This ticket has used all of its data.');
    case 'expired':
      return new EcnError('ECN_ERR_TICKET_EXPIRED', 'This ticket has no time left.');
    default:
      if (t.limits.validFrom !== null && now < t.limits.validFrom) {
        return new EcnError('ECN_ERR_TICKET_NOT_YET_VALID', 'This ticket is not valid yet.', {
          validFrom: t.limits.validFrom,
        });
      }
      return null;
  }
}

/**
 * Redeems a ticket for one device at `now`: checks the state, the validity window and the
 * device limit, starts the clock on first use. Returns the updated ticket; throws a typed
 * error and changes nothing otherwise. A device already bound may come back any time.
 */
export function redeem(t: Ticket, device: string, now: number): Redemption {
  const refused = refusal(t, now);
  if (refused) throw refused;
  const known = t.devices.includes(device);
  if (!known && t.devices.length >= t.limits.maxDevices) {
    throw new EcnError('ECN_ERR_TICKET_DEVICE_LIMIT', 'This ticket is already used on too many devices.', {
      maxDevices: t.limits.maxDevices,
    });
  }
  const firstUse = t.firstUsedAt === null;
  const firstUsedAt = t.firstUsedAt ?? now;
  const expiresAt = t.expiresAt ?? computeExpiry(t.limits, now);
  const ticket: Ticket = {
    ...t,
    firstUsedAt,
    expiresAt,
    devices: known ? t.devices : [...t.devices, device],
    version: t.version + 1,
  };
  return {
    ticket,
    newDevice: !known,
    firstUse,
    secondsLeft: secondsLeft(ticket, now),
    bytesLeft: bytesLeft(ticket),
  };
}

export function computeExpiry(limits: ProfileLimits, firstUse: number): number {
  const byDuration = firstUse + limits.durationSeconds * 1000;
  return limits.validUntil === null ? byDuration : Math.min(byDuration, limits.validUntil);
}

/** Seconds of access left at `now` (the full duration, capped by the window, before first use). */
export function secondsLeft(t: Ticket, now: number): number {
  const end = t.expiresAt ?? computeExpiry(t.limits, now);
  return Math.max(0, Math.floor((end - now) / 1000));
}

export function bytesLeft(t: Ticket): number | null {
  return t.limits.quotaBytes === null ? null : Math.max(0, t.limits.quotaBytes - t.bytesUsed);
}

export function revoke(t: Ticket, by: string, now: number): Ticket {
  if (t.revokedAt !== null) {
    throw new EcnError('ECN_ERR_TICKET_ALREADY_REVOKED', 'This ticket was already revoked.');
  }
  return { ...t, revokedAt: now, revokedBy: by, version: t.version + 1 };
}

/** Adds traffic to a ticket's usage (accounting, gateway counters). */
export function addUsage(t: Ticket, bytes: number): Ticket {
  if (!Number.isFinite(bytes) || bytes <= 0) return t;
  return { ...t, bytesUsed: t.bytesUsed + Math.floor(bytes), version: t.version + 1 };
}

export const MAX_NOTE_LENGTH = 200;

export function newTicket(fields: {
  id: string;
  code: string;
  batchId: string;
  profileName: string;
  limits: ProfileLimits;
  createdAt: number;
}): Ticket {
  return {
    ...fields,
    firstUsedAt: null,
    expiresAt: null,
    remainingSeconds: null,
    devices: [],
    bytesUsed: 0,
    revokedAt: null,
    revokedBy: null,
    version: 0,
  };
}

/** Why the sessions of a ticket in this state end, or null when the state ends none. */
export function ticketEndCause(state: TicketState): EndCause | null {
  switch (state) {
    case 'revoked':
      return 'revoked';
    case 'exhausted':
      return 'quota';
    case 'expired':
      return 'expired';
    default:
      return null;
  }
}
