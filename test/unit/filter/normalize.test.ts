import { normalizeName } from '../../../src/filter/normalize';
import { parseListLine } from '../../../src/filter/list-line';

describe('name normalisation', () => {
  it('lower-cases, trims and drops the trailing dot and a leading wildcard', () => {
    expect(normalizeName('  WWW.Example.COM. ')).toBe('www.example.com');
    expect(normalizeName('*.ads.example')).toBe('ads.example');
  });

  it('turns internationalised names into their IDNA (xn--) form', () => {
    expect(normalizeName('élève.fr')).toBe('xn--lve-6lad.fr');
    expect(normalizeName('ÉLÈVE.FR')).toBe('xn--lve-6lad.fr');
    expect(normalizeName('مثال.إختبار')).toBe('xn--mgbh0fb.xn--kgbechtv');
  });

  it('refuses labels over 63 characters and names over 253', () => {
    expect(normalizeName(`${'a'.repeat(63)}.example`)).toBe(`${'a'.repeat(63)}.example`);
    expect(normalizeName(`${'a'.repeat(64)}.example`)).toBeNull();
    const long = Array.from({ length: 4 }, () => 'b'.repeat(62)).join('.'); // 251 characters
    expect(normalizeName(long)).toBe(long);
    expect(normalizeName(`${long}.cc`)).toBeNull(); // 254
  });

  it('refuses what is not a name: empty labels, spaces, URLs, IP addresses, dashes at label edges', () => {
    for (const bad of [
      '',
      '.',
      'a..b',
      'two words.fr',
      'http://x.fr/page',
      '192.168.1.1',
      '-a.fr',
      'a-.fr',
      'a/b',
    ]) {
      expect(normalizeName(bad)).toBeNull();
    }
  });
});

describe('list lines', () => {
  it('reads plain names, skipping blanks and comments', () => {
    expect(parseListLine('Example.org', 'plain')).toEqual({ name: 'example.org', allow: false });
    expect(parseListLine('   ', 'plain')).toBe('skip');
    expect(parseListLine('# comment', 'auto')).toBe('skip');
    expect(parseListLine('not a name', 'plain')).toBe('bad');
  });

  it('reads hosts files, ignoring localhost entries', () => {
    expect(parseListLine('0.0.0.0 ads.example # tracker', 'auto')).toEqual({
      name: 'ads.example',
      allow: false,
    });
    expect(parseListLine('127.0.0.1\tTracker.Example', 'hosts')).toEqual({
      name: 'tracker.example',
      allow: false,
    });
    expect(parseListLine('127.0.0.1 localhost', 'hosts')).toBe('skip');
    expect(parseListLine('::1 ip6-localhost', 'auto')).toBe('skip');
    expect(parseListLine('ads.example', 'hosts')).toBe('bad');
  });

  it('reads adblock name rules, with @@ as an allow rule, and refuses page rules', () => {
    expect(parseListLine('||ads.example^', 'auto')).toEqual({ name: 'ads.example', allow: false });
    expect(parseListLine('@@||good.example^', 'adblock')).toEqual({ name: 'good.example', allow: true });
    expect(parseListLine('||ads.example^$important', 'adblock')).toEqual({
      name: 'ads.example',
      allow: false,
    });
    expect(parseListLine('! Title: list', 'adblock')).toBe('skip');
    expect(parseListLine('||ads.example^$third-party', 'adblock')).toBe('bad');
    expect(parseListLine('||ads.example/banner.js', 'adblock')).toBe('bad');
    expect(parseListLine('example.com##.banner', 'adblock')).toBe('bad');
  });
});
