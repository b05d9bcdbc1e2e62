// The console's part of the Store port (accounts, console sessions, audit trail, settings),
// run against the embedded store and a real redis-server: behaviour must be identical.

import Database from 'better-sqlite3';
import type { Store } from '../../src/domain/ports';
import type { AuditEntry, ConsoleSession, ConsoleUser } from '../../src/domain/console';
import { SqliteStore } from '../../src/store/sqlite-store';
import { adapters, tmp } from '../helpers/store-adapters';
import { consoleHousekeeping } from '../../src/console/housekeeping';
import path from 'node:path';
import { waitFor } from '../helpers/wait-for';

const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);

function user(username: string, over: Partial<ConsoleUser> = {}): ConsoleUser {
  return {
    username,
    role: 'animator',
    spaces: ['roubaix-test'],
    passwordHash: 'scrypt$x',
    createdAt: T0,
    createdBy: 'ecn',
    disabledAt: null,
    sessionEpoch: 0,
    version: 0,
    ...over,
  };
}

function consoleSession(id: string, over: Partial<ConsoleSession> = {}): ConsoleSession {
  return {
    id,
    username: 'alice',
    epoch: 0,
    csrf: 'token',
    createdAt: T0,
    lastSeenAt: T0,
    expiresAt: T0 + 3600_000,
    version: 0,
    ...over,
  };
}

function audit(id: string, at: number, action: AuditEntry['action'] = 'tickets.issued'): AuditEntry {
  return { id, at, actor: 'alice', action, target: 'batch-1', details: { count: 12, profile: '1h' } };
}

describe.each(adapters)('Console store contract: $name', (adapter) => {
  let store: Store;

  beforeEach(async () => {
    ({ store } = await adapter.make());
    await store.start();
  });
  afterEach(async () => {
    await store.stop();
  });

  it('creates an account once; a second one with the same name is refused and changes nothing', async () => {
    expect(await store.createUser(user('alice', { role: 'manager' }))).toBe(true);
    expect(await store.createUser(user('alice', { role: 'animator', passwordHash: 'other' }))).toBe(false);
    expect(await store.getUser('alice')).toMatchObject({ role: 'manager', passwordHash: 'scrypt$x' });
    expect(await store.getUser('nobody')).toBeNull();
  });

  it('lists accounts by name and updates one with a version bump', async () => {
    await store.createUser(user('zoe'));
    await store.createUser(user('bob'));
    expect((await store.listUsers()).map((u) => u.username)).toEqual(['bob', 'zoe']);
    const next = await store.updateUser('bob', (u) => ({ ...u, disabledAt: T0 + 1, sessionEpoch: 1 }));
    expect(next).toMatchObject({ disabledAt: T0 + 1, sessionEpoch: 1, version: 1 });
    expect(await store.getUser('bob')).toEqual(next);
    expect(await store.updateUser('nobody', (u) => u)).toBeNull();
  });

  it('keeps a change that throws from writing anything', async () => {
    await store.createUser(user('alice'));
    await expect(
      store.updateUser('alice', () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await store.getUser('alice')).toMatchObject({ version: 0 });
  });

  it('keeps console sessions: create, touch, delete', async () => {
    await store.createConsoleSession(consoleSession('s1'));
    const touched = await store.updateConsoleSession('s1', (s) => ({ ...s, lastSeenAt: T0 + 60_000 }));
    expect(touched).toMatchObject({ lastSeenAt: T0 + 60_000, version: 1 });
    expect(await store.getConsoleSession('s1')).toEqual(touched);
    await store.deleteConsoleSession('s1');
    expect(await store.getConsoleSession('s1')).toBeNull();
    expect(await store.updateConsoleSession('s1', (s) => s)).toBeNull();
  });

  it('drops expired console sessions (purge or expiry) and keeps live ones', async () => {
    const now = Date.now();
    await store.createConsoleSession(consoleSession('old', { expiresAt: now - 10_000 }));
    await store.createConsoleSession(consoleSession('live', { expiresAt: now + 3600_000 }));
    await store.purgeConsoleSessions(now);
    // Redis forgets expired keys by itself (within a second); SQLite purges them.
    await waitFor(async () => (await store.getConsoleSession('old')) === null, {
      what: 'the expired console session gone',
      timeout: 5000,
    });
    expect(await store.getConsoleSession('live')).not.toBeNull();
  });

  it('appends to the audit trail and lists it newest first, by page and by action', async () => {
    for (let i = 0; i < 5; i++) await store.appendAudit(audit(`a${i}`, T0 + i * 1000));
    await store.appendAudit(audit('r', T0 + 10_000, 'tickets.revoked'));
    expect((await store.listAudit({ limit: 3 })).map((e) => e.id)).toEqual(['r', 'a4', 'a3']);
    expect((await store.listAudit({ limit: 10, before: T0 + 3000 })).map((e) => e.id)).toEqual([
      'a2',
      'a1',
      'a0',
    ]);
    expect((await store.listAudit({ limit: 10, action: 'tickets.revoked' })).map((e) => e.id)).toEqual(['r']);
    // The store stamps the entry with its own space (issue #13).
    expect((await store.listAudit({ limit: 1 }))[0]).toEqual({
      ...audit('r', T0 + 10_000, 'tickets.revoked'),
      spaceId: 'roubaix-demo',
    });
  });

  it("keeps each space's audit trail apart on one pool, and purges each", async () => {
    const [a, b] = await adapter.spaces('roubaix-a', 'roubaix-b');
    await a.start();
    await b.start();
    try {
      const now = Date.now();
      await a.appendAudit(audit('in-a', now - 1000));
      await b.appendAudit(audit('in-b', now - 500));
      await b.appendAudit(audit('old-b', now - 400 * 86_400_000));
      expect((await a.listAudit({ limit: 10 })).map((e) => [e.id, e.spaceId])).toEqual([
        ['in-a', 'roubaix-a'],
      ]);
      expect((await b.listAudit({ limit: 10 })).map((e) => e.id)).toEqual(['in-b', 'old-b']);
      expect(await b.listAudit({ limit: 10, action: 'tickets.revoked' })).toEqual([]);
      expect(await b.purgeAudit(now - 365 * 86_400_000)).toBe(1);
      expect((await b.listAudit({ limit: 10 })).map((e) => e.id)).toEqual(['in-b']);
      expect((await a.listAudit({ limit: 10 })).map((e) => e.id)).toEqual(['in-a']);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('purges audit entries past the retention, and only those', async () => {
    const now = Date.now();
    await store.appendAudit(audit('old', now - 400 * 86_400_000));
    await store.appendAudit(audit('recent', now - 10 * 86_400_000));
    expect(await store.purgeAudit(now - 365 * 86_400_000)).toBe(1);
    expect((await store.listAudit({ limit: 10 })).map((e) => e.id)).toEqual(['recent']);
  });

  it('refuses an audit entry that does not match its schema', async () => {
    await expect(store.appendAudit({ ...audit('x', T0), action: 'hacked' as never })).rejects.toThrow();
    expect(await store.listAudit({ limit: 10 })).toEqual([]);
  });

  it('keeps the settings: none at first, then replaced atomically with a version', async () => {
    expect(await store.getSettings()).toBeNull();
    const first = await store.updateSettings((cur) => ({
      ...(cur ?? {}),
      space: { name: 'Centre social Pile', colors: { primary: '#1f4e79', accent: '#b03a2e' } },
      updatedAt: T0,
      updatedBy: 'alice',
      version: 0,
    }));
    expect(first.version).toBe(1);
    const second = await store.updateSettings((cur) => ({
      ...cur!,
      wifi: { ssid: 'ECN-Pile', security: 'WPA', password: 'secret; yes' },
      updatedAt: T0 + 1,
      updatedBy: 'bob',
    }));
    expect(second).toMatchObject({
      version: 2,
      space: { name: 'Centre social Pile' },
      wifi: { ssid: 'ECN-Pile' },
    });
    expect(await store.getSettings()).toEqual(second);
  });

  it('keeps the useful links in order, and refuses a link that is not https (issue #15, item 8)', async () => {
    const links = [
      { label: 'Vos démarches', url: 'https://www.service-public.fr/' },
      { label: 'Offres d’emploi', url: 'https://candidat.francetravail.fr/' },
    ];
    const saved = await store.updateSettings((cur) => ({
      ...(cur ?? { updatedAt: T0, updatedBy: 'alice', version: 0 }),
      links,
    }));
    expect((await store.getSettings())?.links).toEqual(links);
    await expect(
      store.updateSettings((cur) => ({
        ...cur!,
        links: [{ label: 'Script', url: 'javascript:alert(1)' }],
      })),
    ).rejects.toThrow();
    expect(await store.getSettings()).toEqual(saved);
  });

  it('applies 20 concurrent settings changes without losing one', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.updateSettings((cur) => ({
          ...(cur ?? { updatedAt: T0, updatedBy: 'x', version: 0 }),
          profiles: [
            ...(cur?.profiles ?? []),
            {
              name: `p${i}`,
              label: `P ${i}`,
              isDefault: false,
              durationSeconds: 3600,
              validFrom: null,
              validUntil: null,
              quotaBytes: null,
              bandwidthUpBps: null,
              bandwidthDownBps: null,
              maxDevices: 1,
              idleTimeoutSeconds: null,
            },
          ],
        })),
      ),
    );
    const s = await store.getSettings();
    expect(s?.profiles).toHaveLength(20);
    expect(s?.version).toBe(20);
  });
});

describe('Console housekeeping', () => {
  it('drops ended console sessions and audit entries past the retention', async () => {
    const store = new SqliteStore({ file: path.join(tmp, 'housekeeping.db'), spaceId: 'roubaix-demo' });
    await store.start();
    const now = Date.now();
    await store.createConsoleSession(consoleSession('ended', { expiresAt: now - 1000 }));
    await store.createConsoleSession(consoleSession('live', { expiresAt: now + 3600_000 }));
    await store.appendAudit(audit('old', now - 400 * 86_400_000));
    await store.appendAudit(audit('kept', now - 100 * 86_400_000));
    const r = await consoleHousekeeping({ store, clock: { now: () => now } }, 365);
    expect(r).toEqual({ sessions: 1, auditEntries: 1 });
    expect(await store.getConsoleSession('ended')).toBeNull();
    expect(await store.getConsoleSession('live')).not.toBeNull();
    expect((await store.listAudit({ limit: 10 })).map((e) => e.id)).toEqual(['kept']);
    // Whatever is asked, the embedded store keeps the last 90 days (and then removes nothing).
    await store.appendAudit(audit('recent', now - 10 * 86_400_000));
    await expect(store.purgeAudit(now)).rejects.toMatchObject({ code: 'ECN_ERR_STORE_UNAVAILABLE' });
    expect((await store.listAudit({ limit: 10 })).map((e) => e.id)).toEqual(['recent', 'kept']);
    await store.stop();
  });
});

describe('Embedded audit trail', () => {
  it('cannot be changed or deleted, even with SQL on the file', async () => {
    const file = path.join(tmp, 'audit.db');
    const store = new SqliteStore({ file, spaceId: 'roubaix-demo' });
    await store.start();
    await store.appendAudit(audit('a', T0));
    await store.stop();
    const db = new Database(file);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit SET data = 'x'").run()).toThrow(/append-only/);
    db.close();
  });
});
