// The configuration's ticket profile, derived from the profile fields' descriptors
// (domain/profile-fields.ts): each limit under its configuration key, with its value type,
// bounds, default and description, so the reference in docs/configuration.md follows too.

import { z } from 'zod';
import {
  PROFILE_FIELDS,
  crossLimitProblem,
  profileField,
  type ProfileField,
  type ProfileFieldKind,
  type ProfileFieldValue,
} from '../domain/profile-fields';

/** The schema's value types of the human-friendly units ("2h", "500MB", "2Mbit", a date). */
export type UnitSchemas = Record<
  Exclude<ProfileFieldKind, 'count' | 'flag'>,
  z.ZodType<number, string | number>
>;

function limitValue(
  f: Exclude<ProfileField, { kind: 'flag' }>,
  units: UnitSchemas,
): z.ZodType<number, string | number> {
  if (f.kind !== 'count') return units[f.kind];
  const max: number = 'max' in f ? f.max : Number.MAX_SAFE_INTEGER;
  return z.number().int().min(f.min).max(max);
}

type LimitSchema<F extends ProfileField> = F extends { kind: 'flag' }
  ? z.ZodDefault<z.ZodBoolean>
  : F extends { optional: true } | { configDefault: number }
    ? z.ZodDefault<z.ZodType<ProfileFieldValue<F>, string | number | null>>
    : z.ZodType<number, string | number>;

/** One limit's key in a profile: its value type, bounds, default and description. */
function limitSchema(f: ProfileField, units: UnitSchemas): z.ZodType {
  // A yes/no option is off unless the profile says `true`.
  if (f.kind === 'flag') return z.boolean().default(false).describe(f.description);
  let s = limitValue(f, units);
  // Counts carry their bounds in their type; a unit must only not be zero when the limit needs one.
  if (f.kind !== 'count' && f.min > 0) {
    s = s.refine((v) => v >= f.min, { message: `${f.configKey} must be more than zero` });
  }
  if (f.optional) return s.nullable().default(null).describe(f.description);
  if ('configDefault' in f) return s.default(f.configDefault).describe(f.description);
  return s.describe(f.description);
}

export function buildProfileSchema(units: UnitSchemas) {
  const limits = Object.fromEntries(PROFILE_FIELDS.map((f) => [f.configKey, limitSchema(f, units)])) as {
    [F in ProfileField as F['configKey']]: LimitSchema<F>;
  };
  return z
    .object({
      name: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and dashes, at most 32')
        .describe('Identifier used by `ecn tickets create --profile` and stored on tickets.'),
      label: z.string().min(1).max(60).describe('What animators and residents read, e.g. "1 heure".'),
      ...limits,
      default: z.boolean().default(false).describe('The profile used when none is named (exactly one).'),
    })
    .superRefine((p, ctx) => {
      const problem = crossLimitProblem(p);
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          message: problem.message,
          path: [profileField(problem.key).configKey],
        });
      }
    });
}
