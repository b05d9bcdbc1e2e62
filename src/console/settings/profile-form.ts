// The ticket profile form, derived from the profile fields' descriptors: its inputs, the zod
// schema that reads it at the edge, the refusal of each field, and the values shown back.

import { z } from 'zod';
import { KIND_TEXT } from '../../config/profile-values';
import type { Profile } from '../../domain/profile';
import {
  PROFILE_FIELDS,
  crossLimitProblem,
  type ProfileField,
  type ProfileLimits,
} from '../../domain/profile-fields';
import type { ConsoleKey } from '../i18n';
import { refuse, text, type Form } from './validate';

/** The input of a limit (its texts typed as catalog keys, so a missing one fails the build): its id (`profile-<key>`), its name (the domain key) and its texts. */
export interface ProfileInput {
  readonly id: string;
  readonly name: string;
  readonly label: ConsoleKey;
  readonly hint: ConsoleKey;
  readonly attrs: string;
  /** A yes/no option, shown as a box to tick (sent as `yes`). */
  readonly checkbox: boolean;
}

export const inputId = (key: string): string => `profile-${key}`;

/** The limits' inputs in the order the form shows them (the descriptors' order). */
export const PROFILE_INPUTS: readonly ProfileInput[] = PROFILE_FIELDS.map((f) => ({
  id: inputId(f.key),
  name: f.key,
  label: f.messages.label,
  hint: f.messages.hint,
  attrs: f.inputAttrs,
  checkbox: f.kind === 'flag',
}));

/** Every field a profile's form may send, name and label first. */
export const PROFILE_FORM_NAMES = ['name', 'label', ...PROFILE_FIELDS.map((f) => f.key)] as const;

/** A refusal the form shows on a field: its input id and its catalog sentence. */
interface Refusal {
  readonly field: string;
  readonly key: ConsoleKey;
}

/** A ticked box sends `yes`, an unticked one nothing; anything else is not our form's. */
function flagText(f: ProfileField): z.ZodType<boolean, string> {
  return z.string().transform((raw, ctx) => {
    if (raw === 'yes' || raw === '') return raw === 'yes';
    ctx.addIssue({ code: 'custom', message: `${f.key}: not accepted` });
    return z.NEVER;
  });
}

/** One limit's text: empty is "no limit" (optional) or the configuration's default; zero is a slip. */
function limitText(f: ProfileField): z.ZodType<number | boolean | null, string> {
  if (f.kind === 'flag') return flagText(f);
  return z.string().transform((raw, ctx) => {
    const typed = raw.trim();
    if (typed === '') {
      if (f.optional) return null;
      if ('configDefault' in f) return f.configDefault;
    }
    const v = typed === '' ? null : KIND_TEXT[f.kind].parse(typed);
    const max = 'max' in f ? f.max : Infinity;
    // An empty box already says "no limit": an amount typed as zero is a mistake, not a wish.
    const floor = f.optional && f.kind !== 'instant' ? Math.max(1, f.min) : f.min;
    if (v === null || v < floor || v > max) {
      ctx.addIssue({ code: 'custom', message: `${f.key}: not accepted` });
      return z.NEVER;
    }
    return v;
  });
}

const limitsShape = Object.fromEntries(PROFILE_FIELDS.map((f) => [f.key, limitText(f)])) as unknown as {
  [K in keyof ProfileLimits]-?: z.ZodType<Exclude<ProfileLimits[K], undefined>, string>;
};

/** What a profile's form sends, read at the edge; the first refused field is the one shown. */
export const profileFormSchema = z
  .object({
    name: z
      .string()
      .transform((s) => s.trim().toLowerCase())
      .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/)),
    label: z
      .string()
      .transform((s) => s.trim())
      .pipe(z.string().min(1).max(60)),
    ...limitsShape,
  })
  .superRefine((p, ctx) => {
    const problem = crossLimitProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.key] });
  });

/** The form's fields as strings (anything else reads as empty), each cut to a sane length. */
export function formStrings(form: Form): Record<(typeof PROFILE_FORM_NAMES)[number], string> {
  return Object.fromEntries(PROFILE_FORM_NAMES.map((k) => [k, text(form, k, 200)])) as Record<
    (typeof PROFILE_FORM_NAMES)[number],
    string
  >;
}

/** One profile from its form, or a refusal (ECN_ERR_SETTINGS_INVALID) naming the first bad field. */
export function parseProfile(form: Form, isDefault: boolean): Profile {
  const parsed = profileFormSchema.safeParse(formStrings(form));
  if (!parsed.success) {
    const own = refusalOf(String(parsed.error.issues[0]?.path[0] ?? 'name'));
    refuse(own.field, own.key);
  }
  const { name, label, ...limits } = parsed.data;
  return { name, label, isDefault, ...(limits as ProfileLimits) };
}

/** The input and sentence of a refused field, from the issue's path (a form field name). */
function refusalOf(path: string): Refusal {
  if (path === 'label') return { field: 'profile-label', key: 'settings.err.profileLabel' };
  const f = PROFILE_FIELDS.find((x) => x.key === path);
  if (f) return { field: inputId(f.key), key: f.messages.error };
  return { field: 'profile-name', key: 'settings.err.profileName' };
}

/** The profile's fields as its form shows them. */
export function profileFormValues(p: Profile): Record<string, string> {
  const out: Record<string, string> = { name: p.name, label: p.label };
  for (const f of PROFILE_FIELDS) {
    const v = p[f.key];
    if (f.kind === 'flag') out[f.key] = v === true ? 'yes' : '';
    else out[f.key] = v === null || typeof v !== 'number' ? '' : KIND_TEXT[f.kind].format(v);
  }
  return out;
}

/** The "add a profile" form as it first appears. */
export function emptyProfileForm(): Record<string, string> {
  return { name: '', label: '', ...Object.fromEntries(PROFILE_FIELDS.map((f) => [f.key, f.formDefault])) };
}
