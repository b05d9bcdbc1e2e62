// CSRF protection of the portal's forms: a random token in an HttpOnly, SameSite=Lax cookie,
// repeated in a hidden field of each form; a post is accepted only when both match
// (double submit, compared in constant time).

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { readCookies, setCookie } from './cookies';

export const CSRF_COOKIE = 'ecn_csrf';
export const CSRF_FIELD = '_csrf';
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** The request's token, or a new one set on the response. */
export function csrfToken(req: Request, res: Response, secure: boolean): string {
  const existing = readCookies(req)[CSRF_COOKIE];
  if (existing && TOKEN_RE.test(existing)) return existing;
  // A page with two forms (login and help) asks twice: both must carry the one cookie's token.
  const made = res.locals.csrfMade as unknown;
  if (typeof made === 'string') return made;
  const token = randomBytes(32).toString('base64url');
  setCookie(res, CSRF_COOKIE, token, { secure });
  res.locals.csrfMade = token;
  return token;
}

export function csrfValid(req: Request): boolean {
  const cookie = readCookies(req)[CSRF_COOKIE];
  const body = req.body as Record<string, unknown> | undefined;
  const field = body?.[CSRF_FIELD];
  if (!cookie || typeof field !== 'string' || !TOKEN_RE.test(cookie) || !TOKEN_RE.test(field)) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(field));
}
