// Numbers as people read them in the space: French by default ("12,5 h", "1 234").

import { chartLocale, type ChartLang } from '../../console/i18n/charts';

export type ValueFormat = (value: number) => string;

/** Formats with at most one decimal, followed by the unit after a no-break space. */
export function numberFormat(lang: ChartLang, unit = ''): ValueFormat {
  const nf = new Intl.NumberFormat(chartLocale(lang), { maximumFractionDigits: 1 });
  return (value) => (unit ? `${nf.format(value)}\u00a0${unit}` : nf.format(value));
}
