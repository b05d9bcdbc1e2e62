// Today's figures and the last seven local days, from the daily counters. Days are calendar
// days in the space's time zone: the arithmetic is on dates, never on hours, so a daylight
// saving change cannot skip or repeat a day.

import type { SqliteStats, StatMetric } from '../../stats/sqlite-stats';

export interface DayFigures {
  /** YYYY-MM-DD, local. */
  day: string;
  sessions: number;
  /** Distinct devices of that day only: the same device on two days counts on both. */
  devices: number;
  ticketsIssued: number;
  ticketsUsed: number;
  /** Seconds of sessions that ended that day. */
  seconds: number;
}

const FIELDS: Partial<Record<StatMetric, keyof Omit<DayFigures, 'day'>>> = {
  sessions: 'sessions',
  devices: 'devices',
  tickets_issued: 'ticketsIssued',
  tickets_used: 'ticketsUsed',
  seconds: 'seconds',
};

/** The `count` days ending with `lastDay`, oldest first. */
export function daysEndingWith(lastDay: string, count: number): string[] {
  const [y, m, d] = lastDay.split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(y, m - 1, d - (count - 1 - i))).toISOString().slice(0, 10),
  );
}

/** 1 = Monday … 7 = Sunday, of a calendar day. */
export function weekdayOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** The figures of each day, zeros for a day without any counter. */
export function weekFigures(stats: Pick<SqliteStats, 'days'>, days: readonly string[]): DayFigures[] {
  const byDay = new Map<string, DayFigures>(
    days.map((day) => [day, { day, sessions: 0, devices: 0, ticketsIssued: 0, ticketsUsed: 0, seconds: 0 }]),
  );
  if (days.length === 0) return [];
  for (const row of stats.days(days[0]!, days[days.length - 1]!)) {
    const field = FIELDS[row.metric];
    const figures = byDay.get(row.day);
    if (field && figures) figures[field] += row.value;
  }
  return [...byDay.values()];
}
