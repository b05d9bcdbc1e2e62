// The portal's own static files (a captive client cannot reach a CDN): the style sheet, the
// theme from the configured colours, and the space's logo. Read once, served from memory.

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

export function staticAssets(settings: PortalSettings): Router {
  const files = new Map<string, Asset>([
    [
      '/portal.css',
      asset(
        'text/css; charset=utf-8',
        readFileSync(path.join(PACKAGE_ROOT, 'views', 'static', 'portal.css')),
      ),
    ],
    ['/theme.css', asset('text/css; charset=utf-8', themeCss(settings.space.colors))],
  ]);
  if (settings.space.logo) files.set('/logo', asset(settings.space.logo.type, settings.space.logo.body));
  const router = Router();
  router.get('/{*file}', (req, res: Response, next) => {
    const a = files.get(req.path);
    if (!a) return next();
    res.set('Cache-Control', 'public, max-age=3600').set('ETag', a.etag).type(a.type);
    if (req.get('if-none-match') === a.etag) return res.status(304).end();
    return res.send(a.body);
  });
  return router;
}
