// The resident charter: versioned texts per language; a device must accept the current
// version before it gets access, and again whenever a new version is published.

// The languages come from the one registry (a pure leaf module: no I/O, no imports).
export { LANGUAGES, isLanguage, isRtl, type Language } from './languages';
import type { Language } from './languages';

export interface CharterSection {
  title: string;
  paragraphs: string[];
  items: string[];
}

export interface CharterText {
  version: string;
  lang: Language;
  title: string;
  summary: string[];
  sections: CharterSection[];
}

/**
 * How the charter was accepted: on our portal's page, or by using a printed ticket that says
 * "using this ticket means accepting the charter" (an access point that shows its own page).
 */
export const ACCEPTANCE_WAYS = ['portal', 'ticket'] as const;
export type AcceptanceWay = (typeof ACCEPTANCE_WAYS)[number];

export interface CharterAcceptance {
  id: string;
  /** The space where the charter was accepted: each space asks for its own charter. */
  spaceId: string;
  charterVersion: string;
  lang: Language;
  acceptedAt: number;
  /** Device key (see deviceKey). */
  device: string;
  ticketId: string | null;
  via: AcceptanceWay;
}

/** Whether this device still has to accept the charter at `currentVersion`. */
export function needsAcceptance(latest: CharterAcceptance | null, currentVersion: string): boolean {
  return latest === null || latest.charterVersion !== currentVersion;
}

/**
 * The acceptance a printed ticket carries, at its first use by a device: the version printed on
 * the ticket (its batch's), never the one in force at login. A ticket printed without the
 * charter line (before it existed) carries none.
 */
export function ticketAcceptance(a: {
  id: string;
  spaceId: string;
  printedVersion: string | null;
  lang: Language;
  at: number;
  device: string;
  ticketId: string;
}): CharterAcceptance | null {
  if (a.printedVersion === null) return null;
  return {
    id: a.id,
    spaceId: a.spaceId,
    charterVersion: a.printedVersion,
    lang: a.lang,
    acceptedAt: a.at,
    device: a.device,
    ticketId: a.ticketId,
    via: 'ticket',
  };
}
