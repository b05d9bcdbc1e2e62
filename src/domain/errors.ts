// Typed errors with stable codes: every failure a user or operator can meet has a code,
// an HTTP status where it applies, and whether its message may be shown to the client.
// The codes are declared by area in src/domain/errors/ and composed here into one registry.

import type { ErrorSpec } from './errors/error-spec';
import { CONFIG_ERRORS } from './errors/config';
import { STORE_ERRORS } from './errors/store';
import { TICKET_ERRORS } from './errors/tickets';
import { CHARTER_ERRORS } from './errors/charter';
import { JOURNAL_ERRORS } from './errors/journal';
import { STATS_ERRORS } from './errors/stats';
import { PORTAL_ERRORS } from './errors/portal';
import { RADIUS_ERRORS } from './errors/radius';
import { CONSOLE_ERRORS } from './errors/console';
import { CONTROL_ERRORS } from './errors/control';
import { OPENING_HOURS_ERRORS } from './errors/opening-hours';
import { FILTER_ERRORS } from './errors/filter';
import { BACKUP_ERRORS } from './errors/backup';
import { DAY_ERRORS } from './errors/day';

export type { ErrorSpec } from './errors/error-spec';

/**
 * The one registry: every code of every area (src/domain/errors/), in the order docs/errors.md
 * lists them. A code is declared in one area only (test/unit/domain/error-registry.test.ts).
 */
export const ERROR_CODES = {
  ...CONFIG_ERRORS,
  ...STORE_ERRORS,
  ...TICKET_ERRORS,
  ...CHARTER_ERRORS,
  ...JOURNAL_ERRORS,
  ...STATS_ERRORS,
  ...PORTAL_ERRORS,
  ...RADIUS_ERRORS,
  ...CONSOLE_ERRORS,
  ...CONTROL_ERRORS,
  ...OPENING_HOURS_ERRORS,
  ...FILTER_ERRORS,
  ...BACKUP_ERRORS,
  ...DAY_ERRORS,
  // The catch-all belongs to no area.
  ECN_ERR_INTERNAL: {
    status: 500,
    expose: false,
    description: 'An unexpected failure inside the gateway; the log has the cause.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class EcnError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EcnError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.expose = ERROR_CODES[code].expose;
    this.details = Object.freeze({ ...details });
  }
}

export function isEcnError(err: unknown, code?: ErrorCode): err is EcnError {
  return err instanceof EcnError && (code === undefined || err.code === code);
}
