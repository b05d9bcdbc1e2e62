// Console forms read at the edge (issue #14, item 4): one zod schema per form. A field sent
// twice (an array), too long or of the wrong shape is refused with that field's own message,
// the one the page has always shown; unknown fields (the CSRF token among them) are ignored.

import { z } from 'zod';

/** A text field: one string of at most `max` characters; absent, it reads as empty. */
export function textField(max: number) {
  return z.string().max(max).default('');
}

/**
 * A text field whose malformed value reads as empty, for forms whose own checks must run in
 * their order first (a password form checks the current one before the new one): the empty
 * value then gets the page's specific refusal.
 */
export function emptyIfMalformed(max: number) {
  return textField(max).catch('');
}

/** A field that must say exactly `value` (a confirmation box); absent, it reads as empty. */
export function confirmField(value = 'yes') {
  return z.literal(value).or(z.literal('')).default('');
}

export type FormResult<T, F extends string, M = string> =
  { ok: true; value: T } | { ok: false; field: F; message: M };

/**
 * Parses `body` with `schema`. On failure, the first field (in the schema's order) with an
 * issue, and the message `messages` gives for it (or `fallback`, for a field without one): a
 * text to show, or the typed error the page already answers for a bad value of that field.
 */
export function parseForm<S extends z.ZodObject, F extends Extract<keyof z.output<S>, string>, M = string>(
  schema: S,
  body: unknown,
  messages: Partial<Record<F, () => M>>,
  fallback: () => M,
): FormResult<z.output<S>, F, M> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const failing = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
  const field = (Object.keys(schema.shape) as F[]).find((k) => failing.has(k)) ?? ('' as F);
  return { ok: false, field, message: (messages[field] ?? fallback)() };
}
