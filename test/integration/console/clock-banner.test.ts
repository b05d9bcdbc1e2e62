// The clock banner of the console and the clock part of /healthz, built as main builds them,
// for each state: not synchronised, cannot tell, synchronised, and before the first check.

import request from 'supertest';
import pino from 'pino';
import { createPortalApp } from '../../../src/portal/app';
import { SqliteStore } from '../../../src/store/sqlite-store';
import type { ClockSyncStatus } from '../../../src/domain/clock-sync';
import { consoleFixture, type ConsoleFixture } from '../../helpers/console';
import { consoleMsgHtml } from '../../helpers/messages';

let status: ClockSyncStatus | null = null;
const at = (state: ClockSyncStatus['state']): ClockSyncStatus => ({
  state,
  source: state === 'unknown' ? 'none' : 'chrony',
  detail: 'test',
  checkedAt: 0,
  since: 0,
});

describe('console clock banner', () => {
  let f: ConsoleFixture;
  beforeAll(async () => {
    f = await consoleFixture({}, { deps: (d) => ({ ...d, clockSync: () => status }) });
  });
  afterAll(() => f.close());

  it('is on every page, in French, while the clock is not synchronised', async () => {
    status = at('unsynchronised');
    const { agent } = await f.signIn('amina', 'manager');
    for (const page of ['/', '/today', '/tickets', '/settings', '/no-such-page']) {
      const res = await agent.get(page);
      expect(res.text).toContain(consoleMsgHtml('fr', 'clock.unsynchronised'));
    }
    const en = await agent.get('/?lang=en').expect(200);
    expect(en.text).toContain('The gateway&#39;s clock is not synchronised.');
  });

  it('says it cannot check when no source can tell, and before the first check', async () => {
    const { agent } = await f.signIn('amina', 'manager');
    for (const s of [at('unknown'), null]) {
      status = s;
      const res = await agent.get('/?lang=fr').expect(200);
      expect(res.text).toContain(consoleMsgHtml('fr', 'clock.unknown'));
    }
  });

  it('is gone once the clock is synchronised', async () => {
    status = at('synchronised');
    const { agent } = await f.signIn('amina', 'manager');
    const res = await agent.get('/').expect(200);
    expect(res.text).not.toContain('id="clock-warning"');
  });
});

describe('/healthz and the clock', () => {
  it('is degraded when not synchronised, ok but "unknown" when no source can tell', async () => {
    const store = new SqliteStore({ file: ':memory:', spaceId: 'roubaix-demo' });
    await store.start();
    try {
      const app = createPortalApp({
        store,
        logger: pino({ level: 'silent' }),
        version: '0.0.0-test',
        spaceId: 'roubaix-test',
        clockSync: () => status,
      });
      status = at('unsynchronised');
      expect((await request(app).get('/healthz').expect(200)).body).toMatchObject({
        status: 'degraded',
        clock: 'unsynchronised',
        clockSource: 'chrony',
      });
      status = at('unknown');
      expect((await request(app).get('/healthz').expect(200)).body).toMatchObject({
        status: 'ok',
        clock: 'unknown',
      });
      status = null;
      expect((await request(app).get('/healthz').expect(200)).body).toMatchObject({ clock: 'unknown' });
      await store.stop();
      status = at('unsynchronised');
      // A store that does not answer is said too (degraded, issue #13 item 4), with the clock.
      expect((await request(app).get('/healthz').expect(200)).body).toMatchObject({
        status: 'degraded',
        storeState: 'unavailable',
        clock: 'unsynchronised',
      });
    } finally {
      await store.stop().catch(() => {});
    }
  });
});
