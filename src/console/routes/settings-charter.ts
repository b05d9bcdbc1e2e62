// The charter's settings page: the French text edited as plain text, published as a new version.

import type { Express, Request, Response } from 'express';
import { recordAudit } from '../audit';
import { page, renderPage, type SignedIn } from '../context';
import { charterBody, charterVersion, parseCharter, text, type Form } from '../settings/validate';
import { charterFacts } from './settings-page';
import {
  change,
  isFormRefusal,
  readForm,
  refusedField,
  settingsErrorText,
  type SettingsKit,
} from './settings-kit';

export function registerCharterSettings(app: Express, kit: SettingsKit): void {
  const { deps } = kit;
  const live = deps.spaceSettings;

  const showCharter = (req: Request, res: Response, ctx: SignedIn, error?: unknown, input?: Form) => {
    const v = live.current();
    const fr = v.charter.texts.fr;
    return renderPage(
      deps,
      req,
      res,
      'settings-charter',
      ctx.t('settings.charter.title'),
      {
        charter: charterFacts(deps, v, ctx),
        form: {
          version: input ? text(input, 'version', 100) : '',
          title: input ? text(input, 'title', 2000) : fr.title,
          summary: input ? text(input, 'summary', 20_000) : fr.summary.join('\n'),
          body: input ? text(input, 'body', 60_000) : charterBody(fr),
        },
        error: error ? settingsErrorText(ctx.t, error) : null,
        field: refusedField(error),
      },
      error ? 400 : 200,
    );
  };

  app.get(
    '/settings/charter',
    page('settings.write', (req, res, ctx) => showCharter(req, res, ctx)),
  );

  app.post(
    '/settings/charter',
    page('settings.write', async (req, res, ctx) => {
      const form = readForm(req);
      try {
        const before = live.current().charter.version;
        const now = deps.services.clock.now();
        const version = charterVersion(text(form, 'version', 100), before, deps.services.policy.dayOf(now));
        const fr = parseCharter(form, version);
        await live.save(ctx.user.username, (s) => ({
          ...s,
          // Only French is written from the console; the other languages keep the file's text.
          charter: { version, publishedAt: now, texts: { fr } },
        }));
        await recordAudit(deps.services, ctx.user.username, 'settings.changed', 'charter', {
          version: change(before, version),
        });
      } catch (err) {
        if (!isFormRefusal(err)) throw err;
        return showCharter(req, res, ctx, err, form);
      }
      return res.redirect(303, '/settings?msg=charter');
    }),
  );
}
