// The box's disk is full (issue #17, item 3): SQLite cannot grow its files, so a new login is
// refused with a page that says the box is full (not that the city's service does not answer),
// in the resident's language, and nothing is written; once there is room, the same code works.
// The store lives on a small tmpfs that the test fills (root: mount). Its write-ahead log is
// truncated first, as after a checkpoint, so the login's write must grow a file.

import request from 'supertest';
import type Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { portalFixture, type PortalFixture } from '../../helpers/portal';
import { CATALOGS } from '../../../src/portal/i18n';
import { LANGUAGES, type Language } from '../../../src/domain/charter';
import { escapeHtml as esc } from '../../helpers/http';

let f: PortalFixture | null = null;
let mnt: string | null = null;

beforeAll(() => {
  if (process.getuid?.() !== 0) {
    throw new Error('the full-disk test needs root (it mounts a small tmpfs); run scripts/test.sh as root');
  }
});

afterEach(async () => {
  await f?.close();
  f = null;
  if (mnt) {
    execFileSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
    mnt = null;
  }
});

/** Writes zeros to a file until the file system says it is full. */
function fill(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
}

async function login(app: PortalFixture['app'], code: string, lang: Language) {
  const agent = request.agent(app);
  const page = await agent.get(`/t/${code}?lang=${lang}`).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  return agent.post('/login').type('form').send({ _csrf: csrf, charter: 'yes', code });
}

describe('a full disk at login', () => {
  it.each(LANGUAGES)(
    'says the box is full (%s), writes nothing, and logs in once there is room',
    async (lang) => {
      mnt = mkdtempSync(path.join(os.tmpdir(), 'ecn-full-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt]);
      f = await portalFixture({}, { file: path.join(mnt, 'ecn.db') });
      const [code] = await f.tickets(1);
      const db = (f.store as unknown as { connection: { handle(): Database.Database } }).connection.handle();
      db.pragma('wal_checkpoint(TRUNCATE)');
      const filler = path.join(mnt, 'filler');
      fill(filler);
      const before = await f.snapshot();

      const res = await login(f.app, code!, lang);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('10');
      expect(res.text).toContain(esc(CATALOGS[lang]['storeFull.title']));
      expect(res.text).toContain(esc(CATALOGS[lang]['storeFull.text']));
      expect(res.text).not.toContain(esc(CATALOGS[lang]['outage.title']));
      expect(await f.snapshot()).toBe(before);

      rmSync(filler);
      const again = await login(f.app, code!, lang);
      expect(again.status).toBe(303);
      expect(again.headers.location).toMatch(/^\/status/);
    },
  );
});
