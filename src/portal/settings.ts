// What the portal needs from the configuration and the text files, read once at start-up so
// a missing charter or legal text stops the service instead of failing a resident's request.

import { portalSecureUrl } from '../config/portal-url';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FrozenConfig } from '../config/load';
import { readCharter } from '../config/charter-texts';
import { readLegalTexts, type LegalTexts } from '../config/legal-texts';
import { LANGUAGES, type CharterText, type Language } from '../domain/charter';
import type { SpaceLink } from '../domain/console';
import { EcnError } from '../domain/errors';
import { PACKAGE_ROOT } from '../package-info';
import type { AccessDeps } from '../services/client-access';
import type { HelpPolicy } from '../services/help-requests';
import type { ExtensionPolicy } from '../domain/extension';
import { dayIn } from './i18n';
import { parseOpeningHours, type OpeningHours } from '../domain/opening-hours';

export interface PortalSettings {
  /** Where residents reach the portal, without a trailing slash, e.g. `http://10.42.0.1`. */
  publicUrl: string;
  /**
   * The https URL of the portal (`portal.tls`, issue #16 item 6), announced by the RFC 8908
   * API; absent when the portal is http only.
   */
  secureUrl?: string | null;
  /** Host names that are the portal itself (any other Host is a captive client's request). */
  hostnames: readonly string[];
  trustProxy: string;
  secureCookies: boolean;
  timeZone: string;
  defaultLanguage: Language;
  freeAccess: { enabled: boolean; dailyAllowanceSeconds: number };
  space: {
    name: string;
    contactEmail: string;
    colors: { primary: string; accent: string };
    logo: { type: string; body: Buffer } | null;
  };
  /** Set when another router enforces access and the portal hands the browser back to it. */
  handOff?: HandOffSettings | null;
  /** The space's identifier (`space.id`): calls for help are kept for this space. */
  spaceId?: string;
  /** More time for a ticket (issue #15, item 3): what the RFC 8908 API and /extend say. */
  extensions?: ExtensionPolicy;
  /** Useful links the space chose for the status page (issue #15, item 8); set by the console. */
  links?: readonly SpaceLink[];
  /**
   * The links captive clients can reach now (walled garden, issue #15, item 8): marked by a
   * manager, resolved and applied by the gateway. Absent (no nftables gateway): none.
   */
  linksBeforeLogin?: () => readonly SpaceLink[];
  /** Calls for help (issue #15, item 5); absent or null, the pages show no help button. */
  help?: HelpPolicy | null;
}

/** openNDS FAS or CoovaChilli UAM, with the shared secret (never shown to residents). */
export type HandOffSettings =
  | { kind: 'opennds'; faskey: string; fasLevel: 1 | 2 }
  | { kind: 'chilli'; uamSecret: string; uamServer: string };

export interface PortalTexts {
  charters: Record<Language, CharterText>;
  legal: Record<Language, LegalTexts>;
}

const LOGO_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};

export function portalSettings(config: FrozenConfig, publicUrl: string): PortalSettings {
  const url = publicUrl.replace(/\/+$/, '');
  const own = hostOf(url);
  return {
    publicUrl: url,
    secureUrl: portalSecureUrl(config),
    hostnames: [...new Set([...config.portal.hostnames.map((h) => h.toLowerCase()), ...(own ? [own] : [])])],
    trustProxy: config.portal.trustProxy,
    secureCookies: config.portal.secureCookies || url.startsWith('https:'),
    timeZone: config.space.timezone,
    defaultLanguage: config.charter.defaultLanguage,
    freeAccess: {
      enabled: config.portal.freeAccess.enabled,
      dailyAllowanceSeconds: config.portal.freeAccess.dailyAllowance,
    },
    space: {
      name: config.space.name,
      contactEmail: config.space.contactEmail,
      colors: { ...config.space.colors },
      logo: config.space.logo ? readLogo(config.space.logo) : null,
    },
    handOff: handOffSettings(config, url),
    spaceId: config.space.id,
    extensions: { maxPerDaySeconds: config.console.extensions.maxPerDay },
    help: config.portal.help.enabled
      ? {
          maxAsks: config.portal.help.maxAsks,
          windowSeconds: config.portal.help.window,
          forgetAfterSeconds: config.portal.help.forgetAfter,
        }
      : null,
  };
}

function handOffSettings(config: FrozenConfig, publicUrl: string): HandOffSettings | null {
  const g = config.gateway;
  if (g.kind === 'opennds') {
    return { kind: 'opennds', faskey: g.opennds.faskey, fasLevel: g.opennds.fasLevel === 1 ? 1 : 2 };
  }
  if (g.kind === 'chilli') {
    return {
      kind: 'chilli',
      uamSecret: g.chilli.uamSecret,
      uamServer: g.chilli.uamServer || `${publicUrl}/chilli/`,
    };
  }
  return null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function readLogo(file: string): { type: string; body: Buffer } {
  const type = LOGO_TYPES[path.extname(file).toLowerCase()];
  if (!type) {
    throw new EcnError('ECN_ERR_CONFIG_INVALID', `space.logo must be a .png, .jpg or .svg file: ${file}`);
  }
  try {
    const body = readFileSync(path.resolve(file));
    if (body.length > 100_000) throw new Error('larger than 100 kB (pages must stay light)');
    return { type, body };
  } catch (err) {
    throw new EcnError('ECN_ERR_CONFIG_INVALID', `Cannot use space.logo ${file}: ${(err as Error).message}`);
  }
}

export function loadPortalTexts(config: FrozenConfig): PortalTexts {
  const legalDir = path.join(PACKAGE_ROOT, 'config', 'legal');
  const space = {
    name: config.space.name,
    structure: config.space.structure,
    address: config.space.address,
    contactEmail: config.space.contactEmail,
    dpoContact: config.space.dpoContact,
  };
  // The privacy page states the durations the purges apply (issue 13).
  const retention = {
    journalDays: config.journal.retentionDays,
    sessionsDays: config.retention.sessionsDays,
    acceptancesDays: config.retention.acceptancesDays,
    ticketsDays: config.retention.ticketsDays,
  };
  const charters = {} as Record<Language, CharterText>;
  const legal = {} as Record<Language, LegalTexts>;
  for (const lang of LANGUAGES) {
    charters[lang] = readCharter(config.charter.dir, config.charter.version, lang);
    legal[lang] = readLegalTexts(legalDir, lang, space, retention);
  }
  return { charters, legal };
}

/** The access rules the login use case applies, from the configuration. */
export function accessPolicy(config: FrozenConfig): AccessDeps['policy'] {
  return {
    charterVersion: config.charter.version,
    throttle: {
      maxTries: config.portal.maxTries,
      waitSeconds: config.portal.retryWait,
      maxWaitSeconds: config.portal.maxRetryWait,
    },
    freeAccess: {
      enabled: config.portal.freeAccess.enabled,
      dailyAllowanceSeconds: config.portal.freeAccess.dailyAllowance,
    },
    dayOf: (ms) => dayIn(config.space.timezone, ms),
    openingHours: configuredHours(config),
    trustedDevices: {
      spaceId: config.space.id,
      outsideHours: config.portal.trustedDevices.outsideHours,
      grantSeconds: config.portal.trustedDevices.grant,
    },
  };
}

/** The file's hours, already checked by the schema; the console's settings replace them live. */
function configuredHours(config: FrozenConfig): () => OpeningHours | null {
  const parsed = parseOpeningHours(config.space, config.space.timezone);
  const hours = parsed.week === null && parsed.closures.length === 0 ? null : parsed;
  return () => hours;
}
