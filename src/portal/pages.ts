// The portal's pages: welcome (charter + login form), ticket link, status, logout, charter,
// blocked site, legal pages. Routes only read input and render; the use cases decide. One
// registration per family of pages, each handler a named function; the closed page, help,
// hand-off and the RFC 8908 API have their own modules.

import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { linkLabel } from '../domain/console';
import { EcnError, isEcnError } from '../domain/errors';
import { formatCode, normalizeCode } from '../domain/ticket-code';
import { LEGAL_PAGES, type LegalPage } from '../config/legal-texts';
import type { AccessDeps } from '../services/client-access';
import { login } from '../services/login';
import { admitTrustedDevice } from '../services/trusted-access';
import { closingSoon, hoursInForce, isOpenAt } from '../services/opening-hours';
import { nextOpening } from '../domain/opening-hours';
import { renderClosed } from './closed-page';
import { logout } from '../services/logout';
import { basePageLocals, locals } from './context';
import { safeDestination } from './captive';
import { CSRF_FIELD, csrfToken, csrfValid } from './csrf';
import { formatDuration, formatSize, formatTime, type CatalogKey } from './i18n';
import type { PortalSettings, PortalTexts } from './settings';
import { helpForm } from './help';
import { formError, type FormError } from './form-error';

export interface PagesDeps {
  access: AccessDeps;
  settings: PortalSettings;
  texts: PortalTexts;
}

export type Handler = (req: Request, res: Response) => Promise<void>;

/** Express 5 forwards rejected promises; this keeps handler signatures uniform. */
export const route =
  (h: Handler) =>
  (req: Request, res: Response, next: NextFunction): void => {
    h(req, res).catch(next);
  };

const categoryQuery = z.object({
  category: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/)
    .optional(),
});

const KNOWN_CATEGORIES = [
  'adult',
  'gambling',
  'phishing',
  'malware',
  'violence',
  'drugs',
  'hacking',
  'warez',
  'dating',
  'custom',
] as const;

/** The form parser of the portal's two POST forms: small bodies only. */
const form = express.urlencoded({
  extended: false,
  limit: '4kb',
  parameterLimit: 10,
});

export function registerPages(app: Express, deps: PagesDeps): void {
  registerWelcomePages(app, deps);
  registerStatusPages(app, deps);
  registerTextPages(app, deps);
  registerBlockedPage(app, deps);
}

/** A captive client of a closed space gets the closed page instead of the login form. */
function closedPage(deps: PagesDeps, req: Request, res: Response): boolean {
  const now = deps.access.clock.now();
  if (isOpenAt(deps.access, now)) return false;
  renderClosed(req, res, deps, nextOpening(hoursInForce(deps.access), now));
  return true;
}

interface WelcomeView {
  code?: string;
  error?: FormError | null;
  notice?: string | null;
  charterTicked?: boolean;
  dest?: string;
}

/** The welcome page: the charter, the ticket form (unless access is free), and what it says. */
async function renderWelcome(deps: PagesDeps, req: Request, res: Response, view: WelcomeView): Promise<void> {
  const { settings, texts } = deps;
  const { lang, t } = locals(res);
  const freeOnly = settings.freeAccess.enabled && !view.code && view.error?.field !== 'code';
  res.render('portal/welcome', {
    ...basePageLocals(req, res, settings),
    title: t('welcome.title'),
    intro: t(settings.freeAccess.enabled ? 'welcome.introFree' : 'welcome.intro', {
      space: settings.space.name,
    }),
    freeNote: settings.freeAccess.enabled
      ? t('welcome.freeAllowance', {
          duration: formatDuration(t, settings.freeAccess.dailyAllowanceSeconds),
        })
      : null,
    charter: texts.charters[lang],
    csrf: csrfToken(req, res, settings.secureCookies),
    csrfField: CSRF_FIELD,
    showCode: !freeOnly,
    code: view.code ?? '',
    error: view.error ?? null,
    notice: view.notice ?? null,
    charterTicked: view.charterTicked ?? false,
    dest: view.dest ?? '',
    // A refused code is where residents get stuck most: the call says so.
    help: helpForm(req, res, settings, view.error?.field === 'code' ? 'code' : 'welcome'),
    // Only the links the gateway holds open now: the page promises nothing it does not keep.
    gardenLinks: (settings.linksBeforeLogin?.() ?? []).map((l) => ({
      url: l.url,
      label: linkLabel(l, lang),
    })),
  });
}

function statusUrl(dest: string): string {
  return dest ? `/status?dest=${encodeURIComponent(dest)}` : '/status';
}

/** Welcome, the ticket's QR link and the login form. */
function registerWelcomePages(app: Express, deps: PagesDeps): void {
  const { access, settings } = deps;

  async function showWelcome(req: Request, res: Response): Promise<void> {
    const dest = safeDestination(req.query.dest)?.href ?? '';
    if ((await locals(res).access()) !== null && req.query.loggedout === undefined) {
      res.redirect(303, statusUrl(dest));
      return;
    }
    if (req.query.loggedout === undefined && (await admitTrustedDevice(access, await locals(res).device()))) {
      res.redirect(303, statusUrl(dest));
      return;
    }
    if (closedPage(deps, req, res)) return;
    const notice = req.query.loggedout !== undefined ? locals(res).t('welcome.loggedOut') : null;
    await renderWelcome(deps, req, res, { notice, dest });
  }

  // The QR code on a ticket: the code is filled in; the charter must still be ticked.
  async function showTicketLink(req: Request, res: Response): Promise<void> {
    const { t } = locals(res);
    const raw = String(req.params.code ?? '');
    if (closedPage(deps, req, res)) return;
    try {
      const code = formatCode(normalizeCode(raw));
      await renderWelcome(deps, req, res, {
        code,
        notice: t('welcome.fromTicket'),
      });
    } catch (err) {
      if (!isEcnError(err)) throw err;
      res.status(err.status);
      await renderWelcome(deps, req, res, {
        error: formError(err, res, settings),
      });
    }
  }

  async function logIn(req: Request, res: Response): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const dest = safeDestination(body.dest)?.href ?? '';
    const typed = typeof body.code === 'string' ? body.code.slice(0, 40) : '';
    if (!csrfValid(req)) {
      const err = new EcnError('ECN_ERR_CSRF', 'The form token is missing or wrong.');
      locals(res).log.info({ errorCode: err.code }, 'login refused');
      res.status(err.status);
      await renderWelcome(deps, req, res, {
        error: formError(err, res, settings),
        code: typed,
        dest,
      });
      return;
    }
    try {
      await login(access, {
        form: body,
        device: await locals(res).device(),
        lang: locals(res).lang,
      });
      locals(res).log.info('login');
      res.redirect(303, statusUrl(dest));
    } catch (err) {
      if (!isEcnError(err) || err.status >= 500) throw err;
      await loginRefused(deps, req, res, err, {
        typed,
        dest,
        charterTicked: body.charter === 'yes',
      });
    }
  }

  app.get('/', route(showWelcome));
  app.get('/t/:code', route(showTicketLink));
  app.post('/login', form, route(logIn));
}

/** The welcome page again, saying why the login was refused (or the closed page). */
async function loginRefused(
  deps: PagesDeps,
  req: Request,
  res: Response,
  err: EcnError,
  form: { typed: string; dest: string; charterTicked: boolean },
): Promise<void> {
  locals(res).log.info({ errorCode: err.code }, 'login refused');
  res.status(err.status);
  if (err.code === 'ECN_ERR_SPACE_CLOSED') {
    renderClosed(req, res, deps, (err.details.nextOpening as number | null) ?? null);
    return;
  }
  if (err.code === 'ECN_ERR_TOO_MANY_TRIES') {
    const retryAt = Number(err.details.retryAt);
    res.set('Retry-After', String(Math.max(1, Math.ceil((retryAt - deps.access.clock.now()) / 1000))));
  }
  // A wrong code is not shown back (it may be a guess); a well-formed refused one is.
  const keep = err.code === 'ECN_ERR_CHARTER_NOT_ACCEPTED' ? form.typed : '';
  await renderWelcome(deps, req, res, {
    error: formError(err, res, deps.settings),
    code: keep,
    charterTicked: form.charterTicked,
    dest: form.dest,
  });
}

/** The status page (time and data left, or not connected) and the logout form. */
function registerStatusPages(app: Express, deps: PagesDeps): void {
  const { access, settings } = deps;

  async function showStatus(req: Request, res: Response): Promise<void> {
    const { lang, t } = locals(res);
    const a = await locals(res).access();
    const dest = safeDestination(req.query.dest);
    const base = {
      ...basePageLocals(req, res, settings),
      csrf: csrfToken(req, res, settings.secureCookies),
      help: helpForm(req, res, settings, 'status'),
    };
    if (a === null) {
      res.render('portal/status', {
        ...base,
        title: t('status.offTitle'),
        connected: false,
        csrfField: CSRF_FIELD,
      });
      return;
    }
    const now = access.clock.now();
    const closes = closingSoon(access, now);
    res.render('portal/status', {
      ...base,
      csrfField: CSRF_FIELD,
      title: t('status.title'),
      connected: true,
      free: a.ticket === null && !a.trustedLabel,
      spaceDevice: a.trustedLabel ? t('status.spaceDevice', { label: a.trustedLabel }) : null,
      timeLeft: formatDuration(t, a.secondsLeft),
      until: formatTime(lang, now + a.secondsLeft * 1000, settings.timeZone),
      dataLeft: a.bytesLeft === null ? null : formatSize(lang, t, a.bytesLeft),
      devices: a.ticket ? t('status.devicesValue', { used: a.devicesUsed, max: a.maxDevices }) : null,
      dest: dest ? { href: dest.href, host: dest.host } : null,
      links: (settings.links ?? []).map((l) => ({
        url: l.url,
        label: linkLabel(l, lang),
      })),
      closingSoon:
        closes === null
          ? null
          : t('status.closingSoon', {
              time: formatTime(lang, closes, settings.timeZone),
            }),
    });
  }

  async function logOut(req: Request, res: Response): Promise<void> {
    if (!csrfValid(req)) throw new EcnError('ECN_ERR_CSRF', 'The form token is missing or wrong.');
    const ended = await logout(access, await locals(res).device());
    locals(res).log.info({ sessions: ended }, 'logout');
    res.redirect(303, '/?loggedout=1');
  }

  app.get('/status', route(showStatus));
  app.post('/logout', form, route(logOut));
}

/** The charter on its own page, and the legal pages (privacy notice, legal notice...). */
function registerTextPages(app: Express, deps: PagesDeps): void {
  const { settings, texts } = deps;

  async function showCharter(req: Request, res: Response): Promise<void> {
    const { lang, t } = locals(res);
    const charter = texts.charters[lang];
    res.render('portal/charter', {
      ...basePageLocals(req, res, settings),
      title: charter.title,
      charter,
      versionNote: t('charter.version', { version: charter.version }),
    });
  }

  async function showLegalPage(req: Request, res: Response): Promise<void> {
    const page = String(req.params.page);
    if (!(LEGAL_PAGES as readonly string[]).includes(page)) {
      throw new EcnError('ECN_ERR_NOT_FOUND', 'No legal page has this name.');
    }
    const text = texts.legal[locals(res).lang][page as LegalPage];
    res.render('portal/legal', {
      ...basePageLocals(req, res, settings),
      title: text.title,
      text,
    });
  }

  app.get('/charter', route(showCharter));
  app.get('/legal/:page', route(showLegalPage));
}

/** Where the resolver sends a blocked name: why it is blocked, whom to ask. */
function registerBlockedPage(app: Express, deps: PagesDeps): void {
  const { settings } = deps;

  async function showBlocked(req: Request, res: Response): Promise<void> {
    const { t } = locals(res);
    const q = categoryQuery.safeParse({
      category: typeof req.query.category === 'string' ? req.query.category : undefined,
    });
    const category = q.success ? q.data.category : undefined;
    const known = (KNOWN_CATEGORIES as readonly string[]).includes(category ?? '');
    res.status(403).render('portal/blocked', {
      ...basePageLocals(req, res, settings),
      title: t('blocked.title'),
      category:
        category === undefined ? null : t(known ? (`category.${category}` as CatalogKey) : 'category.other'),
      contact: settings.space.contactEmail
        ? t('blocked.contact', { email: settings.space.contactEmail })
        : null,
      help: helpForm(req, res, settings, 'blocked'),
    });
  }

  app.get('/blocked', route(showBlocked));
}
