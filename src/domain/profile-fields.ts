// The limits a ticket profile sets, each described once. The configuration schema, the stored
// records, the settings form (fields, checks, messages) and the copier are derived from this list,
// so a new limit is its rule where the domain uses it plus one entry here (docs/architecture.md).

/** How a limit is written by people and kept by the gateway. */
export type ProfileFieldKind =
  /** Seconds, written "45m", "2h", "1d". */
  | 'duration'
  /** Bytes, written "500MB", "2GiB". */
  | 'bytes'
  /** Bits per second, written "512kbit", "2Mbit". */
  | 'rate'
  /** A whole number. */
  | 'count'
  /** An instant (epoch ms), written as an ISO-8601 date. */
  | 'instant'
  /** Yes or no: a box ticked in the form, `true`/`false` in the configuration file. */
  | 'flag';

export interface ProfileFieldDescriptor {
  /** The one name of the limit: domain, stored records, form field, audit details. */
  readonly key: string;
  /** Its key in the configuration file, kept as operators already write it. */
  readonly configKey: string;
  readonly kind: ProfileFieldKind;
  /** Whether it may be left out: null then means "no limit" (an empty box in the form). */
  readonly optional: boolean;
  /** Smallest value the configuration file and a stored record accept. */
  readonly min: number;
  /** Largest value the configuration and the form accept (stored records are not capped). */
  readonly max?: number;
  /** The configuration's value when the key is left out (required limits only). */
  readonly configDefault?: number;
  /** What the "add a profile" form starts with. */
  readonly formDefault: string;
  /** The configuration reference's text (`.describe()`). */
  readonly description: string;
  /** HTML attributes of the form's input. */
  readonly inputAttrs: string;
  /** Console catalog keys: the field's label, its hint, and the sentence of a refusal. */
  readonly messages: { readonly label: string; readonly hint: string; readonly error: string };
}

const TEXT = 'spellcheck="false"';

/** In the order the settings form shows them. */
export const PROFILE_FIELDS = [
  {
    key: 'durationSeconds',
    configKey: 'duration',
    kind: 'duration',
    optional: false,
    min: 1,
    formDefault: '1h',
    description: 'Access time counted from the first use.',
    inputAttrs: `required ${TEXT}`,
    messages: {
      label: 'settings.profile.duration',
      hint: 'settings.profile.durationHint',
      error: 'settings.err.profileDuration',
    },
  },
  {
    key: 'maxDevices',
    configKey: 'devices',
    kind: 'count',
    optional: false,
    min: 1,
    max: 20,
    configDefault: 1,
    formDefault: '1',
    description: 'How many devices one ticket may be used on.',
    inputAttrs: 'inputmode="numeric" required',
    messages: {
      label: 'settings.profile.devices',
      hint: 'settings.profile.devicesHint',
      error: 'settings.err.profileDevices',
    },
  },
  {
    key: 'quotaBytes',
    configKey: 'quota',
    kind: 'bytes',
    optional: true,
    min: 0,
    formDefault: '',
    description: 'Optional data quota (download + upload) per ticket.',
    inputAttrs: TEXT,
    messages: {
      label: 'settings.profile.quota',
      hint: 'settings.profile.quotaHint',
      error: 'settings.err.profileQuota',
    },
  },
  {
    key: 'bandwidthUpBps',
    configKey: 'bandwidthUp',
    kind: 'rate',
    optional: true,
    min: 0,
    formDefault: '',
    description: 'Optional upload limit per device.',
    inputAttrs: TEXT,
    messages: {
      label: 'settings.profile.up',
      hint: 'settings.profile.rateHint',
      error: 'settings.err.profileRate',
    },
  },
  {
    key: 'bandwidthDownBps',
    configKey: 'bandwidthDown',
    kind: 'rate',
    optional: true,
    min: 0,
    formDefault: '',
    description: 'Optional download limit per device.',
    inputAttrs: TEXT,
    messages: {
      label: 'settings.profile.down',
      hint: 'settings.profile.rateHint',
      error: 'settings.err.profileRate',
    },
  },
  {
    key: 'validFrom',
    configKey: 'validFrom',
    kind: 'instant',
    optional: true,
    min: 0,
    formDefault: '',
    description: 'Optional start of a fixed validity window.',
    inputAttrs: TEXT,
    messages: {
      label: 'settings.profile.from',
      hint: 'settings.profile.dateHint',
      error: 'settings.err.profileDate',
    },
  },
  {
    key: 'validUntil',
    configKey: 'validUntil',
    kind: 'instant',
    optional: true,
    min: 0,
    formDefault: '',
    description: 'Optional end of a fixed validity window; caps the duration.',
    inputAttrs: TEXT,
    messages: {
      label: 'settings.profile.until',
      hint: 'settings.profile.dateHint',
      error: 'settings.err.profileWindow',
    },
  },
  {
    key: 'idleTimeoutSeconds',
    configKey: 'idleTimeout',
    kind: 'duration',
    optional: true,
    min: 0,
    formDefault: '',
    description: 'End a session after this long without traffic.',
    inputAttrs: TEXT,
    messages: {
      label: 'settings.profile.idle',
      hint: 'settings.profile.idleHint',
      error: 'settings.err.profileIdle',
    },
  },
  {
    key: 'clockRunsWhileOpenOnly',
    configKey: 'clockRunsWhileOpenOnly',
    kind: 'flag',
    optional: false,
    min: 0,
    formDefault: '',
    description:
      "The ticket's time runs only while the space is open: what is left at closing time waits " +
      'for the next opening (no effect without opening hours).',
    inputAttrs: '',
    messages: {
      label: 'settings.profile.clockWhileOpen',
      hint: 'settings.profile.clockWhileOpenHint',
      error: 'settings.err.profileClockWhileOpen',
    },
  },
] as const satisfies readonly ProfileFieldDescriptor[];

export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type ProfileFieldKey = ProfileField['key'];

/** A limit's value: null stands for "no limit" on the optional ones; a flag is yes or no. */
export type ProfileFieldValue<F extends ProfileFieldDescriptor> = F['kind'] extends 'flag'
  ? boolean
  : F['optional'] extends true
    ? number | null
    : number;

type AmountField = Exclude<ProfileField, { kind: 'flag' }>;
type FlagField = Extract<ProfileField, { kind: 'flag' }>;

/**
 * What a ticket profile grants, one property per descriptor (seconds, bytes, bits/s, epoch ms;
 * a yes/no option, absent on records written before it existed, reads as no).
 */
export type ProfileLimits = { [F in AmountField as F['key']]: ProfileFieldValue<F> } & {
  [F in FlagField as F['key']]?: boolean;
};

/** The same limits under the configuration file's keys. */
export type ProfileLimitsConfig = { [F in AmountField as F['configKey']]: ProfileFieldValue<F> } & {
  [F in FlagField as F['configKey']]?: boolean;
};

/** The descriptor of a limit by its one name. */
export function profileField(key: ProfileFieldKey): ProfileField {
  return PROFILE_FIELDS.find((f) => f.key === key)!;
}

/** A profile's own copy of its limits (a ticket keeps one, so later edits never reach it). */
export function copyLimits(from: ProfileLimits): ProfileLimits {
  // A yes/no option left out (a profile written before it) is copied as a plain no.
  return Object.fromEntries(
    PROFILE_FIELDS.map((f) => [f.key, f.kind === 'flag' ? from[f.key] === true : from[f.key]]),
  ) as ProfileLimits;
}

/** The limits from the configuration file's keys. */
export function limitsFromConfig(from: ProfileLimitsConfig): ProfileLimits {
  return Object.fromEntries(
    PROFILE_FIELDS.map((f) => [f.key, f.kind === 'flag' ? from[f.configKey] === true : from[f.configKey]]),
  ) as ProfileLimits;
}

/**
 * Rules across limits, each reported on the field a person would correct. Single values are
 * bounded by their descriptor; what needs two of them lives here.
 */
export function crossLimitProblem(l: Pick<ProfileLimits, 'validFrom' | 'validUntil'>): {
  key: ProfileFieldKey;
  message: string;
} | null {
  if (l.validFrom !== null && l.validUntil !== null && l.validFrom >= l.validUntil) {
    return { key: 'validUntil', message: 'validFrom must be before validUntil' };
  }
  return null;
}
