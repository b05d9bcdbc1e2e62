// The store adapters the contract suites run against: the embedded SQLite store on a fresh
// file, a real redis-server (started by the global setup) under a fresh key prefix, and the
// in-memory store that use-case tests use (so it must keep the same contract).

import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import Database from 'better-sqlite3';
import type { Store } from '../../src/domain/ports';
import { SqliteStore } from '../../src/store/sqlite-store';
import { RedisStore } from '../../src/store/redis-store';
import { MemoryData, MemoryStore } from '../../src/store/memory-store';

export interface Adapter {
  name: string;
  make(): Promise<{
    store: Store;
    corrupt(ticketId: string): Promise<void>;
    /** Rewrites a stored ticket's JSON as it is, under the store's feet (a record from older code). */
    rewrite(
      ticketId: string,
      edit: (data: Record<string, unknown>) => Record<string, unknown>,
    ): Promise<void>;
  }>;
  /**
   * Two stores on the same data, one per space (issue #13): two boxes on one Redis pool; for the
   * embedded store, two adapters on one file (an embedded store is one box's, so this only
   * shows that its reads are scoped by construction too).
   */
  spaces(a: string, b: string): Promise<[Store, Store]>;
}

export const tmp = mkdtempSync(path.join(os.tmpdir(), 'ecn-contract-'));

export const adapters: Adapter[] = [
  {
    name: 'embedded (SQLite)',
    async make() {
      const file = path.join(tmp, `${randomBytes(6).toString('hex')}.db`);
      const store = new SqliteStore({ file, spaceId: 'roubaix-demo' });
      return {
        store,
        async corrupt(ticketId) {
          const db = new Database(file);
          db.prepare("UPDATE tickets SET data = json_set(data, '$.bytesUsed', -5) WHERE id = ?").run(
            ticketId,
          );
          db.close();
        },
        async rewrite(ticketId, edit) {
          const db = new Database(file);
          const row = db.prepare('SELECT data FROM tickets WHERE id = ?').get(ticketId) as { data: string };
          db.prepare('UPDATE tickets SET data = ? WHERE id = ?').run(
            JSON.stringify(edit(JSON.parse(row.data))),
            ticketId,
          );
          db.close();
        },
      };
    },
    async spaces(a, b) {
      const file = path.join(tmp, `${randomBytes(6).toString('hex')}.db`);
      return [new SqliteStore({ file, spaceId: a }), new SqliteStore({ file, spaceId: b })];
    },
  },
  {
    name: 'redis',
    async make() {
      const url = process.env.ECN_TEST_REDIS_URL;
      if (!url) throw new Error('ECN_TEST_REDIS_URL is not set: the global setup did not start redis-server');
      const keyPrefix = `t${randomBytes(4).toString('hex')}:`;
      const store = new RedisStore({ url, keyPrefix, spaceId: 'roubaix-demo' });
      return {
        store,
        async corrupt(ticketId) {
          const r = new Redis(url);
          await r.hset(`${keyPrefix}ticket:${ticketId}`, 'data', '{"id": 42}');
          await r.quit();
        },
        async rewrite(ticketId, edit) {
          const r = new Redis(url);
          const key = `${keyPrefix}ticket:${ticketId}`;
          await r.hset(key, 'data', JSON.stringify(edit(JSON.parse((await r.hget(key, 'data'))!))));
          await r.quit();
        },
      };
    },
    async spaces(a, b) {
      const url = process.env.ECN_TEST_REDIS_URL!;
      const keyPrefix = `s${randomBytes(4).toString('hex')}:`;
      return [new RedisStore({ url, keyPrefix, spaceId: a }), new RedisStore({ url, keyPrefix, spaceId: b })];
    },
  },
  {
    name: 'memory',
    async make() {
      const data = new MemoryData();
      return {
        store: new MemoryStore('roubaix-demo', data),
        async corrupt(ticketId) {
          const row = data.tickets.rows.get(ticketId)!;
          data.corruptTicket(ticketId, JSON.stringify({ ...JSON.parse(row.data), bytesUsed: -5 }));
        },
        async rewrite(ticketId, edit) {
          const row = data.tickets.rows.get(ticketId)!;
          data.corruptTicket(ticketId, JSON.stringify(edit(JSON.parse(row.data))));
        },
      };
    },
    async spaces(a, b) {
      const data = new MemoryData();
      return [new MemoryStore(a, data), new MemoryStore(b, data)];
    },
  },
];
