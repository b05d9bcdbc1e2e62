// The local control socket between the `ecn` command and the running service: where it is,
// and what may travel on it (one JSON line each way, validated with zod on both sides).

import path from 'node:path';
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../domain/errors';
import { MAX_NOTE_LENGTH } from '../domain/ticket';

/** The socket lives in the data folder (the service user's, mode 0750), itself mode 0600. */
export function controlSocketPath(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'control.sock');
}

/** A Unix socket path must fit in `sun_path` (108 bytes with its final NUL on Linux). */
export const MAX_SOCKET_PATH = 107;

/** One request line at most: far above any valid request, far below a memory problem. */
export const MAX_LINE_BYTES = 16 * 1024;

/**
 * `system:` and the operator's Unix user name: the audit trail tells console accounts and
 * people with a shell on the box apart.
 */
export const ACTOR_RE = /^system:[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;
const actor = z.string().regex(ACTOR_RE);
/** Store identifiers (random UUIDs here, but any id the store accepts elsewhere). */
const id = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/);

export const ControlRequest = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('tickets.issue'),
      actor,
      // Loose bounds: the use case gives the specific answer (batch size, note, profile).
      profile: z.string().min(1).max(200).optional(),
      count: z.number().int().min(0).max(10_000_000),
      note: z
        .string()
        .max(4 * MAX_NOTE_LENGTH)
        .nullable(),
      // A workshop's own window (epoch ms); the use case says when it ends before it starts.
      validFrom: z.number().int().nonnegative().nullable().optional(),
      validUntil: z.number().int().nonnegative().nullable().optional(),
    })
    .strict(),
  z.object({ op: z.literal('tickets.revoke'), actor, ticketId: id }).strict(),
  z.object({ op: z.literal('batch.revoke'), actor, batchId: id }).strict(),
]);
export type ControlRequest = z.infer<typeof ControlRequest>;

const errorCode = z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]);

export const ControlReply = z.union([
  z
    .object({
      ok: z.literal(true),
      batchId: id.optional(),
      ticketId: id.optional(),
      count: z.number().int().min(0).optional(),
      already: z.number().int().min(0).optional(),
      profileName: z.string().max(200).optional(),
    })
    .strict(),
  z.object({ ok: z.literal(false), code: errorCode, message: z.string().max(500) }).strict(),
]);
export type ControlReply = z.infer<typeof ControlReply>;
