// The residents' calls for help on the console's home page (issue #15, item 5): the space's
// open calls (the device's last symbols, the page, since when), a link to refresh the list
// without script, and a form per call to mark it as handled (audited).

import type { Express, Request, Response } from 'express';
import type { ConsoleDeps } from '../deps';
import { page, renderPage, type SignedIn } from '../context';
import type { ConsoleKey } from '../i18n';
import { can } from '../../domain/console';
import { isEcnError } from '../../domain/errors';
import type { HelpRequest } from '../../domain/help-request';
import { openHelpRequests } from '../../services/help-requests';
import { staff } from '../../services/audit-trail';
import { handleHelpRequestAs } from '../../services/staff-help';
import { formatTime } from '../../i18n/format';
import { localTime } from '../../stats/local-time';

export interface HelpRow {
  id: string;
  hint: string;
  page: string;
  since: string;
}

export interface HelpPanel {
  rows: HelpRow[];
  updatedAt: string;
}

const ID_RE = /^[A-Za-z0-9_-]{1,100}$/;

/** The home page's list of calls, or null when this account does not handle them or they are off. */
export async function helpPanel(deps: ConsoleDeps, ctx: SignedIn): Promise<HelpPanel | null> {
  if (!deps.help || !can(ctx.user.role, 'help.handle')) return null;
  const now = deps.services.clock.now();
  const tz = deps.settings.timeZone;
  const open = await openHelpRequests(deps.services, deps.spaceId, deps.help);
  return {
    updatedAt: formatTime(ctx.lang, now, tz),
    rows: open.map((r) => {
      const minutes = Math.max(0, Math.floor((now - r.openedAt) / 60_000));
      const sameDay = localTime(r.openedAt, tz).day === localTime(now, tz).day;
      const time = formatTime(ctx.lang, r.openedAt, tz);
      return {
        id: r.id,
        hint: r.deviceHint,
        page: ctx.t(`help.page.${r.page}` as ConsoleKey),
        since: ctx.t('help.since', {
          time: sameDay ? time : `${localTime(r.openedAt, tz).day} ${time}`,
          duration: ctx.t('sessions.duration.hours', { h: Math.floor(minutes / 60), m: minutes % 60 }),
        }),
      };
    }),
  };
}

export async function renderHome(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  ctx: SignedIn,
  extra: { notice?: string | null; error?: string } = {},
  status = 200,
): Promise<void> {
  renderPage(
    deps,
    req,
    res,
    'home',
    ctx.t('home.title', { user: ctx.user.username }),
    { help: await helpPanel(deps, ctx), ...extra },
    status,
  );
}

export function registerHelp(app: Express, deps: ConsoleDeps): void {
  app.post(
    '/help/:id/handled',
    page('help.handle', async (req, res, ctx) => {
      const id = String(req.params.id ?? '');
      const unknown = () => {
        ctx.log.info({ refusal: 'help.err.unknown' }, 'call for help: nothing to handle');
        return renderHome(deps, req, res, ctx, { error: ctx.t('help.err.unknown') }, 404);
      };
      if (!deps.help || !ID_RE.test(id)) return unknown();
      let handled: HelpRequest;
      try {
        handled = await handleHelpRequestAs(deps.services, staff(ctx.user.username), deps.spaceId, id);
      } catch (err) {
        if (isEcnError(err, 'ECN_ERR_HELP_UNKNOWN')) return unknown();
        throw err;
      }
      ctx.log.info({ helpId: handled.id, user: ctx.user.username }, 'call for help handled');
      return res.redirect(303, '/?msg=handled');
    }),
  );
}
