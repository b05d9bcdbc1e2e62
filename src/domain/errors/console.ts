// Error codes: the staff console's accounts (issue 7) and the spaces they act on (issue #13, item 2).
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const CONSOLE_ERRORS = {
  ECN_ERR_AUTH_REQUIRED: {
    status: 401,
    expose: true,
    description:
      'A console page was asked for without a live console session (never logged in, logged out, idle or expired).',
  },
  ECN_ERR_LOGIN_FAILED: {
    status: 401,
    expose: true,
    description: 'Wrong username or password for the console (the answer does not say which).',
  },
  ECN_ERR_LOGIN_THROTTLED: {
    status: 429,
    expose: true,
    description: 'Too many wrong passwords for this account or from this address; the console asks to wait.',
  },
  ECN_ERR_FORBIDDEN: {
    status: 403,
    expose: true,
    description: "The console account's role does not allow this page or action.",
  },
  ECN_ERR_PASSWORD_WEAK: {
    status: 400,
    expose: true,
    description: 'A new console password is too short or too long.',
  },
  ECN_ERR_USERNAME_INVALID: {
    status: 400,
    expose: true,
    description:
      'A console username must be 2 to 32 characters: lower-case letters, digits, dot, dash, underscore.',
  },
  ECN_ERR_USER_EXISTS: {
    status: 409,
    expose: true,
    description: 'A console account with that username already exists; nothing was changed.',
  },
  ECN_ERR_USER_UNKNOWN: {
    status: 404,
    expose: true,
    description: 'No console account has that username.',
  },
  ECN_ERR_ROLE_UNKNOWN: {
    status: 400,
    expose: true,
    description: 'A console role must be one of animator, manager, auditor, requisition.',
  },
  ECN_ERR_REQUISITION_ON_BOX: {
    status: 403,
    expose: true,
    description:
      'Requisition accounts are created, re-roled, given a password and re-enabled only on the box (`ecn users`), never from the console; the refusal is audited and nothing was changed.',
  },
  ECN_ERR_CONSOLE_SPACE_REFUSED: {
    status: 403,
    expose: true,
    description:
      "Right password, but the account does not act on this box's space (`space.id`); said only after the password check, counted and audited like a wrong password.",
  },
  ECN_ERR_CONSOLE_SPACES_UNSET: {
    status: 403,
    expose: true,
    description:
      'The account was made before accounts belonged to spaces and the store is shared (Redis): it acts nowhere until city staff run `ecn users spaces NAME --space ID` (or `--all-spaces`).',
  },
  ECN_ERR_SPACES_ON_BOX: {
    status: 403,
    expose: true,
    description:
      "An account's spaces are given only on the box (`ecn users add --space/--all-spaces`, `ecn users spaces`): the console makes accounts of its own space, and a manager cannot widen an account or change one that acts beyond the manager's spaces. Audited; nothing was changed.",
  },
  ECN_ERR_SPACES_OPTIONS: {
    status: 400,
    expose: true,
    description:
      '`ecn users`: give either `--space ID` (repeatable, each a space id slug) or `--all-spaces`, not both; `ecn users spaces` needs one of them.',
  },
} as const satisfies Record<string, ErrorSpec>;
