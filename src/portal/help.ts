// The portal's call for help (issue #15, item 5): the "J'ai besoin d'aide" form on the welcome,
// refused-code, status and blocked-site pages posts here; the resident sees that the call is on
// its way and the last symbols of their device, which the console shows the team.

import express, { type Express, type Request, type Response } from 'express';
import { isEcnError } from '../domain/errors';
import { isHelpPage, type HelpPage } from '../domain/help-request';
import { requestHelp } from '../services/help-requests';
import type { AccessDeps } from '../services/client-access';
import { basePageLocals, locals } from './context';
import { csrfToken, csrfValid } from './csrf';
import { formatTime } from './i18n';
import type { PortalSettings } from './settings';
import { route } from './pages';

/** Where the "back" link of the help page leads for each page one can ask from. */
const BACK: Record<HelpPage, string> = {
  welcome: '/',
  code: '/',
  status: '/status',
  blocked: '/blocked',
};

/** The locals of the help form (`views/portal/partials/help-button.ejs`), or null when it is off. */
export function helpForm(
  req: Request,
  res: Response,
  settings: PortalSettings,
  page: HelpPage,
): { page: HelpPage; csrf: string } | null {
  if (!settings.help) return null;
  return { page, csrf: csrfToken(req, res, settings.secureCookies) };
}

export function registerHelp(app: Express, deps: { access: AccessDeps; settings: PortalSettings }): void {
  const { access, settings } = deps;
  const policy = settings.help;
  if (!policy) return;
  const spaceId = settings.spaceId ?? 'default';
  const form = express.urlencoded({ extended: false, limit: '1kb', parameterLimit: 5 });

  const render = (
    req: Request,
    res: Response,
    page: HelpPage,
    extra: { sent?: string; again?: string | null; error?: string; intro?: string },
    status = 200,
  ) => {
    const { t } = locals(res);
    res.status(status).render('portal/help', {
      ...basePageLocals(req, res, settings),
      title: extra.sent ? t('help.sentTitle') : t('help.title'),
      help: extra.sent ? null : helpForm(req, res, settings, page),
      back: BACK[page],
      ...extra,
    });
  };

  // The page that says how to ask, for a link or the RFC 8908 API; it carries the button too.
  app.get(
    '/help',
    route(async (req, res) => {
      const page = isHelpPage(req.query.page) ? req.query.page : 'status';
      render(req, res, page, { intro: locals(res).t('help.intro') });
    }),
  );

  app.post(
    '/help',
    form,
    route(async (req, res) => {
      const { t, lang } = locals(res);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const page: HelpPage = isHelpPage(body.page) ? body.page : 'welcome';
      if (!csrfValid(req)) {
        locals(res).log.info({ errorCode: 'ECN_ERR_CSRF' }, 'call for help refused');
        return render(req, res, page, { error: t('error.csrf'), intro: t('help.intro') }, 403);
      }
      if (!isHelpPage(body.page)) {
        locals(res).log.info({ errorCode: 'ECN_ERR_INPUT_INVALID' }, 'call for help refused');
        return render(req, res, page, { error: t('error.input'), intro: t('help.intro') }, 400);
      }
      try {
        const device = await locals(res).device();
        const { request, refreshed } = await requestHelp(access, { spaceId, device, page, policy });
        locals(res).log.info({ page, refreshed }, 'call for help');
        return render(req, res, page, {
          sent: t('help.sentText', { hint: request.deviceHint }),
          again: refreshed ? t('help.again') : null,
        });
      } catch (err) {
        if (!isEcnError(err, 'ECN_ERR_HELP_TOO_MANY')) throw err;
        const retryAt = Number(err.details.retryAt);
        locals(res).log.info({ errorCode: err.code }, 'call for help refused');
        res.set('Retry-After', String(Math.max(1, Math.ceil((retryAt - access.clock.now()) / 1000))));
        return render(
          req,
          res,
          page,
          { error: t('help.tooMany', { time: formatTime(lang, retryAt, settings.timeZone) }) },
          err.status,
        );
      }
    }),
  );
}
