// The ticket profiles of the settings pages: add, edit, make default, delete. Every list is
// checked whole (unique names, one default) before and inside the store's transaction.

import type { Express, Request, Response } from 'express';
import { EcnError } from '../../domain/errors';
import type { Profile } from '../../domain/profile';
import { PROFILE_FIELDS } from '../../domain/profile-fields';
import { page, renderPage, type SignedIn } from '../context';
import { PROFILE_INPUTS, formStrings, parseProfile, profileFormValues } from '../settings/profile-form';
import { checkProfiles, refuse, type Form } from '../settings/validate';
import {
  change,
  isFormRefusal,
  readForm,
  refusedField,
  settingsErrorText,
  type Details,
  type SettingsKit,
} from './settings-kit';

/** What an edit changed, by the fields' one names (audit details). */
export function changedFields(before: Profile, after: Profile): string[] {
  const keys: (keyof Profile)[] = ['name', 'label', ...PROFILE_FIELDS.map((f) => f.key), 'isDefault'];
  return keys.filter((k) => before[k] !== after[k]);
}

/** What the profile routes share: the checked save, the lookup by name, the edit page. */
function profileKit(kit: SettingsKit) {
  const live = kit.deps.spaceSettings;

  const saveProfiles = async (
    ctx: SignedIn,
    details: Details,
    edit: (profiles: readonly Profile[]) => Profile[],
    field = 'profile-name',
  ) => {
    checkProfiles(edit(live.current().profiles), field);
    // The list is recomputed on the latest stored one inside the store's transaction.
    await kit.save(ctx, 'profiles', details, (s) => {
      const list = edit(s.profiles ?? live.defaults.profiles);
      checkProfiles(list, field);
      return { ...s, profiles: list };
    });
  };

  const findProfile = (name: string): Profile => {
    const p = live.current().profiles.find((x) => x.name === name);
    if (!p) throw new EcnError('ECN_ERR_NOT_FOUND', 'No ticket profile has this name.');
    return p;
  };

  const showProfile = (
    req: Request,
    res: Response,
    ctx: SignedIn,
    p: Profile,
    error?: unknown,
    input?: Form,
  ) =>
    renderPage(
      kit.deps,
      req,
      res,
      'settings-profile',
      ctx.t('settings.profile.editTitle', { label: p.label }),
      {
        profile: p,
        form: input ? formStrings(input) : profileFormValues(p),
        profileFields: PROFILE_INPUTS,
        error: error ? settingsErrorText(ctx.t, error) : null,
        field: refusedField(error),
      },
      error ? 400 : 200,
    );
  return { live, saveProfiles, findProfile, showProfile };
}

export function registerProfileSettings(app: Express, kit: SettingsKit): void {
  const profiles = profileKit(kit);
  registerProfileForms(app, kit, profiles);
  registerProfileChoices(app, kit, profiles);
}

type ProfileKit = ReturnType<typeof profileKit>;

/** Adding a profile and editing one. */
function registerProfileForms(
  app: Express,
  kit: SettingsKit,
  { saveProfiles, findProfile, showProfile }: ProfileKit,
) {
  app.post(
    '/settings/profiles',
    kit.post('profile', async (form, ctx) => {
      const p = parseProfile(form, false);
      await saveProfiles(ctx, { added: p.name }, (list) => [...list, p]);
      return 'profileAdded';
    }),
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
      const form = readForm(req);
      try {
        const p = parseProfile({ ...form, name: old.name }, old.isDefault);
        const fields = changedFields(old, p).join(', ') || '—';
        await saveProfiles(ctx, { changed: old.name, fields }, (list) =>
          list.map((x) => (x.name === old.name ? { ...p, isDefault: x.isDefault } : x)),
        );
      } catch (err) {
        if (!isFormRefusal(err)) throw err;
        return showProfile(req, res, ctx, old, err, form);
      }
      return res.redirect(303, '/settings?msg=profileSaved');
    }),
  );
}

/** Making a profile the default, deleting one. */
function registerProfileChoices(
  app: Express,
  kit: SettingsKit,
  { live, saveProfiles, findProfile }: ProfileKit,
) {
  app.post(
    '/settings/profiles/:name/default',
    kit.post('profiles', async (_form, ctx, req) => {
      const p = findProfile(String(req.params.name));
      const before = live.current().profiles.find((x) => x.isDefault)?.name ?? null;
      await saveProfiles(ctx, { default: change(before, p.name) }, (list) =>
        list.map((x) => ({ ...x, isDefault: x.name === p.name })),
      );
      return 'profileDefault';
    }),
  );

  app.post(
    '/settings/profiles/:name/delete',
    kit.post('profiles', async (_form, ctx, req) => {
      const p = findProfile(String(req.params.name));
      // Tickets keep a copy of their limits: deleting a profile never changes a printed ticket.
      if (p.isDefault) refuse('profiles', 'settings.err.profileDeleteDefault', { label: p.label });
      await saveProfiles(ctx, { deleted: p.name }, (list) => list.filter((x) => x.name !== p.name));
      return 'profileDeleted';
    }),
  );
}
