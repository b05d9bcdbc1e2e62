// The console's "connected now" page: the open sessions with their ticket (only the end of its
// code, to match the resident's paper), device, time and data left, and two actions per row:
// disconnect the device, or revoke its ticket. Gateways and the RADIUS Disconnect client react
// to the `session.ended` event; this page only changes the store and the audit trail.

import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import type { ConsoleDeps } from '../deps';
import { page, renderPage, type SignedIn } from '../context';
import { parseForm } from '../forms';
import type { ConsoleKey, ConsoleLanguage, ConsoleTranslate } from '../i18n';
import type { Session } from '../../domain/session';
import { EcnError, isEcnError } from '../../domain/errors';
import { can } from '../../domain/console';
import { sessionAccess } from '../../services/client-access';
import { staff } from '../../services/audit-trail';
import { disconnectSessionAs, extendSessionAs } from '../../services/staff-sessions';
import { revokeTicketAs } from '../../services/staff-tickets';
import { localTime } from '../../stats/local-time';
import { formatDate, formatDuration, formatSize, formatTime } from '../../i18n/format';

/** One row of the page: only what an animator needs to tell devices apart and act. */
export interface SessionRow {
  id: string;
  /** Ticket short id and profile label; null for free access. */
  ticket: { shortId: string; label: string; codeEnd: string } | null;
  ticketMissing: boolean;
  /** The label of the space's own device (issue #15, item 2: a public PC), else null. */
  spaceDevice: string | null;
  device: string;
  since: string;
  timeLeft: string;
  dataLeft: string;
  origin: string;
}

interface Refusal {
  key: ConsoleKey;
  status: number;
}

const ID_RE = /^[A-Za-z0-9_-]{1,80}$/;
/** Minutes to add, as the form's select sends them (in seconds). */
const extendSchema = z.object({ add: z.string().regex(/^\d{1,5}$/) });
const NOTICES: Record<string, ConsoleKey> = {
  disconnected: 'sessions.msg.disconnected',
  revoked: 'sessions.msg.revoked',
  extended: 'sessions.msg.extended',
  extendedApRefused: 'sessions.msg.extendedApRefused',
  extendedApSilent: 'sessions.msg.extendedApSilent',
  extendedApLater: 'sessions.msg.extendedApLater',
};
const EXTENSION_REFUSALS: Partial<Record<string, Refusal>> = {
  ECN_ERR_EXTENSION_INVALID: { key: 'sessions.err.extendInvalid', status: 400 },
  ECN_ERR_EXTENSION_NOT_ACTIVE: { key: 'sessions.err.extendNotActive', status: 409 },
  ECN_ERR_EXTENSION_DAILY_MAX: { key: 'sessions.err.extendDailyMax', status: 409 },
  ECN_ERR_EXTENSION_PAST_VALIDITY: { key: 'sessions.err.extendPastValidity', status: 409 },
};

export function registerSessions(app: Express, deps: ConsoleDeps): void {
  app.get(
    '/sessions',
    page('sessions.read', async (req, res, ctx) => {
      const msg = typeof req.query.msg === 'string' ? NOTICES[req.query.msg] : undefined;
      return listPage(deps, req, res, ctx, { notice: msg ? ctx.t(msg) : null });
    }),
  );

  app.post(
    '/sessions/:id/disconnect',
    page('sessions.disconnect', async (req, res, ctx) => {
      const found = await openSession(deps, req.params.id);
      if ('refusal' in found) return refuse(deps, req, res, ctx, found.refusal);
      const s = await disconnectSessionAs(deps.services, staff(ctx.user.username), found.session.id);
      ctx.log.info({ sessionId: s.id, user: ctx.user.username }, 'session disconnected from the console');
      return res.redirect(303, '/sessions?msg=disconnected');
    }),
  );

  app.post(
    '/sessions/:id/extend',
    page('sessions.disconnect', async (req, res, ctx) => {
      const found = await openSession(deps, req.params.id);
      if ('refusal' in found) return refuse(deps, req, res, ctx, found.refusal);
      if (found.session.ticketId === null)
        return refuse(deps, req, res, ctx, { key: 'sessions.err.free', status: 400 });
      // A malformed amount is refused by the use case as any invalid one (ECN_ERR_EXTENSION_INVALID).
      const form = parseForm(extendSchema, req.body, {}, () => null);
      const addSeconds = form.ok ? Number(form.value.add) : NaN;
      const policy = deps.extensions ?? { maxPerDaySeconds: 0 };
      let extended;
      try {
        extended = await extendSessionAs(deps.services, staff(ctx.user.username), {
          spaceId: deps.spaceId,
          sessionId: found.session.id,
          addSeconds,
          policy,
        });
      } catch (err) {
        const refusal = isEcnError(err) ? EXTENSION_REFUSALS[err.code] : undefined;
        if (!refusal) throw err;
        return refuse(deps, req, res, ctx, refusal, {
          max: Math.round(policy.maxPerDaySeconds / 60),
          used: Math.round(Number((err as EcnError).details.usedSeconds ?? 0) / 60),
        });
      }
      ctx.log.info({ sessionId: found.session.id, user: ctx.user.username, addSeconds }, 'time added');
      return res.redirect(303, `/sessions?msg=${extensionNotice(extended.nasUpdates)}`);
    }),
  );

  app.post(
    '/sessions/:id/revoke',
    page('sessions.disconnect', async (req, res, ctx) => {
      const found = await openSession(deps, req.params.id);
      if ('refusal' in found) return refuse(deps, req, res, ctx, found.refusal);
      const { ticketId } = found.session;
      if (ticketId === null) return refuse(deps, req, res, ctx, { key: 'sessions.err.free', status: 400 });
      // Revoking is also a ticket action: both permissions (the same roles today).
      if (!can(ctx.user.role, 'tickets.revoke')) {
        throw new EcnError('ECN_ERR_FORBIDDEN', 'This account may not revoke tickets.', {
          permission: 'tickets.revoke',
        });
      }
      try {
        await revokeTicketAs(deps.services, staff(ctx.user.username), ticketId, {
          sessionId: found.session.id,
        });
      } catch (err) {
        if (isEcnError(err, 'ECN_ERR_TICKET_ALREADY_REVOKED')) {
          return refuse(deps, req, res, ctx, { key: 'sessions.err.alreadyRevoked', status: 409 });
        }
        if (isEcnError(err, 'ECN_ERR_TICKET_UNKNOWN')) {
          return refuse(deps, req, res, ctx, { key: 'sessions.err.ticketUnknown', status: 404 });
        }
        throw err;
      }
      ctx.log.info({ ticketId, user: ctx.user.username }, 'ticket revoked from the sessions page');
      return res.redirect(303, '/sessions?msg=revoked');
    }),
  );
}

/** The session the form names, if it exists and is still open. */
async function openSession(
  deps: ConsoleDeps,
  id: string | string[] | undefined,
): Promise<{ session: Session } | { refusal: Refusal }> {
  if (typeof id !== 'string' || !ID_RE.test(id))
    return { refusal: { key: 'sessions.err.unknown', status: 404 } };
  const session = await deps.services.store.getSession(id);
  if (!session) return { refusal: { key: 'sessions.err.unknown', status: 404 } };
  if (session.endedAt !== null) return { refusal: { key: 'sessions.err.ended', status: 409 } };
  return { session };
}

function refuse(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  ctx: SignedIn,
  refusal: Refusal,
  vars: Record<string, number> = {},
) {
  ctx.log.info(
    { sessionId: String(req.params.id).slice(0, 80), refusal: refusal.key },
    'sessions action refused',
  );
  return listPage(deps, req, res, ctx, { error: ctx.t(refusal.key, vars) }, refusal.status);
}

async function listPage(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  ctx: SignedIn,
  extra: { notice?: string | null; error?: string },
  status = 200,
) {
  const now = deps.services.clock.now();
  const open = (await deps.services.store.listOpenSessions()).sort((a, b) => b.startedAt - a.startedAt);
  const rows: SessionRow[] = [];
  for (const s of open) rows.push(await sessionRow(deps, ctx, s, now));
  return renderPage(
    deps,
    req,
    res,
    'sessions',
    ctx.t('sessions.title'),
    {
      rows,
      updatedAt: formatTime(ctx.lang, now, deps.settings.timeZone),
      canDisconnect: can(ctx.user.role, 'sessions.disconnect'),
      canRevoke: can(ctx.user.role, 'sessions.disconnect') && can(ctx.user.role, 'tickets.revoke'),
      canExtend: can(ctx.user.role, 'sessions.disconnect') && (deps.extensions?.maxPerDaySeconds ?? 0) > 0,
      ...extra,
    },
    status,
  );
}

async function sessionRow(deps: ConsoleDeps, ctx: SignedIn, s: Session, now: number): Promise<SessionRow> {
  const { t, lang } = ctx;
  const tz = deps.settings.timeZone;
  const access = await sessionAccess(deps.services, s, now);
  const ticket = access.ticket;
  const label = ticket
    ? (deps.services.profiles().find((p) => p.name === ticket.profileName)?.label ?? ticket.profileName)
    : '';
  const elapsed = duration(t, Math.max(0, (now - s.startedAt) / 1000), 'floor');
  const at = formatTime(lang, s.startedAt, tz);
  const sameDay = localTime(s.startedAt, tz).day === localTime(now, tz).day;
  return {
    id: s.id,
    ticket: ticket
      ? {
          shortId: ticket.id.slice(0, 8),
          label,
          codeEnd: t('sessions.codeEnd', { end: ticket.code.slice(-4) }),
        }
      : null,
    ticketMissing: s.ticketId !== null && ticket === null,
    spaceDevice: s.trustedLabel ?? null,
    device: s.device.mac
      ? t('sessions.device.mac', { mac: s.device.mac })
      : t('sessions.device.ip', { ip: s.device.ip ?? '' }),
    since: sameDay
      ? t('sessions.since', { time: at, duration: elapsed })
      : t('sessions.sinceDay', { day: dayMonth(lang, s.startedAt, tz), time: at, duration: elapsed }),
    timeLeft: duration(t, access.secondsLeft, 'ceil'),
    dataLeft: access.bytesLeft === null ? t('sessions.unlimited') : size(lang, t, access.bytesLeft),
    origin:
      s.origin.kind === 'local'
        ? t('sessions.origin.local')
        : t('sessions.origin.nas', { nas: s.origin.nas }),
  };
}

function dayMonth(lang: ConsoleLanguage, epochMs: number, timeZone: string): string {
  return formatDate(lang, epochMs, { day: 'numeric', month: 'short', timeZone });
}

/** Time since a start is rounded down, time left rounded up (the last seconds read "1 min"). */
function duration(t: ConsoleTranslate, seconds: number, round: 'floor' | 'ceil'): string {
  const keys = {
    days: 'sessions.duration.days',
    hours: 'sessions.duration.hours',
    minutes: 'sessions.duration.minutes',
  } as const;
  return formatDuration(t, keys, seconds, round);
}

function size(lang: ConsoleLanguage, t: ConsoleTranslate, bytes: number): string {
  return formatSize(lang, t, { mb: 'sessions.size.mb', gb: 'sessions.size.gb' }, bytes);
}

/** The notice after adding time: what the access points made of it (CoA), the worst first. */
function extensionNotice(updates: readonly { outcome: string }[]): string {
  const seen = new Set(updates.map((u) => u.outcome));
  if (seen.has('nak') || seen.has('no_client')) return 'extendedApRefused';
  if (seen.has('timeout')) return 'extendedApSilent';
  if (seen.has('unsupported')) return 'extendedApLater';
  return 'extended';
}
