// Forced SafeSearch: the search engines' own "safe" host names, answered as CNAMEs, and the
// names that must not resolve so browsers and phones keep using this resolver.

export interface SafeSearchSettings {
  google: boolean;
  youtube: 'off' | 'moderate' | 'strict';
  bing: boolean;
  duckduckgo: boolean;
}

// Google's country domains most used in Roubaix's communities and neighbours.
const GOOGLE_TLDS = [
  'com',
  'fr',
  'be',
  'de',
  'nl',
  'lu',
  'ch',
  'es',
  'it',
  'pt',
  'co.uk',
  'ie',
  'pl',
  'ro',
  'tr',
  'dz',
  'co.ma',
  'tn',
  'sn',
  'ci',
  'cm',
  'cd',
  'ca',
  'com.br',
  'ru',
  'com.eg',
  'ps',
  'iq',
  'com.sa',
];

/** Name → safe target, for the engines switched on. */
export function safeSearchTargets(s: SafeSearchSettings): Map<string, string> {
  const m = new Map<string, string>();
  if (s.google) {
    for (const tld of GOOGLE_TLDS) {
      m.set(`google.${tld}`, 'forcesafesearch.google.com');
      m.set(`www.google.${tld}`, 'forcesafesearch.google.com');
    }
  }
  if (s.youtube !== 'off') {
    const target = s.youtube === 'strict' ? 'restrict.youtube.com' : 'restrictmoderate.youtube.com';
    for (const n of [
      'youtube.com',
      'www.youtube.com',
      'm.youtube.com',
      'youtubei.googleapis.com',
      'youtube.googleapis.com',
      'www.youtube-nocookie.com',
    ]) {
      m.set(n, target);
    }
  }
  if (s.bing) for (const n of ['bing.com', 'www.bing.com']) m.set(n, 'strict.bing.com');
  if (s.duckduckgo) {
    for (const n of ['duckduckgo.com', 'www.duckduckgo.com', 'start.duckduckgo.com'])
      m.set(n, 'safe.duckduckgo.com');
  }
  return m;
}

/**
 * Names answered NXDOMAIN: Firefox's canary (disables its automatic DNS-over-HTTPS) and Apple
 * iCloud Private Relay (its absence makes devices fall back to this resolver).
 */
export const CANARY_NAMES: ReadonlySet<string> = new Set([
  'use-application-dns.net',
  'mask.icloud.com',
  'mask-h2.icloud.com',
  'mask-canary.icloud.com',
]);
