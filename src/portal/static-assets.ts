// The portal's own static files (a captive client cannot reach a CDN): the style sheet, the
// theme from the space's colours, and its logo. Served from memory; the theme and the logo
// follow the settings in force (a manager may change them at run time), each with its ETag.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type Response } from 'express';
import { PACKAGE_ROOT } from '../package-info';
import type { PortalSettings } from './settings';

interface Asset {
  type: string;
  body: Buffer;
  etag: string;
}

function asset(type: string, body: Buffer | string): Asset {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { type, body: buf, etag: `"${createHash('sha256').update(buf).digest('base64url').slice(0, 16)}"` };
}

/** CSS custom properties from the configured colours (hex, validated by the schema). */
export function themeCss(colors: { primary: string; accent: string }): string {
  return `:root { --primary: ${colors.primary}; --accent: ${colors.accent}; }\n`;
}

/** The asset made from `source`, made again only when the settings give another object. */
function follow<T extends object>(
  source: () => T | null,
  make: (value: T) => Asset,
): () => Asset | undefined {
  let seen: T | null = null;
  let made: Asset | undefined;
  return () => {
    const value = source();
    if (value !== seen) {
      seen = value;
      made = value ? make(value) : undefined;
    }
    return made;
  };
}

export function staticAssets(settings: PortalSettings): Router {
  const css = asset(
    'text/css; charset=utf-8',
    readFileSync(path.join(PACKAGE_ROOT, 'views', 'static', 'portal.css')),
  );
  const files = new Map<string, () => Asset | undefined>([
    ['/portal.css', () => css],
    [
      '/theme.css',
      follow(
        () => settings.space.colors,
        (c) => asset('text/css; charset=utf-8', themeCss(c)),
      ),
    ],
    [
      '/logo',
      follow(
        () => settings.space.logo,
        (l) => asset(l.type, l.body),
      ),
    ],
  ]);
  const router = Router();
  router.get('/{*file}', (req, res: Response, next) => {
    const a = files.get(req.path)?.();
    if (!a) return next();
    res.set('Cache-Control', 'public, max-age=3600').set('ETag', a.etag).type(a.type);
    if (req.get('if-none-match') === a.etag) return res.status(304).end();
    return res.send(a.body);
  });
  return router;
}
