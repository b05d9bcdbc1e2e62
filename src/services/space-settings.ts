// The space's settings as the running service uses them: the configuration file's values with
// what managers changed in the console (stored) laid over them, applied at start and after
// every save, so the portal, RADIUS and the console follow a change at once.

import type { CharterText, Language } from '../domain/charter';
import type { FilterChoices, HoursText, SpaceLink, SpaceSettings, WifiSettings } from '../domain/console';
import type { Profile } from '../domain/profile';
import type { ServiceDeps } from './deps';

export interface SpaceLogo {
  type: string;
  body: Buffer;
}

/** Every setting a manager may change, with its value in force. */
export interface SpaceValues {
  name: string;
  colors: { primary: string; accent: string };
  logo: SpaceLogo | null;
  wifi: WifiSettings | null;
  profiles: readonly Profile[];
  charter: {
    version: string;
    /** Null for the configuration file's text (never published from the console). */
    publishedAt: number | null;
    texts: Record<Language, CharterText>;
  };
  /** Blocked categories and own lists (the DNS process reads them from files, not from here). */
  filter: FilterChoices;
  /** Opening hours and closures (issue #15, item 1), as text; checked before they are saved. */
  hours: HoursText;
  /** Useful links on the status page (issue #15, item 8); none unless a manager adds some. */
  links: readonly SpaceLink[];
}

/** The configuration's values with the stored changes over them (a field left out = as configured). */
export function mergeSettings(defaults: SpaceValues, stored: SpaceSettings | null): SpaceValues {
  if (!stored) return defaults;
  const texts = { ...defaults.charter.texts };
  if (stored.charter) {
    for (const lang of Object.keys(texts) as Language[]) {
      // A language the console did not write keeps the file's text, under the new version.
      texts[lang] = { ...(stored.charter.texts[lang] ?? texts[lang]), version: stored.charter.version };
    }
  }
  return {
    name: stored.space?.name ?? defaults.name,
    colors: stored.space ? { ...stored.space.colors } : defaults.colors,
    logo:
      stored.logo === undefined
        ? defaults.logo
        : stored.logo === null
          ? null
          : { type: stored.logo.type, body: Buffer.from(stored.logo.base64, 'base64') },
    wifi: stored.wifi === undefined ? defaults.wifi : stored.wifi,
    profiles: stored.profiles ?? defaults.profiles,
    charter: stored.charter
      ? { version: stored.charter.version, publishedAt: stored.charter.publishedAt, texts }
      : defaults.charter,
    filter: stored.filter ?? defaults.filter,
    hours: stored.hours ?? defaults.hours,
    links: stored.links ?? defaults.links,
  };
}

/** A stored change: the settings as they are (or null, never changed) to the settings to keep. */
export type SettingsEdit = (
  current: SpaceSettings,
) => Omit<SpaceSettings, 'updatedAt' | 'updatedBy' | 'version'>;

/** A listener told of the settings in force after a load, a save or a refresh. */
export type SettingsListener = (values: Readonly<SpaceValues>) => void;

/**
 * The one source of the space's settings in force. `current()` is a frozen snapshot: a change
 * makes a new one and tells the `onChange` listeners, so nobody's copy changes under them and
 * nobody changes the settings but this class (load, save, refresh).
 */
export class LiveSpaceSettings {
  private values: Readonly<SpaceValues>;
  private saved: SpaceSettings | null = null;
  private readonly listeners = new Set<SettingsListener>();

  constructor(
    private readonly deps: Pick<ServiceDeps, 'store' | 'clock'>,
    readonly defaults: SpaceValues,
    listener?: SettingsListener,
  ) {
    this.values = deepFreeze(mergeSettings(defaults, null));
    if (listener) this.onChange(listener);
  }

  /** The values in force now, frozen: a later change never alters what was read before. */
  current(): Readonly<SpaceValues> {
    return this.values;
  }

  /** Calls `listener` after every change of the values in force; returns the unsubscribe. */
  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What managers changed (null when nothing was ever saved). */
  get stored(): SpaceSettings | null {
    return this.saved;
  }

  /** Reads the stored changes and applies them; called once the store is started. */
  async load(): Promise<Readonly<SpaceValues>> {
    return this.use(await this.deps.store.getSettings());
  }

  /**
   * Applies settings saved elsewhere (the console of another box on the same Redis store);
   * resolves to whether anything changed. One small read: cheap enough to run every minute.
   */
  async refresh(): Promise<boolean> {
    const stored = await this.deps.store.getSettings();
    if ((stored?.version ?? 0) === (this.saved?.version ?? 0)) return false;
    this.use(stored);
    return true;
  }

  /**
   * Writes a change atomically (the edit sees the latest stored settings and may throw to
   * refuse it: nothing is written then), and applies the result at once.
   */
  async save(actor: string, edit: SettingsEdit): Promise<Readonly<SpaceValues>> {
    const next = await this.deps.store.updateSettings((current) => ({
      ...edit(current ?? { updatedAt: 0, updatedBy: '', version: 0 }),
      updatedAt: this.deps.clock.now(),
      updatedBy: actor,
      version: current?.version ?? 0,
    }));
    return this.use(next);
  }

  private use(stored: SpaceSettings | null): Readonly<SpaceValues> {
    this.saved = stored;
    this.values = deepFreeze(mergeSettings(this.defaults, stored));
    for (const listener of this.listeners) listener(this.values);
    return this.values;
  }
}

/** Freezes a plain value and everything in it (a Buffer's bytes cannot be frozen: left as is). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || Object.isFrozen(value)) {
    return value;
  }
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

/** For `ecn filter update`: the blocked categories managers chose, or null (as configured). */
export async function storedFilterCategories(store: ServiceDeps['store']): Promise<string[] | null> {
  return (await store.getSettings())?.filter?.categories ?? null;
}

/**
 * For the `ecn` command: the profiles in force when it starts (those managers saved in the
 * console over the configured ones), frozen; a command is too short-lived to follow changes.
 */
export async function profilesInForce(
  store: ServiceDeps['store'],
  configured: readonly Profile[],
): Promise<readonly Profile[]> {
  return deepFreeze((await store.getSettings())?.profiles ?? configured);
}
