// Error codes: the store (embedded SQLite or shared Redis): outages, a full disk, corrupt or newer data.
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const STORE_ERRORS = {
  ECN_ERR_STORE_UNAVAILABLE: {
    status: 503,
    expose: true,
    description: 'The store (embedded database or Redis) does not answer; nothing was changed.',
  },
  ECN_ERR_STORE_EMPTIED: {
    status: 503,
    expose: true,
    description:
      'The shared Redis answers but its marker key is gone (flushed, or restarted without its AOF): nothing is read or written until it is restored and the service restarted (docs/redis-city.md).',
  },
  ECN_ERR_STORE_FULL: {
    status: 503,
    expose: true,
    description:
      "The box's data disk is full (SQLite could not grow its file): nothing was written. Residents already connected keep their access; new logins are refused with a page of their own until space is freed (`df -h /var/lib/ecn`; old backups, logs).",
  },
  ECN_ERR_SPACE_ID_TAKEN: {
    status: 500,
    expose: false,
    description:
      'Another box on the same Redis pool already runs with this `space.id` (it claimed `space:<id>` and keeps it fresh): the box refuses to start. Give each box its own `space.id`; a box that died lets its claim go after 30 s (docs/redis-city.md).',
  },
  ECN_ERR_STORE_CORRUPT: {
    status: 500,
    expose: false,
    description: 'A value read back from the store does not match its schema; it is not used.',
  },
  ECN_ERR_STORE_CONFLICT: {
    status: 409,
    expose: false,
    description: 'An atomic update kept losing to concurrent writers and gave up; nothing was changed.',
  },
  ECN_ERR_STORE_SCHEMA_TOO_NEW: {
    status: 500,
    expose: false,
    description:
      'The embedded database was written by a newer version of the gateway; this version will not touch it.',
  },
} as const satisfies Record<string, ErrorSpec>;
