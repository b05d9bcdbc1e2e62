// Every string of the portal exists in every language, with the same placeholders, and every
// key the code and the templates use is in the catalogs.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES } from '../../../src/domain/charter';
import {
  CATALOGS,
  formatDuration,
  formatSize,
  formatTime,
  fromAcceptLanguage,
  translator,
} from '../../../src/portal/i18n';

const root = path.resolve(__dirname, '../../..');
// Argument names, plural ones included (`{d, plural, one {# jour} other {# jours}}` reads d).
const { placeholders } = require('../../../scripts/i18n.js') as { placeholders: (s: string) => string[] };

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe('portal catalogs', () => {
  const reference = Object.keys(CATALOGS.fr).sort();

  it.each(LANGUAGES)('%s has every key, none empty, with the same placeholders as French', (lang) => {
    const catalog = CATALOGS[lang] as Record<string, string>;
    expect(Object.keys(catalog).sort()).toEqual(reference);
    for (const key of reference) {
      expect(catalog[key]!.trim()).not.toBe('');
      expect([key, placeholders(catalog[key]!)]).toEqual([
        key,
        placeholders((CATALOGS.fr as Record<string, string>)[key]!),
      ]);
    }
  });

  it('has every key that the templates and the portal code ask for', () => {
    const sources = [
      ...filesUnder(path.join(root, 'views', 'portal')),
      ...filesUnder(path.join(root, 'src', 'portal')).filter(
        (f) => !f.includes(`${path.sep}i18n${path.sep}`),
      ),
    ];
    const used = new Set<string>();
    for (const f of sources) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    for (const key of used) expect(reference).toContain(key);
  });

  it('isolates Latin values inside Arabic sentences', () => {
    expect(translator('ar')('welcome.intro', { space: 'ECN Épeule' })).toContain('\u2068ECN Épeule\u2069');
    expect(translator('ar')('status.devicesValue', { used: 1, max: 2 })).toBe('1 من 2');
    expect(translator('fr')('welcome.intro', { space: 'ECN' })).not.toContain('\u2068');
  });

  it('leaves an unknown placeholder visible instead of dropping it', () => {
    expect(translator('en')('status.devicesValue', { used: 1 })).toBe('1 of {max}');
  });
});

describe('language negotiation and formats', () => {
  it('takes the best offered language from Accept-Language, never FALC', () => {
    expect(fromAcceptLanguage('ar-MA,ar;q=0.9,fr;q=0.8', 'fr')).toBe('ar');
    expect(fromAcceptLanguage('de-DE,en;q=0.5,fr;q=0.7', 'fr')).toBe('fr');
    expect(fromAcceptLanguage('en-GB', 'fr')).toBe('en');
    expect(fromAcceptLanguage('de, it;q=0.9', 'fr')).toBe('fr');
    expect(fromAcceptLanguage('fr;q=0, en', 'ar')).toBe('en');
    expect(fromAcceptLanguage(undefined, 'en')).toBe('en');
    expect(fromAcceptLanguage('fr-falc', 'en')).toBe('fr');
  });

  it('writes durations, sizes and clock times the way residents read them', () => {
    const fr = translator('fr');
    expect(formatDuration(fr, 3600)).toBe('1 h 0 min');
    expect(formatDuration(fr, 59)).toBe('1 min');
    expect(formatDuration(fr, 0)).toBe('0 min');
    expect(formatDuration(fr, 3599)).toBe('1 h 0 min');
    expect(formatDuration(fr, 2 * 86400 + 3 * 3600 + 120)).toBe('2 j 3 h');
    expect(formatSize('fr', fr, 1_500_000_000)).toBe('1,5 Go');
    expect(formatSize('en', translator('en'), 250_000_000)).toBe('250 MB');
    const t = Date.UTC(2026, 10, 28, 17, 5);
    expect(formatTime('fr', t, 'Europe/Paris')).toBe('18:05');
    expect(formatTime('ar', t, 'Europe/Paris')).toBe('18:05');
  });
});
