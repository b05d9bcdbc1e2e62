// Error codes: ticket profiles, batches and tickets: why a batch is not issued or a ticket not usable.
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const TICKET_ERRORS = {
  ECN_ERR_PROFILE_UNKNOWN: {
    status: 400,
    expose: true,
    description: 'No ticket profile has that name.',
  },
  ECN_ERR_BATCH_SIZE: {
    status: 400,
    expose: true,
    description: 'A batch must hold between 1 and the configured maximum number of tickets.',
  },
  ECN_ERR_BATCH_UNKNOWN: {
    status: 404,
    expose: true,
    description: 'No batch has that identifier.',
  },
  ECN_ERR_NOTE_TOO_LONG: {
    status: 400,
    expose: true,
    description: 'A batch note is limited in length.',
  },
  ECN_ERR_BATCH_WINDOW_UNREADABLE: {
    status: 400,
    expose: true,
    description:
      'A batch validity window time is not a date and time (ISO-8601, or local time of the space).',
  },
  ECN_ERR_BATCH_WINDOW_INVERTED: {
    status: 400,
    expose: true,
    description: 'A batch validity window must end after it starts; nothing was issued.',
  },
  ECN_ERR_BATCH_WINDOW_PAST: {
    status: 400,
    expose: true,
    description: 'A batch validity window must end in the future; nothing was issued.',
  },
  ECN_ERR_BATCH_WINDOW_OUTSIDE_PROFILE: {
    status: 400,
    expose: true,
    description:
      "A batch validity window must overlap the profile's own validity window; nothing was issued.",
  },
  ECN_ERR_TICKET_CODE_MALFORMED: {
    status: 400,
    expose: true,
    description: 'The code has characters outside the ticket alphabet or the wrong length.',
  },
  ECN_ERR_TICKET_UNKNOWN: {
    status: 403,
    expose: true,
    description: 'No ticket has that code.',
  },
  ECN_ERR_TICKET_REVOKED: {
    status: 403,
    expose: true,
    description: 'The ticket was revoked by an animator.',
  },
  ECN_ERR_TICKET_EXPIRED: {
    status: 403,
    expose: true,
    description: 'The ticket has no time left, or its validity window has closed.',
  },
  ECN_ERR_TICKET_NOT_YET_VALID: {
    status: 403,
    expose: true,
    description: 'The ticket validity window has not opened yet.',
  },
  ECN_ERR_TICKET_EXHAUSTED: {
    status: 403,
    expose: true,
    description: 'The ticket has used all of its data quota.',
  },
  ECN_ERR_TICKET_DEVICE_LIMIT: {
    status: 403,
    expose: true,
    description: 'The ticket is already used on as many devices as its profile allows.',
  },
  ECN_ERR_TICKET_ALREADY_REVOKED: {
    status: 409,
    expose: true,
    description: 'The ticket was already revoked.',
  },
  ECN_ERR_DEVICE_INVALID: {
    status: 400,
    expose: false,
    description: 'A device needs a valid MAC or IP address.',
  },
} as const satisfies Record<string, ErrorSpec>;
