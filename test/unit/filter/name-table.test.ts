import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SuffixFingerprints } from '../../../src/filter/fingerprint';
import { ALLOW_BIT, NameTable, NameTableBuilder } from '../../../src/filter/name-table';
import { customTable, FilterPolicy } from '../../../src/filter/policy';
import {
  decodeTable,
  readTableFile,
  TableFileError,
  writeTableFile,
  type TableMeta,
} from '../../../src/filter/table-file';

const meta: TableMeta = {
  builtAt: '2026-11-28T00:00:00.000Z',
  categories: [
    { name: 'adult', role: 'block' },
    { name: 'malware', role: 'block' },
    { name: 'jobsearch', role: 'allow' },
  ],
  sources: [],
};

function policy(entries: [string, number][], allow: string[] = [], block: string[] = []): FilterPolicy {
  const b = new NameTableBuilder();
  for (const [n, w] of entries) b.add(n, w);
  return new FilterPolicy(b.compile(), meta, customTable(allow, block).table);
}

describe('suffix fingerprints', () => {
  it('gives the name and each parent, most specific first, matching the whole-name fingerprint', () => {
    const f = new SuffixFingerprints();
    expect(f.compute('a.b.example.com')).toBe(4);
    const g = new SuffixFingerprints();
    ['a.b.example.com', 'b.example.com', 'example.com', 'com'].forEach((n, i) => {
      g.compute(n);
      expect([f.hi[i], f.lo[i]]).toEqual([g.hi[0], g.lo[0]]);
    });
  });
});

describe('compiled table', () => {
  it('finds every name added among 50 000 and none of 50 000 others', () => {
    const b = new NameTableBuilder();
    const names = Array.from({ length: 50_000 }, (_, i) => `site-${i}.example${i % 7}.test`);
    names.forEach((n, i) => b.add(n, 1 << (i % 3)));
    const t = b.compile();
    expect(t.count).toBe(50_000);
    const f = new SuffixFingerprints();
    names.forEach((n, i) => {
      f.compute(n);
      expect(t.lookup(f.hi[0]!, f.lo[0]!)).toBe(1 << (i % 3));
    });
    for (let i = 0; i < 50_000; i++) {
      f.compute(`other-${i}.example.test`);
      expect(t.lookup(f.hi[0]!, f.lo[0]!)).toBe(-1);
    }
    // About 10 bytes a name plus a fixed 256 KiB index: compact, not a Set of strings.
    expect(t.byteSize).toBeLessThan(50_000 * 10 + 300_000);
  });

  it('merges a name listed in several categories into one entry with both bits', () => {
    const b = new NameTableBuilder();
    b.add('both.example', 1);
    b.add('both.example', 2);
    const t = b.compile();
    expect(t.count).toBe(1);
    const f = new SuffixFingerprints();
    f.compute('both.example');
    expect(t.lookup(f.hi[0]!, f.lo[0]!)).toBe(3);
  });
});

describe('filter policy', () => {
  it('blocks a listed name and all its subdomains, not its parent or look-alikes', () => {
    const p = policy([['porn.example', 1]]);
    expect(p.decide('porn.example')).toEqual({ action: 'block', category: 'adult' });
    expect(p.decide('www.cdn.porn.example')).toEqual({ action: 'block', category: 'adult' });
    expect(p.decide('example')).toEqual({ action: 'none' });
    expect(p.decide('notporn.example')).toEqual({ action: 'none' });
    expect(p.decide('porn.example.org')).toEqual({ action: 'none' });
  });

  it('lets the most specific entry decide', () => {
    const p = policy([
      ['example.org', 1],
      ['jobs.example.org', ALLOW_BIT | 4],
      ['bad.jobs.example.org', 2],
    ]);
    expect(p.decide('www.example.org').action).toBe('block');
    expect(p.decide('jobs.example.org')).toEqual({ action: 'allow', category: null });
    expect(p.decide('www.jobs.example.org').action).toBe('allow');
    expect(p.decide('x.bad.jobs.example.org')).toEqual({ action: 'block', category: 'malware' });
  });

  it('lets allow win over block at the same name', () => {
    const p = policy([
      ['mixed.example', 1],
      ['mixed.example', ALLOW_BIT | 4],
    ]);
    expect(p.decide('mixed.example').action).toBe('allow');
  });

  it("lets the space's own allow list win over every category, even a more specific one", () => {
    const p = policy([['cdn.wiki.example', 1]], ['wiki.example'], ['ads.wiki.example']);
    expect(p.decide('cdn.wiki.example')).toEqual({ action: 'allow', category: 'custom' });
    // ... while its own block list, more specific, still blocks.
    expect(p.decide('x.ads.wiki.example')).toEqual({ action: 'block', category: 'custom' });
    expect(p.decide('ads.other.example')).toEqual({ action: 'none' });
  });

  it('reports the first configured category when a name is in several', () => {
    const p = policy([['both.example', 1 | 2]]);
    expect(p.decide('both.example')).toEqual({ action: 'block', category: 'adult' });
  });

  it('matches custom entries given in Unicode against the IDNA form of queries', () => {
    const p = policy([], [], ['élève.fr']);
    expect(p.decide('xn--lve-6lad.fr').action).toBe('block');
    expect(customTable([], ['not a name', 'ok.fr']).bad).toEqual(['not a name']);
  });
});

describe('table file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-table-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function sample(): NameTable {
    const b = new NameTableBuilder();
    for (let i = 0; i < 5000; i++) b.add(`n${i}.example`, i % 2 ? 1 : ALLOW_BIT | 4);
    return b.compile();
  }

  it('round-trips: the loaded table answers like the built one', () => {
    const file = path.join(dir, 'table.bin');
    const t = sample();
    writeTableFile(file, t, meta);
    const loaded = readTableFile(file);
    expect(loaded.meta).toEqual(meta);
    expect(loaded.table.count).toBe(5000);
    const f = new SuffixFingerprints();
    for (let i = 0; i < 5000; i++) {
      f.compute(`n${i}.example`);
      expect(loaded.table.lookup(f.hi[0]!, f.lo[0]!)).toBe(t.lookup(f.hi[0]!, f.lo[0]!));
    }
  });

  it('refuses a truncated file, a flipped bit, a wrong magic and another version', () => {
    const file = path.join(dir, 'table.bin');
    writeTableFile(file, sample(), meta);
    const good = readFileSync(file);
    expect(() => decodeTable(good.subarray(0, good.length - 1))).toThrow(/truncated/);
    expect(() => decodeTable(good.subarray(0, 40))).toThrow(TableFileError);
    const flipped = Buffer.from(good);
    flipped[good.length - 100]! ^= 1;
    expect(() => decodeTable(flipped)).toThrow(/checksum/);
    const magic = Buffer.from(good);
    magic[0] = 0x58;
    expect(() => decodeTable(magic)).toThrow(/magic/);
    const version = Buffer.from(good);
    version.writeUInt32LE(99, 8);
    expect(() => decodeTable(version)).toThrow(/version/);
    writeFileSync(file, 'garbage');
    expect(() => readTableFile(file)).toThrow(TableFileError);
  });
});
