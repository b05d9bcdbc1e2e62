// How the tickets pages write times, durations and identifiers for animators: in the space's
// time zone, in the console's language, never with a ticket code outside the batch page.

import { splitDuration } from '../../i18n/format';
import { intlLocale } from '../../domain/languages';
import type { ConsoleLanguage, ConsoleTranslate } from '../i18n';

/** `28/11/2026 10:05`, in the space's time zone. */
export function formatDateTime(lang: ConsoleLanguage, timeZone: string, epochMs: number): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(epochMs);
}

/** `31/12/2026`, in the space's time zone. */
export function formatDate(lang: ConsoleLanguage, timeZone: string, epochMs: number): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(epochMs);
}

/** The short form of a batch or ticket identifier: its last 8 characters (random in a UUID). */
export function shortId(id: string): string {
  return id.slice(-8);
}

/** « 1 heure », « 2 heures », « 1 jour », « 1 jour 12 heures », « 30 minutes ». */
export function durationText(t: ConsoleTranslate, seconds: number): string {
  const { d: days, h: hours, m: minutes } = splitDuration(seconds, 'round');
  const parts: string[] = [];
  if (days > 0) parts.push(days === 1 ? t('tickets.duration.day') : t('tickets.duration.days', { n: days }));
  if (hours > 0)
    parts.push(hours === 1 ? t('tickets.duration.hour') : t('tickets.duration.hours', { n: hours }));
  if (minutes > 0 || parts.length === 0) {
    parts.push(minutes === 1 ? t('tickets.duration.minute') : t('tickets.duration.minutes', { n: minutes }));
  }
  return parts.join(' ');
}

/** « mardi 9 décembre », in the space's time zone. */
export function formatDay(lang: ConsoleLanguage, timeZone: string, epochMs: number): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(epochMs);
}

/** « 14 h », « 14 h 30 » in French (as printed on a poster), « 14:00 » in English. */
export function formatHour(lang: ConsoleLanguage, timeZone: string, epochMs: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  })
    .formatToParts(epochMs)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const h = Number(parts.hour);
  const m = parts.minute ?? '00';
  if (lang === 'fr') return m === '00' ? `${h} h` : `${h} h ${m}`;
  return `${String(h).padStart(2, '0')}:${m}`;
}

/**
 * What a ticket says about its validity window: « Valable le mardi 9 décembre de 14 h à 17 h »
 * for a workshop, « Valable du … au … » across days, « À utiliser avant le … » with an end only.
 * Null when the ticket has no window.
 */
export function windowText(
  t: ConsoleTranslate,
  lang: ConsoleLanguage,
  timeZone: string,
  validFrom: number | null,
  validUntil: number | null,
): string | null {
  if (validFrom === null && validUntil === null) return null;
  if (validFrom === null) return t('tickets.validUntil', { date: formatDate(lang, timeZone, validUntil!) });
  const from = { day: formatDay(lang, timeZone, validFrom), hour: formatHour(lang, timeZone, validFrom) };
  if (validUntil === null) return t('tickets.window.from', from);
  // The end is exclusive: a window until midnight still reads as one day.
  const lastDay = formatDay(lang, timeZone, validUntil - 1);
  const until = { day: formatDay(lang, timeZone, validUntil), hour: formatHour(lang, timeZone, validUntil) };
  if (lastDay === from.day) {
    return t('tickets.window.sameDay', { day: from.day, from: from.hour, until: until.hour });
  }
  return t('tickets.window.days', {
    fromDay: from.day,
    fromHour: from.hour,
    untilDay: until.day,
    untilHour: until.hour,
  });
}
