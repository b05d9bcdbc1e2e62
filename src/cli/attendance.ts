// `ecn attendance`: what animators record in the console's attendance page (issue #15, item 6)
// from a shell: desk visits per half-day, workshops, individual help sessions, no names. The
// same use cases, the same bounds and the same sentences as the console's forms (its French
// catalog), each wrong option refused with ECN_ERR_ATTENDANCE_INVALID before anything is
// written; every change is audited as the box's operator.

import type { Command } from 'commander';
import { z } from 'zod';
import {
  ATTENDANCE_MAX_MINUTES,
  ATTENDANCE_MAX_PEOPLE,
  HALF_DAYS,
  THEME_MAX,
  halfDayOf,
  isCalendarDay,
  type AttendanceEntry,
  type HalfDay,
} from '../domain/attendance';
import { EcnError } from '../domain/errors';
import { recordAudit } from '../console/audit';
import { consoleTranslator, type ConsoleKey } from '../console/i18n';
import { attendanceTotals } from '../console/views/attendance-totals';
import {
  monthAttendance,
  recordDeskVisits,
  recordIndividualSession,
  recordWorkshop,
  removeAttendance,
} from '../services/attendance';
import type { ServiceDeps } from '../services/deps';
import { localTime } from '../stats/local-time';
import type { CliIo } from './main';
import type { WithServices } from './users';

/** The console's French sentences: an animator reads the same refusal at the desk and here. */
const t = consoleTranslator('fr');

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const ID_RE = /^[A-Za-z0-9:_-]{1,100}$/;

/** A wrong option: its name and the console's sentence for that field. */
function refuse(option: string, key: ConsoleKey, vars: Record<string, number> = {}): never {
  throw new EcnError('ECN_ERR_ATTENDANCE_INVALID', `--${option}: ${t(key, vars)}`, { field: option });
}

/** One option read with the console's bounds; the first wrong one is refused. */
function read<T>(option: string, schema: z.ZodType<T>, value: unknown, key: ConsoleKey, max?: number): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) refuse(option, key, max === undefined ? {} : { max });
  return parsed.data;
}

const whole = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const THEME = z
  .string()
  .trim()
  .min(1)
  .max(THEME_MAX)
  // Control characters would garble the CSV and the PDF the committee reads.
  .refine((s) => !/\p{Cc}/u.test(s));

/** The day (default today, the space's local day); never in the future, as in the console. */
function readDay(value: string | undefined, today: string): string {
  const day = read('day', z.string().trim().refine(isCalendarDay), value ?? today, 'attendance.err.day');
  if (day > today) refuse('day', 'attendance.err.future');
  return day;
}

const readTheme = (v: unknown) => read('theme', THEME, v, 'attendance.err.theme');
const readMinutes = (v: unknown) =>
  read('minutes', whole(1, ATTENDANCE_MAX_MINUTES), v, 'attendance.err.minutes', ATTENDANCE_MAX_MINUTES);

function describe(e: AttendanceEntry): string {
  const what =
    e.kind === 'desk'
      ? t(`attendance.halfDay.${e.halfDay ?? 'morning'}`)
      : t('attendance.what.session', { theme: e.theme ?? '', minutes: e.minutes ?? 0 });
  return [e.day, t(`attendance.kind.${e.kind}`), what, String(e.people), e.recordedBy, e.id].join('\t');
}

export function registerAttendanceCommands(
  program: Command,
  io: CliIo,
  withServices: WithServices,
  operator: string,
): void {
  const attendance = program
    .command('attendance')
    .description('attendance for the label: desk visits, workshops, individual help (no names)');

  /** Runs one recording: reads the options first (nothing is written when one is wrong). */
  const recording = <I>(
    readOptions: (today: string, hour: number) => I,
    save: (
      deps: ServiceDeps,
      spaceId: string,
      input: I,
    ) => Promise<{ entry: AttendanceEntry; previous: AttendanceEntry | null }>,
  ) =>
    withServices(async (deps, cfg) => {
      const now = localTime(deps.clock.now(), cfg.space.timezone);
      const { entry, previous } = await save(deps, cfg.space.id, readOptions(now.day, now.hour));
      await recordAudit(deps, operator, 'attendance.recorded', entry.id, {
        kind: entry.kind,
        day: entry.day,
        people: entry.people,
        previous: previous?.people ?? null,
        minutes: entry.minutes,
      });
      io.out(describe(entry) + '\n');
      if (previous) io.err(`Corrigé : ${entry.people} au lieu de ${previous.people}.\n`);
    });

  attendance
    .command('desk')
    .description("record a half-day's visits at the desk; again for the same half-day corrects it")
    .requiredOption('--count <n>', `visits, 0 to ${ATTENDANCE_MAX_PEOPLE}`)
    .option('--day <YYYY-MM-DD>', "the day (default: today, the space's time zone)")
    .option('--half-day <morning|afternoon>', 'default: the half-day it is now (the morning ends at 13:00)')
    .action((opts: { count: string; day?: string; halfDay?: string }) =>
      recording(
        (today, hour) => ({
          day: readDay(opts.day, today),
          halfDay: read<HalfDay>(
            'half-day',
            z.enum(HALF_DAYS),
            opts.halfDay ?? halfDayOf(hour),
            'attendance.err.halfDay',
          ),
          count: read(
            'count',
            whole(0, ATTENDANCE_MAX_PEOPLE),
            opts.count,
            'attendance.err.count',
            ATTENDANCE_MAX_PEOPLE,
          ),
        }),
        (deps, spaceId, input) => recordDeskVisits(deps, { ...input, spaceId, by: operator }),
      ),
    );

  attendance
    .command('workshop')
    .description('record a workshop: theme, duration and number of participants')
    .requiredOption('--theme <text>', `what it was about (at most ${THEME_MAX} characters)`)
    .requiredOption('--minutes <n>', `how long, 1 to ${ATTENDANCE_MAX_MINUTES}`)
    .requiredOption('--participants <n>', `how many came, 1 to ${ATTENDANCE_MAX_PEOPLE}`)
    .option('--day <YYYY-MM-DD>', "the day (default: today, the space's time zone)")
    .action((opts: { theme: string; minutes: string; participants: string; day?: string }) =>
      recording(
        (today) => ({
          day: readDay(opts.day, today),
          theme: readTheme(opts.theme),
          minutes: readMinutes(opts.minutes),
          participants: read(
            'participants',
            whole(1, ATTENDANCE_MAX_PEOPLE),
            opts.participants,
            'attendance.err.participants',
            ATTENDANCE_MAX_PEOPLE,
          ),
        }),
        (deps, spaceId, input) => recordWorkshop(deps, { ...input, spaceId, by: operator }),
      ),
    );

  attendance
    .command('individual')
    .description('record an individual help session: theme and duration')
    .requiredOption('--theme <text>', `what it was about (at most ${THEME_MAX} characters)`)
    .requiredOption('--minutes <n>', `how long, 1 to ${ATTENDANCE_MAX_MINUTES}`)
    .option('--day <YYYY-MM-DD>', "the day (default: today, the space's time zone)")
    .action((opts: { theme: string; minutes: string; day?: string }) =>
      recording(
        (today) => ({
          day: readDay(opts.day, today),
          theme: readTheme(opts.theme),
          minutes: readMinutes(opts.minutes),
        }),
        (deps, spaceId, input) => recordIndividualSession(deps, { ...input, spaceId, by: operator }),
      ),
    );

  attendance
    .command('list')
    .description("list a month's entries (day, kind, detail, people, recorded by, id) and their totals")
    .option('-m, --month <YYYY-MM>', "the month (default: this month, the space's time zone)")
    .action((opts: { month?: string }) =>
      withServices(async (deps, cfg) => {
        const month = opts.month ?? localTime(deps.clock.now(), cfg.space.timezone).month;
        if (!MONTH_RE.test(month)) {
          throw new EcnError(
            'ECN_ERR_MONTH_INVALID',
            `"${month.slice(0, 20)}" is not a month written YYYY-MM.`,
          );
        }
        const { entries, summary } = await monthAttendance(deps, cfg.space.id, month);
        for (const e of entries) io.out(describe(e) + '\n');
        io.err(
          [
            entries.length === 0 ? t('attendance.empty') : `${t('attendance.totals')} (${month})`,
            ...attendanceTotals(t, 'fr', summary),
            '',
          ].join('\n'),
        );
      }),
    );

  attendance
    .command('remove')
    .description('remove an entry typed by mistake (its id is the last column of the list)')
    .argument('<id>')
    .action((id: string) =>
      withServices(async (deps, cfg) => {
        if (!ID_RE.test(id)) throw new EcnError('ECN_ERR_ATTENDANCE_UNKNOWN', t('attendance.err.unknown'));
        const removed = await removeAttendance(deps, cfg.space.id, id);
        await recordAudit(deps, operator, 'attendance.removed', removed.id, {
          kind: removed.kind,
          day: removed.day,
          people: removed.people,
        });
        io.err(`${t('attendance.msg.removed')} (${describe(removed).split('\t').slice(0, 3).join(', ')})\n`);
      }),
    );
}
