// What `ecn setup` says to the person installing a box: French first, the same keys in English,
// in locales/<lang>/setup.json (ICU MessageFormat, like every catalog; docs/fr/traduire.md).
// Placeholders are {name}; the code never writes a sentence of its own.

import { LOCALES } from '../../i18n/catalogs';
import type { SetupKey, SetupPlaceholders } from '../../i18n/keys.generated';
import { mergeAreas, messageFormatter, type TypedTranslate } from '../../i18n/messages';

export const SETUP_LANGUAGES = ['fr', 'en'] as const;
export type SetupLanguage = (typeof SETUP_LANGUAGES)[number];

export type SetupMessageKey = SetupKey;

export type Translate = TypedTranslate<SetupPlaceholders>;

export function translator(lang: SetupLanguage): Translate {
  return messageFormatter(
    lang,
    mergeAreas(LOCALES, lang, (area) => area === 'setup'),
  );
}

/** `--lang`, else English when LANG/LC_ALL/LC_MESSAGES say so, else French. */
export function pickLanguage(
  flag: string | undefined,
  env: Record<string, string | undefined>,
): SetupLanguage | null {
  if (flag !== undefined)
    return (SETUP_LANGUAGES as readonly string[]).includes(flag) ? (flag as SetupLanguage) : null;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en([_.@-]|$)/.test(locale) ? 'en' : 'fr';
}
