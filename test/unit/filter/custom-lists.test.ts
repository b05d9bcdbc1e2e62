// The own lists file the console writes and the DNS process reads: round trip, atomic
// replacement, and a bad file ignored (logged) with the lists in force kept.

import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { EventBus } from '../../../src/domain/events';
import {
  CustomListsError,
  customListsFile,
  readCustomLists,
  syncCustomLists,
  writeCustomLists,
} from '../../../src/filter/custom-lists';
import { FilterEngine } from '../../../src/filter/filter-engine';
import { createLogger } from '../../../src/log';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-custom-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('custom lists file', () => {
  it('sits beside the table and reads back what was written, readable by the DNS process', () => {
    const file = customListsFile(path.join(dir, 'filter', 'table.bin'));
    expect(file).toBe(path.join(dir, 'filter', 'custom.json'));
    expect(readCustomLists(file)).toBeNull();
    writeCustomLists(file, { allow: ['caf.fr'], block: ['blocked.example', 'xn--cole-jeux-93a.fr'] });
    expect(readCustomLists(file)).toEqual({
      allow: ['caf.fr'],
      block: ['blocked.example', 'xn--cole-jeux-93a.fr'],
    });
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });

  it('replaces the file whole, leaving no temporary file behind', () => {
    const file = path.join(dir, 'custom.json');
    writeCustomLists(file, { allow: [], block: ['a.example'] });
    const inode = statSync(file).ino;
    writeCustomLists(file, { allow: [], block: ['b.example'] });
    expect(statSync(file).ino).not.toBe(inode); // a rename, not a rewrite in place
    expect(readCustomLists(file)).toEqual({ allow: [], block: ['b.example'] });
    expect(readdirSync(dir)).toEqual(['custom.json']);
  });

  it.each([
    ['not JSON', '{"allow": ['],
    ['the wrong shape', '{"allow": "a.example", "block": []}'],
    ['no lists', 'null'],
  ])('refuses a file that is %s', (_what, text) => {
    const file = path.join(dir, 'custom.json');
    writeFileSync(file, text);
    expect(() => readCustomLists(file)).toThrow(CustomListsError);
  });
});

describe('the filter engine with a custom lists file', () => {
  function engine(logs: string[]) {
    const tableFile = path.join(dir, 'table.bin');
    const sink = new Writable({
      write(chunk, _enc, cb) {
        logs.push(String(chunk));
        cb();
      },
    });
    return new FilterEngine({
      tableFile,
      customFile: customListsFile(tableFile),
      build: { sources: [], categories: [], allowCategories: [], tableFile, workDir: dir },
      allow: [],
      block: ['from-config.example'],
      buildIfMissing: false,
      watch: false,
      events: new EventBus(),
      logger: createLogger('info', sink),
    });
  }

  it('uses the configuration lists without the file, the file once written, and keeps them on a bad file', () => {
    const logs: string[] = [];
    const file = path.join(dir, 'custom.json');
    const e = engine(logs);
    expect(existsSync(file)).toBe(false);
    expect(e.policy().decide('from-config.example').action).toBe('block');

    writeCustomLists(file, { allow: ['ok.blocked.example'], block: ['blocked.example'] });
    expect(e.reloadCustom()).toBe(true);
    expect(e.policy().decide('www.blocked.example')).toEqual({ action: 'block', category: 'custom' });
    expect(e.policy().decide('ok.blocked.example').action).toBe('allow');
    expect(e.policy().decide('from-config.example').action).toBe('none');

    writeFileSync(file, 'garbage');
    logs.length = 0;
    expect(e.reloadCustom()).toBe(false);
    expect(e.policy().decide('blocked.example').action).toBe('block');
    expect(logs.join('')).toContain('own lists file not usable; keeping the lists in force');

    rmSync(file);
    expect(e.reloadCustom()).toBe(true);
    expect(e.policy().decide('blocked.example').action).toBe('none');
    expect(e.policy().decide('from-config.example').action).toBe('block');
  });

  it('reads the file at start', () => {
    writeCustomLists(path.join(dir, 'custom.json'), { allow: [], block: ['at-start.example'] });
    expect(engine([]).policy().decide('at-start.example').action).toBe('block');
  });

  it('is brought in line with the stored lists at start, and left alone when nothing is stored', () => {
    const file = path.join(dir, 'custom.json');
    expect(syncCustomLists(file, undefined)).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect(syncCustomLists(file, { allow: [], block: ['stored.example'] })).toBe(true);
    expect(readCustomLists(file)).toEqual({ allow: [], block: ['stored.example'] });
    expect(syncCustomLists(file, { allow: [], block: ['stored.example'] })).toBe(false);
    writeFileSync(file, 'garbage');
    expect(syncCustomLists(file, { allow: ['a.example'], block: [] })).toBe(true);
    expect(readCustomLists(file)).toEqual({ allow: ['a.example'], block: [] });
  });
});
