// The space's opening hours and closure days, read from text and asked about instants: is it
// open, when does it close, when does it open next. Pure (Intl only); times are the wall clock
// of the space's time zone, so a clock-change night needs no special case.
//
// Decisions (documented in docs/configuration.md and docs/fr/horaires-et-postes.md):
// - a range never runs past midnight: `22:00-02:00` is refused with ECN_ERR_HOURS_PAST_MIDNIGHT;
//   write `22:00-24:00` on one day and `00:00-02:00` on the next (`24:00` is allowed as an end);
// - overlapping ranges of one day are refused (ECN_ERR_HOURS_OVERLAP); ranges that only touch
//   (`09:00-12:00`, `12:00-14:00`) are one opening, with no closing at noon;
// - no range on any weekday means always open (the behaviour before opening hours); once one
//   weekday has a range, a weekday without any is closed all day.

import { EcnError } from './errors';
import { zonedToUtc } from './zoned-time';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes since local midnight, end excluded: `09:00-12:00` is { start: 540, end: 720 }. */
export interface TimeRange {
  start: number;
  end: number;
}

/** Closed from `from` to `to`, both local days (YYYY-MM-DD) included. */
export interface Closure {
  from: string;
  to: string;
}

export interface OpeningHours {
  timeZone: string;
  /** Ranges of each weekday, sorted; null when no weekday has any (always open). */
  week: Record<Weekday, TimeRange[]> | null;
  closures: Closure[];
}

export type OpeningHoursText = Partial<Record<Weekday, readonly string[]>>;

const RANGE_RE = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const MINUTES_PER_DAY = 24 * 60;
/** How far ahead `nextOpening` looks: a space closed for longer has no next opening. */
const SEARCH_DAYS = 400;

function minutes(h: string, m: string): number | null {
  const hh = Number(h);
  const mm = Number(m);
  if (mm > 59 || hh > 24 || (hh === 24 && mm !== 0)) return null;
  return hh * 60 + mm;
}

/** `09:00-12:00` → a range; a malformed or backwards range is a typed error. */
export function parseRange(text: string, day: string): TimeRange {
  const m = RANGE_RE.exec(text.trim());
  const start = m ? minutes(m[1]!, m[2]!) : null;
  const end = m ? minutes(m[3]!, m[4]!) : null;
  if (start === null || end === null || start === MINUTES_PER_DAY) {
    throw new EcnError('ECN_ERR_HOURS_MALFORMED', `"${text}" (${day}) is not a range such as 09:00-12:00.`, {
      day,
      range: text,
    });
  }
  if (end <= start) {
    throw new EcnError(
      'ECN_ERR_HOURS_PAST_MIDNIGHT',
      `"${text}" (${day}) ends before it starts: a range may not run past midnight; write it as two ranges, until 24:00 and from 00:00 the next day.`,
      { day, range: text },
    );
  }
  return { start, end };
}

/** One weekday's ranges, sorted; overlapping ranges are refused. */
export function parseDay(day: string, ranges: readonly string[]): TimeRange[] {
  const parsed = ranges.map((r) => parseRange(r, day)).sort((a, b) => a.start - b.start);
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i]!.start < parsed[i - 1]!.end) {
      throw new EcnError(
        'ECN_ERR_HOURS_OVERLAP',
        `Two ranges of ${day} overlap (${formatRange(parsed[i - 1]!)} and ${formatRange(parsed[i]!)}).`,
        { day, ranges: [formatRange(parsed[i - 1]!), formatRange(parsed[i]!)] },
      );
    }
  }
  return parsed;
}

export function parseWeek(text: OpeningHoursText): Record<Weekday, TimeRange[]> | null {
  for (const key of Object.keys(text)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      throw new EcnError('ECN_ERR_HOURS_MALFORMED', `"${key}" is not a weekday (mon, tue, … sun).`, {
        day: key,
      });
    }
  }
  if (WEEKDAYS.every((d) => (text[d] ?? []).length === 0)) return null;
  const week = {} as Record<Weekday, TimeRange[]>;
  for (const d of WEEKDAYS) week[d] = parseDay(d, text[d] ?? []);
  return week;
}

function validDay(s: string): boolean {
  if (!DAY_RE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** `2026-12-24` or `2026-12-25..2027-01-01` → a closure. */
export function parseClosure(text: string): Closure {
  const v = text.trim();
  const parts = v.split('..');
  const from = parts[0] ?? '';
  const to = parts[1] ?? from;
  if (parts.length > 2 || !validDay(from) || !validDay(to)) {
    throw new EcnError(
      'ECN_ERR_CLOSURE_MALFORMED',
      `"${text}" is not a day (2026-12-24) or a range of days (2026-12-25..2027-01-01).`,
      { closure: text },
    );
  }
  if (to < from) {
    throw new EcnError('ECN_ERR_CLOSURE_BACKWARDS', `The closure "${text}" ends before it starts.`, {
      closure: text,
    });
  }
  return { from, to };
}

export function parseOpeningHours(
  text: { openingHours: OpeningHoursText; closures: readonly string[] },
  timeZone: string,
): OpeningHours {
  return { timeZone, week: parseWeek(text.openingHours), closures: text.closures.map(parseClosure) };
}

export function formatRange(r: TimeRange): string {
  const hm = (n: number) =>
    `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
  return `${hm(r.start)}-${hm(r.end)}`;
}

export function formatClosure(c: Closure): string {
  return c.from === c.to ? c.from : `${c.from}..${c.to}`;
}

/** Back to the text form the config and the console use (sorted, normalised). */
export function openingHoursText(h: OpeningHours): { openingHours: OpeningHoursText; closures: string[] } {
  const openingHours: OpeningHoursText = {};
  if (h.week) for (const d of WEEKDAYS) openingHours[d] = h.week[d].map(formatRange);
  return { openingHours, closures: h.closures.map(formatClosure) };
}

/** The local day, weekday and minute of an instant in the zone. */
export function localMoment(at: number, timeZone: string): { day: string; weekday: Weekday; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  }).formatToParts(new Date(at));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    weekday: get('weekday').toLowerCase().slice(0, 3) as Weekday,
    minute: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function weekdayOf(day: string): Weekday {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}

export function isClosureDay(h: OpeningHours, day: string): boolean {
  return h.closures.some((c) => c.from <= day && day <= c.to);
}

const ALL_DAY: TimeRange[] = [{ start: 0, end: MINUTES_PER_DAY }];

/** The ranges the space is open on a local day (none on a closure day). */
export function rangesOn(h: OpeningHours, day: string): TimeRange[] {
  if (isClosureDay(h, day)) return [];
  return h.week === null ? ALL_DAY : h.week[weekdayOf(day)];
}

/** A local day and minute of the space → an instant (24:00 is the next day's midnight). */
function instant(h: OpeningHours, day: string, minute: number): number {
  const d = minute >= MINUTES_PER_DAY ? addDays(day, 1) : day;
  const m = minute % MINUTES_PER_DAY;
  const hm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return zonedToUtc(`${d}T${hm}`, h.timeZone);
}

/** Whether the space is open at an instant. */
export function isOpen(h: OpeningHours | null, at: number): boolean {
  if (h === null) return true;
  const now = localMoment(at, h.timeZone);
  return rangesOn(h, now.day).some((r) => r.start <= now.minute && now.minute < r.end);
}

/**
 * When the space next opens at or after `at` (`at` itself when it is open), or null when it
 * does not open within the next 400 days.
 */
export function nextOpening(h: OpeningHours | null, at: number): number | null {
  if (h === null || isOpen(h, at)) return at;
  const today = localMoment(at, h.timeZone).day;
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const day = addDays(today, i);
    for (const r of rangesOn(h, day)) {
      const t = instant(h, day, r.start);
      if (t >= at) return t;
    }
  }
  return null;
}

/**
 * When the opening that `at` is in ends (ranges that touch, also across midnight, are one
 * opening), or null when the space is closed at `at` or never closes (always open).
 */
export function closingAt(h: OpeningHours | null, at: number): number | null {
  if (h === null || !isOpen(h, at)) return null;
  const now = localMoment(at, h.timeZone);
  let day = now.day;
  let minute = now.minute;
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const r = rangesOn(h, day).find((x) => x.start <= minute && minute < x.end);
    if (!r) return instant(h, day, minute);
    if (r.end < MINUTES_PER_DAY) {
      minute = r.end;
      continue;
    }
    day = addDays(day, 1);
    minute = 0;
  }
  return null;
}

/** A closure that covers the local day of `now` (refused from the console: ECN_ERR_CLOSURE_TODAY). */
export function refuseClosureCoveringToday(
  closures: readonly Closure[],
  now: number,
  timeZone: string,
): void {
  const today = localMoment(now, timeZone).day;
  const c = closures.find((x) => x.from <= today && today <= x.to);
  if (c) {
    throw new EcnError(
      'ECN_ERR_CLOSURE_TODAY',
      `The closure ${formatClosure(c)} covers today: it would cut off the residents connected now.`,
      { closure: formatClosure(c) },
    );
  }
}
