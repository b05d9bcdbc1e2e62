// The monthly statistics for managers and auditors: the page with its charts, and the same
// report as CSV and as the printable PDF the label committee receives.

import type { Express } from 'express';
import { EcnError } from '../../domain/errors';
import { monthlyCsv, monthlyReport } from '../../documents/monthly/monthly-report';
import { monthTitle } from '../../documents/monthly/monthly-format';
import { monthlyModel } from '../../documents/monthly/monthly-model';
import { monthlyReportPdf } from '../../documents/monthly/monthly-report-pdf';
import { localTime } from '../../stats/local-time';
import { page, renderPage } from '../context';
import type { ConsoleDeps } from '../deps';
import { monthlyView } from '../../documents/monthly/monthly-view';
import { monthAttendance } from '../../services/attendance';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const FILE_RE = /^(\d{4}-\d{2})\.(csv|pdf)$/;
/** How many months back the month list offers (older ones stay reachable by address). */
const MONTHS_LISTED = 24;

function checkMonth(raw: unknown): string {
  if (typeof raw !== 'string' || !MONTH_RE.test(raw)) {
    throw new EcnError('ECN_ERR_MONTH_INVALID', 'A month is written YYYY-MM.', {
      month: typeof raw === 'string' ? raw.slice(0, 20) : '',
    });
  }
  return raw;
}

/** The month `delta` months after `month` (YYYY-MM). */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m! - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function statsOf(deps: ConsoleDeps) {
  if (!deps.stats) throw new EcnError('ECN_ERR_STATS_UNAVAILABLE', 'Statistics are off.');
  return deps.stats;
}

export function registerStats(app: Express, deps: ConsoleDeps): void {
  const currentMonth = () => localTime(deps.services.clock.now(), deps.settings.timeZone).month;
  const profileLabels = () => Object.fromEntries(deps.services.profiles().map((p) => [p.name, p.label]));

  app.get(
    '/stats',
    page('stats.read', async (req, res, ctx) => {
      const current = currentMonth();
      const month =
        req.query.month === undefined || req.query.month === '' ? current : checkMonth(req.query.month);
      const title = ctx.t('stats.title', { month: monthTitle(month, ctx.lang) });
      if (!deps.stats) {
        return renderPage(deps, req, res, 'stats', title, { month, unavailable: true }, 503);
      }
      const { summary } = await monthAttendance(deps.services, deps.spaceId, month);
      const model = monthlyModel(monthlyReport(deps.stats, deps.spaceId, month, summary), profileLabels());
      const months = Array.from({ length: MONTHS_LISTED }, (_, i) => shiftMonth(current, -i));
      if (!months.includes(month)) months.unshift(month);
      const label = (m: string) => monthTitle(m, ctx.lang);
      return renderPage(deps, req, res, 'stats', title, {
        month,
        monthLabel: label(month),
        unavailable: false,
        months: months.map((m) => ({ value: m, label: label(m) })),
        previous: { value: shiftMonth(month, -1), label: label(shiftMonth(month, -1)) },
        next: month < current ? { value: shiftMonth(month, 1), label: label(shiftMonth(month, 1)) } : null,
        view: monthlyView(model, ctx.t, ctx.lang),
      });
    }),
  );

  app.get(
    '/stats/:file',
    page('stats.read', async (req, res, ctx) => {
      const m = FILE_RE.exec(String(req.params.file));
      if (!m) throw new EcnError('ECN_ERR_NOT_FOUND', 'No such statistics file.');
      const month = checkMonth(m[1]);
      const { summary } = await monthAttendance(deps.services, deps.spaceId, month);
      const model = monthlyModel(monthlyReport(statsOf(deps), deps.spaceId, month, summary), profileLabels());
      const name = `statistiques-${deps.spaceId}-${month}`;
      if (m[2] === 'csv') {
        return res.type('text/csv; charset=utf-8').attachment(`${name}.csv`).send(monthlyCsv(model.counts));
      }
      const pdf = await monthlyReportPdf(model, {
        spaceName: deps.space().name,
        generatedAt: deps.services.clock.now(),
        lang: ctx.lang,
        timeZone: deps.settings.timeZone,
      });
      return res.attachment(`${name}.pdf`).type('application/pdf').send(pdf);
    }),
  );
}
