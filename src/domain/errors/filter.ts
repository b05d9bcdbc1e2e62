// Error codes: the content filter (issue 6): its lists, its table, its DNS front-end.
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const FILTER_ERRORS = {
  ECN_ERR_FILTER_SOURCE: {
    status: 500,
    expose: false,
    description:
      'A filter list source cannot be read or downloaded whole (missing file, HTTP error, truncated archive); the previous table stays.',
  },
  ECN_ERR_FILTER_SHRUNK: {
    status: 500,
    expose: false,
    description:
      'A rebuilt filter table has less than half the names of the previous one, the sign of a truncated list; the previous table stays unless forced.',
  },
  ECN_ERR_FILTER_TABLE: {
    status: 500,
    expose: false,
    description:
      'The compiled filter table is missing or not valid (bad magic, version, length or checksum).',
  },
  ECN_ERR_DNS_START: {
    status: 500,
    expose: false,
    description: 'The DNS front-end cannot bind its address or reach its setup (port in use, bad address).',
  },
} as const satisfies Record<string, ErrorSpec>;
