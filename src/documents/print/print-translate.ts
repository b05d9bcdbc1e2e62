// The translate function of the print catalog: `{name}` placeholders filled from vars.

import { print, type PrintKey, type PrintLanguage } from '../../console/i18n/print';

export type { PrintKey, PrintLanguage };

export type PrintTranslate = (key: PrintKey, vars?: Readonly<Record<string, string | number>>) => string;

export function printTranslator(lang: PrintLanguage): PrintTranslate {
  const catalog: Readonly<Record<PrintKey, string>> = print[lang];
  return (key, vars) =>
    catalog[key].replace(/\{(\w+)\}/g, (m, name: string) =>
      vars && Object.hasOwn(vars, name) ? String(vars[name]) : m,
    );
}

/** "Durée : 2 heures" in French, "Duration: 2 hours" in English. */
export function labelled(t: PrintTranslate, label: PrintKey, value: string): string {
  return t('print.labelValue', { label: t(label), value });
}
