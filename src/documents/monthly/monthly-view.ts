// The HTML renderer of the monthly report: what the console's statistics page shows of the
// model (views/console/stats.ejs), the key figures with how each is counted, and the charts
// as inline SVG each with its table.

import { barChart, chartTable, heatMap, type BarChartInput, type HeatMapInput } from '../charts';
import type { ConsoleKey, ConsoleLanguage, ConsoleTranslate } from '../../console/i18n';
import { figureFormat } from './monthly-format';
import { figureById, type KeyedLabel, type ModelFigure, type MonthlyModel } from './monthly-model';

export interface Figure {
  label: string;
  value: string;
  explain: string;
}

export interface ChartView {
  id: string;
  title: string;
  desc: string;
  /** Escaped SVG (role="img"), to inline as is. */
  svg: string;
  /** Escaped HTML table, to inline as is. */
  table: string;
  /** The heat map's table is 25 columns wide: it scrolls on its own. */
  wide: boolean;
}

export interface MonthlyView {
  figures: Figure[];
  /** What the animators recorded and the residents' calls for help (issue #15). */
  attendance: Figure[];
  charts: ChartView[];
}

/** How each key figure is counted, told under it on the page. */
const EXPLAIN: Readonly<Record<string, ConsoleKey>> = {
  deviceDays: 'stats.explain.devices',
  sessions: 'stats.explain.sessions',
  hours: 'stats.explain.hours',
  ticketsIssued: 'stats.explain.issued',
  ticketsUsed: 'stats.explain.used',
  charter: 'stats.explain.charter',
  charterPortal: 'stats.explain.charterPortal',
  charterTicket: 'stats.explain.charterTicket',
};

function explainKey(id: string): ConsoleKey {
  const key = EXPLAIN[id];
  if (!key) throw new RangeError(`no explanation for the figure ${id}`);
  return key;
}

export function monthlyView(m: MonthlyModel, t: ConsoleTranslate, lang: ConsoleLanguage): MonthlyView {
  const text = figureFormat(lang);
  const figures = m.keyFigures.map((f) => ({
    label: t(f.label),
    value: text(f),
    explain: t(explainKey(f.id)),
  }));
  return { figures, attendance: attendanceFigures(m, t, lang), charts: chartViews(m, t, lang) };
}

/** Attendance recorded by the animators (issue #15, item 6), beside the Wi-Fi figures. */
function attendanceFigures(m: MonthlyModel, t: ConsoleTranslate, lang: ConsoleLanguage): Figure[] {
  const text = figureFormat(lang);
  const fig = (id: string) => figureById(m.attendance, id);
  const item = (f: ModelFigure, explain: string): Figure => ({ label: t(f.label), value: text(f), explain });
  return [
    item(fig('deskVisits'), t('stats.explain.desk')),
    item(
      fig('workshops'),
      t('stats.explain.workshops', {
        people: text(fig('workshopParticipants')),
        hours: text(fig('workshopHours')),
      }),
    ),
    item(fig('individualSessions'), t('stats.explain.individual', { hours: text(fig('individualHours')) })),
    item(m.helpTotal, t('stats.explain.help')),
  ];
}

const labelOf = (l: KeyedLabel, t: ConsoleTranslate) => (l.label ? t(l.label) : l.key);

function chartInputs(m: MonthlyModel, t: ConsoleTranslate, lang: ConsoleLanguage) {
  const weekdays = t('charts.weekdays').split(',');
  const bar = (id: string, title: ConsoleKey, desc: ConsoleKey, rest: Partial<BarChartInput>) =>
    ({ id, title: t(title), desc: t(desc), series: [], lang, ...rest }) as BarChartInput;
  const weekHours = (id: string, title: ConsoleKey, desc: ConsoleKey, values: number[][]): HeatMapInput => ({
    id,
    title: t(title),
    desc: t(desc),
    rows: t('charts.weekdaysShort').split(','),
    cols: Array.from({ length: 24 }, (_, h) => t('charts.hour', { hour: h })),
    values,
    lang,
  });
  return {
    profiles: bar('profiles', 'charts.report.byProfile', 'stats.profiles.desc', {
      series: m.profiles.map((p) => ({ label: p.label, value: [p.issued, p.used] })),
      legend: [t('charts.report.issued'), t('charts.report.used')],
    }),
    weekdays: bar('weekdays', 'charts.report.sessionsByWeekday', 'stats.weekdays.desc', {
      series: m.sessionsByWeekday.map((value, i) => ({ label: weekdays[i] ?? String(i + 1), value })),
      unit: t('charts.unit.sessions'),
    }),
    heat: weekHours('heat', 'charts.report.busiestHours', 'stats.heat.desc', m.heat),
    // Issue #15, item 1: calls for help by opening hour, counted the same way as the sessions.
    helpHeat: weekHours('help-heat', 'charts.report.helpByHour', 'stats.helpHeat.desc', m.helpHeat),
    blocked: bar('blocked', 'charts.report.blocked', 'stats.blocked.desc', {
      series: m.blocked.map((b) => ({ label: b.category, value: b.count })),
    }),
    languages: bar('languages', 'charts.report.byLanguage', 'stats.languages.desc', {
      series: m.languages.map((l) => ({ label: labelOf(l, t), value: l.count })),
    }),
  };
}

function chartViews(m: MonthlyModel, t: ConsoleTranslate, lang: ConsoleLanguage): ChartView[] {
  const inputs = chartInputs(m, t, lang);
  const view = (input: BarChartInput | HeatMapInput, svg: string, wide: boolean): ChartView => ({
    id: input.id!,
    title: input.title,
    desc: input.desc,
    svg,
    table: chartTable(input),
    wide,
  });
  const bar = (input: BarChartInput) => view(input, barChart(input), false);
  return [
    bar(inputs.profiles),
    bar(inputs.weekdays),
    view(inputs.heat, heatMap(inputs.heat), true),
    view(inputs.helpHeat, heatMap(inputs.helpHeat), true),
    bar(inputs.blocked),
    bar(inputs.languages),
  ];
}
