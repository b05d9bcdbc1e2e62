// Chart geometry computed once, drawn twice: as SVG in the console and with pdfkit in the
// monthly report. Pure functions from data and a frame size to positioned marks.

import { chartText, type ChartLang } from '../../console/i18n/charts';
import { sequentialScale, seriesColours } from './colours';
import { numberFormat, type ValueFormat } from './number-format';

export interface BarDatum {
  label: string;
  /** One number, or one per series for grouped bars (then give `legend`). */
  value: number | readonly number[];
}

export interface BarChartInput {
  title: string;
  desc: string;
  series: readonly BarDatum[];
  /** Names of the grouped series, in the order of the values. */
  legend?: readonly string[];
  unit?: string;
  valueFormat?: ValueFormat;
  lang?: ChartLang;
  /** The space's primary colour; ignored when it does not stand out from white. */
  colour?: string;
  /** Prefix of the ids inside the SVG; unique on the page. */
  id?: string;
}

export interface HeatMapInput {
  title: string;
  desc: string;
  rows: readonly string[];
  cols: readonly string[];
  /** values[row][col] */
  values: readonly (readonly number[])[];
  unit?: string;
  valueFormat?: ValueFormat;
  lang?: ChartLang;
  colour?: string;
  id?: string;
}

export interface Frame {
  width: number;
  height: number;
  /** Room for the y-axis labels (bars) or the row labels (heat map). */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
  series: number;
  colour: string;
  /** "lundi : 12 sessions", or "lundi, émis : 12" for grouped bars. */
  tip: string;
  /** The value alone, written above the bar when it fits. */
  short: string;
}

export interface BarModel {
  empty: boolean;
  frame: Frame;
  plot: { x: number; y: number; width: number; height: number };
  max: number;
  ticks: { value: number; y: number; text: string }[];
  bars: Bar[];
  /** Category labels, centred under their group; some skipped when they would overlap. */
  xLabels: { x: number; text: string }[];
  legend: { name: string; colour: string }[];
  /** Whether bars are wide enough to carry their value above them. */
  valueLabels: boolean;
}

export interface HeatCell {
  x: number;
  y: number;
  width: number;
  height: number;
  row: number;
  col: number;
  value: number;
  /** 0 = empty, 1..levels */
  level: number;
  colour: string | null;
  tip: string;
}

export interface HeatModel {
  empty: boolean;
  frame: Frame;
  cellWidth: number;
  cellHeight: number;
  rowLabels: { y: number; text: string }[];
  colLabels: { x: number; text: string }[];
  cells: HeatCell[];
  /** From "none" to the busiest shade: colour null means an empty (outlined) cell. */
  legend: { colour: string | null; text: string }[];
}

const clean = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);

export function valuesOf(d: BarDatum): number[] {
  return (typeof d.value === 'number' ? [d.value] : [...d.value]).map(clean);
}

export function barFormat(input: {
  valueFormat?: ValueFormat;
  lang?: ChartLang;
  unit?: string;
}): ValueFormat {
  return input.valueFormat ?? numberFormat(input.lang ?? 'fr', input.unit ?? '');
}

/** A step of 1, 2, 2.5 or 5 times a power of ten giving about `count` intervals. */
function niceStep(max: number, count: number, integers: boolean): number {
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  return integers ? Math.max(1, Math.ceil(step)) : step;
}

export function barModel(input: BarChartInput, frame: Frame): BarModel {
  const fmt = barFormat(input);
  const lang = input.lang ?? 'fr';
  const groups = input.series.map(valuesOf);
  const seriesCount = Math.max(1, ...groups.map((g) => g.length));
  const all = groups.flat();
  const dataMax = Math.max(0, ...all);
  const empty = groups.length === 0 || dataMax === 0;
  const grouped = seriesCount > 1 || (input.legend?.length ?? 0) > 1;
  const colours = seriesColours(seriesCount, input.colour);
  const legend = grouped
    ? colours.map((colour, i) => ({ name: input.legend?.[i] ?? String(i + 1), colour }))
    : [];
  const plot = {
    x: frame.left,
    y: frame.top,
    width: frame.width - frame.left - frame.right,
    height: frame.height - frame.top - frame.bottom,
  };
  const base = { empty, frame, plot, legend };
  if (empty) return { ...base, max: 0, ticks: [], bars: [], xLabels: [], valueLabels: false };

  const plain = numberFormat(lang);
  const integers = all.every((v) => Number.isInteger(v));
  const step = niceStep(dataMax, 4, integers);
  const max = Math.ceil(dataMax / step - 1e-9) * step;
  const yOf = (v: number) => plot.y + plot.height - (v / max) * plot.height;
  const ticks = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push({ value: v, y: yOf(v), text: plain(v) });

  const band = plot.width / groups.length;
  const inner = band * (groups.length > 12 ? 0.85 : 0.7);
  const barWidth = inner / seriesCount;
  const bars: Bar[] = [];
  groups.forEach((values, g) => {
    const label = input.series[g]!.label;
    values.forEach((value, s) => {
      const height = (value / max) * plot.height;
      const text = fmt(value);
      const short = plain(value);
      const name = grouped ? `${label}, ${legend[s]?.name ?? s + 1}` : label;
      bars.push({
        x: plot.x + g * band + (band - inner) / 2 + s * barWidth,
        y: plot.y + plot.height - height,
        width: barWidth,
        height,
        value,
        series: s,
        colour: colours[s]!,
        tip: chartText(lang, 'charts.bar.tip', { label: name, value: text }),
        short,
      });
    });
  });
  // Labels need about 7 units per character; skip every other one (or more) when crowded.
  const longest = Math.max(...input.series.map((d) => d.label.length));
  const every = Math.max(1, Math.ceil((longest * 7 + 4) / band));
  const xLabels = input.series.flatMap((d, g) =>
    g % every === 0 ? [{ x: plot.x + g * band + band / 2, text: d.label }] : [],
  );
  const longestValue = Math.max(...bars.map((b) => b.short.length));
  return { ...base, max, ticks, bars, xLabels, valueLabels: barWidth >= longestValue * 6 };
}

export function heatModel(input: HeatMapInput, frame: Frame, levels = 4): HeatModel {
  const lang = input.lang ?? 'fr';
  const fmt = barFormat(input);
  const rows = input.rows.length;
  const cols = input.cols.length;
  const at = (r: number, c: number) => clean(input.values[r]?.[c] ?? 0);
  let max = 0;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) max = Math.max(max, at(r, c));
  const empty = rows === 0 || cols === 0 || max === 0;
  const cellWidth = cols ? (frame.width - frame.left - frame.right) / cols : 0;
  const cellHeight = rows ? (frame.height - frame.top - frame.bottom) / rows : 0;
  const base = { empty, frame, cellWidth, cellHeight };
  if (empty) return { ...base, rowLabels: [], colLabels: [], cells: [], legend: [] };

  const scale = sequentialScale(levels, input.colour);
  const levelOf = (v: number) => (v <= 0 ? 0 : Math.min(levels, Math.ceil((v / max) * levels - 1e-9)));
  const cells: HeatCell[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const value = at(r, c);
      const level = levelOf(value);
      cells.push({
        x: frame.left + c * cellWidth,
        y: frame.top + r * cellHeight,
        width: cellWidth,
        height: cellHeight,
        row: r,
        col: c,
        value,
        level,
        colour: level ? scale[level - 1]! : null,
        tip: chartText(lang, 'charts.heat.cell', {
          row: input.rows[r]!,
          col: input.cols[c]!,
          value: fmt(value),
        }),
      });
    }
  }
  const every = Math.max(1, Math.ceil(28 / cellWidth));
  const colLabels = input.cols.flatMap((text, c) =>
    c % every === 0 ? [{ x: frame.left + c * cellWidth + cellWidth / 2, text }] : [],
  );
  const rowLabels = input.rows.map((text, r) => ({ y: frame.top + r * cellHeight + cellHeight / 2, text }));

  // What each shade stands for: whole numbers when the data are counts, else upper bounds.
  const integers = cells.every((c) => Number.isInteger(c.value));
  const plain = input.valueFormat ?? numberFormat(lang);
  const legend: HeatModel['legend'] = [{ colour: null, text: plain(0) }];
  for (let k = 1; k <= levels; k++) {
    const hi = (max * k) / levels;
    if (integers) {
      const from = Math.floor((max * (k - 1)) / levels + 1e-9) + 1;
      const to = Math.floor(hi + 1e-9);
      if (from > to) continue;
      legend.push({ colour: scale[k - 1]!, text: from === to ? plain(to) : `${plain(from)}–${plain(to)}` });
    } else {
      legend.push({ colour: scale[k - 1]!, text: `≤\u00a0${plain(hi)}` });
    }
  }
  return { ...base, rowLabels, colLabels, cells, legend };
}
