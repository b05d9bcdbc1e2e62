// Wires the one settings source to the objects the apps read: the portal's space (name,
// colours, logo, links), the charter texts and version, the opening hours, and the ticket
// profiles every use case shares.

import type { FrozenConfig } from '../../config/load';
import type { PortalSettings, PortalTexts } from '../../portal/settings';
import type { AccessDeps } from '../../services/client-access';
import { LiveSpaceSettings, replaceProfiles, type SpaceValues } from '../../services/space-settings';
import type { HoursText } from '../../domain/console';
import { parseOpeningHours, type OpeningHours } from '../../domain/opening-hours';

/**
 * The configuration's values are read from the objects as built at start (so they are the
 * defaults); then those fields become read-through views of `current()`, set once here, so the
 * apps keep reading them per request, see every change, and nothing writes into them.
 */
export function liveSpaceSettings(
  config: FrozenConfig,
  access: AccessDeps,
  portal: PortalSettings,
  texts: PortalTexts,
  /** Told after the values in force changed (the walled garden re-reads its links). */
  onApplied?: () => void,
): LiveSpaceSettings {
  const defaults: SpaceValues = {
    name: portal.space.name,
    colors: { ...portal.space.colors },
    logo: portal.space.logo ? { ...portal.space.logo } : null,
    // The file only names the network; its password is set in the console.
    wifi: config.space.wifiName ? { ssid: config.space.wifiName, security: 'WPA', password: null } : null,
    profiles: access.profiles.map((p) => ({ ...p })),
    charter: { version: access.policy.charterVersion, publishedAt: null, texts: { ...texts.charters } },
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
  const live = new LiveSpaceSettings(access, defaults);
  const now = () => live.current();
  readThrough(portal.space, { name: () => now().name, colors: () => now().colors, logo: () => now().logo });
  readThrough(portal, { links: () => now().links });
  readThrough(texts, { charters: () => now().charter.texts });
  readThrough(access.policy, { charterVersion: () => now().charter.version });
  const hours = hoursOf(now, config.space.timezone);
  access.policy.openingHours = hours;
  // The profiles array is shared by every copy of the use cases' deps (spread at composition):
  // its contents follow the source on each change. TODO(#14): a read-through list instead.
  live.onChange((v) => replaceProfiles(access.profiles, v.profiles));
  if (onApplied) live.onChange(() => onApplied());
  return live;
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
