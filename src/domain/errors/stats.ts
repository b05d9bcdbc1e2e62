// Error codes: statistics for the label committee (issue 8).
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const STATS_ERRORS = {
  ECN_ERR_STATS_UNAVAILABLE: {
    status: 503,
    expose: false,
    description: 'The statistics counters cannot be opened or written.',
  },
  ECN_ERR_MONTH_INVALID: {
    status: 400,
    expose: true,
    description: 'A month is written YYYY-MM, e.g. 2026-11.',
  },
} as const satisfies Record<string, ErrorSpec>;
