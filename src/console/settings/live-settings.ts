// The one settings source of the running service, and what reads it: the portal's space (name,
// colours, logo, links), the charter texts and version, the opening hours. The ticket profiles
// are read by the use cases through `deps.profiles()`, which the composition root points here.

import type { FrozenConfig } from '../../config/load';
import type { PortalSettings, PortalTexts } from '../../portal/settings';
import type { AccessPolicy } from '../../services/client-access';
import type { ServiceDeps } from '../../services/deps';
import { LiveSpaceSettings, type SpaceValues } from '../../services/space-settings';
import type { HoursText } from '../../domain/console';
import type { Profile } from '../../domain/profile';
import { parseOpeningHours, type OpeningHours } from '../../domain/opening-hours';

/**
 * The settings source, its defaults the configuration's values as the portal's objects hold
 * them at start (before `followSettings` makes those fields read the source).
 */
export function liveSpaceSettings(
  config: FrozenConfig,
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  portal: PortalSettings,
  texts: PortalTexts,
  profiles: readonly Profile[],
): LiveSpaceSettings {
  const defaults: SpaceValues = {
    name: portal.space.name,
    colors: { ...portal.space.colors },
    logo: portal.space.logo ? { ...portal.space.logo } : null,
    // The file only names the network; its password is set in the console.
    wifi: config.space.wifiName ? { ssid: config.space.wifiName, security: 'WPA', password: null } : null,
    profiles: profiles.map((p) => ({ ...p })),
    charter: { version: config.charter.version, publishedAt: null, texts: { ...texts.charters } },
    filter: {
      categories: [...config.filter.categories],
      allow: [...config.filter.allow],
      block: [...config.filter.block],
    },
    hours: {
      openingHours: Object.fromEntries(
        Object.entries(config.space.openingHours).map(([d, r]) => [d, [...r]]),
      ) as HoursText['openingHours'],
      closures: [...config.space.closures],
    },
    links: [],
  };
  return new LiveSpaceSettings(deps, defaults);
}

/**
 * Makes the portal's and the access policy's settings fields read `current()` at each use
 * (getters set once here, at composition, before any app serves): the apps keep reading them
 * per request, see every change at once, and nothing ever writes into them.
 */
export function followSettings(
  live: LiveSpaceSettings,
  timeZone: string,
  parts: { policy: AccessPolicy; portal: PortalSettings; texts: PortalTexts },
): void {
  const now = () => live.current();
  const { policy, portal, texts } = parts;
  readThrough(portal.space, { name: () => now().name, colors: () => now().colors, logo: () => now().logo });
  readThrough(portal, { links: () => now().links });
  readThrough(texts, { charters: () => now().charter.texts });
  readThrough(policy, { charterVersion: () => now().charter.version });
  // Already a function the policy calls at each use: given the source's hours, parsed once per change.
  policy.openingHours = hoursOf(now, timeZone);
}

/** Makes each named field of `target` read its value from the settings source. */
function readThrough<T extends object>(target: T, fields: { [K in keyof T]?: () => T[K] }): void {
  for (const [key, read] of Object.entries(fields) as [string, () => unknown][]) {
    Object.defineProperty(target, key, { get: read, enumerable: true, configurable: true });
  }
}

/** The hours in force as the access policy reads them (none at all is always open), parsed once per change. */
function hoursOf(current: () => Readonly<SpaceValues>, timeZone: string): () => OpeningHours | null {
  let text: HoursText | null = null;
  let hours: OpeningHours | null = null;
  return () => {
    const now = current().hours;
    if (now !== text) {
      const parsed = parseOpeningHours(now, timeZone);
      hours = parsed.week === null && parsed.closures.length === 0 ? null : parsed;
      text = now;
    }
    return hours;
  };
}
