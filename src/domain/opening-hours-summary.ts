// The week's opening hours in a few words, for a printed ticket and the console
// (« lun–ven 9 h–12 h, 14 h–18 h ; sam 9 h–12 h »): weekdays with the same ranges are grouped,
// consecutive ones as a span. Pure (Intl only for the weekday names).

import { intlLocale } from './languages';
import { WEEKDAYS, type OpeningHours, type TimeRange, type Weekday } from './opening-hours';

/** The languages a summary is written in (the console's and the print sheets'). */
export type SummaryLanguage = 'fr' | 'en';

/** French sets a space before the semicolon. */
const GROUP_SEPARATOR: Readonly<Record<SummaryLanguage, string>> = { fr: ' ; ', en: '; ' };

/** A Monday (UTC) to name weekdays from. */
const A_MONDAY = Date.UTC(2026, 10, 2, 12);

function weekdayName(day: Weekday, lang: SummaryLanguage): string {
  const at = A_MONDAY + WEEKDAYS.indexOf(day) * 86_400_000;
  const name = new Intl.DateTimeFormat(intlLocale(lang), {
    weekday: 'short',
    timeZone: 'UTC',
  }).format(at);
  // « lun. » → « lun »: the abbreviation reads the same, and the line stays short.
  return name.replace(/\.$/, '');
}

/** 9 h, 9 h 30 (French typography) or 9:00, 9:30 (English). */
function clock(minute: number, lang: SummaryLanguage): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  if (lang === 'fr') return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
  return `${h}:${String(m).padStart(2, '0')}`;
}

function rangesText(ranges: readonly TimeRange[], lang: SummaryLanguage): string {
  return ranges.map((r) => `${clock(r.start, lang)}–${clock(r.end, lang)}`).join(', ');
}

/**
 * The week's hours, e.g. « lun–ven 9 h–12 h, 14 h–18 h ; sam 9 h–12 h »; days closed all week
 * are left out. Null when the space sets no hours (always open): nothing to print.
 */
export function weekSummary(hours: Pick<OpeningHours, 'week'>, lang: SummaryLanguage): string | null {
  const week = hours.week;
  if (week === null) return null;
  const key = (d: Weekday) => rangesText(week[d], lang);
  // Runs of consecutive weekdays with the same ranges, then runs with the same ranges joined.
  const runs: { first: Weekday; last: Weekday; text: string }[] = [];
  for (const day of WEEKDAYS) {
    const text = key(day);
    const prev = runs[runs.length - 1];
    if (prev && prev.text === text && WEEKDAYS.indexOf(prev.last) === WEEKDAYS.indexOf(day) - 1)
      prev.last = day;
    else runs.push({ first: day, last: day, text });
  }
  const groups = new Map<string, string[]>();
  for (const run of runs) {
    if (run.text === '') continue;
    const span =
      run.first === run.last
        ? weekdayName(run.first, lang)
        : `${weekdayName(run.first, lang)}${WEEKDAYS.indexOf(run.last) - WEEKDAYS.indexOf(run.first) === 1 ? ', ' : '–'}${weekdayName(run.last, lang)}`;
    groups.set(run.text, [...(groups.get(run.text) ?? []), span]);
  }
  if (groups.size === 0) return null;
  return [...groups.entries()]
    .map(([text, spans]) => `${spans.join(', ')} ${text}`)
    .join(GROUP_SEPARATOR[lang]);
}
