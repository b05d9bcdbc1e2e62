// Wires the live settings to the objects the apps read: the portal's space (name, colours,
// logo), the charter texts and version, and the ticket profiles every use case shares.

import type { FrozenConfig } from '../../config/load';
import type { PortalSettings, PortalTexts } from '../../portal/settings';
import type { AccessDeps } from '../../services/client-access';
import { LiveSpaceSettings, replaceProfiles, type SpaceValues } from '../../services/space-settings';
import type { HoursText } from '../../domain/console';
import { parseOpeningHours, type OpeningHours } from '../../domain/opening-hours';

/**
 * The configuration's values are read from the objects as built at start (so they are the
 * defaults), then every load or save writes the values in force back into the same objects:
 * the apps keep reading them per request and never hold a stale copy.
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
  return new LiveSpaceSettings(access, defaults, (v) => {
    portal.space.name = v.name;
    portal.space.colors = { ...v.colors };
    portal.space.logo = v.logo;
    Object.assign(texts.charters, v.charter.texts);
    access.policy.charterVersion = v.charter.version;
    replaceProfiles(access.profiles, v.profiles);
    access.policy.openingHours = hoursOf(v.hours, config.space.timezone);
    portal.links = v.links.map((l) => ({ ...l }));
    onApplied?.();
  });
}

/** The hours in force as the access policy reads them; none at all is always open. */
function hoursOf(text: HoursText, timeZone: string): () => OpeningHours | null {
  const parsed = parseOpeningHours(text, timeZone);
  const hours = parsed.week === null && parsed.closures.length === 0 ? null : parsed;
  return () => hours;
}
