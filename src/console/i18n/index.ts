// The console's catalogs: the `console-*`, `print` and `charts` areas of locales/<lang>/, merged.
// French is the default; English is offered for staff who read it better. Keys are checked at
// compile time through the generated key types.

import { LOCALES } from '../../i18n/catalogs';
import type { ConsoleKey, ConsolePlaceholders } from '../../i18n/keys.generated';
import { CONSOLE_LANGUAGES, type ConsoleLanguage } from '../../domain/languages';
import { mergeAreas, messageFormatter, type TypedTranslate } from '../../i18n/messages';

export { CONSOLE_LANGUAGES, type ConsoleLanguage, type ConsoleKey };

const isConsoleArea = (area: string) => area.startsWith('console-') || area === 'print' || area === 'charts';

export const CONSOLE_CATALOGS = Object.fromEntries(
  CONSOLE_LANGUAGES.map((l) => [l, mergeAreas(LOCALES, l, isConsoleArea)]),
) as Readonly<Record<ConsoleLanguage, Readonly<Record<ConsoleKey, string>>>>;

export type ConsoleTranslate = TypedTranslate<ConsolePlaceholders>;

const FORMATTERS = Object.fromEntries(
  CONSOLE_LANGUAGES.map((l) => [l, messageFormatter(l, CONSOLE_CATALOGS[l])]),
) as Readonly<Record<ConsoleLanguage, ConsoleTranslate>>;

export function consoleTranslator(lang: ConsoleLanguage): ConsoleTranslate {
  return FORMATTERS[lang];
}

export function isConsoleLanguage(s: unknown): s is ConsoleLanguage {
  return typeof s === 'string' && (CONSOLE_LANGUAGES as readonly string[]).includes(s);
}

/** Whether the catalogs have this key (error codes looked up by name). */
export function isConsoleKey(key: string): key is ConsoleKey {
  return Object.hasOwn(CONSOLE_CATALOGS.fr, key);
}
