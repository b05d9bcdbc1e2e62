// Schemas of what the store adapters write, used to validate every value read back:
// a corrupt or foreign row is reported (ECN_ERR_STORE_CORRUPT), never used.

import { z } from 'zod';
import { EcnError } from '../domain/errors';
import { ACCEPTANCE_WAYS, LANGUAGES } from '../domain/charter';
import { END_CAUSES } from '../domain/session';
import type { Batch, Ticket } from '../domain/ticket';
import type { CharterAcceptance } from '../domain/charter';
import type { Session } from '../domain/session';
import { PROFILE_FIELDS, type ProfileLimits } from '../domain/profile-fields';
import type { Profile } from '../domain/profile';
import type { DeviceCounter } from '../domain/ports';
import { HELP_PAGES, type HelpRequest } from '../domain/help-request';
import {
  ATTENDANCE_KINDS,
  ATTENDANCE_MAX_MINUTES,
  ATTENDANCE_MAX_PEOPLE,
  HALF_DAYS,
  THEME_MAX,
  type AttendanceEntry,
} from '../domain/attendance';
import {
  AUDIT_ACTIONS,
  LINK_LABEL_LANGUAGES,
  LINK_LABEL_MAX,
  LINKS_MAX,
  ROLES,
  SPACE_ID_RE,
  type AuditEntry,
  type ConsoleSession,
  type ConsoleUser,
  type SpaceSettings,
} from '../domain/console';

const ms = z.number().int().nonnegative();
const nullableMs = ms.nullable();

/**
 * A profile's limits as stored on a ticket or a settings record, one key per descriptor and
 * no other: an unknown key is refused (ECN_ERR_STORE_CORRUPT), never silently dropped, so a
 * limit written by a newer gateway is not lost by an older one rewriting the record.
 */
const limitsShape = Object.fromEntries(
  PROFILE_FIELDS.map((f) => {
    // A yes/no option added later reads as "no" on records written before it.
    if (f.kind === 'flag') return [f.key, z.boolean().default(false)];
    const value = z.number().int().min(f.min);
    // An optional limit added later reads as "no limit" on records written before it.
    return [f.key, f.optional ? value.nullable().default(null) : value];
  }),
);
const limits = z.strictObject(limitsShape) as unknown as z.ZodType<ProfileLimits, unknown>;

export const ticketRecord = z.object({
  id: z.string().min(1),
  code: z.string().regex(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$/),
  batchId: z.string().min(1),
  profileName: z.string().min(1),
  limits,
  createdAt: ms,
  firstUsedAt: nullableMs,
  expiresAt: nullableMs,
  // Absent on tickets written before the clock could wait for the next opening (issue #15, item 1).
  remainingSeconds: z.number().int().nonnegative().nullable().default(null),
  devices: z.array(z.string()),
  bytesUsed: z.number().int().nonnegative(),
  revokedAt: nullableMs,
  revokedBy: z.string().nullable(),
  version: z.number().int().nonnegative(),
}) satisfies z.ZodType<Ticket>;

export const batchRecord = z.object({
  id: z.string().min(1),
  profileName: z.string().min(1),
  count: z.number().int().positive(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: ms,
  // Batches written before workshops had no window of their own.
  validFrom: nullableMs.default(null),
  validUntil: nullableMs.default(null),
  // Batches made before tickets printed the charter line accept no charter.
  charterVersion: z.string().min(1).max(40).nullable().default(null),
}) satisfies z.ZodType<Batch, unknown>;

/**
 * A space's identifier (`space.id`). Records written before spaces were kept apart (issue #13)
 * have none: they read as '' and so belong to no space's scoped reads (docs/redis-city.md).
 */
const spaceId = z.string().max(64).default('');

export const acceptanceRecord = z.object({
  id: z.string().min(1),
  spaceId,
  charterVersion: z.string().min(1),
  lang: z.enum(LANGUAGES),
  acceptedAt: ms,
  device: z.string().min(1),
  ticketId: z.string().nullable(),
  // Acceptances recorded before printed tickets carried the charter were all the portal's.
  via: z.enum(ACCEPTANCE_WAYS).default('portal'),
}) satisfies z.ZodType<CharterAcceptance, unknown>;

export const sessionRecord = z.object({
  id: z.string().min(1),
  spaceId,
  ticketId: z.string().nullable(),
  device: z.object({ mac: z.string().nullable(), ip: z.string().nullable() }),
  origin: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('local') }),
    z.object({ kind: z.literal('nas'), nas: z.string() }),
  ]),
  startedAt: ms,
  lastSeenAt: ms,
  bytesIn: z.number().int().nonnegative(),
  bytesOut: z.number().int().nonnegative(),
  endedAt: nullableMs,
  endCause: z.enum(END_CAUSES).nullable(),
  nasSessionId: z.string().nullable(),
  natPorts: z
    .object({
      publicIp: z.string().min(1).max(45),
      first: z.number().int().min(1).max(65535),
      last: z.number().int().min(1).max(65535),
    })
    .refine((p) => p.first <= p.last, 'an empty port block')
    .nullable()
    .optional(),
  trustedLabel: z.string().min(1).max(40).nullable().optional(),
}) satisfies z.ZodType<Session>;

export const counterRecord = z.object({
  key: z.string().min(1).max(200),
  count: z.number().int().nonnegative(),
  firstAt: ms,
  until: nullableMs,
  expiresAt: ms,
  version: z.number().int().nonnegative(),
}) satisfies z.ZodType<DeviceCounter>;

export const userRecord = z.object({
  username: z.string().min(1).max(64),
  role: z.enum(ROLES),
  // Absent in accounts written before accounts belonged to spaces (read as null).
  spaces: z
    .union([z.literal('all'), z.array(z.string().regex(SPACE_ID_RE).max(64)).min(1).max(500)])
    .nullable()
    .default(null),
  passwordHash: z.string().min(1),
  createdAt: ms,
  createdBy: z.string(),
  disabledAt: nullableMs,
  sessionEpoch: z.number().int().nonnegative(),
  version: z.number().int().nonnegative(),
}) satisfies z.ZodType<ConsoleUser>;

export const consoleSessionRecord = z.object({
  id: z.string().min(1).max(100),
  username: z.string().min(1),
  epoch: z.number().int().nonnegative(),
  csrf: z.string().min(1),
  createdAt: ms,
  lastSeenAt: ms,
  expiresAt: ms,
  version: z.number().int().nonnegative(),
}) satisfies z.ZodType<ConsoleSession>;

export const auditRecord = z.object({
  id: z.string().min(1),
  at: ms,
  actor: z.string().min(1),
  action: z.enum(AUDIT_ACTIONS),
  target: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  spaceId: z.string().min(1).optional(),
}) satisfies z.ZodType<AuditEntry>;

/** A profile kept in a space's settings: its limits (strict, as above) and who it is. */
const profileRecord = z.strictObject({
  ...limitsShape,
  name: z.string().min(1),
  label: z.string().min(1),
  isDefault: z.boolean(),
}) as unknown as z.ZodType<Profile, Profile>;

const charterSection = z.object({
  title: z.string(),
  paragraphs: z.array(z.string()),
  items: z.array(z.string()),
});
const charterTextRecord = z.object({
  version: z.string().min(1),
  lang: z.enum(LANGUAGES),
  title: z.string(),
  summary: z.array(z.string()),
  sections: z.array(charterSection),
});
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/);

const dayRangesRecord = z.array(z.string().max(20)).max(12).optional();

export const settingsRecord = z.object({
  links: z
    .array(
      z.object({
        label: z.string().min(1).max(LINK_LABEL_MAX),
        labels: z
          .partialRecord(z.enum(LINK_LABEL_LANGUAGES), z.string().min(1).max(LINK_LABEL_MAX))
          .optional(),
        url: z.string().startsWith('https://').max(2000),
        beforeLogin: z.literal(true).optional(),
      }),
    )
    .max(LINKS_MAX)
    .optional(),
  hours: z
    .object({
      openingHours: z.object({
        mon: dayRangesRecord,
        tue: dayRangesRecord,
        wed: dayRangesRecord,
        thu: dayRangesRecord,
        fri: dayRangesRecord,
        sat: dayRangesRecord,
        sun: dayRangesRecord,
      }),
      closures: z.array(z.string().max(40)).max(200),
    })
    .optional(),
  space: z
    .object({ name: z.string().min(1), colors: z.object({ primary: color, accent: color }) })
    .optional(),
  logo: z
    .object({ type: z.enum(['image/png', 'image/jpeg', 'image/svg+xml']), base64: z.string() })
    .nullable()
    .optional(),
  wifi: z
    .object({
      ssid: z.string().min(1).max(32),
      security: z.enum(['WPA', 'none']),
      password: z.string().nullable(),
    })
    .nullable()
    .optional(),
  profiles: z.array(profileRecord).optional(),
  charter: z
    .object({
      version: z.string().min(1),
      publishedAt: ms,
      texts: z.partialRecord(z.enum(LANGUAGES), charterTextRecord),
    })
    .optional(),
  filter: z
    .object({
      categories: z.array(z.string().regex(/^[a-z0-9_-]{1,40}$/)).max(31),
      allow: z.array(z.string().min(1).max(253)),
      block: z.array(z.string().min(1).max(253)),
    })
    .optional(),
  updatedAt: ms,
  updatedBy: z.string(),
  version: z.number().int().nonnegative(),
}) satisfies z.ZodType<SpaceSettings>;

export const helpRequestRecord = z.object({
  id: z.string().min(1).max(100),
  spaceId: z.string().min(1),
  device: z.string().min(1).max(200),
  deviceHint: z.string().max(8),
  page: z.enum(HELP_PAGES),
  openedAt: ms,
  askedAt: ms,
}) satisfies z.ZodType<HelpRequest>;

export const attendanceRecord = z.object({
  id: z.string().min(1).max(100),
  spaceId: z.string().min(1),
  kind: z.enum(ATTENDANCE_KINDS),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  halfDay: z.enum(HALF_DAYS).nullable(),
  theme: z.string().max(THEME_MAX).nullable(),
  minutes: z.number().int().min(1).max(ATTENDANCE_MAX_MINUTES).nullable(),
  people: z.number().int().min(0).max(ATTENDANCE_MAX_PEOPLE),
  recordedAt: ms,
  recordedBy: z.string().min(1),
}) satisfies z.ZodType<AttendanceEntry>;
/** Issue #15, item 2: one of the space's own devices. */
export const trustedDeviceRecord = z.object({
  spaceId: z.string().min(1),
  mac: z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/),
  label: z.string().min(1).max(40),
  addedAt: z.number().int(),
  addedBy: z.string(),
});

/** Parses a stored JSON document with its schema; throws ECN_ERR_STORE_CORRUPT otherwise. */
export function readRecord<T>(schema: z.ZodType<T>, json: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new EcnError(
      'ECN_ERR_STORE_CORRUPT',
      `A stored ${what} is not valid JSON.`,
      { what },
      { cause: err },
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new EcnError('ECN_ERR_STORE_CORRUPT', `A stored ${what} does not match its schema.`, {
      what,
      issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    });
  }
  return parsed.data;
}
