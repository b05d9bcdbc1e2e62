import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventBus } from '../../../src/domain/events';
import { FilterEngine } from '../../../src/filter/filter-engine';
import { NameTableBuilder } from '../../../src/filter/name-table';
import { writeTableFile } from '../../../src/filter/table-file';
import { createLogger } from '../../../src/log';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-engine-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function table(file: string, names: string[]): void {
  const b = new NameTableBuilder();
  for (const n of names) b.add(n, 1);
  writeTableFile(file, b.compile(), {
    builtAt: new Date().toISOString(),
    categories: [{ name: 'adult', role: 'block' }],
    sources: [],
  });
}

function engine(file: string, events: EventBus): FilterEngine {
  return new FilterEngine({
    tableFile: file,
    build: { sources: [], categories: [], allowCategories: [], tableFile: file, workDir: dir },
    allow: [],
    block: [],
    buildIfMissing: false,
    watch: false,
    events,
    logger: createLogger('silent'),
  });
}

describe('filter engine', () => {
  it('swaps in a new table, and keeps the previous one when the new file is not valid', async () => {
    const file = path.join(dir, 'table.bin');
    table(file, ['old.example']);
    const events = new EventBus();
    const seen: string[] = [];
    events.on('filter.table_loaded', (e) => seen.push(`loaded ${e.names}`));
    events.on('filter.table_rejected', (e) => seen.push(`rejected ${e.reason}`));
    const e = engine(file, events);
    await e.start();
    const before = e.policy();
    expect(before.decide('old.example').action).toBe('block');

    writeFileSync(`${file}.tmp`, 'ECNFLT\r\n truncated');
    renameSync(`${file}.tmp`, file);
    expect(await e.reload()).toBe(false);
    expect(e.policy()).toBe(before);
    expect(e.policy().decide('www.old.example').action).toBe('block');

    table(file, ['new.example', 'other.example']);
    expect(await e.reload()).toBe(true);
    expect(e.policy().decide('new.example').action).toBe('block');
    expect(e.policy().decide('old.example').action).toBe('none');
    // The policy object a query already holds is never changed under it.
    expect(before.decide('old.example').action).toBe('block');
    expect(seen).toEqual(['loaded 1', 'rejected invalid', 'loaded 2']);
    await e.stop();
  });

  it('starts with the custom lists only when there is no table yet', async () => {
    const events = new EventBus();
    const seen: string[] = [];
    events.on('filter.table_rejected', (ev) => seen.push(ev.reason));
    const e = new FilterEngine({
      tableFile: path.join(dir, 'none.bin'),
      build: {
        sources: [],
        categories: [],
        allowCategories: [],
        tableFile: path.join(dir, 'none.bin'),
        workDir: dir,
      },
      allow: [],
      block: ['space-block.example'],
      buildIfMissing: false,
      watch: false,
      events,
      logger: createLogger('silent'),
    });
    await e.start();
    expect(seen).toEqual(['missing']);
    expect(e.policy().decide('a.space-block.example')).toEqual({ action: 'block', category: 'custom' });
    await e.stop();
  });
});
