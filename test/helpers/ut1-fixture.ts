// Writes a small list set in the UT1 layout (one folder per category with `domains` and
// `usage`), with generated names and a few garbage lines, like the real lists have.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Ut1Fixture {
  root: string;
  /** Good names per category, as written (before normalisation). */
  names: Record<string, string[]>;
  /** Garbage lines written per category. */
  bad: number;
}

export const FIXTURE_CATEGORIES: Record<string, { count: number; usage: string }> = {
  adult: { count: 3000, usage: 'black\n' },
  malware: { count: 1500, usage: 'black\n' },
  gambling: { count: 1000, usage: 'black\n' },
  jobsearch: { count: 500, usage: 'white\nblack\n' },
  bank: { count: 200, usage: 'white\n' },
};

const GARBAGE = [
  'not a domain',
  'http://x.example/page',
  '-bad-.example',
  `${'a'.repeat(70)}.example`,
  '1.2.3.4',
];

export function writeUt1Fixture(dir: string, layout: 'blacklists' | 'flat' = 'blacklists'): Ut1Fixture {
  const root = layout === 'blacklists' ? path.join(dir, 'blacklists') : dir;
  const names: Record<string, string[]> = {};
  for (const [cat, { count, usage }] of Object.entries(FIXTURE_CATEGORIES)) {
    const list = Array.from({ length: count }, (_, i) => `${cat}-site-${i}.example${i % 13}.test`);
    if (cat === 'adult') list.push('Élève-Coquin.FR', 'porn.example.org'); // IDNA and upper case
    names[cat] = list;
    mkdirSync(path.join(root, cat), { recursive: true });
    writeFileSync(
      path.join(root, cat, 'domains'),
      [...list.slice(0, 10), ...GARBAGE, ...list.slice(10)].join('\n') + '\n',
    );
    writeFileSync(path.join(root, cat, 'usage'), usage);
  }
  return { root, names, bad: GARBAGE.length };
}

/** The same fixture as a UT1-style tarball (`blacklists/<category>/domains`). */
export function writeUt1Tarball(dir: string): { tarball: string; fixture: Ut1Fixture } {
  const src = path.join(dir, 'src');
  const fixture = writeUt1Fixture(src, 'blacklists');
  const tarball = path.join(dir, 'blacklists.tar.gz');
  execFileSync('tar', ['-czf', tarball, '-C', src, 'blacklists']);
  return { tarball, fixture };
}
