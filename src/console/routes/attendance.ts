// The attendance pages (issue #15, item 6): animators record desk visits per half-day,
// workshops and individual help sessions; the month's entries are listed with their totals and
// each can be removed. Forms are read by their zod schemas (attendance-form.ts); a wrong field
// gets its own sentence and nothing is recorded. The use cases audit each change with its actor.

import type { Express, Request, Response } from 'express';
import type { ConsoleDeps } from '../deps';
import { page, renderPage, type PageHandler, type SignedIn } from '../context';
import {
  ATTENDANCE_MAX_MINUTES,
  ATTENDANCE_MAX_PEOPLE,
  THEME_MAX,
  halfDayOf,
  type AttendanceEntry,
} from '../../domain/attendance';
import { EcnError, isEcnError } from '../../domain/errors';
import { monthAttendance } from '../../services/attendance';
import { staff } from '../../services/audit-trail';
import {
  recordAttendanceAs,
  removeAttendanceAs,
  type RecordedAttendance,
} from '../../services/staff-attendance';
import { localTime } from '../../stats/local-time';
import { attendanceTotals } from '../views/attendance-totals';
import { formatDate } from '../../i18n/format';
import {
  ATTENDANCE_FIELDS,
  ATTENDANCE_KINDS,
  readAttendanceForm,
  type AttendanceKind,
} from '../attendance-form';

type FormValues = Record<string, string>;

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const ID_RE = /^[A-Za-z0-9:_-]{1,100}$/;

/** What the refused form showed, typed back into its fields (strings only, cut short). */
function valuesOf(body: Record<string, unknown>): FormValues {
  const v: FormValues = {};
  for (const name of Object.keys(ATTENDANCE_FIELDS))
    if (typeof body[name] === 'string') v[name] = (body[name] as string).slice(0, 200);
  return v;
}

export function registerAttendance(app: Express, deps: ConsoleDeps): void {
  app.get('/attendance', page('attendance.write', showMonth(deps)));
  for (const kind of ATTENDANCE_KINDS)
    app.post(`/attendance/${kind}`, page('attendance.write', record(deps, kind)));
  app.post('/attendance/:id/remove', page('attendance.write', remove(deps)));
}

/** GET /attendance: the month asked for (this month by default) and the last change's notice. */
function showMonth(deps: ConsoleDeps): PageHandler {
  return (req, res, ctx) => {
    const asked = req.query.month;
    if (asked !== undefined && (typeof asked !== 'string' || !MONTH_RE.test(asked))) {
      return attendancePage(deps, req, res, ctx, { error: ctx.t('attendance.err.month') }, 400);
    }
    return attendancePage(deps, req, res, ctx, { month: asked, notice: noticeOf(ctx, req.query) });
  };
}

/** POST /attendance/<kind>: the form read, the entry recorded and audited, then its notice. */
function record(deps: ConsoleDeps, kind: AttendanceKind): PageHandler {
  return async (req, res, ctx) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = readAttendanceForm(kind, body, todayOf(deps));
    if (!form.ok) {
      ctx.log.info({ errorCode: 'ECN_ERR_ATTENDANCE_INVALID', field: form.field }, 'attendance refused');
      const error = ctx.t(form.key, form.vars);
      return attendancePage(
        deps,
        req,
        res,
        ctx,
        { error, form: kind, values: valuesOf(body), invalid: form.field },
        400,
      );
    }
    const recorded = await recordAttendanceAs(
      deps.services,
      staff(ctx.user.username),
      deps.spaceId,
      form.value,
    );
    ctx.log.info(
      { kind, user: ctx.user.username, corrected: recorded.previous !== null },
      'attendance recorded',
    );
    return res.redirect(303, `/attendance?${recordedQuery(kind, recorded)}`);
  };
}

/** The notice's facts, carried by the redirect (a desk count says what it replaced). */
function recordedQuery(kind: AttendanceKind, { entry, previous }: RecordedAttendance): string {
  const q = new URLSearchParams({ msg: kind, month: entry.day.slice(0, 7) });
  if (kind === 'desk') {
    q.set('day', entry.day);
    q.set('halfDay', entry.halfDay ?? '');
    q.set('count', String(entry.people));
    if (previous) q.set('previous', String(previous.people));
  }
  return q.toString();
}

/** POST /attendance/<id>/remove: an entry typed by mistake, removed and audited. */
function remove(deps: ConsoleDeps): PageHandler {
  return async (req, res, ctx) => {
    const id = String(req.params.id ?? '');
    let removed: AttendanceEntry;
    try {
      if (!ID_RE.test(id)) throw new EcnError('ECN_ERR_ATTENDANCE_UNKNOWN', 'No such entry.');
      removed = await removeAttendanceAs(deps.services, staff(ctx.user.username), deps.spaceId, id);
    } catch (err) {
      if (!isEcnError(err, 'ECN_ERR_ATTENDANCE_UNKNOWN')) throw err;
      ctx.log.info({ errorCode: err.code }, 'attendance removal refused');
      return attendancePage(deps, req, res, ctx, { error: ctx.t('attendance.err.unknown') }, err.status);
    }
    ctx.log.info({ kind: removed.kind, user: ctx.user.username }, 'attendance removed');
    return res.redirect(303, `/attendance?msg=removed&month=${removed.day.slice(0, 7)}`);
  };
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
    form?: AttendanceKind;
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
  const formValues = (kind: AttendanceKind) =>
    extra.form === kind ? { ...defaults, ...extra.values } : defaults;
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
      rows: entryRows(t, entries),
      totals: attendanceTotals(t, ctx.lang, summary),
      limits: { people: ATTENDANCE_MAX_PEOPLE, minutes: ATTENDANCE_MAX_MINUTES, theme: THEME_MAX },
    },
    status,
  );
}

/** The month's entries as the table shows them. */
function entryRows(t: SignedIn['t'], entries: AttendanceEntry[]) {
  return entries.map((e) => ({
    id: e.id,
    day: e.day,
    kind: t(`attendance.kind.${e.kind}`),
    what:
      e.kind === 'desk'
        ? t('attendance.what.desk', { halfDay: t(`attendance.halfDay.${e.halfDay ?? 'morning'}`) })
        : t('attendance.what.session', { theme: e.theme ?? '', minutes: e.minutes ?? 0 }),
    people: e.people,
    by: e.recordedBy,
  }));
}

function monthLabel(ctx: SignedIn, month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return formatDate(ctx.lang, Date.UTC(y, m - 1, 15), { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
