// Issue a batch of tickets from a profile: codes from the CSPRNG, one durable write.

import { EcnError } from '../domain/errors';
import { readStaffTime } from '../domain/zoned-time';
import { profileLimits } from '../domain/profile';
import { generateCode } from '../domain/ticket-code';
import { MAX_NOTE_LENGTH, newTicket, windowedLimits, type Batch, type Ticket } from '../domain/ticket';
import type { ServiceDeps } from './deps';
import { findProfile } from './profiles';

export interface IssueRequest {
  profile?: string;
  count: number;
  note?: string | null;
  /** The batch's own validity window (epoch ms), e.g. a workshop; NaN when unreadable. */
  validFrom?: number | null;
  validUntil?: number | null;
  createdBy: string;
  /**
   * The charter version in force, printed on each ticket (using one accepts it); null or absent
   * where the tickets are not printed with the charter line.
   */
  charterVersion?: string | null;
}

export async function issueTickets(
  deps: ServiceDeps,
  req: IssueRequest,
): Promise<{ batch: Batch; tickets: Ticket[] }> {
  if (!Number.isInteger(req.count) || req.count < 1 || req.count > deps.maxBatch) {
    throw new EcnError('ECN_ERR_BATCH_SIZE', `A batch holds from 1 to ${deps.maxBatch} tickets.`, {
      max: deps.maxBatch,
    });
  }
  const note = req.note?.trim() || null;
  if (note !== null && note.length > MAX_NOTE_LENGTH) {
    throw new EcnError('ECN_ERR_NOTE_TOO_LONG', `A note holds at most ${MAX_NOTE_LENGTH} characters.`, {
      max: MAX_NOTE_LENGTH,
    });
  }
  const profile = findProfile(deps.profiles(), req.profile);
  const now = deps.clock.now();
  const window = { validFrom: req.validFrom ?? null, validUntil: req.validUntil ?? null };
  const limits = windowedLimits(profileLimits(profile), window, now);
  const batch: Batch = {
    id: deps.newId(),
    profileName: profile.name,
    count: req.count,
    note,
    createdBy: req.createdBy,
    createdAt: now,
    ...window,
    charterVersion: req.charterVersion ?? null,
  };
  const codes = new Set<string>();
  while (codes.size < req.count) codes.add(generateCode(deps.random));
  const tickets = [...codes].map((code) =>
    newTicket({
      id: deps.newId(),
      code,
      batchId: batch.id,
      profileName: profile.name,
      limits,
      createdAt: now,
    }),
  );
  await deps.store.createBatch(batch, tickets);
  deps.events.emit('ticket.issued', {
    batchId: batch.id,
    profileName: profile.name,
    count: req.count,
    createdBy: req.createdBy,
  });
  return { batch, tickets };
}

/**
 * One end of a batch window as staff type it (ISO-8601; without an offset, the space's local
 * time): epoch ms, or the specific refusal when it is not a time.
 */
export function readWindowTime(text: string, timeZone: string): number {
  const at = readStaffTime(text, timeZone);
  if (Number.isNaN(at)) {
    throw new EcnError(
      'ECN_ERR_BATCH_WINDOW_UNREADABLE',
      `"${text.slice(0, 40)}" is not a date and time (e.g. 2026-12-08T14:00, the space's local time).`,
    );
  }
  return at;
}
