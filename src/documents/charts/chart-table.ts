// The data of a chart as an HTML table: the chart is for those who would rather look, the
// table for screen readers and for anyone who wants the exact figures.

import { chartText } from '../../console/i18n/charts';
import { barFormat, valuesOf, type BarChartInput, type HeatMapInput } from './model';
import { escapeXml } from './xml';

export interface TableModel {
  caption: string;
  /** Header of the first column (the row headers). */
  corner: string;
  columns: string[];
  rows: { header: string; cells: string[] }[];
  /** Set when there is nothing to show yet. */
  empty: string | null;
}

function isHeat(input: BarChartInput | HeatMapInput): input is HeatMapInput {
  return 'rows' in input && 'cols' in input;
}

export function chartTableModel(input: BarChartInput | HeatMapInput): TableModel {
  const lang = input.lang ?? 'fr';
  const fmt = barFormat(input);
  if (isHeat(input)) {
    const rows = input.rows.map((header, r) => ({
      header,
      cells: input.cols.map((_, c) => fmt(input.values[r]?.[c] ?? 0)),
    }));
    const empty = input.values.flat().some((v) => v > 0) ? null : chartText(lang, 'charts.empty');
    return {
      caption: input.title,
      corner: chartText(lang, 'charts.table.day'),
      columns: [...input.cols],
      rows,
      empty,
    };
  }
  const groups = input.series.map(valuesOf);
  const width = Math.max(1, ...groups.map((g) => g.length));
  const columns =
    width > 1 || (input.legend?.length ?? 0) > 1
      ? Array.from({ length: width }, (_, i) => input.legend?.[i] ?? String(i + 1))
      : [chartText(lang, 'charts.table.value')];
  const rows = input.series.map((d, g) => ({
    header: d.label,
    cells: columns.map((_, i) => fmt(groups[g]![i] ?? 0)),
  }));
  const empty = groups.flat().some((v) => v > 0) ? null : chartText(lang, 'charts.empty');
  return { caption: input.title, corner: chartText(lang, 'charts.table.label'), columns, rows, empty };
}

/**
 * The table as escaped HTML, ready to be inlined next to the chart. A heat map's table has
 * 25 columns: the view puts it in a focusable scrolling container (or a <details>) on phones.
 */
export function chartTable(input: BarChartInput | HeatMapInput): string {
  const t = chartTableModel(input);
  const th = (s: string, scope: 'col' | 'row') => `<th scope="${scope}">${escapeXml(s)}</th>`;
  const head = `<thead><tr>${[t.corner, ...t.columns].map((c) => th(c, 'col')).join('')}</tr></thead>`;
  const body = t.empty
    ? `<tr><td colspan="${t.columns.length + 1}">${escapeXml(t.empty)}</td></tr>`
    : t.rows
        .map(
          (r) => `<tr>${th(r.header, 'row')}${r.cells.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`,
        )
        .join('');
  return `<table class="ecn-chart-table"><caption>${escapeXml(t.caption)}</caption>${head}<tbody>${body}</tbody></table>`;
}
