// Words of the console's charts and of the printable monthly report
// (locales/<lang>/charts.json), French first.

import type { ChartKey } from '../../i18n/keys.generated';
import { CONSOLE_LANGUAGES, intlLocale, type ConsoleLanguage } from '../../domain/languages';
import { messageFormatter } from '../../i18n/messages';
import { consoleArea } from './area';

export type { ChartKey };
export type ChartLang = ConsoleLanguage;

export const charts = consoleArea<ChartKey>('charts');

const french = messageFormatter('fr', charts.fr);
const FORMATTERS = Object.fromEntries(
  CONSOLE_LANGUAGES.map((l) => [l, l === 'fr' ? french : messageFormatter(l, charts[l], french)]),
) as Readonly<Record<ChartLang, (key: ChartKey, vars?: Record<string, string | number>) => string>>;

/** The text of `key` in `lang`, with `{name}` placeholders filled in. */
export function chartText(
  lang: ChartLang,
  key: ChartKey,
  vars: Record<string, string | number> = {},
): string {
  return FORMATTERS[lang](key, vars);
}

/** The locale `Intl` formats numbers and dates with. */
export function chartLocale(lang: ChartLang): string {
  return intlLocale(lang);
}
