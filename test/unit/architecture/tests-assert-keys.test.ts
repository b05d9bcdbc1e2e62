// Tests assert catalog keys (test/helpers/messages.ts), roles and accessible names, never the
// French sentences a translator may reword in locales/: this guard reads every test source and
// fails on an assertion whose expected text is a French sentence of four words or more.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const TEST_DIR = path.resolve(__dirname, '../..');

/**
 * Where the literal French text is the point; each entry says why. Keep it short: anything
 * else formats the catalog message it expects through its key.
 */
const ALLOWED: Readonly<Record<string, string>> = {
  'unit/architecture/tests-assert-keys.test.ts':
    'this guard, whose own examples must be French sentences to show that it sees them',
};

/** Words French uses and English does not, to tell a French sentence from an English one. */
const FRENCH_WORDS = new Set(
  (
    'le la les un une des du de au aux et est sont pour dans avec pas vous votre vos nous ' +
    'cette ces cet ce qui que sur leur par il elle ne plus été sans ou son sa ses mais en'
  ).split(' '),
);
const ACCENTED = /[àâçéèêëîïôûùüÿœ«»’]/i;
/** An elided article or pronoun before an apostrophe: l’, d’, n’, qu’, c’, s’, j’. */
const ELISION = /^(?:l|d|n|qu|c|s|j)['’]/i;
const WORD = /[a-zàâçéèêëîïôûùüÿœ]+(?:['’-][a-zàâçéèêëîïôûùüÿœ]+)*/gi;

/** Whether a text holds a French sentence: four words or more in a row, French by a mark. */
function isFrenchSentence(text: string): boolean {
  // Runs of words separated by spaces (or a regex's `\s+`) only: punctuation ends a run.
  const runs = text
    .replace(/&#39;/g, "'")
    .replace(/\\s[+*]?/g, ' ')
    .split(/[^\s\p{L}'’-]+/u)
    .map((run) => run.match(WORD) ?? []);
  return runs.some(
    (words) =>
      words.length >= 4 &&
      words.some(
        (w) => ACCENTED.test(w) || ELISION.test(w) || FRENCH_WORDS.has(w.toLowerCase().split('-')[0]!),
      ),
  );
}

/**
 * The expected texts of a source's assertions: the first argument of a `.toXxx(` matcher (or
 * of Playwright's `getByText`, `toHaveText`) when it is a string, template or regex literal,
 * bare or wrapped in one call (`esc('…')`).
 */
function assertedTexts(source: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const call =
    /\.(?:to[A-Z]\w*|getByText|getByLabel|getByTitle)\(\s*(?:[\w.]+\(\s*)?(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`|\/((?:[^/\\\n]|\\.)+)\/[a-z]*)/g;
  for (const m of source.matchAll(call)) {
    const text = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    const line = source.slice(0, m.index).split('\n').length;
    out.push({ line, text });
  }
  // `{ name: '…' }` of getByRole and the like: an accessible name is also a catalog text.
  for (const m of source.matchAll(/\bname:\s*(?:'((?:[^'\\\n]|\\.)*)'|\/((?:[^/\\\n]|\\.)+)\/[a-z]*)/g)) {
    out.push({ line: source.slice(0, m.index).split('\n').length, text: m[1] ?? m[2] ?? '' });
  }
  return out;
}

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : testSources(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe('tests assert message keys, not French sentences', () => {
  it('sees a French sentence in an assertion, and leaves keys, English and short words alone', () => {
    const flagged = (src: string) => assertedTexts(src).filter((a) => isFrenchSentence(a.text));
    expect(flagged(`expect(res.text).toContain('Ticket créé pour une heure');`)).toHaveLength(1);
    expect(flagged(`expect(out).toMatch(/Aucune session\\s+en cours/);`)).toHaveLength(1);
    expect(flagged(`expect(out).not.toContain(\n  "Le mot de passe est refusé",\n);`)).toHaveLength(1);
    expect(flagged(`expect(res.text).toContain(esc("Ce format d'impression n'existe pas."));`)).toHaveLength(
      1,
    );
    expect(flagged(`page.getByRole('button', { name: 'Imprimer les tickets du jour' });`)).toHaveLength(1);
    expect(flagged(`expect(res.text).toContain(consoleMsgHtml('fr', 'tickets.created'));`)).toEqual([]);
    expect(flagged(`expect(err.message).toContain('The catalogs cannot be read');`)).toEqual([]);
    expect(flagged(`expect(res.text).toContain('Ticket créé');`)).toEqual([]);
    expect(flagged(`expect(res.text).toContain('The gateway&#39;s clock is not synchronised.');`)).toEqual(
      [],
    );
    expect(flagged(`expect(res.text).toContain('<td>10 h 30</td>');`)).toEqual([]);
  });

  it('finds no literal French sentence asserted in a test file outside the allow-list', () => {
    const files = testSources(TEST_DIR);
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) {
      const rel = path.relative(TEST_DIR, file).split(path.sep).join('/');
      if (Object.hasOwn(ALLOWED, rel)) continue;
      for (const a of assertedTexts(readFileSync(file, 'utf8')))
        if (isFrenchSentence(a.text)) found.push(`test/${rel}:${a.line}: ${a.text}`);
    }
    // Assert the text through its key: msg / consoleMsg / printMsg… from test/helpers/messages.
    expect(found).toEqual([]);
  });

  it('keeps each allowed file present (an entry for a gone file is stale)', () => {
    for (const rel of Object.keys(ALLOWED)) expect(testSources(TEST_DIR)).toContain(path.join(TEST_DIR, rel));
  });
});
