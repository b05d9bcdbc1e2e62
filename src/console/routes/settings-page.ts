// The settings page's view model: each section's form as stored or, after a refusal, as typed.

import { formatWeekday } from '../../i18n/format';
import type { ConsoleLanguage } from '../../domain/languages';
import type { Request, Response } from 'express';
import { LINKS_MAX, LINK_LABEL_LANGUAGES } from '../../domain/console';
import { WEEKDAYS } from '../../domain/opening-hours';
import type { SpaceValues } from '../../services/space-settings';
import { renderPage, type SignedIn } from '../context';
import type { ConsoleDeps } from '../deps';
import { hoursFormValues } from '../settings/hours-form';
import { PROFILE_INPUTS, emptyProfileForm, formStrings, profileFormValues } from '../settings/profile-form';
import { text, type Form } from '../settings/validate';
import { formatTime, refusedField, settingsErrorText, type ShowSettings } from './settings-kit';

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

/** The charter's version and when it was published, as the settings pages show them. */
export function charterFacts(deps: ConsoleDeps, v: SpaceValues, ctx: SignedIn) {
  return {
    version: v.charter.version,
    publishedAt: v.charter.publishedAt === null ? null : formatTime(deps, ctx.lang, v.charter.publishedAt),
  };
}

export function settingsPage(deps: ConsoleDeps): ShowSettings {
  return (req: Request, res: Response, ctx: SignedIn, extra = {}) => {
    const v = deps.spaceSettings.current();
    const mine = (section: string) => (extra.section === section ? (extra.input ?? {}) : null);
    const msg = typeof req.query.msg === 'string' ? req.query.msg : '';
    const profileIn = mine('profile');
    const hoursIn = mine('hours');
    return renderPage(
      deps,
      req,
      res,
      'settings',
      ctx.t('settings.title'),
      {
        notice: msg in NOTICES ? ctx.t(NOTICES[msg as keyof typeof NOTICES]) : null,
        error: extra.error ? settingsErrorText(ctx.t, extra.error) : null,
        field: refusedField(extra.error),
        ...spaceForms(v, mine('space'), mine('wifi')),
        logo: logoView(v),
        profiles: v.profiles,
        profileForm: profileIn ? formStrings(profileIn) : emptyProfileForm(),
        profileFields: PROFILE_INPUTS,
        profileTexts: v.profiles.map((p) => profileFormValues(p)),
        charter: charterFacts(deps, v, ctx),
        hoursForm: hoursIn ? hoursFormValuesFrom(hoursIn) : hoursFormValues(v.hours),
        weekdays: WEEKDAYS.map((d, i) => ({ id: d, name: weekdayName(ctx.lang, i) })),
        linkRows: linkRows(v, mine('links')),
      },
      extra.error ? 400 : 200,
    );
  };
}

/** The space's name and colours, and the Wi-Fi (never its password). */
function spaceForms(v: SpaceValues, spaceIn: Form | null, wifiIn: Form | null) {
  return {
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
  };
}

function logoView(v: SpaceValues) {
  return v.logo
    ? {
        type: v.logo.type,
        kb: Math.max(1, Math.round(v.logo.body.length / 1000)),
        src: `data:${v.logo.type};base64,${v.logo.body.toString('base64')}`,
      }
    : null;
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
    row.before = (input ? input[`before-${i}`] === 'yes' : link?.beforeLogin === true) ? 'yes' : '';
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
  return formatWeekday(lang, index);
}
