// A tiny well-formedness check for the SVG and HTML the charts produce: every tag closed in
// order, attributes quoted, no raw "<" or stray "&" in text.

export function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  let seen = 0;
  while ((m = token.exec(xml))) {
    seen += m[0].length;
    const [, close, name, , selfClose, text, stray] = m;
    if (stray) throw new Error(`raw "<" at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
    if (text !== undefined) {
      const bad = /&(?!(amp|lt|gt|quot|#39|#\d+|#x[0-9a-fA-F]+);)/.exec(text);
      if (bad) throw new Error(`stray "&" in text: ${text.slice(0, 40)}`);
      continue;
    }
    if (close) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!selfClose) {
      stack.push(name!);
    }
  }
  if (seen !== xml.length) throw new Error('unparsed input');
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`);
}

/** Attribute values of every `<tag ...>` with the given name, in order. */
export function elements(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of xml.matchAll(new RegExp(`<${tag}((?:\\s+[\\w:-]+="[^"]*")*)\\s*/?>`, 'g'))) {
    out.push(Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
  }
  return out;
}
