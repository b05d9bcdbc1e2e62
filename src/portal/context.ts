// The per-request context of the portal (language, translator, the client's device and access)
// and the locals every page template needs.

import type { Request, Response } from 'express';
import { isRtl, LANGUAGES, type Language } from '../domain/charter';
import type { Device } from '../domain/device';
import type { Logger } from '../log';
import type { ClientAccess } from '../services/client-access';
import { htmlLang, LANGUAGE_NAMES, type Translate } from './i18n';
import type { PortalSettings } from './settings';

/** What every portal request knows once the context step ran. */
export interface PortalLocals {
  log: Logger;
  lang: Language;
  t: Translate;
  /** The client's device (MAC from the gateway when known, IP otherwise), resolved once. */
  device: () => Promise<Device>;
  /** The client's current access, resolved once; null when captive. */
  access: () => Promise<ClientAccess | null>;
}

export function locals(res: Response): PortalLocals {
  return res.locals as PortalLocals;
}

/**
 * Locals every page template needs: language, direction, space, language links. The links
 * keep the page's path and query; `page: 'home'` (the 404 and error pages) points them at the
 * welcome page instead, as the path asked for is not a page.
 */
export function basePageLocals(
  req: Request,
  res: Response,
  settings: PortalSettings,
  page: 'this' | 'home' = 'this',
): Record<string, unknown> {
  const { lang, t } = locals(res);
  const query = new URLSearchParams();
  if (page === 'this') {
    for (const [k, v] of Object.entries(req.query))
      if (k !== 'lang' && typeof v === 'string') query.set(k, v);
  }
  const path = page === 'this' ? ownPath(req.path) : '/';
  const languages = LANGUAGES.map((l) => {
    const q = new URLSearchParams(query);
    q.set('lang', l);
    return {
      code: l,
      tag: htmlLang(l),
      name: LANGUAGE_NAMES[l],
      href: `${path}?${q.toString()}`,
      current: l === lang,
    };
  });
  return {
    lang,
    htmlLang: htmlLang(lang),
    t,
    dir: isRtl(lang) ? 'rtl' : 'ltr',
    space: { name: settings.space.name, logo: settings.space.logo !== null },
    languages,
  };
}

/**
 * The request path as a link that stays on the portal: `//evil.example/x` (or `/\\evil…`,
 * which browsers read the same way) would be a protocol-relative link to another host.
 */
export function ownPath(path: string): string {
  return '/' + path.replace(/^[/\\]+/, '');
}
