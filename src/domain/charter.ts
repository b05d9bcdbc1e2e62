// The resident charter: versioned texts per language; a device must accept the current
// version before it gets access, and again whenever a new version is published.

export const LANGUAGES = ['fr', 'fr-falc', 'en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(s: string): s is Language {
  return (LANGUAGES as readonly string[]).includes(s);
}

/** Right-to-left scripts among the offered languages. */
export function isRtl(lang: Language): boolean {
  return lang === 'ar';
}

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
}

/** Whether this device still has to accept the charter at `currentVersion`. */
export function needsAcceptance(latest: CharterAcceptance | null, currentVersion: string): boolean {
  return latest === null || latest.charterVersion !== currentVersion;
}
