// The one place that writes dates, times, durations, sizes and numbers for people: the portal,
// the console, the printed tickets, the charts and `ecn` all read them from here, in the
// language's Intl locale from the languages registry.

import { intlLocale, type Language } from '../domain/languages';

/** A number with at most `digits` decimals, as the language writes it ("12,5", "1 234"). */
export function formatNumber(lang: Language, value: number, digits = 1): string {
  return new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: digits }).format(value);
}

/** « 14:05 », in a time zone. */
export function formatTime(lang: Language, epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(epochMs);
}

/**
 * « mardi 8 décembre à 14:00 »: a time that may not be today (a workshop ticket used days
 * before its window opens), so the reader sees the day as well.
 */
export function formatDayTime(lang: Language, epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(epochMs);
}

/** The weekday's name (0 = Monday), for the opening hours. */
export function formatWeekday(lang: Language, index: number): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(intlLocale(lang), { weekday: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, 1 + index),
  );
}

/** Any other date or time shape, in the language's locale. */
export function formatDate(lang: Language, epochMs: number, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(intlLocale(lang), options).format(epochMs);
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(timeZone: string, epochMs: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(epochMs);
}

/** Whole days, hours and minutes of a duration, rounded to the minute as `round` says. */
export function splitDuration(
  seconds: number,
  round: 'floor' | 'ceil' | 'round',
): { d: number; h: number; m: number } {
  const total = Math.max(0, Math[round](seconds / 60));
  return { d: Math.floor(total / 1440), h: Math.floor((total % 1440) / 60), m: total % 60 };
}

/**
 * « 1 j 2 h », « 3 h 5 min », « 7 min » through the catalog's three messages (`days` reads d
 * and h, `hours` h and m, `minutes` m), so each language writes its own units and plurals.
 */
export function formatDuration<K extends string>(
  t: (key: K, vars?: Record<string, string | number>) => string,
  keys: { days: K; hours: K; minutes: K },
  seconds: number,
  round: 'floor' | 'ceil' | 'round' = 'ceil',
): string {
  const { d, h, m } = splitDuration(seconds, round);
  if (d > 0) return t(keys.days, { d, h });
  if (h > 0) return t(keys.hours, { h, m });
  return t(keys.minutes, { m });
}

/** « 1,5 Go », « 300 Mo » through the catalog's two messages (`gb`, `mb`, both read n). */
export function formatSize<K extends string>(
  lang: Language,
  t: (key: K, vars?: Record<string, string | number>) => string,
  keys: { mb: K; gb: K },
  bytes: number,
): string {
  return bytes >= 1e9
    ? t(keys.gb, { n: formatNumber(lang, bytes / 1e9) })
    : t(keys.mb, { n: formatNumber(lang, bytes / 1e6) });
}
