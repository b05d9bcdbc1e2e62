// Error codes: the legal connection journal and requisition exports (issue 8).
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const JOURNAL_ERRORS = {
  ECN_ERR_JOURNAL_UNAVAILABLE: {
    status: 503,
    expose: false,
    description: 'The legal connection journal cannot be opened or written.',
  },
  ECN_ERR_JOURNAL_TAMPERED: {
    status: 500,
    expose: false,
    description:
      'A journal entry fails its integrity check: altered, removed, or encrypted with another key.',
  },
  ECN_ERR_JOURNAL_KEY: {
    status: 500,
    expose: false,
    description: 'The journal key is missing or is not 32 bytes in base64.',
  },
  ECN_ERR_REQUISITION_INVALID: {
    status: 400,
    expose: true,
    description:
      'A requisition export needs a reference and a scoped query (public IP in a window of at most 31 days, or a ticket).',
  },
} as const satisfies Record<string, ErrorSpec>;
