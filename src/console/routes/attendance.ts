// The attendance pages (issue #15, item 6): animators record desk visits per half-day,
// workshops and individual help sessions; the month's entries are listed with their totals and
// each can be removed. Forms are parsed with zod here; a wrong field gets its own sentence and
// nothing is recorded. Every change is audited with its actor.

import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import type { ConsoleDeps } from '../deps';
import { page, renderPage, type SignedIn } from '../context';
import { recordAudit } from '../audit';
import type { ConsoleKey } from '../i18n';
import {
  ATTENDANCE_MAX_MINUTES,
  ATTENDANCE_MAX_PEOPLE,
  HALF_DAYS,
  THEME_MAX,
  halfDayOf,
  isCalendarDay,
  type AttendanceEntry,
} from '../../domain/attendance';
import { EcnError, isEcnError } from '../../domain/errors';
import {
  monthAttendance,
  recordDeskVisits,
  recordIndividualSession,
  recordWorkshop,
  removeAttendance,
} from '../../services/attendance';
import { localTime } from '../../stats/local-time';
import { attendanceTotals } from '../views/attendance-totals';
import { formatDate } from '../../i18n/format';

type Kind = 'desk' | 'workshop' | 'individual';
type FormValues = Record<string, string>;

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const ID_RE = /^[A-Za-z0-9:_-]{1,100}$/;

/** A field refused: the catalog key of its sentence (with variables) and the field's name. */
class FieldError extends EcnError {
  constructor(
    readonly field: string,
    readonly key: ConsoleKey,
    readonly vars: Record<string, number> = {},
  ) {
    super('ECN_ERR_ATTENDANCE_INVALID', `The attendance field ${field} is not valid.`, { field });
  }
}

const whole = (key: ConsoleKey, min: number, max: number) =>
  z
    .string({ message: key })
    .trim()
    .regex(/^\d{1,5}$/, key)
    .transform(Number)
    .pipe(z.number().int().min(min, key).max(max, key));

const FIELDS = {
  day: z.string({ message: 'attendance.err.day' }).trim().refine(isCalendarDay, 'attendance.err.day'),
  halfDay: z.enum(HALF_DAYS, { message: 'attendance.err.halfDay' }),
  count: whole('attendance.err.count', 0, ATTENDANCE_MAX_PEOPLE),
  participants: whole('attendance.err.participants', 1, ATTENDANCE_MAX_PEOPLE),
  minutes: whole('attendance.err.minutes', 1, ATTENDANCE_MAX_MINUTES),
  theme: z
    .string({ message: 'attendance.err.theme' })
    .trim()
    .min(1, 'attendance.err.theme')
    .max(THEME_MAX, 'attendance.err.theme')
    // Control characters would garble the CSV and the PDF the committee reads.
    .refine((s) => !/\p{Cc}/u.test(s), 'attendance.err.theme'),
};
const VARS: Partial<Record<ConsoleKey, Record<string, number>>> = {
  'attendance.err.count': { max: ATTENDANCE_MAX_PEOPLE },
  'attendance.err.participants': { max: ATTENDANCE_MAX_PEOPLE },
  'attendance.err.minutes': { max: ATTENDANCE_MAX_MINUTES },
};

const FORM_FIELDS: Record<Kind, (keyof typeof FIELDS)[]> = {
  desk: ['day', 'halfDay', 'count'],
  workshop: ['day', 'theme', 'minutes', 'participants'],
  individual: ['day', 'theme', 'minutes'],
};

/** Reads a form's fields in order; the first wrong one throws its FieldError. */
function readForm(kind: Kind, body: Record<string, unknown>, today: string) {
  const out: Record<string, unknown> = {};
  for (const name of FORM_FIELDS[kind]) {
    const parsed = FIELDS[name].safeParse(body[name]);
    if (!parsed.success) {
      const key = parsed.error.issues[0]!.message as ConsoleKey;
      throw new FieldError(name, key, VARS[key]);
    }
    out[name] = parsed.data;
  }
  if ((out.day as string) > today) throw new FieldError('day', 'attendance.err.future');
  return out as {
    day: string;
    halfDay: (typeof HALF_DAYS)[number];
    count: number;
    participants: number;
    minutes: number;
    theme: string;
  };
}

function valuesOf(body: Record<string, unknown>): FormValues {
  const v: FormValues = {};
  for (const name of Object.keys(FIELDS))
    if (typeof body[name] === 'string') v[name] = (body[name] as string).slice(0, 200);
  return v;
}

export function registerAttendance(app: Express, deps: ConsoleDeps): void {
  app.get(
    '/attendance',
    page('attendance.write', async (req, res, ctx) => {
      const asked = req.query.month;
      if (asked !== undefined && (typeof asked !== 'string' || !MONTH_RE.test(asked))) {
        return attendancePage(deps, req, res, ctx, { error: ctx.t('attendance.err.month') }, 400);
      }
      const notice = noticeOf(ctx, req.query);
      return attendancePage(deps, req, res, ctx, { month: asked, notice });
    }),
  );

  for (const kind of ['desk', 'workshop', 'individual'] as const) {
    app.post(
      `/attendance/${kind}`,
      page('attendance.write', async (req, res, ctx) => {
        const body = req.body as Record<string, unknown>;
        const today = todayOf(deps);
        let input: ReturnType<typeof readForm>;
        try {
          input = readForm(kind, body, today);
        } catch (err) {
          if (!(err instanceof FieldError)) throw err;
          ctx.log.info({ errorCode: err.code, field: err.field }, 'attendance refused');
          return attendancePage(
            deps,
            req,
            res,
            ctx,
            { error: ctx.t(err.key, err.vars), form: kind, values: valuesOf(body), invalid: err.field },
            err.status,
          );
        }
        const base = { spaceId: deps.spaceId, by: ctx.user.username };
        const { entry, previous } =
          kind === 'desk'
            ? await recordDeskVisits(deps.services, {
                ...base,
                day: input.day,
                halfDay: input.halfDay,
                count: input.count,
              })
            : kind === 'workshop'
              ? await recordWorkshop(deps.services, {
                  ...base,
                  day: input.day,
                  theme: input.theme,
                  minutes: input.minutes,
                  participants: input.participants,
                })
              : await recordIndividualSession(deps.services, {
                  ...base,
                  day: input.day,
                  theme: input.theme,
                  minutes: input.minutes,
                });
        await recordAudit(deps.services, ctx.user.username, 'attendance.recorded', entry.id, {
          kind,
          day: entry.day,
          people: entry.people,
          previous: previous?.people ?? null,
          minutes: entry.minutes,
        });
        ctx.log.info({ kind, user: ctx.user.username, corrected: previous !== null }, 'attendance recorded');
        const q = new URLSearchParams({ msg: kind, month: entry.day.slice(0, 7) });
        if (kind === 'desk') {
          q.set('day', entry.day);
          q.set('halfDay', entry.halfDay ?? '');
          q.set('count', String(entry.people));
          if (previous) q.set('previous', String(previous.people));
        }
        return res.redirect(303, `/attendance?${q.toString()}`);
      }),
    );
  }

  app.post(
    '/attendance/:id/remove',
    page('attendance.write', async (req, res, ctx) => {
      const id = String(req.params.id ?? '');
      let removed: AttendanceEntry;
      try {
        if (!ID_RE.test(id)) throw new EcnError('ECN_ERR_ATTENDANCE_UNKNOWN', 'No such entry.');
        removed = await removeAttendance(deps.services, deps.spaceId, id);
      } catch (err) {
        if (!isEcnError(err, 'ECN_ERR_ATTENDANCE_UNKNOWN')) throw err;
        ctx.log.info({ errorCode: err.code }, 'attendance removal refused');
        return attendancePage(deps, req, res, ctx, { error: ctx.t('attendance.err.unknown') }, err.status);
      }
      await recordAudit(deps.services, ctx.user.username, 'attendance.removed', removed.id, {
        kind: removed.kind,
        day: removed.day,
        people: removed.people,
      });
      ctx.log.info({ kind: removed.kind, user: ctx.user.username }, 'attendance removed');
      return res.redirect(303, `/attendance?msg=removed&month=${removed.day.slice(0, 7)}`);
    }),
  );
}

function todayOf(deps: ConsoleDeps): string {
  return localTime(deps.services.clock.now(), deps.settings.timeZone).day;
}

function noticeOf(ctx: SignedIn, q: Request['query']): string | null {
  const s = (k: string) => (typeof q[k] === 'string' ? q[k] : '');
  const halfDay = s('halfDay') === 'afternoon' ? 'afternoon' : 'morning';
  const vars = {
    count: s('count').slice(0, 5),
    previous: s('previous').slice(0, 5),
    day: s('day').slice(0, 10),
    halfDay: ctx.t(`attendance.halfDay.${halfDay}`).toLocaleLowerCase(),
  };
  switch (s('msg')) {
    case 'desk':
      return ctx.t(vars.previous ? 'attendance.msg.deskCorrected' : 'attendance.msg.desk', vars);
    case 'workshop':
      return ctx.t('attendance.msg.workshop');
    case 'individual':
      return ctx.t('attendance.msg.individual');
    case 'removed':
      return ctx.t('attendance.msg.removed');
    default:
      return null;
  }
}

async function attendancePage(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  ctx: SignedIn,
  extra: {
    month?: string;
    notice?: string | null;
    error?: string;
    form?: Kind;
    values?: FormValues;
    invalid?: string;
  },
  status = 200,
): Promise<void> {
  const now = localTime(deps.services.clock.now(), deps.settings.timeZone);
  const month = extra.month ?? now.month;
  const { entries, summary } = await monthAttendance(deps.services, deps.spaceId, month);
  const defaults = {
    day: now.day,
    halfDay: halfDayOf(now.hour),
    count: '',
    theme: '',
    minutes: '',
    participants: '',
  };
  const formValues = (kind: Kind) => (extra.form === kind ? { ...defaults, ...extra.values } : defaults);
  const t = ctx.t;
  renderPage(
    deps,
    req,
    res,
    'attendance',
    t('attendance.title'),
    {
      notice: extra.notice ?? null,
      error: extra.error ?? null,
      month,
      monthLabel: monthLabel(ctx, month),
      today: now.day,
      themes: deps.attendanceThemes ?? [],
      forms: {
        desk: formValues('desk'),
        workshop: formValues('workshop'),
        individual: formValues('individual'),
      },
      invalidForm: extra.form ?? null,
      invalidField: extra.invalid ?? null,
      rows: entries.map((e) => ({
        id: e.id,
        day: e.day,
        kind: t(`attendance.kind.${e.kind}`),
        what:
          e.kind === 'desk'
            ? t('attendance.what.desk', { halfDay: t(`attendance.halfDay.${e.halfDay ?? 'morning'}`) })
            : t('attendance.what.session', { theme: e.theme ?? '', minutes: e.minutes ?? 0 }),
        people: e.people,
        by: e.recordedBy,
      })),
      totals: attendanceTotals(t, ctx.lang, summary),
      limits: { people: ATTENDANCE_MAX_PEOPLE, minutes: ATTENDANCE_MAX_MINUTES, theme: THEME_MAX },
    },
    status,
  );
}

function monthLabel(ctx: SignedIn, month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return formatDate(ctx.lang, Date.UTC(y, m - 1, 15), { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
