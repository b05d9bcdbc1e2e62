// Error codes: the RADIUS server (issue 4): why an Access-Request is rejected when the ticket rules did not say.
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const RADIUS_ERRORS = {
  ECN_ERR_RADIUS_NO_CREDENTIALS: {
    status: 400,
    expose: true,
    description: 'An Access-Request carried neither a ticket code (PAP, CHAP) nor a MAC address to check.',
  },
  ECN_ERR_RADIUS_BAD_PASSWORD: {
    status: 403,
    expose: true,
    description: 'The PAP password or CHAP response does not match the ticket code given as User-Name.',
  },
  ECN_ERR_RADIUS_TOO_MANY_TRIES: {
    status: 429,
    expose: true,
    description:
      'Too many wrong ticket codes over RADIUS from this device (Calling-Station-Id) or this access point; PAP and CHAP requests are rejected unchecked until the wait ends.',
  },
  ECN_ERR_RADIUS_MAC_UNKNOWN: {
    status: 403,
    expose: true,
    description: 'MAC authentication: that device has no open session and is bound to no usable ticket.',
  },
} as const satisfies Record<string, ErrorSpec>;
