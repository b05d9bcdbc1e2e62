// How the tickets pages write times, durations and identifiers for animators: in the space's
// time zone, in the console's language, never with a ticket code outside the batch page.

import type { ConsoleLanguage, ConsoleTranslate } from '../i18n';

const LOCALES: Record<ConsoleLanguage, string> = { fr: 'fr-FR', en: 'en-GB' };

/** `28/11/2026 10:05`, in the space's time zone. */
export function formatDateTime(lang: ConsoleLanguage, timeZone: string, epochMs: number): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
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
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(epochMs);
}

/** `2026-11-28`, the calendar day in the space's time zone (file names). */
export function isoDay(timeZone: string, epochMs: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(epochMs);
}

/** The short form of a batch or ticket identifier: its last 8 characters (random in a UUID). */
export function shortId(id: string): string {
  return id.slice(-8);
}

/** « 1 heure », « 2 heures », « 1 jour », « 1 jour 12 heures », « 30 minutes ». */
export function durationText(t: ConsoleTranslate, seconds: number): string {
  const total = Math.max(0, Math.round(seconds / 60));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(days === 1 ? t('tickets.duration.day') : t('tickets.duration.days', { n: days }));
  if (hours > 0)
    parts.push(hours === 1 ? t('tickets.duration.hour') : t('tickets.duration.hours', { n: hours }));
  if (minutes > 0 || parts.length === 0) {
    parts.push(minutes === 1 ? t('tickets.duration.minute') : t('tickets.duration.minutes', { n: minutes }));
  }
  return parts.join(' ');
}
