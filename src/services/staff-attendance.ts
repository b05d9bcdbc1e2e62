// What staff record on the attendance pages, from the console or `ecn` alike (issue #14,
// item 4): the entry is written by the attendance use cases, then published with who acted, so
// the audit trail records the console and the box's command the same way.

import type { AttendanceEntry, HalfDay } from '../domain/attendance';
import type { Actor } from '../domain/events';
import {
  recordDeskVisits,
  recordIndividualSession,
  recordWorkshop,
  removeAttendance,
  type AttendanceDeps,
} from './attendance';
import { actorText, announce } from './audit-trail';

/** One entry as a form or the command's options give it, already checked. */
export type AttendanceInput =
  | { kind: 'desk'; day: string; halfDay: HalfDay; count: number }
  | { kind: 'workshop'; day: string; theme: string; minutes: number; participants: number }
  | { kind: 'individual'; day: string; theme: string; minutes: number };

export interface RecordedAttendance {
  entry: AttendanceEntry;
  /** The entry this one replaced (a corrected desk count), or null. */
  previous: AttendanceEntry | null;
}

function save(deps: AttendanceDeps, spaceId: string, by: string, input: AttendanceInput) {
  switch (input.kind) {
    case 'desk':
      return recordDeskVisits(deps, { ...input, spaceId, by });
    case 'workshop':
      return recordWorkshop(deps, { ...input, spaceId, by });
    case 'individual':
      return recordIndividualSession(deps, { ...input, spaceId, by });
  }
}

/** Records the entry under the actor's name, then audits it (`attendance.recorded`). */
export async function recordAttendanceAs(
  deps: AttendanceDeps,
  actor: Actor,
  spaceId: string,
  input: AttendanceInput,
): Promise<RecordedAttendance> {
  const { entry, previous } = await save(deps, spaceId, actorText(actor), input);
  await announce(deps, actor, 'attendance.recorded', entry.id, {
    kind: entry.kind,
    day: entry.day,
    people: entry.people,
    previous: previous?.people ?? null,
    minutes: entry.minutes,
  });
  return { entry, previous };
}

/** Removes an entry typed by mistake, then audits it (`attendance.removed`). */
export async function removeAttendanceAs(
  deps: AttendanceDeps,
  actor: Actor,
  spaceId: string,
  id: string,
): Promise<AttendanceEntry> {
  const removed = await removeAttendance(deps, spaceId, id);
  await announce(deps, actor, 'attendance.removed', removed.id, {
    kind: removed.kind,
    day: removed.day,
    people: removed.people,
  });
  return removed;
}
