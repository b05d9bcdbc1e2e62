// Reading and writing the portal's few cookies (language, CSRF token) without a dependency.

import type { Request, Response } from 'express';

export function readCookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  const header = req.headers.cookie;
  if (!header || header.length > 4096) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!/^[\w-]{1,64}$/.test(name) || value.length > 256) continue;
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      // an undecodable value is ignored, as if absent
    }
  }
  return out;
}

export function setCookie(
  res: Response,
  name: string,
  value: string,
  opts: { secure: boolean; maxAgeSeconds?: number },
): void {
  res.cookie(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    path: '/',
    ...(opts.maxAgeSeconds !== undefined ? { maxAge: opts.maxAgeSeconds * 1000 } : {}),
  });
}
