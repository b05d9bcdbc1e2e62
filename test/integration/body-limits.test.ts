// Form bodies too large, with too many fields or unreadable are refused with 413/400 by the
// portal and the console, logged at info without a stack, and counted by reason: anyone on
// the Wi-Fi can send them, so they must not look like (or be logged as) failures of ours.

import { Writable } from 'node:stream';
import request from 'supertest';
import { createLogger } from '../../src/log';
import { GatewayMetrics } from '../../src/metrics/gateway-metrics';
import { consoleFixture, csrfOf, type ConsoleFixture } from '../helpers/console';
import { consoleMsgHtml, msgHtml } from '../helpers/messages';

let f: ConsoleFixture;
let metrics: GatewayMetrics;
let lines: string[];

beforeEach(async () => {
  lines = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  f = await consoleFixture({}, { logger: createLogger('trace', sink) });
  metrics = new GatewayMetrics({ spaceId: 'roubaix-test', version: '0.0.0-test', store: f.store });
  metrics.subscribe(f.access.events);
});

afterEach(async () => {
  await f.close();
});

async function rejected(app: 'portal' | 'console', reason: string): Promise<number> {
  const m = await metrics.rejectedBodies.get();
  return m.values.find((v) => v.labels.app === app && v.labels.reason === reason)?.value ?? 0;
}

function logged(): { level: number; errorCode?: string; err?: { stack?: string } }[] {
  return lines.map((l) => JSON.parse(l) as { level: number; errorCode?: string; err?: { stack?: string } });
}

function expectRefusedQuietly(code: string): void {
  const entries = logged();
  expect(entries.filter((e) => e.level >= 50)).toEqual([]);
  expect(entries.some((e) => e.err !== undefined || lines.join('\n').includes('"stack"'))).toBe(false);
  expect(entries).toContainEqual(expect.objectContaining({ level: 30, errorCode: code }));
}

const fields = (n: number) =>
  Array.from({ length: n }, (_, i) => `f${i}=x`)
    .join('&')
    .concat('&charter=yes');

describe('the portal', () => {
  const cases = [
    ['an oversized form', 'x=' + 'a'.repeat(20_000), 413, 'ECN_ERR_BODY_TOO_LARGE', 'too_large'],
    ['a form with too many fields', fields(50), 413, 'ECN_ERR_BODY_TOO_MANY_FIELDS', 'too_many_fields'],
  ] as const;

  it.each(cases)(
    'answers %s on /login with 413, logs no error, counts it',
    async (_, body, status, code, reason) => {
      const phone = request.agent(f.app);
      const page = await phone.get('/?lang=fr').expect(200);
      const before = await f.snapshot();
      const res = await phone
        .post('/login')
        .type('form')
        .set('Accept', 'text/html')
        .send(`_csrf=${csrfOf(page.text)}&${body}`);
      expect(res.status).toBe(status);
      expect(res.text).toContain('<html lang="fr"');
      expect(res.text).toContain(msgHtml('fr', 'error.input'));
      expectRefusedQuietly(code);
      expect(await rejected('portal', reason)).toBe(1);
      expect(await f.snapshot()).toBe(before);
    },
  );

  it('answers a form in a character set it does not read with 400', async () => {
    const res = await request(f.app)
      .post('/login')
      .set('Content-Type', 'application/x-www-form-urlencoded; charset=koi8-r')
      .send('code=ABCD');
    expect(res.status).toBe(400);
    expectRefusedQuietly('ECN_ERR_BODY_MALFORMED');
    expect(await rejected('portal', 'malformed')).toBe(1);
  });

  it('keeps answering an ordinary form as before', async () => {
    const phone = request.agent(f.app);
    const page = await phone.get('/?lang=fr').expect(200);
    const [code] = await f.tickets();
    const res = await phone
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(page.text), charter: 'yes', code });
    expect(res.status).toBe(303);
    for (const reason of ['too_large', 'too_many_fields', 'malformed']) {
      expect(await rejected('portal', reason)).toBe(0);
    }
  });
});

describe('the console', () => {
  const cases = [
    ['an oversized form', 'x=' + 'a'.repeat(100_000), 413, 'ECN_ERR_BODY_TOO_LARGE', 'too_large'],
    ['a form with too many fields', fields(300), 413, 'ECN_ERR_BODY_TOO_MANY_FIELDS', 'too_many_fields'],
  ] as const;

  it.each(cases)(
    'answers %s on the sign-in page (no account needed) with 413, logs no error, counts it',
    async (_, body, status, code, reason) => {
      const agent = request.agent(f.console);
      const page = await agent.get('/login').expect(200);
      const res = await agent
        .post('/login')
        .type('form')
        .set('Accept', 'text/html')
        .send(`_csrf=${csrfOf(page.text)}&username=a&password=b&${body}`);
      expect(res.status).toBe(status);
      expect(res.text).toContain(consoleMsgHtml('fr', `err.${code}`));
      expectRefusedQuietly(code);
      expect(await rejected('console', reason)).toBe(1);
      expect(await rejected('portal', reason)).toBe(0);
    },
  );

  it('refuses the same from a signed-in animator on a settings form', async () => {
    const { agent, csrf } = await f.signIn('claire', 'manager');
    const res = await agent
      .post('/settings/space')
      .type('form')
      .send(`_csrf=${csrf}&name=${'a'.repeat(70_000)}`);
    expect(res.status).toBe(413);
    expectRefusedQuietly('ECN_ERR_BODY_TOO_LARGE');
    expect(await rejected('console', 'too_large')).toBe(1);
  });
});
