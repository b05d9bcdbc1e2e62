// The one error registry, declared by area (issue #14): each `ECN_ERR_*` code is declared in
// exactly one area module of src/domain/errors/, the registry composes them all and nothing else
// (but the catch-all), each area reads as one block of docs/errors.md.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES, EcnError, type ErrorCode, type ErrorSpec } from '../../../src/domain/errors';

const DOMAIN = path.resolve(__dirname, '../../../src/domain');
const AREA_DIR = path.join(DOMAIN, 'errors');

/** Each area module's exported tables of codes, by file name. */
function areas(): Map<string, Record<string, ErrorSpec>> {
  const out = new Map<string, Record<string, ErrorSpec>>();
  for (const file of readdirSync(AREA_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const exported = require(path.join(AREA_DIR, file)) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
        if (Object.keys(value).every((k) => k.startsWith('ECN_ERR_')))
          out.set(file, value as Record<string, ErrorSpec>);
      }
    }
  }
  return out;
}

const CATCH_ALL = 'ECN_ERR_INTERNAL';

describe('the error registry, declared by area', () => {
  const byArea = areas();
  const registry = Object.keys(ERROR_CODES);

  it('has areas, each a file of src/domain/errors/ declaring its codes', () => {
    expect(byArea.size).toBeGreaterThanOrEqual(10);
    for (const [file, codes] of byArea) expect([file, Object.keys(codes).length > 0]).toEqual([file, true]);
    expect(registry.length).toBeGreaterThan(90);
  });

  it('declares every code of the registry in exactly one area (the catch-all apart)', () => {
    const declaredIn = new Map<string, string[]>();
    for (const [file, codes] of byArea)
      for (const code of Object.keys(codes)) declaredIn.set(code, [...(declaredIn.get(code) ?? []), file]);
    const twice = [...declaredIn].filter(([, files]) => files.length > 1);
    expect(twice).toEqual([]);
    const nowhere = registry.filter((code) => code !== CATCH_ALL && !declaredIn.has(code));
    expect(nowhere).toEqual([]);
    const unregistered = [...declaredIn.keys()].filter((code) => !(code in ERROR_CODES));
    expect(unregistered).toEqual([]);
    expect(declaredIn.has(CATCH_ALL)).toBe(false);
    expect(registry).toContain(CATCH_ALL);
  });

  it("gives each code the area's own descriptor, and lists an area's codes together", () => {
    for (const [file, codes] of byArea) {
      const names = Object.keys(codes);
      for (const code of names) expect([file, ERROR_CODES[code as ErrorCode]]).toEqual([file, codes[code]]);
      const first = registry.indexOf(names[0]!);
      expect([file, registry.slice(first, first + names.length)]).toEqual([file, names]);
    }
  });

  it('keeps the codes a closed set: a typed error takes its status and exposure from its code', () => {
    const err = new EcnError('ECN_ERR_STORE_FULL', 'full');
    expect([err.status, err.expose]).toEqual([503, true]);
    // @ts-expect-error: a code that is not declared is not an ErrorCode (the type check fails).
    const unknown: ErrorCode = 'ECN_ERR_NOT_DECLARED';
    expect(unknown in ERROR_CODES).toBe(false);
  });
});
