// The monthly report's model: every figure, table and chart series of one month, built once
// from the space's counters and the attendance animators recorded. The console page, the PDF
// and the CSV are renderers of this model, so they cannot disagree on a figure.

import { charts, type ChartKey } from '../../console/i18n/charts';
import type { MonthlyReport } from './monthly-report';

/** How a figure is written: a count, or hours with one decimal and the unit. */
export type FigureUnit = 'count' | 'hours';

export interface ModelFigure {
  /** Stable name of the figure, e.g. `sessions`; the page picks its explanation by it. */
  id: string;
  /** The catalog key of its label. */
  label: ChartKey;
  value: number;
  unit: FigureUnit;
}

/** A label that is a catalog key when the catalog knows the value, else the value as stored. */
export interface KeyedLabel {
  key: string;
  label: ChartKey | null;
}

export interface ThemeRow {
  theme: string;
  sessions: number;
  hours: number;
}

export interface MonthlyModel {
  spaceId: string;
  month: string;
  /** The counters as read, for the CSV (one line per counter). */
  counts: MonthlyReport;
  /** The Wi-Fi figures, in the order every renderer shows them. */
  keyFigures: ModelFigure[];
  /** What the animators recorded (issue #15, item 6), in the order of the PDF's table. */
  attendance: ModelFigure[];
  /** Tickets by profile, sorted by profile name; `label` is what animators call it. */
  profiles: { key: string; label: string; issued: number; used: number }[];
  /** Charter acceptances by language, sorted by language code. */
  languages: (KeyedLabel & { count: number })[];
  /** Sessions started on each weekday, Monday first. */
  sessionsByWeekday: number[];
  /** Session starts by weekday (Monday first) and hour: heat[weekday][hour]. */
  heat: number[][];
  /** Blocked queries by category, most blocked first. */
  blocked: { category: string; count: number }[];
  blockedTotal: ModelFigure;
  /** Residents' calls for help by the page they asked from, as counted. */
  help: (KeyedLabel & { count: number })[];
  helpTotal: ModelFigure;
  /** Calls for help by weekday (Monday first) and hour: helpHeat[weekday][hour]. */
  helpHeat: number[][];
  /** Workshops and individual sessions by theme, most sessions first. */
  workshopThemes: ThemeRow[];
  individualThemes: ThemeRow[];
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

const figure = (id: string, label: ChartKey, value: number, unit: FigureUnit = 'count'): ModelFigure => ({
  id,
  label,
  value,
  unit,
});

/** `prefix + value` when the chart catalog has that key: a known language or help page. */
function keyed(prefix: string, key: string): KeyedLabel {
  const name = `${prefix}${key}`;
  return { key, label: name in charts.fr ? (name as ChartKey) : null };
}

/** Sessions started on each weekday, Monday first, from the weekday × hour counts. */
export function sessionsByWeekday(report: Pick<MonthlyReport, 'heat'>): number[] {
  return Array.from({ length: 7 }, (_, d) => (report.heat[d] ?? []).reduce((a, b) => a + b, 0));
}

function keyFigures(r: MonthlyReport): ModelFigure[] {
  return [
    figure('deviceDays', 'charts.report.deviceDays', r.deviceDays),
    figure('sessions', 'charts.report.sessions', r.sessions),
    figure('hours', 'charts.report.hours', r.hoursConnected, 'hours'),
    figure('ticketsIssued', 'charts.report.ticketsIssued', sum(r.ticketsIssued)),
    figure('ticketsUsed', 'charts.report.ticketsUsed', sum(r.ticketsUsed)),
    figure('charter', 'charts.report.charter', sum(r.charterAcceptances)),
    figure('charterPortal', 'charts.report.charterPortal', r.charterAcceptancesByWay.portal),
    figure('charterTicket', 'charts.report.charterTicket', r.charterAcceptancesByWay.ticket),
  ];
}

function attendanceFigures(a: MonthlyReport['attendance']): ModelFigure[] {
  return [
    figure('deskVisits', 'charts.report.deskVisits', a.deskVisits),
    figure('deskMornings', 'charts.report.deskMornings', a.deskMornings),
    figure('deskAfternoons', 'charts.report.deskAfternoons', a.deskAfternoons),
    figure('workshops', 'charts.report.workshops', a.workshops),
    figure('workshopParticipants', 'charts.report.workshopParticipants', a.workshopParticipants),
    figure('workshopHours', 'charts.report.workshopHours', hoursOf(a.workshopMinutes), 'hours'),
    figure('individualSessions', 'charts.report.individualSessions', a.individualSessions),
    figure('individualHours', 'charts.report.individualHours', hoursOf(a.individualMinutes), 'hours'),
  ];
}

function themeRows(themes: MonthlyReport['attendance']['workshopThemes']): ThemeRow[] {
  return Object.entries(themes)
    .sort((x, y) => y[1].sessions - x[1].sessions || x[0].localeCompare(y[0]))
    .map(([theme, v]) => ({ theme, sessions: v.sessions, hours: hoursOf(v.minutes) }));
}

/** The model of the month, from its counters; pure (same report, same model). */
export function monthlyModel(r: MonthlyReport, profileLabels: Record<string, string> = {}): MonthlyModel {
  const profiles = [...new Set([...Object.keys(r.ticketsIssued), ...Object.keys(r.ticketsUsed)])].sort();
  return {
    spaceId: r.spaceId,
    month: r.month,
    counts: r,
    keyFigures: keyFigures(r),
    attendance: attendanceFigures(r.attendance),
    profiles: profiles.map((p) => ({
      key: p,
      label: profileLabels[p] ?? p,
      issued: r.ticketsIssued[p] ?? 0,
      used: r.ticketsUsed[p] ?? 0,
    })),
    languages: Object.keys(r.charterAcceptances)
      .sort()
      .map((code) => ({ ...keyed('charts.lang.', code), count: r.charterAcceptances[code] ?? 0 })),
    sessionsByWeekday: sessionsByWeekday(r),
    heat: r.heat.map((hours) => [...hours]),
    blocked: Object.entries(r.blockedByCategory)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([category, count]) => ({ category, count })),
    blockedTotal: figure('blockedTotal', 'charts.report.total', sum(r.blockedByCategory)),
    help: Object.entries(r.helpRequests).map(([page, count]) => ({
      ...keyed('charts.report.help.', page),
      count,
    })),
    helpTotal: figure('helpRequests', 'charts.report.helpRequests', sum(r.helpRequests)),
    helpHeat: r.helpHeat.map((hours) => [...hours]),
    workshopThemes: themeRows(r.attendance.workshopThemes),
    individualThemes: themeRows(r.attendance.individualThemes),
  };
}

/** The figure named `id` among `figures` (a programming error when it is not there). */
export function figureById(figures: readonly ModelFigure[], id: string): ModelFigure {
  const found = figures.find((f) => f.id === id);
  if (!found) throw new RangeError(`no figure ${id} in the monthly model`);
  return found;
}
