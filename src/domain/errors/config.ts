// Error codes: the configuration, and the box's first setup (`ecn setup`, `ecn tls`).
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const CONFIG_ERRORS = {
  ECN_ERR_CONFIG_INVALID: {
    status: 500,
    expose: false,
    description:
      'The configuration file or an ECN_* variable does not match the schema; every problem is listed with its path.',
  },
  ECN_ERR_CONFIG_UNREADABLE: {
    status: 500,
    expose: false,
    description: 'The configuration file cannot be read or is not valid YAML.',
  },
  ECN_ERR_SETUP_INVALID: {
    status: 400,
    expose: true,
    description:
      '`ecn setup` was given an answer it cannot use (a flag or a file); the message says which one and why, and nothing was written.',
  },
  ECN_ERR_SETUP_CHECK_FAILED: {
    status: 500,
    expose: true,
    description:
      "`ecn setup` wrote the box's files, but its final check found a required part not answering (the portal, the DNS filter, RADIUS or the nftables table); the summary says what to do for each.",
  },
  ECN_ERR_SETUP_WRITE_FAILED: {
    status: 500,
    expose: true,
    description:
      '`ecn setup` could not write one of its files (a folder missing or not writable); files already written stay, each replaced whole or not at all.',
  },
  ECN_ERR_TLS_FAILED: {
    status: 500,
    expose: false,
    description:
      '`ecn tls` could not make or read a certificate (bad --host/--ip/--days, a key already there, openssl missing or failing, a file that is no certificate); nothing was left half-written.',
  },
} as const satisfies Record<string, ErrorSpec>;
