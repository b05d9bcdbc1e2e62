// The managers' settings pages: the space's name and colours, the opening hours, the useful
// links, the Wi-Fi printed on tickets, the logo, the ticket profiles (settings-profiles.ts) and
// the charter (settings-charter.ts). Each section is its own form and route; a change is
// checked, saved in the store, applied to the running service at once and audited.

import type { Express } from 'express';
import type { SpaceLink } from '../../domain/console';
import { EcnError } from '../../domain/errors';
import { csrfMatches } from '../app';
import { page } from '../context';
import type { ConsoleDeps } from '../deps';
import { hoursFormValues, readHoursForm } from '../settings/hours-form';
import { readLinksForm } from '../settings/links-form';
import { readLogoUpload } from '../settings/logo-upload';
import { checkLogo, parseSpace, parseWifi, refuse } from '../settings/validate';
import { registerCharterSettings } from './settings-charter';
import { change, isFormRefusal, settingsKit, type Details, type SettingsKit } from './settings-kit';
import { settingsPage } from './settings-page';
import { registerProfileSettings } from './settings-profiles';

export { settingsErrorText } from './settings-kit';

export function registerSettings(app: Express, deps: ConsoleDeps): void {
  const kit = settingsKit(deps, settingsPage(deps));
  app.get(
    '/settings',
    page('settings.write', (req, res, ctx) => kit.showSettings(req, res, ctx)),
  );
  registerSpaceSettings(app, kit);
  registerLogoSettings(app, kit);
  registerProfileSettings(app, kit);
  registerCharterSettings(app, kit);
}

/** The space's name and colours, opening hours, useful links and Wi-Fi. */
function registerSpaceSettings(app: Express, kit: SettingsKit): void {
  const live = kit.deps.spaceSettings;

  app.post(
    '/settings/space',
    kit.post('space', async (form, ctx) => {
      const next = parseSpace(form);
      const before = live.current();
      const details: Details = {};
      if (before.name !== next.name) details.name = change(before.name, next.name);
      if (before.colors.primary !== next.colors.primary)
        details.primary = change(before.colors.primary, next.colors.primary);
      if (before.colors.accent !== next.colors.accent)
        details.accent = change(before.colors.accent, next.colors.accent);
      await kit.save(ctx, 'space', details, (s) => ({ ...s, space: next }));
      return 'space';
    }),
  );

  app.post(
    '/settings/hours',
    kit.post('hours', async (form, ctx) => {
      const before = live.current().hours;
      const next = readHoursForm(form, before, kit.deps.services.clock.now(), kit.deps.settings.timeZone);
      const details: Details = {};
      const was = hoursFormValues(before);
      const now = hoursFormValues(next);
      for (const k of Object.keys(now))
        if (was[k] !== now[k]) details[k] = change(was[k] || null, now[k] || null);
      await kit.save(ctx, 'hours', details, (s) => ({ ...s, hours: next }));
      return 'hours';
    }),
  );

  app.post(
    '/settings/links',
    kit.post('links', async (form, ctx) => {
      const next = readLinksForm(form);
      const before = linksText(live.current().links);
      const after = linksText(next);
      const details: Details = before === after ? {} : { links: change(before, after) };
      await kit.save(ctx, 'links', details, (s) => ({ ...s, links: next }));
      return 'links';
    }),
  );

  app.post(
    '/settings/wifi',
    kit.post('wifi', async (form, ctx) => {
      const before = live.current().wifi;
      const next = parseWifi(form, before);
      const details: Details = {};
      if ((before?.ssid ?? null) !== (next?.ssid ?? null))
        details.ssid = change(before?.ssid ?? null, next?.ssid ?? null);
      if ((before?.security ?? null) !== (next?.security ?? null))
        details.security = change(before?.security ?? null, next?.security ?? null);
      // Whether the password changed, never the password.
      details.passwordChanged = (before?.password ?? null) !== (next?.password ?? null);
      await kit.save(ctx, 'wifi', details, (s) => ({ ...s, wifi: next }));
      return 'wifi';
    }),
  );
}

/** The links as the audit trail shows them. */
function linksText(links: readonly SpaceLink[]): string | null {
  if (!links.length) return null;
  return links
    .map((x) => {
      const own = Object.values(x.labels ?? {});
      return `${x.label}${own.length ? ` (${own.join(' / ')})` : ''} <${x.url}>${x.beforeLogin ? ' [avant connexion]' : ''}`;
    })
    .join(', ');
}

/** The logo: a multipart upload, so its CSRF token is checked here rather than globally. */
function registerLogoSettings(app: Express, kit: SettingsKit): void {
  app.post(
    '/settings/logo',
    page('settings.write', async (req, res, ctx) => {
      let upload;
      try {
        upload = await readLogoUpload(req);
      } catch (err) {
        if (!isFormRefusal(err)) throw err;
        return kit.showSettings(req, res, ctx, { error: err, section: 'logo' });
      }
      // The global check reads url-encoded forms only: this one is checked here, before anything.
      if (!csrfMatches(ctx.csrf, upload.fields._csrf)) {
        throw new EcnError('ECN_ERR_CSRF', 'The logo form was sent without the token of its page.');
      }
      try {
        if (upload.tooBig) refuse('logo-file', 'settings.err.logoTooBig', { max: 100 });
        if (!upload.file) refuse('logo-file', 'settings.err.logoMissing');
        const type = checkLogo(upload.file);
        const logo = { type, base64: upload.file.toString('base64') };
        await kit.save(ctx, 'logo', { logo: `${type}, ${upload.file.length} B` }, (s) => ({ ...s, logo }));
      } catch (err) {
        if (!isFormRefusal(err)) throw err;
        ctx.log.info({ errorCode: err.code }, 'logo refused');
        return kit.showSettings(req, res, ctx, { error: err, section: 'logo' });
      }
      return res.redirect(303, '/settings?msg=logo');
    }),
  );

  app.post(
    '/settings/logo/remove',
    kit.post('logo', async (_form, ctx) => {
      await kit.save(ctx, 'logo', { logo: 'removed' }, (s) => ({ ...s, logo: null }));
      return 'logoRemoved';
    }),
  );
}
