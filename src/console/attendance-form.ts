// The attendance forms read at the edge (issue #15, item 6; issue #14, item 4): one zod schema
// per kind of entry. A missing, repeated, too long or wrong field gets that field's own
// sentence from the catalog, the first wrong one in the form's order, and nothing is recorded.

import { z } from 'zod';
import {
  ATTENDANCE_MAX_MINUTES,
  ATTENDANCE_MAX_PEOPLE,
  HALF_DAYS,
  THEME_MAX,
  isCalendarDay,
} from '../domain/attendance';
import type { AttendanceInput } from '../services/staff-attendance';
import { parseForm } from './forms';
import type { ConsoleKey } from './i18n';

export type AttendanceKind = AttendanceInput['kind'];
export const ATTENDANCE_KINDS: readonly AttendanceKind[] = ['desk', 'workshop', 'individual'];

/** A field refused: its name and the catalog key of its sentence, with the sentence's variables. */
export interface AttendanceRefusal {
  field: string;
  key: ConsoleKey;
  vars: Record<string, number>;
}

const whole = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** Each field's schema, shared by the console's forms and the `ecn attendance` options. */
export const ATTENDANCE_FIELDS = {
  day: z.string().trim().max(40).refine(isCalendarDay),
  halfDay: z.enum(HALF_DAYS),
  count: whole(0, ATTENDANCE_MAX_PEOPLE),
  participants: whole(1, ATTENDANCE_MAX_PEOPLE),
  minutes: whole(1, ATTENDANCE_MAX_MINUTES),
  theme: z
    .string()
    .trim()
    .min(1)
    .max(THEME_MAX)
    // Control characters would garble the CSV and the PDF the committee reads.
    .refine((s) => !/\p{Cc}/u.test(s)),
};
export type AttendanceField = keyof typeof ATTENDANCE_FIELDS;

/** The sentence each field gets when it is wrong, and its variables. */
export const ATTENDANCE_REFUSALS: Record<AttendanceField, { key: ConsoleKey; vars: Record<string, number> }> =
  {
    day: { key: 'attendance.err.day', vars: {} },
    halfDay: { key: 'attendance.err.halfDay', vars: {} },
    count: { key: 'attendance.err.count', vars: { max: ATTENDANCE_MAX_PEOPLE } },
    participants: { key: 'attendance.err.participants', vars: { max: ATTENDANCE_MAX_PEOPLE } },
    minutes: { key: 'attendance.err.minutes', vars: { max: ATTENDANCE_MAX_MINUTES } },
    theme: { key: 'attendance.err.theme', vars: {} },
  };

const F = ATTENDANCE_FIELDS;
/** The forms, their fields in the order the page shows them (the first wrong one is named). */
const SCHEMAS = {
  desk: z.object({ day: F.day, halfDay: F.halfDay, count: F.count }),
  workshop: z.object({ day: F.day, theme: F.theme, minutes: F.minutes, participants: F.participants }),
  individual: z.object({ day: F.day, theme: F.theme, minutes: F.minutes }),
};

const MESSAGES = Object.fromEntries(
  Object.entries(ATTENDANCE_REFUSALS).map(([field, r]) => [field, () => ({ field, ...r })]),
) as Record<AttendanceField, () => AttendanceRefusal>;

/** Reads a form of `kind`; a day after `today` (the space's local day) is refused too. */
export function readAttendanceForm(
  kind: AttendanceKind,
  body: unknown,
  today: string,
): { ok: true; value: AttendanceInput } | ({ ok: false } & AttendanceRefusal) {
  const parsed = parseForm(SCHEMAS[kind], body, MESSAGES, MESSAGES.day);
  if (!parsed.ok) return { ok: false, ...parsed.message };
  if (parsed.value.day > today) return { ok: false, field: 'day', key: 'attendance.err.future', vars: {} };
  return { ok: true, value: { kind, ...parsed.value } as AttendanceInput };
}
