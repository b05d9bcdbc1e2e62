// What the monthly statistics page shows, from the monthly report: the key figures with how
// each is counted, and the charts as inline SVG each with its table.

import {
  barChart,
  chartTable,
  heatMap,
  numberFormat,
  type BarChartInput,
  type HeatMapInput,
} from '../charts';
import { charts as chartCatalog } from '../../console/i18n/charts';
import type { ConsoleKey, ConsoleLanguage, ConsoleTranslate } from '../../console/i18n';
import type { MonthlyReport } from './monthly-report';
import { sessionsByWeekday } from './monthly-report-pdf';

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

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

export function monthlyView(
  r: MonthlyReport,
  t: ConsoleTranslate,
  lang: ConsoleLanguage,
  profileLabels: Record<string, string>,
): MonthlyView {
  const num = numberFormat(lang);
  const hours = numberFormat(lang, t('charts.unit.hours'));
  const figures: Figure[] = [
    { label: t('charts.report.deviceDays'), value: num(r.deviceDays), explain: t('stats.explain.devices') },
    { label: t('charts.report.sessions'), value: num(r.sessions), explain: t('stats.explain.sessions') },
    { label: t('charts.report.hours'), value: hours(r.hoursConnected), explain: t('stats.explain.hours') },
    {
      label: t('charts.report.ticketsIssued'),
      value: num(sum(r.ticketsIssued)),
      explain: t('stats.explain.issued'),
    },
    {
      label: t('charts.report.ticketsUsed'),
      value: num(sum(r.ticketsUsed)),
      explain: t('stats.explain.used'),
    },
    {
      label: t('charts.report.charter'),
      value: num(sum(r.charterAcceptances)),
      explain: t('stats.explain.charter'),
    },
    {
      label: t('charts.report.charterPortal'),
      value: num(r.charterAcceptancesByWay.portal),
      explain: t('stats.explain.charterPortal'),
    },
    {
      label: t('charts.report.charterTicket'),
      value: num(r.charterAcceptancesByWay.ticket),
      explain: t('stats.explain.charterTicket'),
    },
  ];
  // Attendance recorded by the animators (issue #15, item 6), beside the Wi-Fi figures.
  const a = r.attendance;
  const inHours = (minutes: number) => hours(Math.round((minutes / 60) * 10) / 10);
  const attendance: Figure[] = [
    { label: t('charts.report.deskVisits'), value: num(a.deskVisits), explain: t('stats.explain.desk') },
    {
      label: t('charts.report.workshops'),
      value: num(a.workshops),
      explain: t('stats.explain.workshops', {
        people: num(a.workshopParticipants),
        hours: inHours(a.workshopMinutes),
      }),
    },
    {
      label: t('charts.report.individualSessions'),
      value: num(a.individualSessions),
      explain: t('stats.explain.individual', { hours: inHours(a.individualMinutes) }),
    },
    {
      label: t('charts.report.helpRequests'),
      value: num(sum(r.helpRequests)),
      explain: t('stats.explain.help'),
    },
  ];

  const profiles = [...new Set([...Object.keys(r.ticketsIssued), ...Object.keys(r.ticketsUsed)])].sort();
  const byProfile: BarChartInput = {
    id: 'profiles',
    title: t('charts.report.byProfile'),
    desc: t('stats.profiles.desc'),
    series: profiles.map((p) => ({
      label: profileLabels[p] ?? p,
      value: [r.ticketsIssued[p] ?? 0, r.ticketsUsed[p] ?? 0],
    })),
    legend: [t('charts.report.issued'), t('charts.report.used')],
    lang,
  };
  const weekdays = t('charts.weekdays').split(',');
  const byWeekday: BarChartInput = {
    id: 'weekdays',
    title: t('charts.report.sessionsByWeekday'),
    desc: t('stats.weekdays.desc'),
    series: sessionsByWeekday(r).map((value, i) => ({ label: weekdays[i] ?? String(i + 1), value })),
    unit: t('charts.unit.sessions'),
    lang,
  };
  const heat: HeatMapInput = {
    id: 'heat',
    title: t('charts.report.busiestHours'),
    desc: t('stats.heat.desc'),
    rows: t('charts.weekdaysShort').split(','),
    cols: Array.from({ length: 24 }, (_, h) => t('charts.hour', { hour: h })),
    values: r.heat,
    lang,
  };
  const blocked: BarChartInput = {
    id: 'blocked',
    title: t('charts.report.blocked'),
    desc: t('stats.blocked.desc'),
    series: Object.entries(r.blockedByCategory)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([label, value]) => ({ label, value })),
    lang,
  };
  const languages: BarChartInput = {
    id: 'languages',
    title: t('charts.report.byLanguage'),
    desc: t('stats.languages.desc'),
    series: Object.entries(r.charterAcceptances)
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([code, value]) => ({ label: languageName(code, t), value })),
    lang,
  };

  const bar = (input: BarChartInput): ChartView => ({
    id: input.id!,
    title: input.title,
    desc: input.desc,
    svg: barChart(input),
    table: chartTable(input),
    wide: false,
  });
  return {
    figures,
    attendance,
    charts: [
      bar(byProfile),
      bar(byWeekday),
      {
        id: heat.id!,
        title: heat.title,
        desc: heat.desc,
        svg: heatMap(heat),
        table: chartTable(heat),
        wide: true,
      },
      bar(blocked),
      bar(languages),
    ],
  };
}

function languageName(code: string, t: ConsoleTranslate): string {
  const key = `charts.lang.${code}`;
  return key in chartCatalog.fr ? t(key as ConsoleKey) : code;
}
