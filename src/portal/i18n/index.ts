// The portal's catalogs, the choice of language for a request, and the formats of times,
// durations and sizes residents read.

import { LANGUAGES, type Language } from '../../domain/charter';
import { LOCALES } from '../../i18n/catalogs';
import type { PortalKey } from '../../i18n/keys.generated';
import { htmlLang, intlLocale, LANGUAGE_REGISTRY, negotiableLanguage } from '../../i18n/languages';
import { mergeAreas, messageFormatter } from '../../i18n/messages';

export type CatalogKey = PortalKey;
export type Catalog = Readonly<Record<CatalogKey, string>>;

/** Each language's portal messages (the `portal-*` areas of locales/<lang>/), ICU MessageFormat. */
export const CATALOGS = Object.fromEntries(
  LANGUAGES.map((l) => [l, mergeAreas(LOCALES, l, (area) => area.startsWith('portal-'))]),
) as Readonly<Record<Language, Catalog>>;

/** How each language names itself in the language switch. */
export const LANGUAGE_NAMES = Object.fromEntries(
  LANGUAGE_REGISTRY.map((l) => [l.code, l.nativeName]),
) as Readonly<Record<Language, string>>;

export { htmlLang };

export type Translate = (key: CatalogKey, vars?: Record<string, string | number>) => string;

const FORMATTERS = Object.fromEntries(
  LANGUAGES.map((l) => [l, messageFormatter(l, CATALOGS[l])]),
) as Readonly<Record<Language, Translate>>;

export function translator(lang: Language): Translate {
  return FORMATTERS[lang];
}

/** First guess from Accept-Language (q-values honoured); FALC is only chosen by the switch. */
export function fromAcceptLanguage(header: string | undefined, fallback: Language): Language {
  if (!header) return fallback;
  const ranked = header
    .slice(0, 500)
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { tag: tag.toLowerCase(), q: q ? Number(q[1]) : 1, i };
    })
    .filter((x) => x.tag && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const picked = negotiableLanguage(tag.split('-')[0]!);
    if (picked) return picked;
  }
  return fallback;
}

export function isOffered(s: unknown): s is Language {
  return typeof s === 'string' && (LANGUAGES as readonly string[]).includes(s);
}

const locale = intlLocale;

export function formatTime(lang: Language, epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(lang), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(epochMs);
}

/**
 * « mardi 8 décembre à 14:00 »: a time that may not be today (a workshop ticket used days
 * before its window opens), so the resident reads the day as well.
 */
export function formatDayTime(lang: Language, epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(epochMs);
}

/** The weekday's name (0 = Monday) in the resident's language, for the opening hours. */
export function formatWeekday(lang: Language, index: number): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(locale(lang), { weekday: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, 1 + index),
  );
}

export function formatDuration(t: Translate, seconds: number): string {
  // Rounded up: a fresh one-hour ticket reads "1 h 0 min", and the last seconds "1 min".
  const totalMinutes = Math.max(0, Math.ceil(seconds / 60));
  const d = Math.floor(totalMinutes / 1440);
  const h = Math.floor((totalMinutes % 1440) / 60);
  const m = totalMinutes % 60;
  if (d > 0) return t('duration.days', { d, h });
  if (h > 0) return t('duration.hours', { h, m });
  return t('duration.minutes', { m });
}

export function formatSize(lang: Language, t: Translate, bytes: number): string {
  const nf = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 });
  return bytes >= 1e9
    ? t('size.gb', { n: nf.format(bytes / 1e9) })
    : t('size.mb', { n: nf.format(bytes / 1e6) });
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
