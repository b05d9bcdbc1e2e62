// `ecn stats`: the month's statistics of the space for the label committee, as a summary, CSV
// or the printable PDF, from the same report model as the console's page and downloads.

import { CommanderError, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import type { FrozenConfig } from '../config/load';
import { createStats } from '../compose';
import { EcnError } from '../domain/errors';
import { monthlyModel } from '../documents/monthly/monthly-model';
import { monthlyCsv, monthlyReport, type MonthlyReport } from '../documents/monthly/monthly-report';
import { monthlyReportPdf } from '../documents/monthly/monthly-report-pdf';
import { monthAttendance } from '../services/attendance';
import { consoleTranslator } from '../console/i18n';
import type { CliIo } from './main';
import type { WithServices } from './users';

export function registerStatsCommand(
  program: Command,
  io: CliIo,
  config: () => FrozenConfig,
  withServices: WithServices,
): void {
  program
    .command('stats')
    .description('monthly statistics of the space for the label committee')
    .requiredOption('-m, --month <YYYY-MM>', 'the month, e.g. 2026-11')
    .option('--csv', 'print CSV instead of a summary')
    .option('--pdf <file>', 'write the printable report (A4 PDF, in French) to this file')
    .action(async (opts: { month: string; csv?: boolean; pdf?: string }) => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) {
        throw new EcnError('ECN_ERR_MONTH_INVALID', `"${opts.month}" is not a month written YYYY-MM.`);
      }
      const cfg = config();
      // The attendance the animators recorded lives in the store, beside the tickets; the
      // profiles' names are those in force (made in the console too), as on the console's page.
      const { attendance, profiles } = await withServices(async (deps) => ({
        attendance: (await monthAttendance(deps, cfg.space.id, opts.month)).summary,
        profiles: deps.profiles(),
      }));
      const stats = createStats(cfg);
      stats.start();
      let r: MonthlyReport;
      try {
        r = monthlyReport(stats, cfg.space.id, opts.month, attendance);
      } finally {
        stats.stop();
      }
      // One model for every output, the same as the console's page and downloads.
      const model = monthlyModel(r, Object.fromEntries(profiles.map((p) => [p.name, p.label])));
      if (opts.pdf) {
        const pdf = await monthlyReportPdf(model, {
          spaceName: cfg.space.name,
          month: opts.month,
          generatedAt: Date.now(),
          lang: 'fr',
          timeZone: cfg.space.timezone,
          colour: cfg.space.colors.primary,
        });
        try {
          writeFileSync(opts.pdf, pdf);
        } catch (err) {
          // The operator's path, not our fault: one line, no stack.
          throw new CommanderError(1, 'ecn.usage', `Cannot write ${opts.pdf}: ${(err as Error).message}`);
        }
        io.out(
          t('cli.stats.pdfWritten', { month: opts.month, file: opts.pdf, bytes: String(pdf.length) }) + '\n',
        );
        return;
      }
      if (opts.csv) {
        io.out(monthlyCsv(model.counts));
        return;
      }
      io.out(summary(r));
    });
}

// `ecn` speaks French, the box staff's language, through the catalogs (locales/*/console-cli.json).
const t = consoleTranslator('fr');

/** The month in short on the terminal; values are passed as text, printed as they are. */
function summary(r: MonthlyReport): string {
  const list = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || '0';
  const a = r.attendance;
  const value = (n: number | string) => ({ value: String(n) });
  return [
    t('cli.stats.heading', { space: r.spaceId, month: r.month }),
    ...[
      t('cli.stats.sessions', value(r.sessions)),
      t('cli.stats.hoursConnected', value(r.hoursConnected)),
      t('cli.stats.deviceDays', value(r.deviceDays)),
      t('cli.stats.ticketsIssued', value(list(r.ticketsIssued))),
      t('cli.stats.ticketsUsed', value(list(r.ticketsUsed))),
      t('cli.stats.charterAcceptances', value(list(r.charterAcceptances))),
      t('cli.stats.blocked', value(list(r.blockedByCategory))),
      t('cli.stats.helpRequests', value(list(r.helpRequests))),
      t('cli.stats.desk', {
        visits: String(a.deskVisits),
        mornings: String(a.deskMornings),
        afternoons: String(a.deskAfternoons),
      }),
      t('cli.stats.workshops', {
        workshops: String(a.workshops),
        participants: String(a.workshopParticipants),
        minutes: String(a.workshopMinutes),
      }),
      t('cli.stats.individual', {
        sessions: String(a.individualSessions),
        minutes: String(a.individualMinutes),
      }),
    ].map((line) => `  ${line}`),
    '',
  ].join('\n');
}
