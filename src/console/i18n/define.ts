// A console catalog area: French strings (the default) and the same keys in English.

export function defineArea<const F extends Record<string, string>>(area: {
  fr: F;
  en: { [K in keyof F]: string };
}): { fr: F; en: { [K in keyof F]: string } } {
  return area;
}
