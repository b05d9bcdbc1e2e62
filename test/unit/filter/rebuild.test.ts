// The background table rebuild: one at a time, the latest request wins, a failure keeps the
// previous table and is reported.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BuildSpec } from '../../../src/filter/build-table';
import { TableRebuilder } from '../../../src/filter/rebuild';
import { readTableMeta } from '../../../src/filter/table-file';
import { createLogger } from '../../../src/log';

let dir: string;
let spec: BuildSpec;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-rebuild-'));
  const list = (name: string, names: string[]) => {
    const file = path.join(dir, `${name}.txt`);
    writeFileSync(file, names.join('\n'));
    return { kind: 'list' as const, path: file, url: '', category: name, format: 'plain' as const };
  };
  spec = {
    sources: [list('games', ['a.example', 'b.example']), list('chat', ['c.example'])],
    categories: ['games', 'chat'],
    allowCategories: [],
    tableFile: path.join(dir, 'filter', 'table.bin'),
    workDir: path.join(dir, 'work'),
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('table rebuilder', () => {
  it('runs one rebuild at a time and ends with the categories asked for last', async () => {
    const r = new TableRebuilder(spec, createLogger('silent'), () => 42);
    r.request(['games', 'chat']);
    r.request(['games']);
    r.request(['chat']);
    expect(r.busy).toBe(true);
    await r.idle();
    expect(r.busy).toBe(false);
    expect(r.last).toEqual({ ok: true, at: 42, names: 1, categories: ['chat'], warnings: [] });
    expect(readTableMeta(spec.tableFile).meta.categories).toEqual([{ name: 'chat', role: 'block' }]);
  });

  it('reports a failed build and keeps the previous table', async () => {
    const r = new TableRebuilder(spec, createLogger('silent'));
    r.request(['games']);
    await r.idle();
    rmSync(spec.sources[0]!.path);
    r.request(['games', 'chat']);
    await r.idle();
    expect(r.last).toMatchObject({ ok: false, message: expect.stringContaining('source not found') });
    expect(readTableMeta(spec.tableFile)).toMatchObject({
      names: 2,
      meta: { categories: [{ name: 'games' }] },
    });
  });
});
