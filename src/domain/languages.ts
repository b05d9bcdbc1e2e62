// The one registry of the languages the gateway speaks to residents. Everything else (the
// config enums, the portal's language switch, Accept-Language, right-to-left layout, Intl
// formats, the RADIUS reply language) is derived from it. Adding a language is one line here
// plus its files under locales/<code>/. Pure data: the domain may read it.

export interface LanguageEntry {
  /** Our code: the `?lang=` value, the folder under locales/, the config value. */
  readonly code: string;
  /** BCP 47 tag for the page's `lang=` attribute (FALC is French). */
  readonly tag: string;
  readonly dir: 'ltr' | 'rtl';
  /** How the language names itself in the language switch. */
  readonly nativeName: string;
  /** Locale for Intl dates, numbers and plural rules. */
  readonly intlLocale: string;
  /** Whether a browser's Accept-Language may pick it (FALC is only chosen by the switch). */
  readonly negotiable: boolean;
  /** Whether the staff's console (and its print and charts) is written in it too. */
  readonly console: boolean;
}

export const LANGUAGE_REGISTRY = [
  {
    code: 'fr',
    tag: 'fr',
    dir: 'ltr',
    nativeName: 'Français',
    intlLocale: 'fr-FR',
    negotiable: true,
    console: true,
  },
  {
    code: 'fr-falc',
    tag: 'fr',
    dir: 'ltr',
    nativeName: 'Français facile (FALC)',
    intlLocale: 'fr-FR',
    negotiable: false,
    console: false,
  },
  {
    code: 'en',
    tag: 'en',
    dir: 'ltr',
    nativeName: 'English',
    intlLocale: 'en-GB',
    negotiable: true,
    console: true,
  },
  // Arabic keeps Latin digits, as on the printed tickets.
  {
    code: 'ar',
    tag: 'ar',
    dir: 'rtl',
    nativeName: 'العربية',
    intlLocale: 'ar-u-nu-latn',
    negotiable: true,
    console: false,
  },
] as const satisfies readonly LanguageEntry[];

export type Language = (typeof LANGUAGE_REGISTRY)[number]['code'];

/** Every language code, in the registry's order (the switch's order), as a zod enum wants it. */
export const LANGUAGES = LANGUAGE_REGISTRY.map((l) => l.code) as unknown as readonly [
  Language,
  ...Language[],
];

/** The languages of the staff's console, print sheets and charts. */
export type ConsoleLanguage = Extract<(typeof LANGUAGE_REGISTRY)[number], { console: true }>['code'];
export const CONSOLE_LANGUAGES = LANGUAGE_REGISTRY.filter((l) => l.console).map(
  (l) => l.code,
) as unknown as readonly [ConsoleLanguage, ...ConsoleLanguage[]];

const BY_CODE: ReadonlyMap<string, LanguageEntry> = new Map(LANGUAGE_REGISTRY.map((l) => [l.code, l]));

export function isLanguage(s: unknown): s is Language {
  return typeof s === 'string' && BY_CODE.has(s);
}

export function languageEntry(lang: Language): LanguageEntry {
  return BY_CODE.get(lang)!;
}

/** Right-to-left scripts among the offered languages. */
export function isRtl(lang: Language): boolean {
  return languageEntry(lang).dir === 'rtl';
}

/** The BCP 47 tag for the `lang` attribute. */
export function htmlLang(lang: Language): string {
  return languageEntry(lang).tag;
}

export function intlLocale(lang: Language): string {
  return languageEntry(lang).intlLocale;
}

/**
 * The language a browser's primary subtag (`fr`, `ar`) names, among those Accept-Language may
 * pick; null when none.
 */
export function negotiableLanguage(primarySubtag: string): Language | null {
  const hit = LANGUAGE_REGISTRY.find((l) => l.negotiable && l.tag.split('-')[0] === primarySubtag);
  return hit ? hit.code : null;
}
