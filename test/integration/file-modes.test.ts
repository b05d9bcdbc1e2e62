// The data folder and every data file are private to the service's user (0700 / 0600), even
// in a folder that already exists as 0755 (the Docker image makes one) and under a permissive
// umask: the store holds ticket codes and password hashes, the journal connection records.

import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ecn, startService, tempSetup } from '../helpers/processes';

jest.setTimeout(60_000);

/** Runs `fn` with the process umask set to `mask`; the children it spawns inherit it. */
async function withUmask<T>(mask: number, fn: () => Promise<T>): Promise<T> {
  const before = process.umask(mask);
  try {
    return await fn();
  } finally {
    process.umask(before);
  }
}

function mode(file: string): string {
  return (statSync(file).mode & 0o777).toString(8).padStart(4, '0');
}

/** A data folder made beforehand, world-readable, as `mkdir -p /var/lib/ecn` in a Dockerfile. */
function openFolder(dir: string): string {
  const data = path.join(dir, 'data');
  mkdirSync(data, { mode: 0o755 });
  chmodSync(data, 0o755);
  expect(mode(data)).toBe('0755');
  return data;
}

describe.each([0o022, 0o000])('under umask %o', (mask) => {
  it('the service makes its folder 0700 and every file it writes 0600', async () => {
    const { dir, config } = tempSetup();
    const data = openFolder(dir);
    const svc = await withUmask(mask, () => startService(config));
    try {
      // A write through the service's store, so the WAL files exist.
      const created = await withUmask(mask, () => ecn(config, ['tickets', 'create', '--count', '2']));
      expect(created.status).toBe(0);
      const files = readdirSync(data).filter((f) => statSync(path.join(data, f)).isFile());
      for (const expected of [
        'ecn.db',
        'ecn.db-wal',
        'ecn.db-shm',
        'journal.db',
        'journal.key',
        'stats.db',
      ]) {
        expect(files).toContain(expected);
      }
      for (const f of files.filter((f) => /\.db(-wal|-shm)?$|\.key$/.test(f))) {
        expect([f, mode(path.join(data, f))]).toEqual([f, '0600']);
      }
      expect(mode(data)).toBe('0700');
    } finally {
      svc.child.kill('SIGTERM');
      await svc.exited;
    }
  });

  it('the `ecn` command alone does the same, and tightens files an older version left open', async () => {
    const { dir, config } = tempSetup();
    const data = openFolder(dir);
    // An empty file is an empty SQLite database; 0644 as the umask used to leave it.
    writeFileSync(path.join(data, 'ecn.db'), '', { mode: 0o644 });
    chmodSync(path.join(data, 'ecn.db'), 0o644);
    const r = await withUmask(mask, () => ecn(config, ['tickets', 'create', '--count', '1']));
    expect(r.status).toBe(0);
    expect(mode(data)).toBe('0700');
    expect(mode(path.join(data, 'ecn.db'))).toBe('0600');
    for (const side of ['ecn.db-wal', 'ecn.db-shm']) {
      if (readdirSync(data).includes(side)) expect(mode(path.join(data, side))).toBe('0600');
    }
  });
  it('`ecn journal` makes the journal 0600 and tightens a journal key left 0644', async () => {
    const { dir, config } = tempSetup();
    const data = openFolder(dir);
    const key = path.join(data, 'journal.key');
    writeFileSync(key, randomBytes(32).toString('base64') + '\n', { mode: 0o644 });
    chmodSync(key, 0o644);
    const r = await withUmask(mask, () => ecn(config, ['journal', 'verify']));
    expect(r.status).toBe(0);
    expect(mode(data)).toBe('0700');
    expect(mode(key)).toBe('0600');
    expect(mode(path.join(data, 'journal.db'))).toBe('0600');
  });
});
