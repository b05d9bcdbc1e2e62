// Turns the body parser's own errors (a form too large, with too many fields, or unreadable)
// into typed client errors, so the edges answer 413/400 and count them instead of logging a
// stack for every oversized form someone on the Wi-Fi sends.

import { EcnError, type ErrorCode } from './domain/errors';
import type { BodyRejectReason } from './domain/events';

export interface BodyRejection {
  error: EcnError;
  reason: BodyRejectReason;
}

/** body-parser's error `type` → our code and metric label; any other error is not a rejection. */
const BY_TYPE: Record<string, { code: ErrorCode; reason: BodyRejectReason }> = {
  'entity.too.large': { code: 'ECN_ERR_BODY_TOO_LARGE', reason: 'too_large' },
  'parameters.too.many': { code: 'ECN_ERR_BODY_TOO_MANY_FIELDS', reason: 'too_many_fields' },
  'request.size.invalid': { code: 'ECN_ERR_BODY_MALFORMED', reason: 'malformed' },
  'request.aborted': { code: 'ECN_ERR_BODY_MALFORMED', reason: 'malformed' },
  'entity.parse.failed': { code: 'ECN_ERR_BODY_MALFORMED', reason: 'malformed' },
  'charset.unsupported': { code: 'ECN_ERR_BODY_MALFORMED', reason: 'malformed' },
  'encoding.unsupported': { code: 'ECN_ERR_BODY_MALFORMED', reason: 'malformed' },
};

const MESSAGES: Record<BodyRejectReason, string> = {
  too_large: 'The form is larger than this page can send.',
  too_many_fields: 'The form has more fields than this page has.',
  malformed: 'The form could not be read.',
};

export function bodyRejection(err: unknown): BodyRejection | null {
  if (typeof err !== 'object' || err === null) return null;
  const type = (err as { type?: unknown }).type;
  const found = typeof type === 'string' && Object.hasOwn(BY_TYPE, type) ? BY_TYPE[type]! : null;
  if (!found) return null;
  return {
    reason: found.reason,
    // The parser's message names its internal limit; ours is what the client may be told.
    error: new EcnError(found.code, MESSAGES[found.reason], { reason: found.reason }),
  };
}
