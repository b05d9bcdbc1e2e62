// The resident portal's web app, built by a factory that does not listen (main or a test binds
// it). A request goes through: security headers → health check and static files → who the
// client is and in which language → captive-network probes and foreign hosts → pages → 404 →
// the one error handler.

import express, {
  type ErrorRequestHandler,
  type Express,
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import { securityHeaders } from '../http-security';
import { bodyRejection } from '../http-body-rejection';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Logger } from '../log';
import type { Store } from '../domain/ports';
import type { ClockSyncStatus } from '../domain/clock-sync';
import { isStoreDown, type StoreHealth } from '../domain/store-health';
import { EcnError, isEcnError } from '../domain/errors';
import type { Device } from '../domain/device';
import type { Language } from '../domain/charter';
import { PACKAGE_ROOT } from '../package-info';
import { clientAccess, identifyDevice, type AccessDeps, type ClientAccess } from '../services/client-access';
import { readCookies, setCookie } from './cookies';
import { fromAcceptLanguage, isOffered, translator } from './i18n';
import { captiveApiDocument, hostnameOf, originalUrl, probeOf, probeSuccess } from './captive';
import { registerPages } from './pages';
import { admitTrustedDevice } from '../services/trusted-access';
import { registerHelp } from './help';
import { extensionPossible, registerExtendPage } from './extend-page';
import type { CategoryLookup } from './category-lookup';
import { isHandOffPath, registerHandOff } from './hand-off';
import { basePageLocals, locals, type PortalLocals } from './context';
import type { PortalSettings, PortalTexts } from './settings';
import { staticAssets } from './static-assets';

export interface PortalDeps {
  store: Store;
  logger: Logger;
  version: string;
  spaceId: string;
  /** Use cases and ports; absent, the app serves only the health check (tools that need no pages). */
  access?: AccessDeps;
  settings?: PortalSettings;
  texts?: PortalTexts;
  /** Which category blocks a name (the DNS process's answer); absent, the block page names none. */
  categoryLookup?: CategoryLookup;
  /** The last clock check (issue #16, item 5); absent, /healthz says nothing of the clock. */
  clockSync?: () => ClockSyncStatus | null;
  /** The store monitor's last answer (issue #13, item 4); absent, /healthz pings only. */
  storeHealth?: () => StoreHealth;
}

export const LANG_COOKIE = 'ecn_lang';

export function createPortalApp(deps: PortalDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.settings?.trustProxy ? deps.settings.trustProxy : false);
  app.set('views', path.join(PACKAGE_ROOT, 'views'));
  app.set('view engine', 'ejs');
  app.use(securityHeaders({ secure: deps.settings?.secureCookies ?? false }));
  app.use((_req, res, next) => {
    res.locals.log = deps.logger.child({ reqId: randomUUID() });
    next();
  });

  app.get('/healthz', async (_req, res) => {
    const clock = healthClock(deps.clockSync);
    const base = { version: deps.version, space: deps.spaceId, store: deps.store.kind };
    try {
      await deps.store.ping();
      // An unsynchronised clock does not stop residents, but the legal log's times are wrong.
      const status = clock?.clock === 'unsynchronised' ? 'degraded' : 'ok';
      res.json({ status, ...base, storeState: 'up', ...clock });
    } catch (err) {
      // Issue #13, item 4: connected residents keep their access and the box serves its pages,
      // so it is degraded, not down; a load balancer or Docker must not take it out.
      const code = isEcnError(err) ? err.code : 'ECN_ERR_INTERNAL';
      const storeState = code === 'ECN_ERR_STORE_EMPTIED' ? 'emptied' : 'unavailable';
      const since = deps.storeHealth?.().state === storeState ? deps.storeHealth().since : null;
      res.json({
        status: 'degraded',
        ...base,
        storeState,
        storeSince: since === null ? null : new Date(since).toISOString(),
        error: code,
        ...clock,
      });
    }
  });

  if (deps.access && deps.settings && deps.texts) {
    const { access, settings, texts } = deps;
    app.use('/static', staticAssets(settings));
    app.get('/favicon.ico', (_req, res) => {
      res.status(204).end();
    });
    app.use(requestContext(access, settings));
    app.use(captiveNetwork(access, settings, deps.categoryLookup ?? null));
    app.get('/api/captive', async (_req, res) => {
      const a = await accessOrTrusted(access, res);
      const extend = a ? await extensionPossible(access, settings, a) : false;
      res
        .status(200)
        .set('Cache-Control', 'private')
        .type('application/captive+json')
        .send(
          JSON.stringify(
            // RFC 8908 §4: the user portal URL must be https when the box can offer it.
            captiveApiDocument(settings.secureUrl ?? settings.publicUrl, {
              captive: a === null,
              secondsRemaining: a?.secondsLeft ?? null,
              bytesRemaining: a?.bytesLeft ?? null,
              canExtend: extend,
            }),
          ),
        );
    });
    registerHandOff(app, { access, settings, texts });
    registerPages(app, { access, settings, texts });
    registerHelp(app, { access, settings });
    registerExtendPage(app, { access, settings });
  }

  app.use(async (req, res, next) => {
    // A captive client asking the portal for a page it does not have goes to the welcome page.
    try {
      const l = res.locals as Partial<PortalLocals>;
      if (req.method === 'GET' && l.access && (await l.access()) === null) return res.redirect(302, '/');
    } catch (err) {
      return next(err);
    }
    return next(new EcnError('ECN_ERR_NOT_FOUND', 'No page has this address.'));
  });
  app.use(errorHandler(deps));
  return app;
}

/**
 * The ticket store (the city's Redis) does not answer or lost its data, or the box's disk is
 * full: a page of its own.
 */
export function isStoreOutage(e: EcnError): boolean {
  return isStoreDown(e);
}

/** The clock's part of /healthz: `clock` (its state) and `clockSource`, when it is checked. */
function healthClock(current: PortalDeps['clockSync']): { clock: string; clockSource: string } | null {
  if (!current) return null;
  const s = current();
  return s ? { clock: s.state, clockSource: s.source } : { clock: 'unknown', clockSource: 'none' };
}

/** Language (query → cookie → Accept-Language → default), the client's device and access. */
function requestContext(access: AccessDeps, settings: PortalSettings) {
  return (req: Request, res: Response, next: NextFunction) => {
    const asked = req.query.lang;
    const cookie = readCookies(req)[LANG_COOKIE];
    let lang: Language;
    if (isOffered(asked)) {
      lang = asked;
      setCookie(res, LANG_COOKIE, lang, { secure: settings.secureCookies, maxAgeSeconds: 365 * 86400 });
    } else if (isOffered(cookie)) {
      lang = cookie;
    } else {
      lang = fromAcceptLanguage(req.get('accept-language'), settings.defaultLanguage);
    }
    const ip = (settings.trustProxy ? req.ip : req.socket.remoteAddress) ?? '';
    let device: Promise<Device> | null = null;
    let current: Promise<ClientAccess | null> | null = null;
    const l = res.locals as PortalLocals;
    l.lang = lang;
    l.t = translator(lang);
    l.device = () => (device ??= identifyDevice(access.gateway, ip));
    l.access = () => (current ??= l.device().then((d) => clientAccess(access, d)));
    res.set('Cache-Control', 'no-store');
    res.vary('Accept-Language').vary('Cookie');
    next();
  };
}

/**
 * The operating systems' probes get a redirect to the portal while the client is captive and
 * their expected answer once it is authorized. Any request for another site reaches the portal
 * only because the gateway redirected it: a captive client goes to the welcome page with the
 * URL it wanted kept; an authorized one (a name the filter blocked) to the blocked-site page.
 */
function captiveNetwork(access: AccessDeps, settings: PortalSettings, lookup: CategoryLookup | null) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const host = hostnameOf(req.get('host'));
      const own = host !== null && settings.hostnames.includes(host);
      if (settings.handOff && isHandOffPath(settings.handOff, req.path)) return next();
      const probe = probeOf(host ?? '', req.path);
      if (!probe && own) return next();
      if (probe) {
        if ((await accessOrTrusted(access, res)) === null) return res.redirect(302, `${settings.publicUrl}/`);
        const answer = probeSuccess(probe);
        res.status(answer.status);
        if (answer.type) res.type(answer.type);
        return res.send(answer.body);
      }
      if ((await locals(res).access()) !== null) {
        // Only a name the filter blocks gets a category; any other foreign Host (or no answer
        // from the DNS process) gets the generic page. The name is never logged.
        const category = host !== null && lookup !== null ? await lookup(host) : null;
        const q = category === null ? '' : `?category=${encodeURIComponent(category)}`;
        return res.redirect(302, `${settings.publicUrl}/blocked${q}`);
      }
      const wanted = originalUrl(req.get('host') ?? '', req.originalUrl);
      const dest = wanted ? `?dest=${encodeURIComponent(wanted)}` : '';
      return res.redirect(302, `${settings.publicUrl}/${dest}`);
    } catch (err) {
      return next(err);
    }
  };
}

/**
 * The client's access, after letting a trusted device of the space through (issue #15, item 2):
 * a public PC's operating system asks its probe or the RFC 8908 API before anyone opens the
 * portal, and must hear that it is online, or it shows a login window nobody needs.
 */
async function accessOrTrusted(access: AccessDeps, res: Response): Promise<ClientAccess | null> {
  const current = await locals(res).access();
  if (current !== null) return current;
  const device = await locals(res).device();
  if ((await admitTrustedDevice(access, device)) === null) return null;
  return clientAccess(access, device);
}

/** The one catch of the HTTP edge: typed errors answer with their status and code. */
export function errorHandler(deps: Pick<PortalDeps, 'settings' | 'texts' | 'access'>): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const log = (res.locals.log as Logger | undefined) ?? null;
    const rejected = bodyRejection(err);
    if (rejected) deps.access?.events.emit('http.body_rejected', { app: 'portal', reason: rejected.reason });
    const e = rejected
      ? rejected.error
      : isEcnError(err)
        ? err
        : new EcnError('ECN_ERR_INTERNAL', 'Internal error.', {}, { cause: err });
    const outage = isStoreOutage(e);
    // The store monitor logs an outage once when it starts; each request meeting it is routine.
    if (outage) log?.info({ errorCode: e.code }, 'request refused: the store does not answer');
    else if (e.status >= 500) log?.error({ err, errorCode: e.code }, 'request failed');
    else log?.info({ errorCode: e.code }, 'request refused');
    const l = res.locals as Partial<PortalLocals>;
    if (res.headersSent) return;
    if (!deps.settings || !l.t || !req.accepts('html') || req.path.startsWith('/api/')) {
      res.status(e.status).json({ error: e.code, message: e.expose ? e.message : 'Internal error.' });
      return;
    }
    const t = l.t;
    if (outage) res.set('Retry-After', '10');
    res.status(e.status).render('portal/problem', {
      ...basePageLocals(req, res, deps.settings, 'home'),
      title:
        e.code === 'ECN_ERR_NOT_FOUND'
          ? t('notFound.title')
          : outage
            ? t(e.code === 'ECN_ERR_STORE_FULL' ? 'storeFull.title' : 'outage.title')
            : t('welcome.errorTitle'),
      message:
        e.code === 'ECN_ERR_NOT_FOUND'
          ? t('notFound.text')
          : outage
            ? t(e.code === 'ECN_ERR_STORE_FULL' ? 'storeFull.text' : 'outage.text')
            : rejected
              ? t('error.input')
              : t('error.technical'),
      errorCode: outage ? e.code : null,
    });
  };
}
