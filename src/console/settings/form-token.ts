// The app checks the token of url-encoded forms only; a POST sent with another body type (or
// none) would pass it untouched. Pages that change something check the token again here.

import type { Request } from 'express';
import { EcnError } from '../../domain/errors';
import { CSRF_FIELD, csrfMatches } from '../app';

export function requireFormToken(req: Request, expected: string): void {
  const body = req.body as Record<string, unknown> | undefined;
  if (!req.is('application/x-www-form-urlencoded') || !csrfMatches(expected, body?.[CSRF_FIELD])) {
    throw new EcnError('ECN_ERR_CSRF', 'The form was sent without the token of its page.');
  }
}
