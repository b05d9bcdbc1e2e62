// Error codes: a space's day at the desk (issue 15): time added to a ticket, calls for help, attendance.
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const DAY_ERRORS = {
  ECN_ERR_EXTENSION_INVALID: {
    status: 400,
    expose: true,
    description: 'Time is added to a ticket by 30 minutes or 1 hour only; nothing was changed.',
  },
  ECN_ERR_EXTENSION_NOT_ACTIVE: {
    status: 409,
    expose: true,
    description:
      'Only a ticket in use (not free access, not expired, revoked or out of data) can be given more time; nothing was changed.',
  },
  ECN_ERR_EXTENSION_DAILY_MAX: {
    status: 409,
    expose: true,
    description:
      'The ticket already had the most time added for the day that `console.extensions.maxPerDay` allows (or extensions are off); nothing was changed.',
  },
  ECN_ERR_EXTENSION_PAST_VALIDITY: {
    status: 409,
    expose: true,
    description:
      "The added time would take the ticket past its validity window (the profile's or its batch's); nothing was changed.",
  },
  ECN_ERR_HELP_TOO_MANY: {
    status: 429,
    expose: true,
    description:
      'This device asked for help too many times in a short while (`portal.help.maxAsks` per `portal.help.window`); its call is already on the console and nothing was changed.',
  },
  ECN_ERR_HELP_UNKNOWN: {
    status: 404,
    expose: true,
    description:
      'No open call for help of this space has that identifier (another animator already marked it as handled, or it was forgotten).',
  },
  ECN_ERR_ATTENDANCE_INVALID: {
    status: 400,
    expose: true,
    description:
      'An attendance entry does not have the expected shape (a real day, a half-day, a theme of at most 80 characters, a duration and a count within their bounds); `field` names the first wrong one. Nothing was recorded.',
  },
  ECN_ERR_ATTENDANCE_UNKNOWN: {
    status: 404,
    expose: true,
    description: 'No attendance entry of this space has that identifier; nothing was removed.',
  },
} as const satisfies Record<string, ErrorSpec>;
