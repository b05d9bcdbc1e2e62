// `ecn attendance`: what animators record in the console's attendance page (issue #15, item 6)
// from a shell: desk visits per half-day, workshops, individual help sessions, no names. The
// same field schemas, use cases and sentences as the console's forms (its French catalog), each
// wrong option refused with ECN_ERR_ATTENDANCE_INVALID before anything is written; the use
// cases audit every change as the box's operator, as they do the console's.

import type { Command } from 'commander';
import type { z } from 'zod';
import {
  ATTENDANCE_MAX_MINUTES,
  ATTENDANCE_MAX_PEOPLE,
  THEME_MAX,
  halfDayOf,
  type AttendanceEntry,
} from '../domain/attendance';
import { EcnError } from '../domain/errors';
import { ATTENDANCE_FIELDS, ATTENDANCE_REFUSALS, type AttendanceField } from '../console/attendance-form';
import { consoleTranslator, type ConsoleKey } from '../console/i18n';
import { attendanceTotals } from '../console/views/attendance-totals';
import { monthAttendance } from '../services/attendance';
import { cliActor } from '../services/audit-trail';
import { recordAttendanceAs, removeAttendanceAs, type AttendanceInput } from '../services/staff-attendance';
import { localTime } from '../stats/local-time';
import type { CliIo } from './main';
import type { WithServices } from './users';

/** The console's French sentences: an animator reads the same refusal at the desk and here. */
const t = consoleTranslator('fr');

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const ID_RE = /^[A-Za-z0-9:_-]{1,100}$/;

/** What every subcommand needs. */
interface AttendanceCli {
  io: CliIo;
  withServices: WithServices;
  operator: string;
}

/** A wrong option: its name and the console's sentence for that field. */
function refuse(option: string, key: ConsoleKey, vars: Record<string, number> = {}): never {
  throw new EcnError('ECN_ERR_ATTENDANCE_INVALID', `--${option}: ${t(key, vars)}`, { field: option });
}

/** One option read with the console's field schema; a wrong one is refused with its sentence. */
function read<F extends AttendanceField>(
  option: string,
  field: F,
  value: unknown,
): z.output<(typeof ATTENDANCE_FIELDS)[F]> {
  const parsed = ATTENDANCE_FIELDS[field].safeParse(value);
  if (!parsed.success) refuse(option, ATTENDANCE_REFUSALS[field].key, ATTENDANCE_REFUSALS[field].vars);
  return parsed.data as z.output<(typeof ATTENDANCE_FIELDS)[F]>;
}

/** The day (default today, the space's local day); never in the future, as in the console. */
function readDay(value: string | undefined, today: string): string {
  const day = read('day', 'day', value ?? today);
  if (day > today) refuse('day', 'attendance.err.future');
  return day;
}

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
  const cli: AttendanceCli = { io, withServices, operator };
  for (const add of [addDesk, addWorkshop, addIndividual, addList, addRemove]) add(attendance, cli);
}

/** Runs one recording: reads the options first (nothing is written when one is wrong). */
function recording(
  { io, withServices, operator }: AttendanceCli,
  readOptions: (today: string, hour: number) => AttendanceInput,
): Promise<void> {
  return withServices(async (deps, cfg) => {
    const now = localTime(deps.clock.now(), cfg.space.timezone);
    const input = readOptions(now.day, now.hour);
    const { entry, previous } = await recordAttendanceAs(deps, cliActor(operator), cfg.space.id, input);
    io.out(describe(entry) + '\n');
    if (previous)
      io.err(
        t('cli.attendance.corrected', { people: String(entry.people), previous: String(previous.people) }) +
          '\n',
      );
  });
}

function addDesk(attendance: Command, cli: AttendanceCli): void {
  attendance
    .command('desk')
    .description("record a half-day's visits at the desk; again for the same half-day corrects it")
    .requiredOption('--count <n>', `visits, 0 to ${ATTENDANCE_MAX_PEOPLE}`)
    .option('--day <YYYY-MM-DD>', "the day (default: today, the space's time zone)")
    .option('--half-day <morning|afternoon>', 'default: the half-day it is now (the morning ends at 13:00)')
    .action((opts: { count: string; day?: string; halfDay?: string }) =>
      recording(cli, (today, hour) => ({
        kind: 'desk',
        day: readDay(opts.day, today),
        halfDay: read('half-day', 'halfDay', opts.halfDay ?? halfDayOf(hour)),
        count: read('count', 'count', opts.count),
      })),
    );
}

function addWorkshop(attendance: Command, cli: AttendanceCli): void {
  attendance
    .command('workshop')
    .description('record a workshop: theme, duration and number of participants')
    .requiredOption('--theme <text>', `what it was about (at most ${THEME_MAX} characters)`)
    .requiredOption('--minutes <n>', `how long, 1 to ${ATTENDANCE_MAX_MINUTES}`)
    .requiredOption('--participants <n>', `how many came, 1 to ${ATTENDANCE_MAX_PEOPLE}`)
    .option('--day <YYYY-MM-DD>', "the day (default: today, the space's time zone)")
    .action((opts: { theme: string; minutes: string; participants: string; day?: string }) =>
      recording(cli, (today) => ({
        kind: 'workshop',
        day: readDay(opts.day, today),
        theme: read('theme', 'theme', opts.theme),
        minutes: read('minutes', 'minutes', opts.minutes),
        participants: read('participants', 'participants', opts.participants),
      })),
    );
}

function addIndividual(attendance: Command, cli: AttendanceCli): void {
  attendance
    .command('individual')
    .description('record an individual help session: theme and duration')
    .requiredOption('--theme <text>', `what it was about (at most ${THEME_MAX} characters)`)
    .requiredOption('--minutes <n>', `how long, 1 to ${ATTENDANCE_MAX_MINUTES}`)
    .option('--day <YYYY-MM-DD>', "the day (default: today, the space's time zone)")
    .action((opts: { theme: string; minutes: string; day?: string }) =>
      recording(cli, (today) => ({
        kind: 'individual',
        day: readDay(opts.day, today),
        theme: read('theme', 'theme', opts.theme),
        minutes: read('minutes', 'minutes', opts.minutes),
      })),
    );
}

function addList(attendance: Command, { io, withServices }: AttendanceCli): void {
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
}

function addRemove(attendance: Command, { io, withServices, operator }: AttendanceCli): void {
  attendance
    .command('remove')
    .description('remove an entry typed by mistake (its id is the last column of the list)')
    .argument('<id>')
    .action((id: string) =>
      withServices(async (deps, cfg) => {
        if (!ID_RE.test(id)) throw new EcnError('ECN_ERR_ATTENDANCE_UNKNOWN', t('attendance.err.unknown'));
        const removed = await removeAttendanceAs(deps, cliActor(operator), cfg.space.id, id);
        io.err(`${t('attendance.msg.removed')} (${describe(removed).split('\t').slice(0, 3).join(', ')})\n`);
      }),
    );
}
