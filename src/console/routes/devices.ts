// The managers' page of the space's own devices (issue #15, item 2): the list, adding one (or
// renaming it), removing one. Every change is audited (through the use case's event); bad input is shown back and changes nothing.

import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { EcnError, isEcnError } from '../../domain/errors';
import { staff } from '../../services/audit-trail';
import { trustDevice, untrustDevice } from '../../services/trusted-devices';
import { errorText, page, renderPage, type SignedIn } from '../context';
import type { ConsoleDeps } from '../deps';
import { parseForm, textField } from '../forms';
import { intlLocale, type ConsoleLanguage } from '../../domain/languages';

const deviceSchema = z.object({ mac: textField(40), label: textField(60) });
type DeviceForm = z.output<typeof deviceSchema>;

/** A malformed field answers as a bad value of it would: the same message, on the same field. */
const MALFORMED: Record<keyof DeviceForm, () => EcnError> = {
  mac: () => new EcnError('ECN_ERR_MAC_MALFORMED', 'The MAC field is malformed.'),
  label: () => new EcnError('ECN_ERR_DEVICE_LABEL_INVALID', 'The label field is malformed.'),
};

const NOTICES = {
  added: 'devices.saved.added',
  relabelled: 'devices.saved.relabelled',
  removed: 'devices.saved.removed',
} as const;

const FIELD_OF: Record<string, string> = {
  ECN_ERR_MAC_MALFORMED: 'device-mac',
  ECN_ERR_DEVICE_LABEL_INVALID: 'device-label',
};

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

  const show = async (req: Request, res: Response, ctx: SignedIn, err?: unknown, input?: DeviceForm) => {
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
        form: { label: input?.label ?? '', mac: input?.mac ?? '' },
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
      const parsed = parseForm(deviceSchema, req.body, MALFORMED, MALFORMED.mac);
      if (!parsed.ok) return show(req, res, ctx, parsed.message);
      const form = parsed.value;
      let created: boolean;
      try {
        ({ created } = await trustDevice(services, {
          spaceId: deps.spaceId,
          mac: form.mac,
          label: form.label,
          actor: staff(ctx.user.username),
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
          actor: staff(ctx.user.username),
        });
      } catch (err) {
        if (!isRefusal(err)) throw err;
        return show(req, res, ctx, err);
      }
      return res.redirect(303, '/devices?msg=removed');
    }),
  );
}
