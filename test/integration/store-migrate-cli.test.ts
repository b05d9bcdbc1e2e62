// `ecn store migrate`, which the Debian package's postinst runs on upgrade with the service
// stopped (issue #16, item 1): an older store is brought to this gateway's schema, and a store from a newer gateway is refused and left as it was.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from '../../src/store/sqlite/migrations';
import { SqliteStore } from '../../src/store/sqlite-store';
import { issueTickets } from '../../src/services/issue-tickets';
import { makeDeps } from '../helpers/fakes';
import { ecn, tempSetup } from '../helpers/processes';

jest.setTimeout(60_000);

const LATEST = MIGRATIONS.length;

/** A store file at schema `version`, as an older gateway left it (its migrations only). */
function olderStore(file: string, version: number): void {
  const db = new Database(file);
  try {
    for (const m of MIGRATIONS.slice(0, version)) {
      if (typeof m === 'string') db.exec(m);
      else {
        db.exec(m.sql);
        m.backfill(db, { spaceId: 'roubaix-test' });
      }
    }
    db.pragma(`user_version = ${version}`);
  } finally {
    db.close();
  }
}

function schemaOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('ecn store migrate', () => {
  it('creates a missing store, then says it is up to date', async () => {
    const { dir, config } = tempSetup();
    const file = path.join(dir, 'data', 'ecn.db');
    const first = await ecn(config, ['store', 'migrate']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(`Store created at schema ${LATEST}: ${file}\n`);
    const again = await ecn(config, ['store', 'migrate']);
    expect(again.stdout).toBe(`Store up to date at schema ${LATEST}: ${file}\n`);
  });

  it("brings a store left by an older gateway to this gateway's schema", async () => {
    const { dir, config } = tempSetup();
    const file = path.join(dir, 'data', 'ecn.db');
    mkdirSync(path.dirname(file));
    olderStore(file, LATEST - 1);
    const r = await ecn(config, ['store', 'migrate']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`Store migrated from schema ${LATEST - 1} to ${LATEST}: ${file}\n`);
    expect(schemaOf(file)).toBe(LATEST);
  });

  it('refuses a store from a newer gateway and leaves it untouched', async () => {
    const { dir, config } = tempSetup();
    const file = path.join(dir, 'data', 'ecn.db');
    const store = new SqliteStore({ file, spaceId: 'roubaix-test' });
    await store.start();
    const issued = await issueTickets(makeDeps(store), { profile: '1h', count: 1, createdBy: 'test' });
    await store.stop();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST + 1}`);
    db.close();
    const r = await ecn(config, ['store', 'migrate']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('ECN_ERR_STORE_SCHEMA_TOO_NEW');
    expect(schemaOf(file)).toBe(LATEST + 1);
    const check = new Database(file, { readonly: true });
    const count = check.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number };
    check.close();
    expect(count.n).toBe(issued.tickets.length);
  });
});
