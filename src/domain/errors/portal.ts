// Error codes: the resident portal (issue 3): its forms, and what refuses a login there (the gateway, NAT port blocks, the legal pages).
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const PORTAL_ERRORS = {
  ECN_ERR_TICKET_CODE_MISSING: {
    status: 400,
    expose: true,
    description: 'The login form was sent without a ticket code (and free access is off).',
  },
  ECN_ERR_TOO_MANY_TRIES: {
    status: 429,
    expose: true,
    description:
      'Too many wrong ticket codes from this device; it must wait (the wait doubles with each further wrong code).',
  },
  ECN_ERR_FREE_ACCESS_USED: {
    status: 403,
    expose: true,
    description: "In free-access mode, this device has used today's allowance.",
  },
  ECN_ERR_CSRF: {
    status: 403,
    expose: true,
    description:
      'A form was sent without the token of the page it came from (expired page or forged request).',
  },
  ECN_ERR_INPUT_INVALID: {
    status: 400,
    expose: true,
    description: 'A form field or query parameter does not have the expected shape.',
  },
  ECN_ERR_NOT_FOUND: {
    status: 404,
    expose: true,
    description: 'No portal page has this address.',
  },
  ECN_ERR_BODY_TOO_LARGE: {
    status: 413,
    expose: true,
    description:
      'A form sent to the portal or the console is larger than its page can send; it is not read, and counted.',
  },
  ECN_ERR_BODY_TOO_MANY_FIELDS: {
    status: 413,
    expose: true,
    description:
      'A form sent to the portal or the console has more fields than its page has; it is not read, and counted.',
  },
  ECN_ERR_BODY_MALFORMED: {
    status: 400,
    expose: true,
    description:
      'A form body could not be read (cut short, wrong length, bad character set or compression); it is not read, and counted.',
  },
  ECN_ERR_GATEWAY_FAILED: {
    status: 503,
    expose: false,
    description: 'The gateway layer could not let the device through (or cut it off); the log has the cause.',
  },
  ECN_ERR_NAT_PORTS_EXHAUSTED: {
    status: 503,
    expose: false,
    description:
      'Every NAT port block of the public address is held by a connected device, so one more would leave connections that the legal journal cannot attribute; the login is refused until a device leaves (or `gateway.portBlocks` gives more, smaller blocks).',
  },
  ECN_ERR_LEGAL_TEXT_MISSING: {
    status: 500,
    expose: false,
    description: 'The legal pages (mentions, privacy, accessibility) for a language cannot be found or read.',
  },
} as const satisfies Record<string, ErrorSpec>;
