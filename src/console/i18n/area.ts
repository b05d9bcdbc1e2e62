// One console area's messages in each console language, as read from locales/<lang>/<area>.json.

import { LOCALES } from '../../i18n/catalogs';
import { CONSOLE_LANGUAGES, type ConsoleLanguage } from '../../domain/languages';
import { mergeAreas } from '../../i18n/messages';

export function consoleArea<K extends string>(
  area: string,
): Readonly<Record<ConsoleLanguage, Readonly<Record<K, string>>>> {
  return Object.fromEntries(
    CONSOLE_LANGUAGES.map((l) => [l, mergeAreas(LOCALES, l, (a) => a === area)]),
  ) as Record<ConsoleLanguage, Record<K, string>>;
}
