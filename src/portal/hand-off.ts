// The portal's routes for routers that enforce access by themselves: openNDS (FAS levels 1
// and 2) and CoovaChilli (UAM). The router's redirect names the client; it is checked on
// arrival and again on the login post (it travels in hidden fields, so nothing is kept
// between the two), the login use case runs for that client, and the browser is sent back
// to the router: `opennds_auth` with its `tok`, or Chilli's `logon` with a CHAP response
// computed here, so the shared secret never reaches the browser.

import express, { type Express, type Request, type Response } from 'express';
import { makeDevice, type Device } from '../domain/device';
import { EcnError, isEcnError } from '../domain/errors';
import { checkNasLogin, login } from '../services/login';
import {
  decodeFasLevel1,
  decodeFasLevel2,
  FasError,
  fasAuthUrl,
  type FasClient,
} from '../gateway/opennds/fas';
import { readUamRedirect, uamLogonUrl, UamError, type UamRedirect } from '../gateway/chilli/uam';
import { basePageLocals, locals } from './context';
import { CSRF_FIELD, csrfToken, csrfValid } from './csrf';
import { formatDuration, htmlLang, LANGUAGE_NAMES, type CatalogKey } from './i18n';
import { LANGUAGES } from '../domain/charter';
import { formError } from './form-error';
import { route, type PagesDeps } from './pages';
import type { HandOffSettings } from './settings';

type HandOffDeps = PagesDeps;

/** A level-2 `fas` is long: the form carries it back, so this form allows more than /login's. */
const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 });

/** What the router's redirect said, checked; `fields` go back in the form as hidden inputs. */
interface Arrival {
  device: Device;
  /** The router's redirect to this portal, without `lang`: where the language links lead. */
  entry: string;
  fields: Record<string, string>;
  /** Where the login form's page may send the browser (the router), for the CSP. */
  routerOrigin: string;
}

const OPENNDS_ENTRY = ['/opennds', '/opennds/'];
const CHILLI_ENTRY = ['/chilli', '/chilli/'];

/**
 * The hand-off routes answer on whatever Host the router put in its redirect (openNDS's
 * `fasremoteip`, Chilli's `uamserver`), which need not be one of the portal's own names:
 * captive detection lets these paths through instead of redirecting them to the portal.
 */
export function isHandOffPath(h: HandOffSettings, path: string): boolean {
  const paths =
    h.kind === 'opennds' ? [...OPENNDS_ENTRY, '/opennds/login'] : [...CHILLI_ENTRY, '/chilli/login'];
  return paths.includes(path);
}

export function registerHandOff(app: Express, deps: HandOffDeps): void {
  const h = deps.settings.handOff;
  if (!h) return;
  if (h.kind === 'opennds') registerOpenNds(app, deps, h);
  else registerChilli(app, deps, h);
}

// ---- openNDS FAS: GET /opennds/?fas=…[&iv=…] → welcome → POST /opennds/login → opennds_auth

function readFas(h: Extract<HandOffSettings, { kind: 'opennds' }>, src: Record<string, unknown>): FasClient {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return h.fasLevel === 1
    ? decodeFasLevel1(str(src.fas))
    : decodeFasLevel2(str(src.fas), str(src.iv), h.faskey);
}

function fasArrival(
  h: Extract<HandOffSettings, { kind: 'opennds' }>,
  src: Record<string, unknown>,
): Arrival & { client: FasClient } {
  const client = readFas(h, src);
  const fields: Record<string, string> = { fas: String(src.fas) };
  if (h.fasLevel === 2) fields.iv = String(src.iv);
  return {
    client,
    entry: `/opennds/?${new URLSearchParams(fields).toString()}`,
    device: makeDevice({ mac: client.clientMac, ip: client.clientIp }),
    fields,
    routerOrigin: `http://${client.gatewayAddress}`,
  };
}

/**
 * The parameters of openNDS's redirect as it sent them. openNDS puts `fas` in the query as raw
 * base64, not URL-encoded: its `+` must stay a `+`, where a form-style parser (Express's
 * `req.query`) would make it a space. Only percent-escapes are decoded.
 */
function rawFasParams(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of rawQuery(req).split('&')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if ((name !== 'fas' && name !== 'iv') || name in out) continue;
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1));
    } catch {
      out[name] = part.slice(eq + 1);
    }
  }
  return out;
}

function registerOpenNds(app: Express, deps: HandOffDeps, h: Extract<HandOffSettings, { kind: 'opennds' }>) {
  app.get(
    OPENNDS_ENTRY,
    route(async (req, res) => {
      let arrival;
      try {
        arrival = fasArrival(h, rawFasParams(req));
      } catch (err) {
        return refuseRedirect(req, res, deps, err, 'handoff.invalidOpennds');
      }
      await renderHandOffWelcome(req, res, deps, arrival, '/opennds/login', {});
    }),
  );

  app.post(
    '/opennds/login',
    form,
    route(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      let arrival;
      try {
        arrival = fasArrival(h, body);
      } catch (err) {
        return refuseRedirect(req, res, deps, err, 'handoff.invalidOpennds');
      }
      const done = await runLogin(req, res, deps, arrival, '/opennds/login', () =>
        login(deps.access, { form: body, device: arrival.device, lang: locals(res).lang }),
      );
      if (!done) return;
      locals(res).log.info({ router: 'opennds' }, 'login, handed back to openNDS');
      res.redirect(302, fasAuthUrl(arrival.client, h.faskey, null));
    }),
  );
}

// ---- CoovaChilli UAM: GET /chilli/?res=…&md=… → page for `res` → POST /chilli/login → logon

function rawQuery(req: Request): string {
  const at = req.originalUrl.indexOf('?');
  return at < 0 ? '' : req.originalUrl.slice(at + 1);
}

function uamArrival(
  h: Extract<HandOffSettings, { kind: 'chilli' }>,
  query: string,
): Arrival & { redirect: UamRedirect } {
  // The signature covers the URL exactly as Chilli built it from its `uamserver`; the `lang`
  // of our language switch is added after it, so it is taken off before checking.
  const signed = query.replace(/&lang=[a-z-]{2,8}$/, '');
  const redirect = readUamRedirect(`${h.uamServer}?${signed}`, h.uamSecret);
  return {
    redirect,
    device: makeDevice({ mac: redirect.clientMac, ip: redirect.clientIp }),
    fields: { uam: signed },
    entry: `/chilli/?${signed}`,
    routerOrigin: `http://${redirect.uamIp}:${redirect.uamPort}`,
  };
}

const UAM_PAGES: Record<'success' | 'already' | 'logoff', [CatalogKey, CatalogKey]> = {
  success: ['handoff.successTitle', 'handoff.success'],
  already: ['handoff.alreadyTitle', 'handoff.already'],
  logoff: ['handoff.logoffTitle', 'handoff.logoff'],
};

function registerChilli(app: Express, deps: HandOffDeps, h: Extract<HandOffSettings, { kind: 'chilli' }>) {
  app.get(
    CHILLI_ENTRY,
    route(async (req, res) => {
      let arrival;
      try {
        arrival = uamArrival(h, rawQuery(req));
      } catch (err) {
        return refuseRedirect(req, res, deps, err, 'handoff.invalidChilli');
      }
      const r = arrival.redirect;
      const page =
        r.res === 'success' || r.res === 'popup1' || r.res === 'popup2'
          ? 'success'
          : r.res === 'already'
            ? 'already'
            : r.res === 'logoff' || r.res === 'popup3'
              ? 'logoff'
              : null;
      if (page !== null) {
        const { t } = locals(res);
        const [title, text] = UAM_PAGES[page];
        const dest = page === 'logoff' || r.userUrl === null ? null : new URL(r.userUrl);
        res.render('portal/hand-off', {
          ...basePageLocals(req, res, deps.settings),
          languages: entryLanguageLinks(res, arrival.entry),
          title: t(title),
          message: t(text),
          link: dest ? { href: dest.href, text: t('status.continue', { host: dest.host }) } : null,
        });
        return;
      }
      // notyet, or failed: Chilli's RADIUS answer was a reject; its own text is not shown
      // (it may be in another language), ours is.
      const notice = r.res === 'failed' ? locals(res).t('handoff.failed') : null;
      await renderHandOffWelcome(req, res, deps, arrival, '/chilli/login', { notice });
    }),
  );

  app.post(
    '/chilli/login',
    form,
    route(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      let arrival;
      try {
        arrival = uamArrival(h, typeof body.uam === 'string' ? body.uam : '');
        if (arrival.redirect.challenge === null) throw new UamError('missing', 'no challenge to answer');
      } catch (err) {
        return refuseRedirect(req, res, deps, err, 'handoff.invalidChilli');
      }
      let code = '';
      const done = await runLogin(req, res, deps, arrival, '/chilli/login', async () => {
        code = (
          await checkNasLogin(deps.access, { form: body, device: arrival.device, lang: locals(res).lang })
        ).code;
      });
      if (!done) return;
      locals(res).log.info({ router: 'chilli' }, 'login checked, handed to CoovaChilli');
      res.redirect(302, uamLogonUrl(arrival.redirect, code, code, h.uamSecret));
    }),
  );
}

// ---- shared steps

/** CSRF, then the use case; a refusal re-renders the welcome page in the resident's words. */
async function runLogin(
  req: Request,
  res: Response,
  deps: HandOffDeps,
  arrival: Arrival,
  action: string,
  useCase: () => Promise<unknown>,
): Promise<boolean> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const typed = typeof body.code === 'string' ? body.code.slice(0, 40) : '';
  try {
    if (!csrfValid(req)) throw new EcnError('ECN_ERR_CSRF', 'The form token is missing or wrong.');
    await useCase();
    return true;
  } catch (err) {
    if (!isEcnError(err) || err.status >= 500) throw err;
    locals(res).log.info({ errorCode: err.code }, 'login refused');
    res.status(err.status);
    if (err.code === 'ECN_ERR_TOO_MANY_TRIES') {
      const retryAt = Number(err.details.retryAt);
      res.set('Retry-After', String(Math.max(1, Math.ceil((retryAt - deps.access.clock.now()) / 1000))));
    }
    await renderHandOffWelcome(req, res, deps, arrival, action, {
      error: formError(err, res, deps.settings),
      code: err.code === 'ECN_ERR_CHARTER_NOT_ACCEPTED' ? typed : '',
      charterTicked: body.charter === 'yes',
    });
    return false;
  }
}

/** The router's redirect is not authentic or not readable: a clear page, nothing changed. */
function refuseRedirect(
  req: Request,
  res: Response,
  deps: HandOffDeps,
  err: unknown,
  text: CatalogKey,
): void {
  if (!(err instanceof FasError || err instanceof UamError || isEcnError(err, 'ECN_ERR_DEVICE_INVALID')))
    throw err;
  locals(res).log.info(
    { reason: err instanceof EcnError ? err.code : err.reason },
    'router redirect refused',
  );
  const { t } = locals(res);
  res.status(400).render('portal/hand-off', {
    ...basePageLocals(req, res, deps.settings),
    title: t('handoff.invalidTitle'),
    message: t(text),
    link: null,
  });
}

async function renderHandOffWelcome(
  req: Request,
  res: Response,
  deps: HandOffDeps,
  arrival: Arrival,
  action: string,
  view: {
    error?: ReturnType<typeof formError>;
    notice?: string | null;
    code?: string;
    charterTicked?: boolean;
  },
): Promise<void> {
  const { settings, texts } = deps;
  const { lang, t } = locals(res);
  allowFormTarget(res, arrival.routerOrigin);
  res.render('portal/welcome', {
    ...basePageLocals(req, res, settings),
    languages: entryLanguageLinks(res, arrival.entry),
    title: t('welcome.title'),
    intro: t('welcome.intro', { space: settings.space.name }),
    freeNote: settings.freeAccess.enabled
      ? t('welcome.freeAllowance', { duration: formatDuration(t, settings.freeAccess.dailyAllowanceSeconds) })
      : null,
    charter: texts.charters[lang],
    csrf: csrfToken(req, res, settings.secureCookies),
    csrfField: CSRF_FIELD,
    showCode: true,
    code: view.code ?? '',
    error: view.error ?? null,
    notice: view.notice ?? null,
    charterTicked: view.charterTicked ?? false,
    dest: '',
    formAction: action,
    hiddenFields: arrival.fields,
  });
}

/**
 * The language switch leads back to the router's redirect (also from the login post), with
 * Chilli's signed query byte for byte: rebuilt from parsed values it might not verify.
 */
function entryLanguageLinks(res: Response, entry: string) {
  const { lang } = locals(res);
  return LANGUAGES.map((l) => ({
    code: l,
    tag: htmlLang(l),
    name: LANGUAGE_NAMES[l],
    href: `${entry}&lang=${l}`,
    current: l === lang,
  }));
}

/**
 * Browsers apply the page's CSP `form-action` to the redirect that answers the form, so the
 * router's address is allowed on the pages whose form leads to it.
 */
function allowFormTarget(res: Response, origin: string): void {
  const csp = res.get('Content-Security-Policy');
  if (csp)
    res.set('Content-Security-Policy', csp.replace("form-action 'self'", `form-action 'self' ${origin}`));
}
