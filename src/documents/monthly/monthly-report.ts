// The monthly statistics of one space as the label committee reads them, and their CSV.

import type { SqliteStats } from '../../stats/sqlite-stats';
import { emptyAttendance, type AttendanceSummary, type ThemeFigures } from '../../domain/attendance';

export interface MonthlyReport {
  spaceId: string;
  month: string;
  sessions: number;
  hoursConnected: number;
  /** Sum over the month's days of the distinct devices seen that day. */
  deviceDays: number;
  ticketsIssued: Record<string, number>;
  ticketsUsed: Record<string, number>;
  charterAcceptances: Record<string, number>;
  /** The same acceptances by way: on the portal's page, or by using a printed ticket. */
  charterAcceptancesByWay: { portal: number; ticket: number };
  blockedByCategory: Record<string, number>;
  /** Session starts by weekday (1 = Monday) and hour: heat[weekday - 1][hour]. */
  heat: number[][];
  /** Residents' calls for help by the page they asked from (issue #15, item 5). */
  helpRequests: Record<string, number>;
  /** The same calls by weekday (1 = Monday) and hour, as `heat` (issue #15, item 1). */
  helpHeat: number[][];
  /** What the animators recorded (issue #15, item 6): the half the gateway cannot see. */
  attendance: AttendanceSummary;
}

/**
 * The month's figures from the box's counters, with the attendance animators recorded for the
 * space (read from the store by the caller; none when not given).
 */
export function monthlyReport(
  stats: SqliteStats,
  spaceId: string,
  month: string,
  attendance: AttendanceSummary = emptyAttendance(),
): MonthlyReport {
  const r: MonthlyReport = {
    spaceId,
    month,
    sessions: 0,
    hoursConnected: 0,
    deviceDays: 0,
    ticketsIssued: {},
    ticketsUsed: {},
    charterAcceptances: {},
    charterAcceptancesByWay: { portal: 0, ticket: 0 },
    blockedByCategory: {},
    heat: weekHours(),
    helpRequests: {},
    helpHeat: weekHours(),
    attendance,
  };
  for (const { metric, key, value } of stats.month(month)) {
    switch (metric) {
      case 'sessions':
        r.sessions += value;
        break;
      case 'seconds':
        r.hoursConnected = Math.round((value / 3600) * 10) / 10;
        break;
      case 'devices':
        r.deviceDays += value;
        break;
      case 'tickets_issued':
        r.ticketsIssued[key] = value;
        break;
      case 'tickets_used':
        r.ticketsUsed[key] = value;
        break;
      case 'charter':
        r.charterAcceptances[key] = value;
        break;
      case 'charter_via':
        if (key === 'portal' || key === 'ticket') r.charterAcceptancesByWay[key] += value;
        break;
      case 'blocked':
        r.blockedByCategory[key] = value;
        break;
      case 'help':
        r.helpRequests[key] = value;
        break;
      case 'heat':
        addAt(r.heat, key, value);
        break;
      case 'help_heat':
        addAt(r.helpHeat, key, value);
        break;
    }
  }
  return r;
}

/** Seven weekdays (Monday first) of 24 hours, at zero. */
function weekHours(): number[][] {
  return Array.from({ length: 7 }, () => Array<number>(24).fill(0));
}

/** Adds `value` at `<weekday>-<hour>` (1 = Monday); a key of any other shape is skipped. */
function addAt(grid: number[][], key: string, value: number): void {
  const [wd, h] = key.split('-').map(Number);
  if (wd && wd >= 1 && wd <= 7 && h !== undefined && h >= 0 && h < 24) grid[wd - 1]![h]! += value;
}

/** One line per figure: `space_id,month,figure,key,value` (RFC 4180). */
export function monthlyCsv(r: MonthlyReport): string {
  const rows: [string, string, number][] = [
    ['sessions', '', r.sessions],
    ['hours_connected', '', r.hoursConnected],
    ['device_days', '', r.deviceDays],
  ];
  for (const [k, v] of Object.entries(r.ticketsIssued)) rows.push(['tickets_issued', k, v]);
  for (const [k, v] of Object.entries(r.ticketsUsed)) rows.push(['tickets_used', k, v]);
  for (const [k, v] of Object.entries(r.charterAcceptances)) rows.push(['charter_acceptances', k, v]);
  rows.push(['charter_acceptances_by_way', 'portal', r.charterAcceptancesByWay.portal]);
  rows.push(['charter_acceptances_by_way', 'ticket', r.charterAcceptancesByWay.ticket]);
  for (const [k, v] of Object.entries(r.blockedByCategory)) rows.push(['blocked_queries', k, v]);
  const byHour = (figure: string, grid: number[][]) =>
    grid.forEach((hours, i) =>
      hours.forEach((v, h) => {
        if (v) rows.push([figure, `${i + 1}-${String(h).padStart(2, '0')}`, v]);
      }),
    );
  byHour('sessions_by_hour', r.heat);
  for (const [k, v] of Object.entries(r.helpRequests)) rows.push(['help_requests', k, v]);
  byHour('help_requests_by_hour', r.helpHeat);
  const a = r.attendance;
  const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
  rows.push(
    ['attendance_desk_visits', 'morning', a.deskMornings],
    ['attendance_desk_visits', 'afternoon', a.deskAfternoons],
    ['attendance_workshops', '', a.workshops],
    ['attendance_workshop_participants', '', a.workshopParticipants],
    ['attendance_workshop_hours', '', hours(a.workshopMinutes)],
    ['attendance_individual_sessions', '', a.individualSessions],
    ['attendance_individual_hours', '', hours(a.individualMinutes)],
  );
  const themes = (figure: string, o: Record<string, ThemeFigures>) => {
    for (const [k, v] of Object.entries(o).sort((x, y) => x[0].localeCompare(y[0], 'fr')))
      // A theme is typed by staff: one starting like a formula is kept as text by spreadsheets.
      rows.push([figure, /^[=+\-@\t\r]/.test(k) ? `'${k}` : k, v.sessions]);
  };
  themes('attendance_workshops_by_theme', a.workshopThemes);
  themes('attendance_individual_sessions_by_theme', a.individualThemes);
  const esc = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return (
    [
      'space_id,month,figure,key,value',
      ...rows.map(([f, k, v]) => [r.spaceId, r.month, f, k, String(v)].map(esc).join(',')),
    ].join('\r\n') + '\r\n'
  );
}
