// Error codes: the charter and its languages, the message catalogs, and a resident's session.
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const CHARTER_ERRORS = {
  ECN_ERR_CHARTER_MISSING: {
    status: 500,
    expose: false,
    description: 'The charter text for the configured version or language cannot be found or read.',
  },
  ECN_ERR_CHARTER_NOT_ACCEPTED: {
    status: 400,
    expose: true,
    description: 'The resident must accept the current charter before logging in.',
  },
  ECN_ERR_LOCALES_MISSING: {
    status: 500,
    expose: false,
    description:
      'The message catalogs (`locales/<lang>/<area>.json`) are missing, unreadable or not valid ICU MessageFormat JSON; the service refuses to start and names the file.',
  },
  ECN_ERR_LANGUAGE_UNKNOWN: {
    status: 400,
    expose: true,
    description: 'The language is not one the space offers.',
  },
  ECN_ERR_SESSION_UNKNOWN: {
    status: 404,
    expose: true,
    description: 'No session has that identifier.',
  },
} as const satisfies Record<string, ErrorSpec>;
