// The parts of src/ import each other in one direction (docs/architecture.md, "Parts and the
// direction of their imports"): no cycle between parts, and the documents part (charts, print
// layouts, tagged PDF, the monthly report) sits below the console and `ecn`, never above them.

import path from 'node:path';
import { packageImports, partCycles, partImports, partOf } from '../../helpers/part-imports';

const SRC = path.resolve(__dirname, '../../../src');
const imports = partImports(SRC);

/**
 * A cycle older than the documents part, between the configuration schema, the gateway
 * adapters and the services: left to the work on explicit runtime state (issue #14, item 5).
 * Parts may only leave it; no other part may join it or form another cycle.
 */
const OLDER_CYCLE = ['config', 'gateway', 'services'];

/** What documents may build on: pure rules, the catalogs, the statistics' counters. */
const DOCUMENTS_MAY_IMPORT = ['domain', 'i18n', 'stats'];

describe('imports between the parts of src/', () => {
  it('reads the import graph (the test would pass on nothing otherwise)', () => {
    expect(imports.some((i) => i.from === 'console' && i.to === 'documents')).toBe(true);
    expect(imports.some((i) => i.from === 'cli' && i.to === 'documents')).toBe(true);
    expect(partOf('console/i18n/charts.ts')).toBe('i18n');
    expect(partOf('main.ts')).toBe('main');
  });

  it('has no cycle between parts beyond the older one, which may only shrink', () => {
    for (const cycle of partCycles(imports)) {
      const outside = cycle.filter((p) => !OLDER_CYCLE.includes(p));
      // The imports that tie an outside part into the cycle, to say where to cut it.
      const through = imports
        .filter((i) => cycle.includes(i.from) && cycle.includes(i.to))
        .filter((i) => outside.includes(i.from) || outside.includes(i.to))
        .map((i) => `${i.from} → ${i.to}: ${i.file} imports ${i.specifier}`);
      expect([cycle, outside, through]).toEqual([cycle, [], []]);
    }
  });

  it('lets documents import only domain, i18n and stats, never the console', () => {
    const wrong = imports.filter((i) => i.from === 'documents' && !DOCUMENTS_MAY_IMPORT.includes(i.to));
    expect(wrong).toEqual([]);
  });

  it('keeps the web frameworks out of documents: they render, the web apps serve', () => {
    const packages = packageImports(SRC, 'documents');
    expect(packages.map((p) => p.specifier)).toContain('pdfkit');
    expect(packages.filter((p) => /^(express|ejs|helmet)(\/|$)/.test(p.specifier))).toEqual([]);
  });

  it('has nothing below documents import them: only the console, ecn and the entry points do', () => {
    const users = [...new Set(imports.filter((i) => i.to === 'documents').map((i) => i.from))].sort();
    expect(users.filter((p) => !['cli', 'console', 'control', 'main'].includes(p))).toEqual([]);
  });
});
