// The console's "today" page: the day's figures for the front desk (connections, different
// devices, tickets created and used, hours connected) and the last seven local days as two
// server-drawn bar charts with their tables. Read from the daily statistics, never from the
// legal journal.

import type { Express } from 'express';
import type { ConsoleDeps } from '../deps';
import { page, renderPage, type SignedIn } from '../context';
import type { ConsoleLanguage } from '../i18n';
import { barChart, chartTable, numberFormat, type BarChartInput } from '../../documents/charts';
import { isEcnError } from '../../domain/errors';
import { formatRange, parseOpeningHours, rangesOn } from '../../domain/opening-hours';
import { localTime } from '../../stats/local-time';
import { daysEndingWith, weekFigures, weekdayOf, type DayFigures } from '../today/week';
import { intlLocale } from '../../domain/languages';

const WEEK = 7;

export function registerToday(app: Express, deps: ConsoleDeps): void {
  app.get(
    '/today',
    page('today.read', async (req, res, ctx) => {
      const now = deps.services.clock.now();
      const tz = deps.settings.timeZone;
      const todayDay = localTime(now, tz).day;
      const title = ctx.t('today.title');
      const open = await deps.services.store.listOpenSessions();
      const base = {
        date: longDate(ctx.lang, now, tz),
        connectedNow: open.length,
        openingToday: openingToday(deps, ctx, todayDay, tz),
      };
      const week = readWeek(deps, todayDay);
      // The statistics count a session's time when it ends; today's figure adds the time of
      // the sessions still open, so the front desk sees the hours of the day so far.
      const today = week?.[week.length - 1];
      if (today) today.seconds += open.reduce((n, s) => n + Math.max(0, now - s.startedAt) / 1000, 0);
      if (!week) {
        return renderPage(deps, req, res, 'today', title, { ...base, unavailable: true }, 503);
      }
      return renderPage(deps, req, res, 'today', title, {
        ...base,
        unavailable: false,
        ...weekView(ctx, week),
      });
    }),
  );
}

/** The last seven days' figures, or null when the statistics cannot be read. */
function readWeek(deps: ConsoleDeps, todayDay: string): DayFigures[] | null {
  if (!deps.stats) return null;
  try {
    return weekFigures(deps.stats, daysEndingWith(todayDay, WEEK));
  } catch (err) {
    if (!isEcnError(err, 'ECN_ERR_STATS_UNAVAILABLE')) throw err;
    deps.logger.warn({ errorCode: err.code }, 'statistics unavailable for the today page');
    return null;
  }
}

function weekView(ctx: SignedIn, week: DayFigures[]) {
  const { t, lang } = ctx;
  const plain = numberFormat(lang);
  const hours = (seconds: number) => Math.round((seconds / 3600) * 10) / 10;
  const hoursText = (seconds: number) => t('today.hoursValue', { n: plain(hours(seconds)) });
  const shortDays = t('charts.weekdaysShort').split(',');
  const label = (day: string) =>
    t('today.dayLabel', { weekday: shortDays[weekdayOf(day) - 1] ?? '', day: Number(day.slice(8, 10)) });
  const today = week[week.length - 1]!;

  const sessionsInput: BarChartInput = {
    title: t('today.chart.sessions'),
    desc: t('today.chart.sessionsDesc'),
    // No unit: the title says what is counted, and "1 sessions" would read badly.
    series: week.map((d) => ({ label: label(d.day), value: d.sessions })),
    lang,
    id: 'today-sessions',
  };
  const hoursInput: BarChartInput = {
    title: t('today.chart.hours'),
    desc: t('today.chart.hoursDesc'),
    series: week.map((d) => ({ label: label(d.day), value: hours(d.seconds) })),
    unit: t('charts.unit.hours'),
    lang,
    id: 'today-hours',
  };
  const sum = (f: (d: DayFigures) => number) => week.reduce((n, d) => n + f(d), 0);
  return {
    figures: [
      { key: 'sessions', value: plain(today.sessions) },
      { key: 'devices', value: plain(today.devices) },
      { key: 'ticketsIssued', value: plain(today.ticketsIssued) },
      { key: 'ticketsUsed', value: plain(today.ticketsUsed) },
      { key: 'hours', value: hoursText(today.seconds) },
    ],
    from: label(week[0]!.day),
    to: label(today.day),
    // barChart and chartTable escape every text they write: the view inlines them as they are.
    charts: [sessionsInput, hoursInput].map((input) => ({ svg: barChart(input), table: chartTable(input) })),
    days: week.map((d) => ({
      label: label(d.day),
      sessions: plain(d.sessions),
      devices: plain(d.devices),
      ticketsIssued: plain(d.ticketsIssued),
      ticketsUsed: plain(d.ticketsUsed),
      hours: hoursText(d.seconds),
    })),
    total: {
      sessions: plain(sum((d) => d.sessions)),
      ticketsIssued: plain(sum((d) => d.ticketsIssued)),
      ticketsUsed: plain(sum((d) => d.ticketsUsed)),
      hours: hoursText(sum((d) => d.seconds)),
    },
  };
}

function longDate(lang: ConsoleLanguage, epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(epochMs);
}

/** Today's opening hours for the front desk (issue #15, item 1). */
function openingToday(deps: ConsoleDeps, ctx: SignedIn, day: string, timeZone: string): string {
  const hours = parseOpeningHours(deps.spaceSettings.current().hours, timeZone);
  if (hours.week === null && hours.closures.length === 0) return ctx.t('today.openingAlways');
  const ranges = rangesOn(hours, day);
  if (ranges.length === 0) return ctx.t('today.openingClosed');
  return ctx.t('today.opening', { ranges: ranges.map((r) => formatRange(r).replace('-', '–')).join(', ') });
}
