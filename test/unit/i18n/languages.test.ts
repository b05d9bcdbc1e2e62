// Every list of languages is derived from the one registry: the config enums, the portal's
// language switch, Accept-Language, right-to-left layout, Intl locales, the RADIUS reply
// language, the link labels. A sixth list written by hand fails here.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import { configSchema } from '../../../src/config/schema';
import { isRtl, LANGUAGES } from '../../../src/domain/charter';
import { LINK_LABEL_LANGUAGES } from '../../../src/domain/console';
import { CONSOLE_LANGUAGES } from '../../../src/console/i18n';
import { LANGUAGE_REGISTRY } from '../../../src/domain/languages';
import { basePageLocals } from '../../../src/portal/context';
import { formatTime, fromAcceptLanguage, LANGUAGE_NAMES, translator } from '../../../src/portal/i18n';
import type { PortalSettings } from '../../../src/portal/settings';

const root = path.resolve(__dirname, '../../..');
const codes = LANGUAGE_REGISTRY.map((l) => l.code);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe('the languages registry', () => {
  it('is the list the domain, the store records and the cli read', () => {
    expect([...LANGUAGES]).toEqual(codes);
    expect([...LINK_LABEL_LANGUAGES]).toEqual(codes.filter((c) => c !== 'fr'));
    expect([...CONSOLE_LANGUAGES]).toEqual(LANGUAGE_REGISTRY.filter((l) => l.console).map((l) => l.code));
  });

  it('gives the config its language enums (charter default, RADIUS reply language)', () => {
    for (const code of codes) {
      const cfg = configSchema.parse({ charter: { defaultLanguage: code }, radius: { replyLanguage: code } });
      expect([cfg.charter.defaultLanguage, cfg.radius.replyLanguage]).toEqual([code, code]);
    }
    expect(() => configSchema.parse({ charter: { defaultLanguage: 'tr' } })).toThrow();
    expect(() => configSchema.parse({ radius: { replyLanguage: 'tr' } })).toThrow();
  });

  it('gives the portal its language switch, direction and lang= tags', () => {
    const req = { query: {}, path: '/status' } as unknown as Request;
    const settings = { space: { name: 'ECN', logo: null } } as unknown as PortalSettings;
    for (const entry of LANGUAGE_REGISTRY) {
      const res = { locals: { lang: entry.code, t: translator(entry.code) } } as unknown as Response;
      const page = basePageLocals(req, res, settings) as {
        languages: { code: string; tag: string; name: string; current: boolean }[];
        dir: string;
        htmlLang: string;
      };
      expect(page.languages.map((l) => [l.code, l.tag, l.name])).toEqual(
        LANGUAGE_REGISTRY.map((l) => [l.code, l.tag, l.nativeName]),
      );
      expect(page.languages.filter((l) => l.current).map((l) => l.code)).toEqual([entry.code]);
      expect([page.dir, page.htmlLang]).toEqual([entry.dir, entry.tag]);
      expect(isRtl(entry.code)).toBe(entry.dir === 'rtl');
      expect(LANGUAGE_NAMES[entry.code]).toBe(entry.nativeName);
    }
  });

  it('lets Accept-Language pick exactly the negotiable languages', () => {
    for (const entry of LANGUAGE_REGISTRY) {
      const picked = fromAcceptLanguage(`${entry.code}, xx;q=0.5`, 'fr-falc');
      expect([entry.code, picked]).toEqual([entry.code, entry.negotiable ? entry.code : entry.tag]);
    }
    expect(fromAcceptLanguage('xx-YY', 'en')).toBe('en');
  });

  it('formats dates in each language’s own Intl locale, never a French fallback', () => {
    const at = Date.UTC(2026, 0, 5, 13, 7);
    for (const entry of LANGUAGE_REGISTRY) {
      const expected = new Intl.DateTimeFormat(entry.intlLocale, {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: 'UTC',
      }).format(at);
      expect([entry.code, formatTime(entry.code, at, 'UTC')]).toEqual([entry.code, expected]);
    }
  });

  it('is the only place in the code that names a resident language other than French and English', () => {
    // French is the default everywhere, and French and English are also the staff's languages
    // (console, `ecn setup`); every other code appears only in the registry and under locales/.
    const others = codes.filter((c) => c !== 'fr' && c !== 'en');
    const literal = new RegExp(`(['"])(${others.join('|')})\\1`);
    const offenders: string[] = [];
    for (const f of [
      ...filesUnder(path.join(root, 'src')),
      ...filesUnder(path.join(root, 'views', 'portal')),
    ]) {
      if (f.startsWith(path.join(root, 'src', 'i18n') + path.sep)) continue;
      // The registry itself is domain data (pure, read by the schema, the domain and i18n alike).
      if (f === path.join(root, 'src', 'domain', 'languages.ts')) continue;
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (literal.test(line)) offenders.push(`${path.relative(root, f)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
