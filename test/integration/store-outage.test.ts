// The city's Redis goes away while the service runs (issue #13, item 4): a new login gets a
// clear 503 page in the resident's language, /healthz says degraded, the console shows its
// banner, the metric drops to 0, the outage is logged once, and logins work again within 5 s
// of Redis coming back, with no restart. A hung Redis (SIGSTOP) fails fast; a flushed one is
// detected and refused rather than read as "no such ticket".

import Redis from 'ioredis';
import request from 'supertest';
import { signInAt, PASSWORD } from '../helpers/console';
import { ecn, startService, tempSetup, type RunningService } from '../helpers/processes';
import { startRedis, type RunningRedis } from '../helpers/redis-server';
import { waitFor } from '../helpers/wait-for';
import { consoleMsgHtml, msgHtml } from '../helpers/messages';

jest.setTimeout(90_000);

let redis: RunningRedis;
let svc: RunningService;
let config: string;
let codes: string[];

async function poll<T>(what: string, fn: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  return (await waitFor(fn, { what, timeout: timeoutMs })) as T;
}

async function metric(line: RegExp): Promise<boolean> {
  return line.test(await (await fetch(`${svc.metricsUrl}/metrics`)).text());
}

async function health(): Promise<Record<string, unknown> & { httpStatus: number }> {
  const res = await fetch(`${svc.url}/healthz`);
  return { httpStatus: res.status, ...((await res.json()) as Record<string, unknown>) };
}

/**
 * A resident's phone on the login form, in a language, with its form token. (Without a gateway
 * every test client is 127.0.0.1, one device: the ticket link shows the form even once logged in.)
 */
async function residentAt(lang: string) {
  const agent = request.agent(svc.url);
  const page = await agent.get(`/t/${codes[5]!}?lang=${lang}`).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  return {
    login: (code: string) => agent.post('/login').type('form').send({ _csrf: csrf, charter: 'yes', code }),
  };
}

const logLines = (re: RegExp) =>
  svc
    .logs()
    .split('\n')
    .filter((l) => re.test(l));

beforeAll(async () => {
  redis = await startRedis();
  ({ config } = tempSetup(`store: { kind: redis, redisUrl: "${redis.url}" }\n`));
  svc = await startService(config);
  const created = await ecn(config, ['tickets', 'create', '--count', '6']);
  expect(created.status).toBe(0);
  codes = created.stdout.trim().split('\n');
  const added = await ecn(
    config,
    ['users', 'add', '--username', 'claire', '--role', 'animator'],
    {},
    `${PASSWORD}\n`,
  );
  expect(added.status).toBe(0);
});

afterAll(async () => {
  svc?.child.kill('SIGTERM');
  await svc?.exited;
  await redis?.stop();
});

describe('the central Redis goes away and comes back', () => {
  it('tells new residents, the console and the city, keeps quiet in the log, and recovers within 5 s', async () => {
    expect(await health()).toMatchObject({ httpStatus: 200, status: 'ok', storeState: 'up' });
    expect(await metric(/^ecn_store_up\{space_id="roubaix-test"\} 1$/m)).toBe(true);
    const fr = await residentAt('fr');
    const en = await residentAt('en');
    const animator = await signInAt(svc.consoleUrl, 'claire');

    await redis.kill();

    // A new login: the specific page, 503, in the resident's language, not a generic error.
    const refusedFr = await fr.login(codes[0]!);
    expect(refusedFr.status).toBe(503);
    expect(refusedFr.text).toContain(msgHtml('fr', 'outage.title'));
    expect(refusedFr.text).toContain('data-error-code="ECN_ERR_STORE_UNAVAILABLE"');
    const refusedEn = await en.login(codes[0]!);
    expect(refusedEn.status).toBe(503);
    expect(refusedEn.text).toContain('ticket service does not answer');
    expect(refusedEn.headers['retry-after']).toBe('10');

    expect(await health()).toMatchObject({
      httpStatus: 200,
      status: 'degraded',
      storeState: 'unavailable',
      error: 'ECN_ERR_STORE_UNAVAILABLE',
    });
    await poll('ecn_store_up 0', async () =>
      (await metric(/^ecn_store_up\{space_id="roubaix-test"\} 0$/m)) ? true : null,
    );
    expect(await metric(/^ecn_store_state\{state="unavailable",space_id="roubaix-test"\} 1$/m)).toBe(true);

    // The signed-in animator: a clear page with the banner, not a 500 (the session is in Redis).
    const consolePage = await animator.agent.get('/');
    expect(consolePage.status).toBe(503);
    expect(consolePage.text).toContain('id="store-warning"');
    expect(consolePage.text).toContain(consoleMsgHtml('fr', 'store.unavailable'));
    const signInPage = await request(svc.consoleUrl).get('/login');
    expect(signInPage.text).toContain('id="store-warning"');

    // One error line for the outage, none per request that met it.
    expect(logLines(/the store does not answer: connected residents keep access/)).toHaveLength(1);
    expect(logLines(/"level":50.*request failed/)).toEqual([]);

    await redis.restart();
    const back = Date.now();
    const res = await poll('a login after Redis is back', async () => {
      const r = await fr.login(codes[1]!);
      return r.status === 303 ? r : null;
    });
    expect(res.headers.location).toBe('/status');
    expect(Date.now() - back).toBeLessThan(5000);
    expect(await health()).toMatchObject({ status: 'ok', storeState: 'up' });
    await poll('ecn_store_up 1', async () =>
      (await metric(/^ecn_store_up\{space_id="roubaix-test"\} 1$/m)) ? true : null,
    );
    expect(logLines(/the store answers again/)).toHaveLength(1);
  });

  it('answers within about a second when Redis hangs (SIGSTOP), and serves again on SIGCONT', async () => {
    const en = await residentAt('en');
    redis.pause();
    try {
      const started = Date.now();
      const refused = await en.login(codes[2]!);
      expect(refused.status).toBe(503);
      expect(refused.text).toContain('ticket service does not answer');
      // A few 1 s command timeouts at most, never a hung browser.
      expect(Date.now() - started).toBeLessThan(4000);
      expect(await health()).toMatchObject({ status: 'degraded', storeState: 'unavailable' });
    } finally {
      redis.resume();
    }
    await poll('a login after SIGCONT', async () => {
      const r = await en.login(codes[3]!);
      return r.status === 303 ? r : null;
    });
  });

  it('refuses to read a Redis that came back empty, and says so', async () => {
    const fr = await residentAt('fr');
    const client = new Redis(redis.url, { lazyConnect: true });
    await client.connect();
    await client.flushall();
    await client.quit();

    expect(await health()).toMatchObject({
      status: 'degraded',
      storeState: 'emptied',
      error: 'ECN_ERR_STORE_EMPTIED',
    });
    // Not "this code does not exist" (which would cost the resident a try): the outage page.
    const refused = await fr.login(codes[4]!);
    expect(refused.status).toBe(503);
    expect(refused.text).toContain('data-error-code="ECN_ERR_STORE_EMPTIED"');
    expect(refused.text).toContain(msgHtml('fr', 'outage.title'));
    await poll('ecn_store_state emptied', async () =>
      (await metric(/^ecn_store_state\{state="emptied",space_id="roubaix-test"\} 1$/m)) ? true : null,
    );
    expect(logLines(/"level":50.*the store came back EMPTY/)).toHaveLength(1);
    // Nothing was written back: the store stays empty, no marker, no ticket, no session.
    const check = new Redis(redis.url, { lazyConnect: true });
    await check.connect();
    expect(await check.dbsize()).toBe(0);
    await check.quit();
  });
});
