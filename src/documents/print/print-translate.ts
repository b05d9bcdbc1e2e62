// The translate function of the print catalog: ICU messages of locales/<lang>/print.json.

import { CONSOLE_LANGUAGES } from '../../domain/languages';
import { messageFormatter } from '../../i18n/messages';
import { print, type PrintKey, type PrintLanguage } from '../../console/i18n/print';

export type { PrintKey, PrintLanguage };

export type PrintTranslate = (key: PrintKey, vars?: Readonly<Record<string, string | number>>) => string;

const FORMATTERS = Object.fromEntries(
  CONSOLE_LANGUAGES.map((l) => [l, messageFormatter(l, print[l])]),
) as Readonly<Record<PrintLanguage, PrintTranslate>>;

export function printTranslator(lang: PrintLanguage): PrintTranslate {
  return FORMATTERS[lang];
}

/** "Durée : 2 heures" in French, "Duration: 2 hours" in English. */
export function labelled(t: PrintTranslate, label: PrintKey, value: string): string {
  return t('print.labelValue', { label: t(label), value });
}
