// The managers' settings pages: the space's name and colours, the Wi-Fi printed on tickets,
// the logo, the ticket profiles and the charter. Each section is its own form and route; a
// change is checked, saved in the store, applied to the running service at once and audited.

import type { Express, Request, Response } from 'express';
import { EcnError, isEcnError } from '../../domain/errors';
import type { SpaceSettings } from '../../domain/console';
import type { Profile } from '../../domain/profile';
import { recordAudit } from '../audit';
import { hoursFormValues, readHoursForm } from '../settings/hours-form';
import { readLinksForm } from '../settings/links-form';
import { LINK_LABEL_LANGUAGES, LINKS_MAX, type SpaceLink } from '../../domain/console';
import { WEEKDAYS } from '../../domain/opening-hours';
import { csrfMatches } from '../app';
import { errorText, page, renderPage, type SignedIn } from '../context';
import type { ConsoleDeps } from '../deps';
import { isConsoleKey, type ConsoleTranslate } from '../i18n';
import { readLogoUpload } from '../settings/logo-upload';
import {
  charterBody,
  charterVersion,
  checkLogo,
  checkProfiles,
  parseCharter,
  parseProfile,
  parseSpace,
  parseWifi,
  profileForm,
  refuse,
  text,
  type Form,
} from '../settings/validate';
import type { SpaceValues } from '../../services/space-settings';
import { intlLocale, type ConsoleLanguage } from '../../i18n/languages';

/** The fields of a profile's form besides its name (which only the "add" form has). */
const PROFILE_FIELDS = [
  'label',
  'duration',
  'devices',
  'quota',
  'bandwidthUp',
  'bandwidthDown',
  'validFrom',
  'validUntil',
  'idleTimeout',
] as const;

type Details = Record<string, string | number | boolean | null>;

const NOTICES = {
  space: 'settings.saved.space',
  wifi: 'settings.saved.wifi',
  logo: 'settings.saved.logo',
  logoRemoved: 'settings.saved.logoRemoved',
  profileAdded: 'settings.saved.profileAdded',
  profileSaved: 'settings.saved.profileSaved',
  profileDeleted: 'settings.saved.profileDeleted',
  profileDefault: 'settings.saved.profileDefault',
  charter: 'settings.saved.charter',
  hours: 'settings.saved.hours',
  links: 'settings.saved.links',
} as const;

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

/** A refusal the form can show (the manager's input); anything else goes to the error page. */
function isFormRefusal(err: unknown): err is EcnError {
  return (
    isEcnError(err) &&
    err.status < 500 &&
    !['ECN_ERR_CSRF', 'ECN_ERR_FORBIDDEN', 'ECN_ERR_AUTH_REQUIRED', 'ECN_ERR_NOT_FOUND'].includes(err.code)
  );
}

function change(before: string | null, after: string | null): string {
  return `${before ?? '—'} → ${after ?? '—'}`;
}

function formatTime(deps: ConsoleDeps, lang: ConsoleLanguage, ms: number): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: deps.settings.timeZone,
  }).format(ms);
}

export function registerSettings(app: Express, deps: ConsoleDeps): void {
  const live = deps.spaceSettings;

  const save = async (
    ctx: SignedIn,
    section: string,
    details: Details,
    edit: (s: SpaceSettings) => SpaceSettings,
  ) => {
    await live.save(ctx.user.username, edit);
    await recordAudit(deps.services, ctx.user.username, 'settings.changed', section, details);
  };

  /** The settings page, with a section's input kept and its refusal shown when given. */
  const showSettings = (
    req: Request,
    res: Response,
    ctx: SignedIn,
    extra: { error?: unknown; section?: string; input?: Form } = {},
  ) => {
    const v = live.current;
    const input = extra.input ?? {};
    const mine = (section: string) => (extra.section === section ? input : null);
    const msg = typeof req.query.msg === 'string' ? req.query.msg : '';
    const spaceIn = mine('space');
    const wifiIn = mine('wifi');
    const profileIn = mine('profile');
    return renderPage(
      deps,
      req,
      res,
      'settings',
      ctx.t('settings.title'),
      {
        notice: msg in NOTICES ? ctx.t(NOTICES[msg as keyof typeof NOTICES]) : null,
        error: extra.error ? settingsErrorText(ctx.t, extra.error) : null,
        field: extra.error && isEcnError(extra.error) ? (extra.error.details.field ?? null) : null,
        spaceForm: {
          name: spaceIn ? text(spaceIn, 'name', 200) : v.name,
          primary: spaceIn ? text(spaceIn, 'primary', 20) : v.colors.primary,
          accent: spaceIn ? text(spaceIn, 'accent', 20) : v.colors.accent,
        },
        wifiForm: {
          ssid: wifiIn ? text(wifiIn, 'ssid', 200) : (v.wifi?.ssid ?? ''),
          security: wifiIn ? text(wifiIn, 'security', 10) : (v.wifi?.security ?? 'WPA'),
        },
        wifiPasswordSet: v.wifi?.security === 'WPA' && !!v.wifi.password,
        logo: v.logo
          ? {
              type: v.logo.type,
              kb: Math.max(1, Math.round(v.logo.body.length / 1000)),
              src: `data:${v.logo.type};base64,${v.logo.body.toString('base64')}`,
            }
          : null,
        profiles: v.profiles,
        profileForm: profileIn
          ? Object.fromEntries(['name', ...PROFILE_FIELDS].map((k) => [k, text(profileIn, k, 200)]))
          : {
              name: '',
              label: '',
              duration: '1h',
              devices: '1',
              quota: '',
              bandwidthUp: '',
              bandwidthDown: '',
              validFrom: '',
              validUntil: '',
              idleTimeout: '',
            },
        profileTexts: v.profiles.map((p) => profileForm(p)),
        charter: charterFacts(v, ctx),
        hoursForm: mine('hours') ? hoursFormValuesFrom(mine('hours')!) : hoursFormValues(v.hours),
        weekdays: WEEKDAYS.map((d, i) => ({ id: d, name: weekdayName(ctx.lang, i) })),
        linkRows: linkRows(v, mine('links')),
      },
      extra.error ? 400 : 200,
    );
  };

  const charterFacts = (v: SpaceValues, ctx: SignedIn) => ({
    version: v.charter.version,
    publishedAt: v.charter.publishedAt === null ? null : formatTime(deps, ctx.lang, v.charter.publishedAt),
  });

  /** A POST of the settings page: refusals re-render it with the section's input kept. */
  const post = (section: string, handler: (form: Form, ctx: SignedIn, req: Request) => Promise<string>) =>
    page('settings.write', async (req, res, ctx) => {
      const form = (req.body ?? {}) as Form;
      try {
        const msg = await handler(form, ctx, req);
        return res.redirect(303, `/settings?msg=${msg}`);
      } catch (err) {
        if (!isFormRefusal(err)) throw err;
        ctx.log.info({ errorCode: err.code, field: err.details.field }, 'settings change refused');
        return showSettings(req, res, ctx, { error: err, section, input: form });
      }
    });

  app.get(
    '/settings',
    page('settings.write', (req, res, ctx) => showSettings(req, res, ctx)),
  );

  app.post(
    '/settings/space',
    post('space', async (form, ctx) => {
      const next = parseSpace(form);
      const before = live.current;
      const details: Details = {};
      if (before.name !== next.name) details.name = change(before.name, next.name);
      if (before.colors.primary !== next.colors.primary)
        details.primary = change(before.colors.primary, next.colors.primary);
      if (before.colors.accent !== next.colors.accent)
        details.accent = change(before.colors.accent, next.colors.accent);
      await save(ctx, 'space', details, (s) => ({ ...s, space: next }));
      return 'space';
    }),
  );

  app.post(
    '/settings/hours',
    post('hours', async (form, ctx) => {
      const before = live.current.hours;
      const next = readHoursForm(form, before, deps.services.clock.now(), deps.settings.timeZone);
      const details: Details = {};
      const was = hoursFormValues(before);
      const now = hoursFormValues(next);
      for (const k of Object.keys(now))
        if (was[k] !== now[k]) details[k] = change(was[k] || null, now[k] || null);
      await save(ctx, 'hours', details, (s) => ({ ...s, hours: next }));
      return 'hours';
    }),
  );

  app.post(
    '/settings/links',
    post('links', async (form, ctx) => {
      const next = readLinksForm(form);
      const shown = (l: readonly SpaceLink[]) =>
        l.length
          ? l
              .map((x) => {
                const own = Object.values(x.labels ?? {});
                return `${x.label}${own.length ? ` (${own.join(' / ')})` : ''} <${x.url}>`;
              })
              .join(', ')
          : null;
      const before = shown(live.current.links);
      const after = shown(next);
      const details: Details = before === after ? {} : { links: change(before, after) };
      await save(ctx, 'links', details, (s) => ({ ...s, links: next }));
      return 'links';
    }),
  );

  app.post(
    '/settings/wifi',
    post('wifi', async (form, ctx) => {
      const before = live.current.wifi;
      const next = parseWifi(form, before);
      const details: Details = {};
      if ((before?.ssid ?? null) !== (next?.ssid ?? null))
        details.ssid = change(before?.ssid ?? null, next?.ssid ?? null);
      if ((before?.security ?? null) !== (next?.security ?? null))
        details.security = change(before?.security ?? null, next?.security ?? null);
      // Whether the password changed, never the password.
      details.passwordChanged = (before?.password ?? null) !== (next?.password ?? null);
      await save(ctx, 'wifi', details, (s) => ({ ...s, wifi: next }));
      return 'wifi';
    }),
  );

  app.post(
    '/settings/logo',
    page('settings.write', async (req, res, ctx) => {
      let upload;
      try {
        upload = await readLogoUpload(req);
      } catch (err) {
        if (!isFormRefusal(err)) throw err;
        return showSettings(req, res, ctx, { error: err, section: 'logo' });
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
        await save(ctx, 'logo', { logo: `${type}, ${upload.file.length} B` }, (s) => ({ ...s, logo }));
      } catch (err) {
        if (!isFormRefusal(err)) throw err;
        ctx.log.info({ errorCode: err.code }, 'logo refused');
        return showSettings(req, res, ctx, { error: err, section: 'logo' });
      }
      return res.redirect(303, '/settings?msg=logo');
    }),
  );

  app.post(
    '/settings/logo/remove',
    post('logo', async (_form, ctx) => {
      await save(ctx, 'logo', { logo: 'removed' }, (s) => ({ ...s, logo: null }));
      return 'logoRemoved';
    }),
  );

  // ---- ticket profiles

  const saveProfiles = async (
    ctx: SignedIn,
    details: Details,
    edit: (profiles: readonly Profile[]) => Profile[],
    field = 'profile-name',
  ) => {
    const next = edit(live.current.profiles);
    checkProfiles(next, field);
    // The list is recomputed on the latest stored one inside the store's transaction.
    await save(ctx, 'profiles', details, (s) => {
      const list = edit(s.profiles ?? live.defaults.profiles);
      checkProfiles(list, field);
      return { ...s, profiles: list };
    });
  };

  const findProfile = (name: string): Profile => {
    const p = live.current.profiles.find((x) => x.name === name);
    if (!p) throw new EcnError('ECN_ERR_NOT_FOUND', 'No ticket profile has this name.');
    return p;
  };

  app.post(
    '/settings/profiles',
    post('profile', async (form, ctx) => {
      const p = parseProfile(form, false);
      await saveProfiles(ctx, { added: p.name }, (list) => [...list, p]);
      return 'profileAdded';
    }),
  );

  const showProfile = (
    req: Request,
    res: Response,
    ctx: SignedIn,
    p: Profile,
    error?: unknown,
    input?: Form,
  ) =>
    renderPage(
      deps,
      req,
      res,
      'settings-profile',
      ctx.t('settings.profile.editTitle', { label: p.label }),
      {
        profile: p,
        form: input
          ? Object.fromEntries(PROFILE_FIELDS.map((k) => [k, text(input, k, 200)]))
          : profileForm(p),
        error: error ? settingsErrorText(ctx.t, error) : null,
        field: error && isEcnError(error) ? (error.details.field ?? null) : null,
      },
      error ? 400 : 200,
    );

  app.get(
    '/settings/profiles/:name',
    page('settings.write', (req, res, ctx) =>
      showProfile(req, res, ctx, findProfile(String(req.params.name))),
    ),
  );

  app.post(
    '/settings/profiles/:name',
    page('settings.write', async (req, res, ctx) => {
      const old = findProfile(String(req.params.name));
      const form = (req.body ?? {}) as Form;
      try {
        const p = parseProfile({ ...form, name: old.name }, old.isDefault);
        const fields = (Object.keys(p) as (keyof Profile)[]).filter((k) => p[k] !== old[k]);
        await saveProfiles(ctx, { changed: old.name, fields: fields.join(', ') || '—' }, (list) =>
          list.map((x) => (x.name === old.name ? { ...p, isDefault: x.isDefault } : x)),
        );
      } catch (err) {
        if (!isFormRefusal(err)) throw err;
        return showProfile(req, res, ctx, old, err, form);
      }
      return res.redirect(303, '/settings?msg=profileSaved');
    }),
  );

  app.post(
    '/settings/profiles/:name/default',
    post('profiles', async (_form, ctx, req) => {
      const p = findProfile(String(req.params.name));
      const before = live.current.profiles.find((x) => x.isDefault)?.name ?? null;
      await saveProfiles(ctx, { default: change(before, p.name) }, (list) =>
        list.map((x) => ({ ...x, isDefault: x.name === p.name })),
      );
      return 'profileDefault';
    }),
  );

  app.post(
    '/settings/profiles/:name/delete',
    post('profiles', async (_form, ctx, req) => {
      const p = findProfile(String(req.params.name));
      // Tickets keep a copy of their limits: deleting a profile never changes a printed ticket.
      if (p.isDefault) refuse('profiles', 'settings.err.profileDeleteDefault', { label: p.label });
      await saveProfiles(ctx, { deleted: p.name }, (list) => list.filter((x) => x.name !== p.name));
      return 'profileDeleted';
    }),
  );

  // ---- charter

  const showCharter = (req: Request, res: Response, ctx: SignedIn, error?: unknown, input?: Form) => {
    const v = live.current;
    const fr = v.charter.texts.fr;
    return renderPage(
      deps,
      req,
      res,
      'settings-charter',
      ctx.t('settings.charter.title'),
      {
        charter: charterFacts(v, ctx),
        form: {
          version: input ? text(input, 'version', 100) : '',
          title: input ? text(input, 'title', 2000) : fr.title,
          summary: input ? text(input, 'summary', 20_000) : fr.summary.join('\n'),
          body: input ? text(input, 'body', 60_000) : charterBody(fr),
        },
        error: error ? settingsErrorText(ctx.t, error) : null,
        field: error && isEcnError(error) ? (error.details.field ?? null) : null,
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
      const form = (req.body ?? {}) as Form;
      try {
        const before = live.current.charter.version;
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

/** The links form's rows: as typed when refused, else the links in force, then empty rows. */
function linkRows(v: SpaceValues, input: Form | null): Record<string, string>[] {
  return Array.from({ length: LINKS_MAX }, (_, i) => {
    const link = v.links[i];
    const row: Record<string, string> = input
      ? { label: text(input, `label-${i}`, 200), url: text(input, `url-${i}`, 2000) }
      : { label: link?.label ?? '', url: link?.url ?? '' };
    for (const lang of LINK_LABEL_LANGUAGES)
      row[lang] = input ? text(input, `label-${i}-${lang}`, 200) : (link?.labels?.[lang] ?? '');
    return row;
  });
}

/** The hours form as typed, kept when it is refused. */
function hoursFormValuesFrom(input: Form): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...WEEKDAYS, 'closures'])
    out[k] = typeof input[k] === 'string' ? input[k].slice(0, 4000) : '';
  return out;
}

function weekdayName(lang: ConsoleLanguage, index: number): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(intlLocale(lang), {
    weekday: 'long',
    timeZone: 'UTC',
  }).format(Date.UTC(2024, 0, 1 + index));
}
