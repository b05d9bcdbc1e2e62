// The Redis store is split into modules of one concern (issue #14: no source file over 400
// lines, no function over 80), and its Lua scripts are part of its format: boxes of different
// versions share one pool, so the split must not change them by one byte.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const STORE = path.resolve(__dirname, '../../../src/store');
const MODULES = path.join(STORE, 'redis');
const files = [
  path.join(STORE, 'redis-store.ts'),
  ...(existsSync(MODULES) ? readdirSync(MODULES).map((f) => path.join(MODULES, f)) : []),
];

/** Lines of code of each function (blank and comment-only lines left out, as the lint counts). */
function longFunctions(file: string, max: number): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const lines = text
        .slice(node.getStart(source), node.getEnd())
        .split('\n')
        .filter((l) => l.trim() !== '' && !/^\s*(\/\/|\/\*|\*)/.test(l));
      if (lines.length > max) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        found.push(`${path.relative(STORE, file)}:${line + 1} (${lines.length} lines)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the Redis store modules (src/store/redis-store.ts and src/store/redis/)', () => {
  it('are each under 400 lines', () => {
    const long = files
      .map((f) => [path.relative(STORE, f), readFileSync(f, 'utf8').trimEnd().split('\n').length] as const)
      .filter(([, n]) => n > 400);
    expect(long).toEqual([]);
    expect(files.length).toBeGreaterThan(5);
  });

  it('have no function over 80 lines', () => {
    expect(files.flatMap((f) => longFunctions(f, 80))).toEqual([]);
  });

  it('keep the Lua scripts the store ran before the split, byte for byte', () => {
    // Required here, so the size checks above report on a tree without the module too.
    const scripts: Record<string, string> = require('../../../src/store/redis/scripts');
    const sha1 = Object.fromEntries(
      Object.entries(scripts).map(([name, lua]) => [name, createHash('sha1').update(lua).digest('hex')]),
    );
    // SHA-1 as Redis names scripts (EVALSHA), of the text in src/store/redis-store.ts before the split.
    expect(sha1).toEqual({
      CREATE_BATCH: 'df224d28daa7791ae8818e16c9693e958e22fc38',
      CAS: '63945340e462e2e2e756e6e28701adec2dd57c2f',
      INDEX_IF_UNCHANGED: '12de7fde66bfae460823d7b5b62849fe227b04f2',
      UPSERT_CAS: '9679a924db42e0ebf06d52efd81e084b5183bc7a',
      CREATE_IF_ABSENT: '2845e42e478f5c24a1ac9a9b81a0ad6dfcb914e0',
      DELETE_IF_UNCHANGED: 'f3db5d1865634399c452e1e31be00a67f8ff96fe',
      DELETE_EMPTY_BATCH: '8b894e72a765120b7ddad86a6f5821e1531f469e',
      HELP_UPSERT: 'db54e38af02ceab3583c383a59de0f5e19c5e88f',
      ATTENDANCE_WRITE: 'd94a717d4191c9c47a8e69a636ef72555c0aa079',
      CLAIM_SPACE: 'f4921cc927ffc561c17469ae49d34b7bf5e52633',
      RELEASE_SPACE: 'e21ade9dc8cd1d2547af91267f80fa1b74c2cc05',
    });
  });
});
