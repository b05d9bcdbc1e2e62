// How the monthly report's renderers write its month and its figures, in the report's language.

import { chartLocale, chartText, type ChartLang } from '../../console/i18n/charts';
import { numberFormat } from '../charts/number-format';
import type { ModelFigure } from './monthly-model';

/** Month name and year in the language, e.g. "novembre 2026". */
export function monthTitle(month: string, lang: ChartLang): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(chartLocale(lang), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(y!, m! - 1, 1));
}

/** Writes a figure's value as both renderers show it: "1 234", "812,5 h". */
export function figureFormat(lang: ChartLang): (f: Pick<ModelFigure, 'value' | 'unit'>) => string {
  const num = numberFormat(lang);
  const hours = numberFormat(lang, chartText(lang, 'charts.unit.hours'));
  return (f) => (f.unit === 'hours' ? hours(f.value) : num(f.value));
}
