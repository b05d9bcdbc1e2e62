// The managers' page of the space's own devices (issue #15, item 2): the list, adding one (or
// renaming it), removing one. Every change is audited; bad input is shown back and changes nothing.

import type { Express, Request, Response } from 'express';
import { isEcnError } from '../../domain/errors';
import { trustDevice, untrustDevice } from '../trusted-devices';
import { errorText, page, renderPage, type SignedIn } from '../context';
import type { ConsoleDeps } from '../deps';
import { intlLocale, type ConsoleLanguage } from '../../i18n/languages';

type Form = Record<string, unknown>;

const NOTICES = {
  added: 'devices.saved.added',
  relabelled: 'devices.saved.relabelled',
  removed: 'devices.saved.removed',
} as const;

const FIELD_OF: Record<string, string> = {
  ECN_ERR_MAC_MALFORMED: 'device-mac',
  ECN_ERR_DEVICE_LABEL_INVALID: 'device-label',
};

function str(form: Form, name: string, max = 100): string {
  const v = form[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** The client's own mistakes; anything else goes to the one error handler. */
function isRefusal(err: unknown): boolean {
  return (
    isEcnError(err) &&
    ['ECN_ERR_MAC_MALFORMED', 'ECN_ERR_DEVICE_LABEL_INVALID', 'ECN_ERR_DEVICE_NOT_TRUSTED'].includes(err.code)
  );
}

export function registerDevices(app: Express, deps: ConsoleDeps): void {
  const services = deps.services;
  const time = (lang: ConsoleLanguage, ms: number) =>
    new Intl.DateTimeFormat(intlLocale(lang), {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: deps.settings.timeZone,
    }).format(ms);

  const show = async (req: Request, res: Response, ctx: SignedIn, err?: unknown, input?: Form) => {
    const list = await services.store.listTrustedDevices(deps.spaceId);
    const msg = typeof req.query.msg === 'string' ? req.query.msg : '';
    return renderPage(
      deps,
      req,
      res,
      'devices',
      ctx.t('devices.title'),
      {
        notice: msg in NOTICES ? ctx.t(NOTICES[msg as keyof typeof NOTICES]) : null,
        devices: list.map((d) => ({ ...d, added: time(ctx.lang, d.addedAt) })),
        form: { label: input ? str(input, 'label', 60) : '', mac: input ? str(input, 'mac', 40) : '' },
        error: err ? errorText(ctx.t, err) : null,
        field: isEcnError(err) ? (FIELD_OF[err.code] ?? null) : null,
      },
      err ? (isEcnError(err) ? err.status : 400) : 200,
    );
  };

  app.get(
    '/devices',
    page('settings.write', (req, res, ctx) => show(req, res, ctx)),
  );

  app.post(
    '/devices',
    page('settings.write', async (req, res, ctx) => {
      const form = (req.body ?? {}) as Form;
      let created: boolean;
      try {
        ({ created } = await trustDevice(services, {
          spaceId: deps.spaceId,
          mac: str(form, 'mac', 40),
          label: str(form, 'label', 60),
          actor: ctx.user.username,
        }));
      } catch (err) {
        if (!isRefusal(err)) throw err;
        return show(req, res, ctx, err, form);
      }
      return res.redirect(303, `/devices?msg=${created ? 'added' : 'relabelled'}`);
    }),
  );

  app.post(
    '/devices/:mac/remove',
    page('settings.write', async (req, res, ctx) => {
      try {
        await untrustDevice(services, {
          spaceId: deps.spaceId,
          mac: String(req.params.mac),
          actor: ctx.user.username,
        });
      } catch (err) {
        if (!isRefusal(err)) throw err;
        return show(req, res, ctx, err);
      }
      return res.redirect(303, '/devices?msg=removed');
    }),
  );
}
