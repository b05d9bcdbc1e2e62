// What a console request knows once the context step ran (language, account, session, CSRF
// token), the wrapper every page uses to check the account's role, and the page renderer.

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { can, type ConsoleSession, type ConsoleUser, type Permission } from '../domain/console';
import { EcnError, isEcnError } from '../domain/errors';
import type { Logger } from '../log';
import { isConsoleKey, type ConsoleLanguage, type ConsoleKey, type ConsoleTranslate } from './i18n';
import type { ConsoleDeps } from './deps';

export interface ConsoleLocals {
  log: Logger;
  lang: ConsoleLanguage;
  t: ConsoleTranslate;
  user: ConsoleUser | null;
  session: ConsoleSession | null;
  /** The token forms must carry: the session's, or the pre-login cookie's. */
  csrf: string;
}

export function consoleLocals(res: Response): ConsoleLocals {
  return res.locals as ConsoleLocals;
}

/** A signed-in request: the account and its session are there. */
export interface SignedIn extends ConsoleLocals {
  user: ConsoleUser;
  session: ConsoleSession;
}

export type PageHandler = (req: Request, res: Response, ctx: SignedIn) => Promise<unknown> | unknown;

/**
 * Wraps a console route: the account must be signed in (else the login page) and its role must
 * have the permission (else 403); errors reach the one error handler.
 */
export function page(permission: Permission | null, handler: PageHandler): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const l = consoleLocals(res);
      if (!l.user || !l.session) throw new EcnError('ECN_ERR_AUTH_REQUIRED', 'Sign in to use the console.');
      if (permission !== null && !can(l.user.role, permission)) {
        throw new EcnError('ECN_ERR_FORBIDDEN', 'This account may not do that.', { permission });
      }
      await handler(req, res, l as SignedIn);
    } catch (err) {
      next(err);
    }
  };
}

export interface NavItem {
  href: string;
  key: ConsoleKey;
  current: boolean;
}

const NAV: { href: string; key: ConsoleKey; permission: Permission | null }[] = [
  { href: '/', key: 'nav.home', permission: null },
  { href: '/today', key: 'nav.today', permission: 'today.read' },
  { href: '/tickets', key: 'nav.tickets', permission: 'tickets.read' },
  { href: '/sessions', key: 'nav.sessions', permission: 'sessions.read' },
  { href: '/attendance', key: 'nav.attendance', permission: 'attendance.write' },
  { href: '/stats', key: 'nav.stats', permission: 'stats.read' },
  { href: '/settings', key: 'nav.settings', permission: 'settings.write' },
  { href: '/filter', key: 'nav.filter', permission: 'settings.write' },
  { href: '/devices', key: 'nav.devices', permission: 'settings.write' },
  { href: '/users', key: 'nav.users', permission: 'users.write' },
  { href: '/audit', key: 'nav.audit', permission: 'audit.read' },
  { href: '/requisition/audit', key: 'nav.requisitionAudit', permission: 'audit.read' },
  { href: '/requisition', key: 'nav.requisition', permission: 'journal.export' },
];

export function navFor(user: ConsoleUser | null, path: string): NavItem[] {
  if (!user) return [];
  return NAV.filter((n) => n.permission === null || can(user.role, n.permission)).map((n) => ({
    href: n.href,
    key: n.key,
    current:
      n.href === '/'
        ? path === '/'
        : path === n.href ||
          (path.startsWith(`${n.href}/`) &&
            !NAV.some((o) => o.href !== n.href && path.startsWith(o.href) && o.href.length > n.href.length)),
  }));
}

/**
 * Renders a console page with the locals every template needs (`views/console/partials/head`).
 * `title` is the page's h1 and the start of its <title>.
 */
export function renderPage(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  view: string,
  title: string,
  locals: Record<string, unknown> = {},
  status = 200,
): void {
  const l = consoleLocals(res);
  res.status(status).render(`console/${view}`, {
    lang: l.lang,
    t: l.t,
    user: l.user,
    csrf: l.csrf,
    nav: navFor(l.user, req.path),
    space: deps.space(),
    version: deps.version,
    title,
    notice: null,
    error: null,
    storeWarning: storeWarning(deps, l.t),
    ...locals,
  });
}

/**
 * The banner of every page while the store is not up (issue #13, item 4). Set here rather than
 * in a middleware so that the page shown when reading the signed-in account itself failed has it.
 */
function storeWarning(deps: ConsoleDeps, t: ConsoleTranslate): string | null {
  const state = deps.storeHealth?.().state ?? 'up';
  return state === 'unavailable' ? t('store.unavailable') : state === 'emptied' ? t('store.emptied') : null;
}

/**
 * The French (or English) sentence for a refused action, from the catalog key `err.<CODE>`
 * when the console has one, with the error's details as variables; the generic one otherwise.
 */
export function errorText(t: ConsoleTranslate, err: unknown): string {
  if (!isEcnError(err)) return t('error.technical');
  const key = `err.${err.code}`;
  if (!isConsoleKey(key)) return err.expose && err.status < 500 ? t('error.title') : t('error.technical');
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(err.details))
    if (typeof v === 'string' || typeof v === 'number') vars[k] = v;
  return t(key, vars);
}
