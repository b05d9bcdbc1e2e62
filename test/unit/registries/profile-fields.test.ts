// The profile fields registry (issue #14, item 1): every limit is described once, and the
// configuration schema, the stored records, the settings form and the copier follow from it.

import { profileSchema } from '../../../src/config/schema';
import { isConsoleKey } from '../../../src/console/i18n';
import {
  PROFILE_INPUTS,
  emptyProfileForm,
  parseProfile,
  profileFormValues,
} from '../../../src/console/settings/profile-form';
import { EcnError } from '../../../src/domain/errors';
import type { Profile } from '../../../src/domain/profile';
import { profileLimits } from '../../../src/domain/profile';
import { PROFILE_FIELDS } from '../../../src/domain/profile-fields';
import { profileFromConfig } from '../../../src/services/profiles';
import { readRecord, settingsRecord, ticketRecord } from '../../../src/store/records';

const WORKSHOP: Profile = {
  name: 'atelier',
  label: 'Atelier',
  isDefault: false,
  durationSeconds: 5400,
  maxDevices: 3,
  quotaBytes: 2e9,
  bandwidthUpBps: 512_000,
  bandwidthDownBps: 4_000_000,
  validFrom: Date.UTC(2026, 11, 1),
  validUntil: Date.UTC(2026, 11, 24, 17, 30),
  idleTimeoutSeconds: 900,
  clockRunsWhileOpenOnly: true,
};

// A ticket exactly as the gateway wrote it before the registry (keys in that code's order).
const OLD_TICKET_JSON = JSON.stringify({
  id: 'tk-1',
  code: 'K7QMX4TR9WPA',
  batchId: 'b-1',
  profileName: '1d',
  limits: {
    durationSeconds: 86400,
    validFrom: null,
    validUntil: null,
    quotaBytes: null,
    bandwidthUpBps: null,
    bandwidthDownBps: null,
    maxDevices: 2,
    idleTimeoutSeconds: null,
  },
  createdAt: 1764547200000,
  firstUsedAt: null,
  expiresAt: null,
  devices: [],
  bytesUsed: 0,
  revokedAt: null,
  revokedBy: null,
  version: 0,
});

const OLD_SETTINGS_JSON = JSON.stringify({
  profiles: [
    {
      name: '1h',
      label: '1 heure',
      isDefault: true,
      durationSeconds: 3600,
      validFrom: null,
      validUntil: null,
      quotaBytes: 500000000,
      bandwidthUpBps: null,
      bandwidthDownBps: 2000000,
      maxDevices: 1,
      idleTimeoutSeconds: 600,
    },
  ],
  updatedAt: 1764547200000,
  updatedBy: 'claire',
  version: 3,
});

function refusal(fn: () => unknown): { code: string; details: Record<string, unknown> } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EcnError);
    return { code: (err as EcnError).code, details: (err as EcnError).details };
  }
  throw new Error('expected a refusal');
}

describe('every profile field descriptor', () => {
  it.each(PROFILE_FIELDS.map((f) => [f.key, f] as const))(
    '%s is in the config schema, the record schema, the form and the copier',
    (key, f) => {
      // The configuration file: under its config key, with its description.
      const shape = profileSchema.shape as Record<string, { description?: string }>;
      expect(shape[f.configKey]?.description).toBe(f.description);
      // The stored records: a ticket without a required limit is refused; without an optional
      // one (written before it existed) it has none.
      const ticket = JSON.parse(OLD_TICKET_JSON) as { limits: Record<string, unknown> };
      delete ticket.limits[key];
      const read = () => readRecord(ticketRecord, JSON.stringify(ticket), 'ticket');
      // A yes/no option written before it existed reads as no.
      if (f.kind === 'flag') expect(read().limits).toHaveProperty(key, false);
      else if (f.optional) expect(read().limits).toHaveProperty(key, null);
      else expect(refusal(read).code).toBe('ECN_ERR_STORE_CORRUPT');
      // The settings form: one input named by the limit's one name, with catalogued texts.
      const input = PROFILE_INPUTS.find((i) => i.name === key);
      expect(input).toMatchObject({ id: `profile-${key}`, name: key });
      for (const k of Object.values(f.messages)) expect(isConsoleKey(k)).toBe(true);
      expect(emptyProfileForm()).toHaveProperty(key);
      expect(profileFormValues(WORKSHOP)).toHaveProperty(key);
      // The copier a ticket keeps.
      expect(profileLimits(WORKSHOP)).toHaveProperty(key, WORKSHOP[key]);
    },
  );

  it('names no limit twice, in the domain or in the file', () => {
    expect(new Set(PROFILE_FIELDS.map((f) => f.key)).size).toBe(PROFILE_FIELDS.length);
    expect(new Set(PROFILE_FIELDS.map((f) => f.configKey)).size).toBe(PROFILE_FIELDS.length);
    expect(PROFILE_INPUTS.map((i) => i.name)).toEqual(PROFILE_FIELDS.map((f) => f.key));
  });
});

describe('derived from the descriptors', () => {
  it('copies exactly the limits, nothing of the profile around them', () => {
    expect(Object.keys(profileLimits(WORKSHOP)).sort()).toEqual(PROFILE_FIELDS.map((f) => f.key).sort());
  });

  it('reads the configuration file under its own keys, as before', () => {
    const p = profileSchema.parse({
      name: 'atelier',
      label: 'Atelier',
      duration: '1h30m',
      devices: 3,
      quota: '2GB',
      bandwidthUp: '512kbit',
      bandwidthDown: '4Mbit',
      validFrom: '2026-12-01',
      validUntil: '2026-12-24T17:30:00Z',
      idleTimeout: '15m',
      clockRunsWhileOpenOnly: true,
    });
    expect(profileFromConfig(p)).toEqual(WORKSHOP);
    const bare = profileFromConfig(profileSchema.parse({ name: 'x', label: 'X', duration: 60 }));
    expect(bare).toMatchObject({
      maxDevices: 1,
      quotaBytes: null,
      idleTimeoutSeconds: null,
      clockRunsWhileOpenOnly: false,
    });
    expect(profileSchema.safeParse({ name: 'x', label: 'X', duration: 0 }).error?.issues[0]).toMatchObject({
      path: ['duration'],
      message: 'duration must be more than zero',
    });
    expect(
      profileSchema.safeParse({
        name: 'x',
        label: 'X',
        duration: 60,
        validFrom: '2026-12-02',
        validUntil: '2026-12-01',
      }).error?.issues[0]?.path,
    ).toEqual(['validUntil']);
  });

  it('shows a profile in its form and reads the form back to the same profile', () => {
    expect(parseProfile(profileFormValues(WORKSHOP), false)).toEqual(WORKSHOP);
  });

  it('refuses a limit on its own input with its own sentence, typed as zero or unreadable', () => {
    const form = profileFormValues(WORKSHOP);
    for (const f of PROFILE_FIELDS) {
      const bad = f.kind === 'instant' ? 'demain' : f.optional ? '0' : 'beaucoup';
      const r = refusal(() => parseProfile({ ...form, [f.key]: bad }, false));
      expect([f.key, r.code, r.details.field, r.details.key]).toEqual([
        f.key,
        'ECN_ERR_SETTINGS_INVALID',
        `profile-${f.key}`,
        f.messages.error,
      ]);
    }
  });
});

describe('stored records of profile limits', () => {
  it('still load as the gateway wrote them before the registry', () => {
    expect(readRecord(ticketRecord, OLD_TICKET_JSON, 'ticket').limits).toMatchObject({
      durationSeconds: 86400,
      maxDevices: 2,
    });
    expect(readRecord(settingsRecord, OLD_SETTINGS_JSON, 'settings').profiles?.[0]).toMatchObject({
      name: '1h',
      quotaBytes: 500000000,
      idleTimeoutSeconds: 600,
    });
  });

  it('refuse a limit they do not know instead of dropping it silently', () => {
    const ticket = JSON.parse(OLD_TICKET_JSON) as { limits: Record<string, unknown> };
    ticket.limits.dailyMinutes = 30;
    const t = refusal(() => readRecord(ticketRecord, JSON.stringify(ticket), 'ticket'));
    expect(t.code).toBe('ECN_ERR_STORE_CORRUPT');
    expect(t.details.issues).toEqual([expect.stringContaining('dailyMinutes')]);

    const settings = JSON.parse(OLD_SETTINGS_JSON) as { profiles: Record<string, unknown>[] };
    settings.profiles[0]!.dailyMinutes = 30;
    expect(refusal(() => readRecord(settingsRecord, JSON.stringify(settings), 'settings')).code).toBe(
      'ECN_ERR_STORE_CORRUPT',
    );
  });
});
