// The portal's catalogs, the choice of language for a request, and the formats of times,
// durations and sizes residents read (from the one formatting module, src/i18n/format.ts).

import { LANGUAGES, type Language } from '../../domain/charter';
import { LOCALES } from '../../i18n/catalogs';
import type { PortalKey, PortalPlaceholders } from '../../i18n/keys.generated';
import {
  dayIn,
  formatDayTime,
  formatDuration as duration,
  formatSize as size,
  formatTime,
  formatWeekday,
} from '../../i18n/format';
import { htmlLang, LANGUAGE_REGISTRY, negotiableLanguage } from '../../domain/languages';
import { mergeAreas, messageFormatter, type TypedTranslate } from '../../i18n/messages';

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

export type Translate = TypedTranslate<PortalPlaceholders>;

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

export { dayIn, formatDayTime, formatTime, formatWeekday };

/** Time left, rounded up: a fresh one-hour ticket reads "1 h 0 min", the last seconds "1 min". */
export function formatDuration(t: Translate, seconds: number): string {
  return duration(
    t,
    { days: 'duration.days', hours: 'duration.hours', minutes: 'duration.minutes' },
    seconds,
  );
}

export function formatSize(lang: Language, t: Translate, bytes: number): string {
  return size(lang, t, { mb: 'size.mb', gb: 'size.gb' }, bytes);
}
