// The animators' console: a second web app in the same process, on its own address
// (`console.listen`, loopback by default), never reachable from the captive side. A request goes
// through: security headers → static files → language, account and session from the cookie →
// CSRF check of every form → pages (each checks the account's role) → 404 → the one error handler.

import express, {
  type ErrorRequestHandler,
  type Express,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { z } from 'zod';
import { securityHeaders } from '../http-security';
import { bodyRejection } from '../http-body-rejection';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EcnError, isEcnError } from '../domain/errors';
import { isStoreDown } from '../domain/store-health';
import { PACKAGE_ROOT } from '../package-info';
import { readCookies } from '../portal/cookies';
import { consoleTranslator, isConsoleLanguage, type ConsoleKey, type ConsoleLanguage } from './i18n';
import { consoleLocals, errorText, page, renderPage, type ConsoleLocals, type PageHandler } from './context';
import { parseForm, textField } from './forms';
import { PASSWORD_MAX } from '../domain/console';
import type { ConsoleDeps } from './deps';
import { login, logout, resolveSession } from './auth';
import { registerTickets } from './routes/tickets';
import { registerSessions } from './routes/sessions';
import { registerToday } from './routes/today';
import { registerSettings } from './routes/settings';
import { registerUsers } from './routes/users';
import { registerDevices } from './routes/devices';
import { registerAudit } from './routes/audit';
import { registerStats } from './routes/stats';
import { registerRequisition } from './routes/requisition';
import { registerAccount } from './routes/account';
import { registerFilter } from './routes/filter';
import { registerHelp, renderHome } from './routes/help';
import { registerAttendance } from './routes/attendance';

export const SESSION_COOKIE = 'ecn_console';
export const LOGIN_CSRF_COOKIE = 'ecn_console_csrf';
export const CONSOLE_LANG_COOKIE = 'ecn_console_lang';
export const CSRF_FIELD = '_csrf';
/** Sign-in refusals shown on the sign-in page (anything else is the error page). */
const LOGIN_REFUSALS: readonly string[] = [
  'ECN_ERR_LOGIN_FAILED',
  'ECN_ERR_LOGIN_THROTTLED',
  'ECN_ERR_CONSOLE_SPACE_REFUSED',
  'ECN_ERR_CONSOLE_SPACES_UNSET',
];
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export type { ConsoleDeps } from './deps';

export function createConsoleApp(deps: ConsoleDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.settings.trustProxy ? deps.settings.trustProxy : false);
  app.set('views', path.join(PACKAGE_ROOT, 'views'));
  app.set('view engine', 'ejs');
  app.use(securityHeaders({ secure: deps.settings.secureCookies, dataImages: true }));
  app.use('/static', staticFiles());
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  app.use(requestContext(deps));
  app.use(clockWarning(deps));
  app.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }));
  app.use(csrfCheck);

  registerAuth(app, deps);
  registerTickets(app, deps);
  registerSessions(app, deps);
  registerToday(app, deps);
  registerSettings(app, deps);
  registerFilter(app, deps);
  registerUsers(app, deps);
  registerDevices(app, deps);
  registerAudit(app, deps);
  registerStats(app, deps);
  registerRequisition(app, deps);
  registerAccount(app, deps);
  registerHelp(app, deps);
  registerAttendance(app, deps);

  // A visitor who is not signed in learns nothing about which pages exist.
  app.use((_req, res, next) =>
    next(
      consoleLocals(res).user
        ? new EcnError('ECN_ERR_NOT_FOUND', 'No console page has this address.')
        : new EcnError('ECN_ERR_AUTH_REQUIRED', 'Sign in to use the console.'),
    ),
  );
  app.use(errorHandler(deps));
  return app;
}

/** The console's style sheets, read once at start and served from memory. */
function staticFiles() {
  const dir = path.join(PACKAGE_ROOT, 'views', 'static');
  const files = new Map<string, Buffer>();
  for (const name of ['console.css', 'console-print.css']) {
    try {
      files.set(`/${name}`, readFileSync(path.join(dir, name)));
    } catch {
      // a sheet not shipped yet is simply not served
    }
  }
  const router = express.Router();
  router.get('/{*file}', (req, res, next) => {
    const body = files.get(req.path);
    if (!body) return next();
    return res.set('Cache-Control', 'public, max-age=3600').type('text/css; charset=utf-8').send(body);
  });
  return router;
}

function cookieOptions(deps: ConsoleDeps, maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: deps.settings.secureCookies,
    path: '/',
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds * 1000 } : {}),
  };
}

/**
 * The banner every page shows while the clock is not known to be synchronised: the legal
 * log's times depend on it. A page rendered without it (a test's own deps) shows none.
 */
function clockWarning(deps: ConsoleDeps) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const state = deps.clockSync?.()?.state ?? (deps.clockSync ? 'unknown' : 'synchronised');
    const l = consoleLocals(res);
    res.locals.clockWarning =
      state === 'unsynchronised'
        ? l.t('clock.unsynchronised')
        : state === 'unknown'
          ? l.t('clock.unknown')
          : null;
    next();
  };
}

/** Language (query → cookie → French), then the account and session from the cookie. */
function requestContext(deps: ConsoleDeps) {
  const authDeps = { ...deps.services, policy: deps.auth, spaceId: deps.spaceId };
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const cookies = readCookies(req);
      const l = res.locals as ConsoleLocals;
      l.log = deps.logger.child({ reqId: randomUUID() });
      let lang: ConsoleLanguage = 'fr';
      if (isConsoleLanguage(req.query.lang)) {
        lang = req.query.lang;
        res.cookie(CONSOLE_LANG_COOKIE, lang, cookieOptions(deps, 365 * 86400));
      } else if (isConsoleLanguage(cookies[CONSOLE_LANG_COOKIE])) {
        lang = cookies[CONSOLE_LANG_COOKIE];
      }
      l.lang = lang;
      l.t = consoleTranslator(lang);
      const token = cookies[SESSION_COOKIE];
      const found = token ? await resolveSession(authDeps, token) : null;
      if (token && !found) res.clearCookie(SESSION_COOKIE, cookieOptions(deps));
      l.user = found?.user ?? null;
      l.session = found?.session ?? null;
      if (found) {
        l.csrf = found.session.csrf;
      } else {
        const pre = cookies[LOGIN_CSRF_COOKIE];
        l.csrf = pre && TOKEN_RE.test(pre) ? pre : randomBytes(32).toString('base64url');
        if (l.csrf !== pre) res.cookie(LOGIN_CSRF_COOKIE, l.csrf, cookieOptions(deps));
      }
      res.set('Cache-Control', 'no-store');
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Whether the form's token matches the request's (constant time). */
export function csrfMatches(expected: string, sent: unknown): boolean {
  if (typeof sent !== 'string' || !TOKEN_RE.test(sent) || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

/** Routes that take a multipart body (a file); they check the token themselves, before storing. */
export const MULTIPART_ROUTES: ReadonlySet<string> = new Set(['/settings/logo']);

/**
 * Every request that is not a GET must be a url-encoded form carrying the page's token:
 * another body type, or none, is refused here, so no route can forget the check. The only
 * exception, multipart uploads on MULTIPART_ROUTES, checks `csrfMatches` before changing anything.
 */
function csrfCheck(req: Request, res: Response, next: NextFunction) {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  if (req.is('multipart/form-data') && MULTIPART_ROUTES.has(req.path)) return next();
  const body = req.is('application/x-www-form-urlencoded')
    ? (req.body as Record<string, unknown>)
    : undefined;
  if (csrfMatches(consoleLocals(res).csrf, body?.[CSRF_FIELD])) return next();
  return next(new EcnError('ECN_ERR_CSRF', 'The form was sent without the token of its page.'));
}

function safeNext(raw: unknown): string {
  // Only a path of this console: no scheme, no host, no backslash tricks.
  return typeof raw === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(raw) && raw.length < 300 ? raw : '/';
}

/**
 * The sign-in form read at the edge. A repeated, too long or non-text name or password is
 * refused as a wrong one is, but before any lookup: no attempt is taken, nothing is audited,
 * no password is hashed. A malformed `next` only loses the way back (the home page).
 */
const loginSchema = z.object({
  username: textField(64),
  password: textField(PASSWORD_MAX),
  next: textField(300).catch(''),
});

/** The sentence a refused sign-in shows, by the refusal's code. */
function loginRefusalText(t: ConsoleLocals['t'], err: EcnError, deps: ConsoleDeps): string {
  switch (err.code) {
    case 'ECN_ERR_LOGIN_THROTTLED':
      return t('login.throttled', { minutes: retryMinutes(err) });
    case 'ECN_ERR_CONSOLE_SPACE_REFUSED':
      return t('login.otherSpace', { space: deps.spaceId });
    case 'ECN_ERR_CONSOLE_SPACES_UNSET':
      return t('login.spacesUnset');
    default:
      return t('login.failed');
  }
}

const retryMinutes = (err: EcnError) =>
  Math.max(1, Math.ceil(Number(err.details.retryAfterSeconds ?? 60) / 60));

function loginPage(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  const next = safeNext(req.query.next ?? (req.body as Record<string, unknown> | undefined)?.next);
  const title = consoleLocals(res).t('login.title');
  return renderPage(deps, req, res, 'login', title, { next, username: '', ...extra }, status);
}

function registerAuth(app: Express, deps: ConsoleDeps): void {
  app.get('/login', showLogin(deps));
  app.post('/login', signIn(deps));
  app.post('/logout', page(null, signOut(deps)));
  app.get(
    '/',
    page(null, (req, res, ctx) =>
      renderHome(deps, req, res, ctx, {
        notice: req.query.msg === 'handled' ? ctx.t('help.msg.handled') : null,
      }),
    ),
  );
}

const LOGIN_NOTICES: Record<string, ConsoleKey> = {
  expired: 'login.expired',
  bye: 'login.loggedOut',
  password: 'login.passwordChanged',
};

/** GET /login: the form (a signed-in visitor goes on), with the notice the redirect asked for. */
function showLogin(deps: ConsoleDeps): RequestHandler {
  return (req, res) => {
    const { t, user } = consoleLocals(res);
    if (user) return res.redirect(303, safeNext(req.query.next));
    const msg = typeof req.query.msg === 'string' ? req.query.msg : '';
    const notice = Object.hasOwn(LOGIN_NOTICES, msg) ? t(LOGIN_NOTICES[msg]!) : null;
    return loginPage(deps, req, res, { notice });
  };
}

/** POST /login: the form read, the sign-in use case, the session cookie (or the refusal). */
function signIn(deps: ConsoleDeps): RequestHandler {
  const authDeps = { ...deps.services, policy: deps.auth, spaceId: deps.spaceId };
  return async (req, res, next) => {
    const { t, log } = consoleLocals(res);
    const form = parseForm(loginSchema, req.body, {}, () => null);
    if (!form.ok) {
      log.info(
        { errorCode: 'ECN_ERR_LOGIN_FAILED', field: form.field },
        'console login refused: malformed form',
      );
      return loginPage(deps, req, res, { error: t('login.failed') }, 400);
    }
    const { username, password } = form.value;
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    try {
      const r = await login(authDeps, { username, password, ip });
      res.cookie(SESSION_COOKIE, r.token, cookieOptions(deps));
      res.clearCookie(LOGIN_CSRF_COOKIE, cookieOptions(deps));
      log.info({ user: r.user.username, role: r.user.role }, 'console login');
      return res.redirect(303, safeNext(form.value.next));
    } catch (err) {
      if (!isEcnError(err) || !LOGIN_REFUSALS.includes(err.code)) return next(err);
      log.info({ errorCode: err.code }, 'console login refused');
      if (err.code === 'ECN_ERR_LOGIN_THROTTLED') res.set('Retry-After', String(retryMinutes(err) * 60));
      return loginPage(deps, req, res, { username, error: loginRefusalText(t, err, deps) }, err.status);
    }
  };
}

/** POST /logout: the session ended in the store and its cookie cleared. */
function signOut(deps: ConsoleDeps): PageHandler {
  const authDeps = { ...deps.services, policy: deps.auth, spaceId: deps.spaceId };
  return async (_req, res, ctx) => {
    await logout(authDeps, ctx.session);
    res.clearCookie(SESSION_COOKIE, cookieOptions(deps));
    return res.redirect(303, '/login?msg=bye');
  };
}

/** The one catch of the console's HTTP edge. */
function errorHandler(deps: ConsoleDeps): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const l = res.locals as Partial<ConsoleLocals>;
    const log = l.log ?? deps.logger;
    const rejected = bodyRejection(err);
    if (rejected)
      deps.services.events.emit('http.body_rejected', { app: 'console', reason: rejected.reason });
    const e = rejected
      ? rejected.error
      : isEcnError(err)
        ? err
        : new EcnError('ECN_ERR_INTERNAL', 'Internal error.', {}, { cause: err });
    // The store monitor logs an outage once when it starts; each page meeting it is routine.
    const storeDown: boolean = isStoreDown(e);
    if (storeDown) log.info({ errorCode: e.code }, 'console request refused: the store does not answer');
    else if (e.status >= 500) log.error({ err, errorCode: e.code }, 'console request failed');
    else log.info({ errorCode: e.code }, 'console request refused');
    if (res.headersSent) return;
    if (e.code === 'ECN_ERR_AUTH_REQUIRED' && req.method === 'GET') {
      const next = encodeURIComponent(req.originalUrl.slice(0, 250));
      return res.redirect(303, `/login?next=${next}`);
    }
    if (!l.t || !req.accepts('html')) {
      return res.status(e.status).json({ error: e.code, message: e.expose ? e.message : 'Internal error.' });
    }
    const t = l.t;
    const message =
      e.code === 'ECN_ERR_NOT_FOUND'
        ? t('error.notFound')
        : e.code === 'ECN_ERR_FORBIDDEN'
          ? t('error.forbidden')
          : e.code === 'ECN_ERR_CSRF'
            ? t('error.csrf')
            : e.code === 'ECN_ERR_AUTH_REQUIRED'
              ? t('login.expired')
              : errorText(t, e);
    return renderPage(deps, req, res, 'problem', t('error.title'), { message, errorCode: e.code }, e.status);
  };
}
