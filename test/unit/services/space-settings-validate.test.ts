// The settings forms' checks that need no server: colour contrast, logo bytes, charter text.

import {
  charterBody,
  charterVersion,
  checkLogo,
  contrastWithWhite,
  parseCharter,
} from '../../../src/console/settings/validate';

describe('settings checks', () => {
  it('measures contrast with white text as WCAG does', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 0);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
    expect(contrastWithWhite('#1d4e89')).toBeGreaterThan(4.5);
    expect(contrastWithWhite('#767676')).toBeGreaterThanOrEqual(4.5);
    expect(contrastWithWhite('#777777')).toBeLessThan(4.5);
  });

  it('knows an image by its bytes, not its name', () => {
    expect(checkLogo(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(checkLogo(Buffer.from('<svg viewBox="0 0 1 1"><use href="#a"/></svg>'))).toBe('image/svg+xml');
    for (const bad of [
      '<svg><style>@import url(https://x.example/a.css);</style></svg>',
      '<svg><foreignObject><p>x</p></foreignObject></svg>',
      '<svg><a href="&#106;avascript:alert(1)"/></svg>',
      '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>',
      '<svg><rect style="fill:url(https://x.example/p.svg#a)"/></svg>',
    ]) {
      expect(() => checkLogo(Buffer.from(bad))).toThrow();
    }
    expect(() => checkLogo(Buffer.from('<html><svg></svg></html>'))).toThrow();
  });

  it('reads the charter text back as the form shows it', () => {
    const text = parseCharter({ title: 'T', summary: 'a\n\nb', body: '## S1\np1\n- i1\n## S2\np2' }, 'v2');
    expect(text).toEqual({
      version: 'v2',
      lang: 'fr',
      title: 'T',
      summary: ['a', 'b'],
      sections: [
        { title: 'S1', paragraphs: ['p1'], items: ['i1'] },
        { title: 'S2', paragraphs: ['p2'], items: [] },
      ],
    });
    expect(charterBody(text)).toBe('## S1\np1\n- i1\n\n## S2\np2');
  });

  it('numbers versions by the day and never reuses the current one', () => {
    expect(charterVersion('', '2026-11', '2026-12-01')).toBe('2026-12-01-1');
    expect(charterVersion('', '2026-12-01-1', '2026-12-01')).toBe('2026-12-01-2');
    expect(charterVersion('2027-01', '2026-11', '2026-12-01')).toBe('2027-01');
    expect(() => charterVersion('2026-11', '2026-11', '2026-12-01')).toThrow();
  });
});
