// Residents already connected keep their access while the city's Redis is gone, hung, or comes
// back empty (issue #13, item 4): the session sweeper, run against a real redis-server, never
// tells the gateway to drop a client because the store could not say the session is open.

import Redis from 'ioredis';
import { NoopGateway } from '../../src/gateway/noop-gateway';
import { makeDevice } from '../../src/domain/device';
import { createLogger } from '../../src/log';
import { issueTickets } from '../../src/services/issue-tickets';
import { login } from '../../src/services/login';
import { SessionSweeper } from '../../src/services/expire-sessions';
import type { AccessDeps } from '../../src/services/client-access';
import { RedisStore } from '../../src/store/redis-store';
import { makeDeps } from '../helpers/fakes';
import { startRedis, type RunningRedis } from '../helpers/redis-server';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(60_000);

let redis: RunningRedis;

beforeEach(async () => {
  redis = await startRedis();
});

afterEach(async () => {
  await redis.stop();
});

async function connectedResident() {
  const store = new RedisStore({ url: redis.url, keyPrefix: 'sweep-it:', spaceId: 'roubaix-demo' });
  await store.start();
  const gateway = new NoopGateway();
  const deps: AccessDeps = {
    ...makeDeps(store),
    gateway,
    policy: {
      charterVersion: '2026-11',
      throttle: { maxTries: 5, waitSeconds: 60, maxWaitSeconds: 3600 },
      freeAccess: { enabled: false, dailyAllowanceSeconds: 3600 },
      dayOf: (ms) => new Date(ms).toISOString().slice(0, 10),
    },
  };
  const { tickets } = await issueTickets(deps, { count: 1, createdBy: 'test' });
  const device = makeDevice({ mac: 'aa:bb:cc:dd:ee:07', ip: '10.42.0.7' });
  const { session } = await login(deps, {
    form: { charter: 'yes', code: tickets[0]!.code },
    device,
    lang: 'fr',
  });
  const sweeper = new SessionSweeper(deps, 3_600_000, createLogger('silent'));
  // A first sweep while Redis is up: the sweeper now knows the session as open.
  await sweeper.sweep();
  expect([...gateway.authorized.keys()]).toEqual([session.id]);
  return { store, gateway, sweeper, session };
}

describe('the session sweeper while the store is out', () => {
  it('keeps a connected client when Redis is killed, and after it comes back', async () => {
    const { store, gateway, sweeper, session } = await connectedResident();
    await redis.kill();
    await sweeper.sweep();
    expect([...gateway.authorized.keys()]).toEqual([session.id]);
    await redis.restart();
    // Back with its AOF: the session is read as open again and stays.
    await waitFor(() => store.ping().then(() => true), { what: 'the store answers again', timeout: 5000 });
    await sweeper.sweep();
    expect([...gateway.authorized.keys()]).toEqual([session.id]);
    expect((await store.listOpenSessions()).map((s) => s.id)).toEqual([session.id]);
    await store.stop();
  });

  it('keeps a connected client when Redis hangs (SIGSTOP), and the sweep does not hang', async () => {
    const { store, gateway, sweeper, session } = await connectedResident();
    redis.pause();
    try {
      const started = Date.now();
      await sweeper.sweep();
      expect(Date.now() - started).toBeLessThan(3000);
      expect([...gateway.authorized.keys()]).toEqual([session.id]);
    } finally {
      redis.resume();
    }
    await store.stop();
  });

  it('keeps a connected client when Redis comes back empty, and writes nothing into it', async () => {
    const { store, gateway, sweeper, session } = await connectedResident();
    const admin = new Redis(redis.url);
    await admin.flushall();
    // An empty store has no open session: read as such, every client would be cut.
    await sweeper.sweep();
    expect([...gateway.authorized.keys()]).toEqual([session.id]);
    await expect(store.listOpenSessions()).rejects.toMatchObject({ code: 'ECN_ERR_STORE_EMPTIED' });
    expect(await admin.dbsize()).toBe(0);
    await admin.quit();
    await store.stop();
  });
});
