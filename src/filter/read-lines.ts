// Streams the lines of a (possibly large) text file without holding it whole in memory.

import { createReadStream } from 'node:fs';

/** Calls `onLine` for each line (UTF-8, CR stripped); resolves when the file ends. */
export async function forEachLine(file: string, onLine: (line: string) => void): Promise<void> {
  let rest = '';
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) break;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      onLine(text.slice(start, end));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
}
