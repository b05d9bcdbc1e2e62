// Attendance animators record (issue #15, item 6): desk visits per half-day, workshops and
// individual help sessions, kept per space. The forms validate their fields; these use cases
// write the entries and publish them for the metrics.

import { randomUUID } from 'node:crypto';
import {
  deskEntryId,
  monthDays,
  summarizeAttendance,
  type AttendanceEntry,
  type AttendanceSummary,
  type HalfDay,
} from '../domain/attendance';
import { EcnError } from '../domain/errors';
import type { ServiceDeps } from './deps';

export type AttendanceDeps = Pick<ServiceDeps, 'store' | 'clock' | 'events'> & { newId?: () => string };

interface Recorded {
  entry: AttendanceEntry;
  /** The entry this one replaced (a corrected desk count), or null. */
  previous: AttendanceEntry | null;
}

async function save(deps: AttendanceDeps, entry: AttendanceEntry): Promise<Recorded> {
  const previous = await deps.store.saveAttendance(entry);
  deps.events.emit('attendance.recorded', {
    kind: entry.kind,
    people: entry.people,
    previousPeople: previous?.people ?? null,
  });
  return { entry, previous };
}

/** The half-day's desk count; recording it again replaces it (a correction). */
export function recordDeskVisits(
  deps: AttendanceDeps,
  input: { spaceId: string; day: string; halfDay: HalfDay; count: number; by: string },
): Promise<Recorded> {
  return save(deps, {
    id: deskEntryId(input.day, input.halfDay),
    spaceId: input.spaceId,
    kind: 'desk',
    day: input.day,
    halfDay: input.halfDay,
    theme: null,
    minutes: null,
    people: input.count,
    recordedAt: deps.clock.now(),
    recordedBy: input.by,
  });
}

export function recordWorkshop(
  deps: AttendanceDeps,
  input: { spaceId: string; day: string; theme: string; minutes: number; participants: number; by: string },
): Promise<Recorded> {
  return save(deps, {
    id: (deps.newId ?? randomUUID)(),
    spaceId: input.spaceId,
    kind: 'workshop',
    day: input.day,
    halfDay: null,
    theme: input.theme,
    minutes: input.minutes,
    people: input.participants,
    recordedAt: deps.clock.now(),
    recordedBy: input.by,
  });
}

export function recordIndividualSession(
  deps: AttendanceDeps,
  input: { spaceId: string; day: string; theme: string; minutes: number; by: string },
): Promise<Recorded> {
  return save(deps, {
    id: (deps.newId ?? randomUUID)(),
    spaceId: input.spaceId,
    kind: 'individual',
    day: input.day,
    halfDay: null,
    theme: input.theme,
    minutes: input.minutes,
    people: 1,
    recordedAt: deps.clock.now(),
    recordedBy: input.by,
  });
}

/** Removes an entry typed by mistake; ECN_ERR_ATTENDANCE_UNKNOWN when the space has none such. */
export async function removeAttendance(
  deps: AttendanceDeps,
  spaceId: string,
  id: string,
): Promise<AttendanceEntry> {
  const removed = await deps.store.deleteAttendance(spaceId, id);
  if (!removed) throw new EcnError('ECN_ERR_ATTENDANCE_UNKNOWN', 'No attendance entry has this identifier.');
  deps.events.emit('attendance.removed', { kind: removed.kind, people: removed.people });
  return removed;
}

/** The month's entries (YYYY-MM) of the space and what they add up to. */
export async function monthAttendance(
  deps: Pick<ServiceDeps, 'store'>,
  spaceId: string,
  month: string,
): Promise<{ entries: AttendanceEntry[]; summary: AttendanceSummary }> {
  const { from, to } = monthDays(month);
  const entries = await deps.store.listAttendance(spaceId, from, to);
  return { entries, summary: summarizeAttendance(entries) };
}

/**
 * The space's entries of a month and of the month before (YYYY-MM): the days an animator
 * records now, late entries included, for the fleet metric that counts every recording.
 */
export async function recentAttendance(
  deps: Pick<ServiceDeps, 'store'>,
  spaceId: string,
  month: string,
): Promise<AttendanceEntry[]> {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return deps.store.listAttendance(spaceId, monthDays(previous).from, monthDays(month).to);
}
