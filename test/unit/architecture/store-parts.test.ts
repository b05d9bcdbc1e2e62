// The embedded and memory stores as parts of one concern each (issue #14): the store classes
// only compose their parts, the two stores' parts have the same names (their sizes are held with the
// rest of src/ by source-sizes.test.ts), and the released schema is byte for byte what it was, so that a database written
// by an earlier gateway is read by this one.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations';

const STORE = path.resolve(__dirname, '../../../src/store');
const parts = (dir: string) =>
  readdirSync(path.join(STORE, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();

/** sha256 (first 16 hex) of the SQL of migrations 1 to 9, as released before the split. */
const RELEASED = [
  '8a0a62993bfc13f0',
  '2e6375a31fcf9fa5',
  '9de7d6fca93483fd',
  'f8a549757951f646',
  '2a34e421bd8cf8f8',
  'bd99f10b93450ead',
  'dd495377e940c538',
  'b9949b3f3d876e57',
  '24273ad76124e628',
];

describe('the stores, part by part', () => {
  it('names the memory store parts as the embedded ones, so that the two read alike', () => {
    // The embedded store alone has migrations; the memory store alone reads its rows by hand.
    expect(parts('sqlite').filter((p) => p !== 'migrations')).toEqual(
      parts('memory').filter((p) => p !== 'rows'),
    );
    expect(parts('sqlite')).toEqual(expect.arrayContaining(['tickets', 'sessions', 'retention', 'day']));
  });

  it('leaves no SQL in the composing class: each statement is in the part of its tables', () => {
    const composition = readFileSync(path.join(STORE, 'sqlite-store.ts'), 'utf8');
    expect(composition).not.toMatch(/\b(INSERT INTO|UPDATE \w+ SET|DELETE FROM|FROM \w+ WHERE)\b/);
  });

  it('keeps the released migrations byte for byte (a database written before is read as it was)', () => {
    const sql = MIGRATIONS.slice(0, RELEASED.length).map((m) => (typeof m === 'string' ? m : m.sql));
    expect(sql.map((s) => createHash('sha256').update(s).digest('hex').slice(0, 16))).toEqual(RELEASED);
  });
});
