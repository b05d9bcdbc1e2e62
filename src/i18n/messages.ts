// The message catalogs translators edit: ICU MessageFormat in JSON, one file per language and
// area under locales/<lang>/<area>.json, read once when the service starts and formatted with
// intl-messageformat (CLDR plurals through Intl.PluralRules).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { EcnError } from '../domain/errors';
import { PACKAGE_ROOT } from '../package-info';
import { intlLocale, isLanguage, isRtl, type Language } from '../domain/languages';

export const LOCALES_DIR = path.join(PACKAGE_ROOT, 'locales');

export type Messages = Readonly<Record<string, string>>;
/** Every file read: `files.get(lang)?.get(area)` is that file's messages. */
export type LocaleFiles = ReadonlyMap<Language, ReadonlyMap<string, Messages>>;
export type Vars = Readonly<Partial<Record<string, string | number>>>;
export type Format = (key: string, vars?: Vars) => string;

function missing(what: string, cause?: unknown): EcnError {
  return new EcnError(
    'ECN_ERR_LOCALES_MISSING',
    `The message catalogs cannot be read: ${what}. They ship with the gateway in its locales/ folder; reinstall the package or copy locales/ beside dist/.`,
    {},
    cause === undefined ? undefined : { cause },
  );
}

/** Reads every `<lang>/<area>.json` under `dir`; throws ECN_ERR_LOCALES_MISSING naming the file. */
export function readLocales(dir: string = LOCALES_DIR): LocaleFiles {
  let langs: string[];
  try {
    langs = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch (e) {
    throw missing(`folder ${dir} is not there`, e);
  }
  if (!langs.includes('fr')) throw missing(`${path.join(dir, 'fr')} (French, the reference) is not there`);
  const files = new Map<Language, Map<string, Messages>>();
  for (const lang of langs.filter(isLanguage)) {
    const areas = new Map<string, Messages>();
    for (const f of readdirSync(path.join(dir, lang)).filter((f) => f.endsWith('.json'))) {
      areas.set(f.slice(0, -'.json'.length), readJson(path.join(dir, lang, f)));
    }
    files.set(lang, areas);
  }
  return files;
}

function readJson(file: string): Messages {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw missing(`${file} is not valid JSON`, e);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw missing(`${file} is not an object of messages`);
  for (const [key, text] of Object.entries(value))
    if (typeof text !== 'string') throw missing(`${file}: "${key}" is not a string`);
  return value as Messages;
}

/** The messages of the areas `pick` keeps, merged (area files never share a key). */
export function mergeAreas(files: LocaleFiles, lang: Language, pick: (area: string) => boolean): Messages {
  const merged: Record<string, string> = {};
  for (const [area, messages] of files.get(lang) ?? []) if (pick(area)) Object.assign(merged, messages);
  return merged;
}

const ICU_OPTIONS = { ignoreTag: true } as const;

/** Parses one message (ICU syntax errors name the key). */
export function compileMessage(text: string, locale: string, key: string): IntlMessageFormat {
  try {
    return new IntlMessageFormat(text, locale, undefined, ICU_OPTIONS);
  } catch (e) {
    throw missing(`message "${key}" is not valid ICU MessageFormat`, e);
  }
}

/** The argument names a message reads (`{space}`, `{d, plural, …}`), nested ones included. */
export function placeholdersOf(format: IntlMessageFormat): string[] {
  const names = new Set<string>();
  const walk = (els: ReturnType<IntlMessageFormat['getAst']>) => {
    for (const el of els) {
      // Literals (type 0) carry text, not a name; `#` (type 7) has no value.
      if (el.type !== 0 && 'value' in el && typeof el.value === 'string') names.add(el.value);
      if ('options' in el && el.options)
        for (const o of Object.values(el.options as Record<string, { value: typeof els }>)) walk(o.value);
      if ('children' in el && Array.isArray(el.children)) walk(el.children as typeof els);
    }
  };
  walk(format.getAst());
  return [...names].sort();
}

/**
 * A formatter over one language's messages, each parsed on its first use and kept. `fallback`
 * answers keys the language lacks (French). In right-to-left text a Latin value (space name,
 * e-mail, host) is isolated (U+2068…U+2069) so that its punctuation does not jump sides.
 */
export function messageFormatter(lang: Language, messages: Messages, fallback?: Format): Format {
  const locale = intlLocale(lang);
  const rtl = isRtl(lang);
  const compiled = new Map<string, { format: IntlMessageFormat; names: string[] }>();
  const value = (v: string | number) =>
    rtl && typeof v === 'string' && /[A-Za-z]/.test(v) ? `\u2068${v}\u2069` : v;
  return (key, vars) => {
    let entry = compiled.get(key);
    if (!entry) {
      const text = Object.hasOwn(messages, key) ? messages[key] : undefined;
      if (text === undefined) {
        if (fallback) return fallback(key, vars);
        throw new EcnError('ECN_ERR_LOCALES_MISSING', `No message "${key}" in ${lang}.`);
      }
      const format = compileMessage(text, locale, key);
      entry = { format, names: placeholdersOf(format) };
      compiled.set(key, entry);
    }
    // A value the caller did not give stays visible as `{name}`, as it always did.
    const values: Record<string, string | number> = {};
    for (const name of entry.names)
      values[name] =
        vars && Object.hasOwn(vars, name) && vars[name] !== undefined ? value(vars[name]) : `{${name}}`;
    return String(entry.format.format(values));
  };
}

/**
 * A translator whose placeholder names are typed from the generated catalog types (`P`, e.g.
 * `ConsolePlaceholders`): a value under a name the message does not read fails `tsc`. A value
 * left out is not caught here (a key chosen at run time reads any of its messages' names); it
 * shows as `{name}` on the page, and `npm run i18n:check` with the tests hold that side.
 */
export type TypedTranslate<P> = <K extends keyof P & string>(
  key: K,
  vars?: Readonly<Partial<Record<P[K] & string, string | number>>>,
) => string;
