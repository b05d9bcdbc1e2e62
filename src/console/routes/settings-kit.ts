// What every settings route shares: the body read at the edge, the sentence of a refusal,
// saving a change (stored, applied at once, audited) and a POST that re-renders its page.

import { formatDate } from '../../i18n/format';
import type { ConsoleLanguage } from '../../domain/languages';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { SpaceSettings } from '../../domain/console';
import { isEcnError, type EcnError } from '../../domain/errors';
import { recordAudit } from '../audit';
import { errorText, page, type SignedIn } from '../context';
import type { ConsoleDeps } from '../deps';
import { isConsoleKey, type ConsoleTranslate } from '../i18n';
import type { Form } from '../settings/validate';

export type Details = Record<string, string | number | boolean | null>;

/** A settings form's body: its text fields; a repeated or nested name reads as empty, as if absent. */
const formBody = z.record(z.string(), z.unknown()).transform((b): Form => {
  const out: Form = {};
  for (const [k, v] of Object.entries(b)) if (typeof v === 'string') out[k] = v;
  return out;
});

/** The form as sent (url-encoded); a body of any other shape reads as an empty form. */
export function readForm(req: Request): Form {
  const parsed = formBody.safeParse(req.body ?? {});
  return parsed.success ? parsed.data : {};
}

/** The sentence for a refused change: the field's own when the check named one. */
export function settingsErrorText(t: ConsoleTranslate, err: unknown): string {
  if (isEcnError(err) && err.code === 'ECN_ERR_SETTINGS_INVALID') {
    const key = err.details.key;
    if (typeof key === 'string' && isConsoleKey(key)) {
      const vars: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(err.details))
        if (typeof v === 'string' || typeof v === 'number') vars[k] = v;
      return t(key, vars);
    }
  }
  return errorText(t, err);
}

/** The refused input's id, for the page to mark it. */
export function refusedField(err: unknown): unknown {
  return err && isEcnError(err) ? (err.details.field ?? null) : null;
}

/** A refusal the form can show (the manager's input); anything else goes to the error page. */
export function isFormRefusal(err: unknown): err is EcnError {
  return (
    isEcnError(err) &&
    err.status < 500 &&
    !['ECN_ERR_CSRF', 'ECN_ERR_FORBIDDEN', 'ECN_ERR_AUTH_REQUIRED', 'ECN_ERR_NOT_FOUND'].includes(err.code)
  );
}

/** An audit detail of a change. */
export function change(before: string | null, after: string | null): string {
  return `${before ?? '—'} → ${after ?? '—'}`;
}

export function formatTime(deps: ConsoleDeps, lang: ConsoleLanguage, ms: number): string {
  return formatDate(lang, ms, { dateStyle: 'long', timeStyle: 'short', timeZone: deps.settings.timeZone });
}

/** Renders the settings page, with a section's input kept and its refusal shown when given. */
export type ShowSettings = (
  req: Request,
  res: Response,
  ctx: SignedIn,
  extra?: { error?: unknown; section?: string; input?: Form },
) => void;

export interface SettingsKit {
  readonly deps: ConsoleDeps;
  /** Stores the edit, applies it to the running service and audits it under `section`. */
  save(
    ctx: SignedIn,
    section: string,
    details: Details,
    edit: (s: SpaceSettings) => SpaceSettings,
  ): Promise<void>;
  /** A POST of the settings page: the handler's notice on success, the page again on a refusal. */
  post(
    section: string,
    handler: (form: Form, ctx: SignedIn, req: Request) => Promise<string>,
  ): RequestHandler;
  readonly showSettings: ShowSettings;
}

export function settingsKit(deps: ConsoleDeps, showSettings: ShowSettings): SettingsKit {
  const save: SettingsKit['save'] = async (ctx, section, details, edit) => {
    await deps.spaceSettings.save(ctx.user.username, edit);
    await recordAudit(deps.services, ctx.user.username, 'settings.changed', section, details);
  };
  const post: SettingsKit['post'] = (section, handler) =>
    page('settings.write', async (req, res, ctx) => {
      const form = readForm(req);
      try {
        const msg = await handler(form, ctx, req);
        return res.redirect(303, `/settings?msg=${msg}`);
      } catch (err) {
        if (!isFormRefusal(err)) throw err;
        ctx.log.info({ errorCode: err.code, field: err.details.field }, 'settings change refused');
        return showSettings(req, res, ctx, { error: err, section, input: form });
      }
    });
  return { deps, save, post, showSettings };
}
