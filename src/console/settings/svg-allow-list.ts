// Whether an uploaded SVG logo is only a drawing: every element, attribute, style property and
// CSS function must be on a short allow-list, so what a block-list forgets (`<set>`,
// `<animate>`, XHTML `<iframe>`/`<meta>` in another namespace, `image-set()`…) is refused by
// default. Anything the small parser below does not understand is refused too.

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Drawing elements only: no script, link, image, animation, filter, foreign content or style sheet. */
const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'title',
  'desc',
  'symbol',
  'use',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'mask',
  'pattern',
  'marker',
]);

/** Presentation attributes, also the only properties a `style` attribute may set. */
const PRESENTATION = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-dasharray',
  'stroke-dashoffset',
  'opacity',
  'color',
  'clip-path',
  'clip-rule',
  'mask',
  'marker-start',
  'marker-mid',
  'marker-end',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'word-spacing',
  'text-decoration',
  'stop-color',
  'stop-opacity',
  'visibility',
  'display',
  'overflow',
  'shape-rendering',
  'text-rendering',
  'vector-effect',
  'paint-order',
  'isolation',
  'mix-blend-mode',
];
const STYLE_PROPERTIES = new Set(PRESENTATION);

const ATTRIBUTES = new Set([
  ...PRESENTATION,
  'id',
  'class',
  'style',
  'version',
  'baseProfile',
  'viewBox',
  'preserveAspectRatio',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'fx',
  'fy',
  'fr',
  'd',
  'points',
  'pathLength',
  'transform',
  'dx',
  'dy',
  'rotate',
  'textLength',
  'lengthAdjust',
  'offset',
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'patternUnits',
  'patternContentUnits',
  'patternTransform',
  'clipPathUnits',
  'maskUnits',
  'maskContentUnits',
  'markerWidth',
  'markerHeight',
  'markerUnits',
  'refX',
  'refY',
  'orient',
  'href',
  'xlink:href',
  'xml:space',
  'xml:lang',
  'lang',
  'role',
  'aria-label',
  'aria-hidden',
  'focusable',
]);

/** CSS functions a value may call: colours, transforms, and `url(#id)` inside the file. */
const FUNCTIONS = new Set([
  'url',
  'rgb',
  'rgba',
  'hsl',
  'hsla',
  'matrix',
  'translate',
  'scale',
  'rotate',
  'skewx',
  'skewy',
]);

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const MAX_DEPTH = 64;

/** Replaces the five XML entities; any other reference (numeric, declared) makes it unsafe. */
function decode(text: string): string | null {
  let ok = true;
  const out = text.replace(/&([^;]*);?/g, (m, name: string) => {
    if (!m.endsWith(';') || !Object.hasOwn(PREDEFINED, name)) ok = false;
    return PREDEFINED[name] ?? '';
  });
  return ok ? out : null;
}

/** Every function call in a value is allowed; `url()` only points inside the file. */
function safeValue(value: string): boolean {
  if (/[\\<>@]/.test(value) || /javascript:|data:/i.test(value)) return false;
  for (const m of value.matchAll(/([A-Za-z_-][\w-]*)?\s*\(/g)) {
    const fn = (m[1] ?? '').toLowerCase();
    if (!FUNCTIONS.has(fn)) return false;
    if (fn === 'url') {
      const arg = /^url\(\s*(['"]?)(#[\w.:-]+)\1\s*\)/i.exec(value.slice(m.index));
      if (!arg) return false;
    }
  }
  return true;
}

function safeStyle(style: string): boolean {
  for (const declaration of style.split(';')) {
    if (declaration.trim() === '') continue;
    const m = /^\s*([a-z-]+)\s*:(.*)$/is.exec(declaration);
    if (!m || !STYLE_PROPERTIES.has(m[1]!.toLowerCase()) || !safeValue(m[2]!)) return false;
  }
  return true;
}

function safeAttribute(name: string, value: string): boolean {
  if (name === 'xmlns') return value === SVG_NS;
  if (name === 'xmlns:xlink') return value === XLINK_NS;
  if (!ATTRIBUTES.has(name)) return false;
  if (name === 'href' || name === 'xlink:href') return /^#[\w.:-]+$/.test(value.trim());
  if (name === 'style') return safeStyle(value);
  return safeValue(value);
}

/** True when the text is one `<svg>` drawing built only from allowed parts. */
export function isInertSvg(source: string): boolean {
  const s = source.replace(/^\uFEFF/, '');
  const stack: string[] = [];
  let seenRoot = false;
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const text = s.slice(i, lt === -1 ? s.length : lt);
    if (text.trim() !== '') {
      // Text only inside the drawing (titles, labels), never around it.
      if (stack.length === 0 || decode(text) === null) return false;
    }
    if (lt === -1) break;
    i = lt;
    if (s.startsWith('<!--', i)) {
      // Tools write plain notes here; markup in a comment is only there to fool a parser.
      const end = s.indexOf('-->', i + 4);
      if (end === -1 || /[<>]|--/.test(s.slice(i + 4, end))) return false;
      i = end + 3;
      continue;
    }
    if (s.startsWith('<?', i)) {
      const m = /^<\?xml(?:\s[^<>?]*)?\?>/.exec(s.slice(i));
      if (!m || seenRoot || i !== s.search(/\S/)) return false;
      i += m[0].length;
      continue;
    }
    if (s.startsWith('<!', i)) {
      // A DOCTYPE without an internal subset (no entity can be declared); CDATA is refused.
      const m = /^<!DOCTYPE\s+svg(?:\s[^<>[\]]*)?>/i.exec(s.slice(i));
      if (!m || seenRoot) return false;
      i += m[0].length;
      continue;
    }
    if (s.startsWith('</', i)) {
      const m = /^<\/([^\s>]+)\s*>/.exec(s.slice(i));
      if (!m || stack.pop() !== m[1]) return false;
      i += m[0].length;
      continue;
    }
    const name = NAME.exec(s.slice(i + 1))?.[0];
    if (!name || !ELEMENTS.has(name)) return false;
    if (stack.length === 0 && (seenRoot || name !== 'svg')) return false;
    if (stack.length >= MAX_DEPTH) return false;
    seenRoot = true;
    i += 1 + name.length;
    const seen = new Set<string>();
    for (;;) {
      const ws = /^\s*/.exec(s.slice(i))![0].length;
      i += ws;
      if (s.startsWith('/>', i)) {
        i += 2;
        break;
      }
      if (s.startsWith('>', i)) {
        i += 1;
        stack.push(name);
        break;
      }
      if (ws === 0) return false;
      const attr = /^([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/.exec(s.slice(i));
      if (!attr || seen.has(attr[1]!)) return false;
      seen.add(attr[1]!);
      const value = decode(attr[2] ?? attr[3] ?? '');
      if (value === null || !safeAttribute(attr[1]!, value)) return false;
      i += attr[0].length;
    }
  }
  return seenRoot && stack.length === 0;
}
