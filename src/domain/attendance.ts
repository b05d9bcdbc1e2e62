// Attendance the gateway cannot see (issue #15, item 6): visits at the desk counted per
// half-day, workshops, individual help sessions. Counts, themes and durations only: no names.
// Pure rules; the console validates the forms and the store keeps the entries per space.

export const ATTENDANCE_KINDS = ['desk', 'workshop', 'individual'] as const;
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number];

export const HALF_DAYS = ['morning', 'afternoon'] as const;
export type HalfDay = (typeof HALF_DAYS)[number];

/** Longest theme an animator may type (a short label, not a report). */
export const THEME_MAX = 80;
/** Longest workshop or help session, in minutes (a whole day). */
export const ATTENDANCE_MAX_MINUTES = 12 * 60;
/** Most people counted in one entry (a half-day at the desk, a workshop). */
export const ATTENDANCE_MAX_PEOPLE = 500;

export interface AttendanceEntry {
  /** `desk:<day>:<half-day>` for desk visits (one count per half-day), a random id otherwise. */
  id: string;
  spaceId: string;
  kind: AttendanceKind;
  /** The local day of the space (YYYY-MM-DD). */
  day: string;
  /** Desk visits only. */
  halfDay: HalfDay | null;
  /** Workshops and individual sessions: what it was about. */
  theme: string | null;
  /** Workshops and individual sessions: how long, in minutes. */
  minutes: number | null;
  /** Desk: visits in the half-day; workshop: participants; individual session: 1. */
  people: number;
  recordedAt: number;
  recordedBy: string;
}

/** The one id of a half-day's desk count: recording it again replaces the count. */
export function deskEntryId(day: string, halfDay: HalfDay): string {
  return `desk:${day}:${halfDay}`;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar day written YYYY-MM-DD. */
export function isCalendarDay(s: string): boolean {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The half-day a local hour falls in: the morning ends at 13:00, as the desks open. */
export function halfDayOf(localHour: number): HalfDay {
  return localHour < 13 ? 'morning' : 'afternoon';
}

/** First and last day (YYYY-MM-DD) of a month (YYYY-MM). */
export function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export interface ThemeFigures {
  sessions: number;
  people: number;
  minutes: number;
}

/** What the monthly statistics say of attendance. */
export interface AttendanceSummary {
  deskVisits: number;
  deskMornings: number;
  deskAfternoons: number;
  workshops: number;
  workshopParticipants: number;
  workshopMinutes: number;
  individualSessions: number;
  individualMinutes: number;
  /** Per theme (as typed, trimmed; themes differing only in case are one). */
  workshopThemes: Record<string, ThemeFigures>;
  individualThemes: Record<string, ThemeFigures>;
}

export function emptyAttendance(): AttendanceSummary {
  return {
    deskVisits: 0,
    deskMornings: 0,
    deskAfternoons: 0,
    workshops: 0,
    workshopParticipants: 0,
    workshopMinutes: 0,
    individualSessions: 0,
    individualMinutes: 0,
    workshopThemes: {},
    individualThemes: {},
  };
}

export function summarizeAttendance(entries: readonly AttendanceEntry[]): AttendanceSummary {
  const s = emptyAttendance();
  const names = new Map<string, string>();
  const add = (themes: Record<string, ThemeFigures>, e: AttendanceEntry) => {
    const raw = (e.theme ?? '').trim();
    const folded = raw.toLocaleLowerCase('fr');
    const name = names.get(folded) ?? raw;
    names.set(folded, name);
    const t = (themes[name] ??= { sessions: 0, people: 0, minutes: 0 });
    t.sessions += 1;
    t.people += e.people;
    t.minutes += e.minutes ?? 0;
  };
  for (const e of entries) {
    switch (e.kind) {
      case 'desk':
        s.deskVisits += e.people;
        if (e.halfDay === 'morning') s.deskMornings += e.people;
        else s.deskAfternoons += e.people;
        break;
      case 'workshop':
        s.workshops += 1;
        s.workshopParticipants += e.people;
        s.workshopMinutes += e.minutes ?? 0;
        add(s.workshopThemes, e);
        break;
      case 'individual':
        s.individualSessions += 1;
        s.individualMinutes += e.minutes ?? 0;
        add(s.individualThemes, e);
        break;
    }
  }
  return s;
}
