// The Redis store keeps its format across the split into src/store/redis/ (issue #14): a box's
// data survives the upgrade. The fixture is what the store before the split wrote for the
// scenario in test/helpers/redis-format.ts (every key under the prefix, as Redis held it).

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { RedisStore } from '../../src/store/redis-store';
import {
  dumpKeys,
  FAR,
  loadKeys,
  readable,
  SPACE,
  T0,
  written,
  writeScenario,
  type DumpedKey,
} from '../helpers/redis-format';

const before: DumpedKey[] = JSON.parse(
  readFileSync(path.resolve(__dirname, '../fixtures/redis/store-before-split.json'), 'utf8'),
);
const MAC_KEY = 'mac:aa:00:00:00:00:01';

describe('the Redis store format, before and after the store was split into modules', () => {
  const url = process.env.ECN_TEST_REDIS_URL!;
  let redis: Redis;
  let store: RedisStore;
  let prefix: string;

  beforeAll(() => {
    if (!url) throw new Error('ECN_TEST_REDIS_URL is not set: the global setup did not start redis-server');
    redis = new Redis(url);
  });
  afterAll(() => redis.disconnect());
  beforeEach(() => {
    prefix = `f${randomBytes(4).toString('hex')}:`;
    store = new RedisStore({ url, keyPrefix: prefix, spaceId: SPACE });
  });
  afterEach(() => store.stop());

  it('writes the very keys, types, index entries and documents the store before the split wrote', async () => {
    expect(before.length).toBeGreaterThan(25);
    await store.start();
    await writeScenario(store);
    const now = await dumpKeys(redis, prefix);
    expect(now.map((k) => `${k.key} (${k.type})`)).toEqual(before.map((k) => `${k.key} (${k.type})`));
    expect(readable(now)).toEqual(readable(before));
  });

  it('reads a pool the store before the split wrote, and goes on writing it', async () => {
    await loadKeys(redis, prefix, before);
    await store.start();
    const [used, revoked] = written.tickets;
    expect(await store.getBatch('batch-1')).toEqual(written.batch);
    expect(await store.findTicketByCode(used!.code)).toEqual(used);
    expect(await store.getTicket(revoked!.id)).toEqual(revoked);
    expect(await store.listBatchesWithTickets(5)).toEqual([
      { batch: written.batch, tickets: expect.arrayContaining([used, revoked]) },
    ]);
    expect(await store.listTicketsByDevice(MAC_KEY, T0, 5)).toEqual([used]);
    expect(await store.latestAcceptance(MAC_KEY)).toEqual(written.acceptance);
    expect(await store.listOpenSessions()).toEqual([written.sessions.open]);
    expect(await store.listOpenSessionsByDevice(MAC_KEY, 5)).toEqual([written.sessions.open]);
    expect(await store.findNasSession(used!.id, '10.0.0.2', 'acct-0001')).toEqual(written.sessions.open);
    expect(await store.getSession('session-ended')).toEqual(written.sessions.ended);
    expect(await store.getCounter(written.counter.key)).toEqual(written.counter);
    expect(await store.listUsers()).toEqual([written.user]);
    expect(await store.getConsoleSession(written.consoleSession.id)).toEqual(written.consoleSession);
    expect(await store.listAudit({ limit: 10 })).toEqual([written.audit]);
    expect(await store.getSettings()).toEqual(written.settings);
    expect(await store.claimSpace('box-2', 60_000)).toBe(written.claim);
    expect(await store.listHelpRequests(SPACE)).toEqual([written.help]);
    expect(await store.listAttendance(SPACE, '2026-03-01', '2026-03-31')).toEqual([written.desk]);
    expect(await store.listTrustedDevices(SPACE)).toEqual([written.trusted]);

    // Compare-and-set on records the old store wrote: versions and indexes carry on.
    const ended = await store.updateSession('session-nas', (s) => ({
      ...s,
      endedAt: T0 + 80_000,
      endCause: 'logout',
    }));
    expect(ended?.endedAt).toBe(T0 + 80_000);
    expect(await store.listOpenSessions()).toEqual([]);
    expect(await store.listOpenSessionsByDevice(MAC_KEY, 5)).toEqual([]);
    const settings = await store.updateSettings((s) => ({ ...s!, updatedAt: T0 + 1 }));
    expect(settings.version).toBe(2);
    const counter = await store.updateCounter(written.counter.key, (c) => ({ ...c!, count: 3, version: 2 }));
    expect(counter.count).toBe(3);
    expect(await store.closeHelpRequest(SPACE, written.help.id)).toEqual(written.help);
    expect(await store.purgeTickets(FAR + 1)).toBe(2);
    expect(await store.getBatch('batch-1')).toBeNull();
  });
});
