// The catalogs translators edit (locales/<lang>/<area>.json, ICU MessageFormat): every message
// renders as it did, apostrophes kept and no brace left; a missing key or placeholder is named;
// the generated key types are current; a missing locales folder stops the start clearly.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { isEcnError } from '../../../src/domain/errors';
import { LOCALES } from '../../../src/i18n/catalogs';
import { LANGUAGE_REGISTRY } from '../../../src/domain/languages';
import { intlLocale, type Language } from '../../../src/domain/languages';
import { LOCALES_DIR, readLocales } from '../../../src/i18n/messages';

const I18N_SCRIPT = path.resolve(__dirname, '../../../scripts/i18n.js');
const i18n = require('../../../scripts/i18n.js') as {
  check: (dir?: string) => string[];
  KEYS_DIR: string;
};

/** Dummy values: a number for a plural or select-ordinal argument, a marked word otherwise. */
function dummies(format: IntlMessageFormat): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  const walk = (els: ReturnType<IntlMessageFormat['getAst']>) => {
    for (const el of els) {
      if (el.type === 6) values[el.value] = 3;
      else if (el.type !== 0 && 'value' in el && typeof el.value === 'string')
        values[el.value] ??= el.type === 2 ? 3 : `‹${el.value}›`;
      if ('options' in el && el.options)
        for (const o of Object.values(el.options as Record<string, { value: typeof els }>)) walk(o.value);
    }
  };
  walk(format.getAst());
  return values;
}

const apostrophes = (s: string) => [...s].filter((c) => c === "'" || c === '’').length;

/** The apostrophes of the message's text parts, every plural and select branch included. */
function literalApostrophes(format: IntlMessageFormat): number {
  let n = 0;
  const walk = (els: ReturnType<IntlMessageFormat['getAst']>) => {
    for (const el of els) {
      if (el.type === 0) n += apostrophes(el.value);
      if ('options' in el && el.options)
        for (const o of Object.values(el.options as Record<string, { value: typeof els }>)) walk(o.value);
    }
  };
  walk(format.getAst());
  return n;
}

describe('the catalogs', () => {
  const all = [...LOCALES].flatMap(([lang, areas]) =>
    [...areas].flatMap(([area, messages]) =>
      Object.entries(messages).map(([key, text]) => ({ lang, area, key, text })),
    ),
  );

  it('are read from locales/ at start, more than two thousand messages', () => {
    expect(all.length).toBeGreaterThan(2000);
  });

  it('render every message with dummy values: no brace left, no apostrophe lost, every value shown', () => {
    const bad: string[] = [];
    for (const { lang, area, key, text } of all) {
      const format = new IntlMessageFormat(text, intlLocale(lang), undefined, { ignoreTag: true });
      const values = dummies(format);
      const out = String(format.format(values));
      // ICU quoting: `''` is one apostrophe; a lone `'` before `{` would start a quoted section
      // and swallow its apostrophe (and leave the braces).
      const lost = literalApostrophes(format) !== apostrophes(text.replace(/''/g, "'"));
      const shown = Object.values(values).filter((v) => typeof v === 'string');
      if (/[{}]/.test(out) || lost || shown.some((v) => !out.includes(v as string)))
        bad.push(`${lang}/${area}.json ${key}: ${out}`);
    }
    expect(bad).toEqual([]);
  });

  it('renders French apostrophes before a placeholder as written', () => {
    const format = new IntlMessageFormat("l''{x}' et l’{y}", 'fr', undefined, { ignoreTag: true });
    expect(format.format({ x: 'espace', y: 'équipe' })).toBe("l'espace' et l’équipe");
  });

  it('give every registry language the resident areas, and every console language the staff areas', () => {
    const fr = [...LOCALES.get('fr')!.keys()];
    for (const entry of LANGUAGE_REGISTRY) {
      const areas = [...(LOCALES.get(entry.code as Language)?.keys() ?? [])];
      const wanted = fr.filter(
        (a) => a.startsWith('portal-') || a === 'radius' || (entry.console && !a.startsWith('portal-')),
      );
      expect([entry.code, areas.filter((a) => wanted.includes(a)).sort()]).toEqual([
        entry.code,
        wanted.sort(),
      ]);
    }
  });

  it('have every key and placeholder in every language (npm run i18n:check)', () => {
    expect(i18n.check()).toEqual([]);
  });

  it('name the file, key and placeholder that a translation lacks', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ecn-locales-'));
    try {
      cpSync(LOCALES_DIR, dir, { recursive: true });
      const file = path.join(dir, 'ar', 'portal-welcome.json');
      const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      delete messages['welcome.title'];
      messages['welcome.intro'] = 'الإنترنت مجاني.';
      writeFileSync(file, JSON.stringify(messages));
      unlinkSync(path.join(dir, 'en', 'console-clock.json'));
      expect(i18n.check(dir)).toEqual([
        'locales/ar/portal-welcome.json: key "welcome.title" missing',
        'locales/ar/portal-welcome.json: key "welcome.intro" lacks placeholder {space}',
        'locales/en/console-clock.json: file missing',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('have key types that are current (npm run i18n:types), a file per area and none left over', () => {
    // Prettier's formatting runs in a plain Node.js process (Jest's module loader cannot load it).
    const script = `require(${JSON.stringify(I18N_SCRIPT)}).formattedTypes().then((m) => process.stdout.write(JSON.stringify([...m])))`;
    const files = new Map<string, string>(
      JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })),
    );
    for (const [file, text] of files) expect([file, readFileSync(file, 'utf8')]).toEqual([file, text]);
    const onDisk = readdirSync(i18n.KEYS_DIR).map((f) => path.join(i18n.KEYS_DIR, f));
    expect(onDisk.filter((f) => !files.has(f))).toEqual([]);
  });

  it('stop the start with ECN_ERR_LOCALES_MISSING when the folder or a file is broken', () => {
    const gone = path.join(tmpdir(), 'ecn-no-such-locales');
    let caught: unknown;
    try {
      readLocales(gone);
    } catch (e) {
      caught = e;
    }
    expect(isEcnError(caught) && caught.code).toBe('ECN_ERR_LOCALES_MISSING');
    expect((caught as Error).message).toContain(gone);

    const dir = mkdtempSync(path.join(tmpdir(), 'ecn-locales-'));
    try {
      cpSync(LOCALES_DIR, dir, { recursive: true });
      writeFileSync(path.join(dir, 'fr', 'radius.json'), '{ "radius.fallback": ');
      expect(() => readLocales(dir)).toThrow(path.join(dir, 'fr', 'radius.json'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
