// Guessing limits under real concurrency: many sign-ins or ticket codes sent at once over HTTP
// to the console and the portal apps, on the embedded store and on a real Redis. However the
// requests interleave, no more than the allowance is ever checked.

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import type { Express } from 'express';
import type { Store } from '../../src/domain/ports';
import { CODE_ALPHABET, formatCode } from '../../src/domain/ticket-code';
import { RedisStore } from '../../src/store/redis-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import { consoleFixture, csrfOf, PASSWORD, type ConsoleFixture } from '../helpers/console';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(120_000);

const MAX_TRIES = 5;

const stores: [string, () => Store][] = [
  ['embedded (SQLite)', () => new SqliteStore({ file: ':memory:', spaceId: 'roubaix-demo' })],
  [
    'redis',
    () => {
      const url = process.env.ECN_TEST_REDIS_URL;
      if (!url) throw new Error('ECN_TEST_REDIS_URL is not set: the global setup did not start redis-server');
      return new RedisStore({
        url,
        keyPrefix: `g${randomBytes(4).toString('hex')}:`,
        spaceId: 'roubaix-demo',
      });
    },
  ],
];

/** A well-formed code that no ticket has (the odds of a collision are nil). */
function wrongCode(): string {
  const bytes = randomBytes(12);
  return formatCode([...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join(''));
}

/** Listens once, so requests sent together really run in parallel against one server. */
async function listen(app: Express): Promise<{ url: string; server: Server }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  await waitFor(check, { what, timeout: 30_000, interval: 5 });
}

function tally(statuses: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

describe.each(stores)('guessing limits under concurrency (%s store)', (_name, makeStore) => {
  let f: ConsoleFixture;
  let servers: Server[];
  beforeEach(async () => {
    f = await consoleFixture({}, { store: makeStore() });
    // Redis expires counters and sessions by the real time: the fake clock starts from now.
    f.access.clock.t = Date.now();
    servers = [];
  });
  afterEach(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
    await f.close();
  });

  async function consoleUrl(): Promise<string> {
    const { url, server } = await listen(f.console);
    servers.push(server);
    return url;
  }

  async function signInForm(url: string) {
    const agent = request.agent(url);
    const page = await agent.get('/login').expect(200);
    return { agent, csrf: csrfOf(page.text) };
  }

  it('40 sign-ins at once for one account, the right password last: no more than the allowance is checked', async () => {
    await f.user('amina', 'animator');
    const { agent, csrf } = await signInForm(await consoleUrl());
    const passwords = [...Array.from({ length: 39 }, (_, i) => `pas le bon mot de passe ${i}`), PASSWORD];
    const res = await Promise.all(
      passwords.map((password) =>
        agent.post('/login').type('form').send({ username: 'amina', password, _csrf: csrf }),
      ),
    );
    const counts = tally(res.map((r) => r.status));
    // Checked: refused as wrong (401) or signed in (303). The others wait (429), unchecked.
    expect((counts[401] ?? 0) + (counts[303] ?? 0)).toBeLessThanOrEqual(MAX_TRIES);
    expect(counts[429]).toBeGreaterThanOrEqual(40 - MAX_TRIES);
    const failed = await f.store.listAudit({ limit: 100, action: 'login.failed' });
    expect(failed.length).toBeLessThanOrEqual(MAX_TRIES);
    // And the right password, now, still waits.
    const again = await agent
      .post('/login')
      .type('form')
      .send({ username: 'amina', password: PASSWORD, _csrf: csrf });
    expect(again.status).toBe(429);
    expect(again.text).toContain('Trop d’essais');
  });

  it('40 sign-ins at once from one address to 40 accounts: no more than the allowance is checked', async () => {
    const { agent, csrf } = await signInForm(await consoleUrl());
    const res = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        agent
          .post('/login')
          .type('form')
          .send({ username: `compte${i}`, password: 'un essai', _csrf: csrf }),
      ),
    );
    const counts = tally(res.map((r) => r.status));
    expect(counts[401] ?? 0).toBeLessThanOrEqual(MAX_TRIES);
    expect(counts[429]).toBeGreaterThanOrEqual(40 - MAX_TRIES);
  });

  it('a stolen session changing the password: 40 current-password guesses at once, no more than the allowance checked', async () => {
    const { agent, csrf } = await f.signIn('amina');
    const res = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        agent
          .post('/account/password')
          .type('form')
          .send({
            _csrf: csrf,
            current: `devine ${i}`,
            password: 'un nouveau mot de passe solide',
            password2: 'un nouveau mot de passe solide',
          }),
      ),
    );
    const counts = tally(res.map((r) => r.status));
    expect(counts[400] ?? 0).toBeLessThanOrEqual(MAX_TRIES);
    expect(counts[429]).toBeGreaterThanOrEqual(40 - MAX_TRIES);
  });

  it('200 wrong ticket codes at once from one device: no more than the allowance is looked up, and the right code sent among them once the limit is reached waits too', async () => {
    const [right] = await f.tickets();
    const { url, server } = await listen(f.app);
    servers.push(server);
    const phone = request.agent(url);
    const page = await phone.get('/?lang=fr').expect(200);
    const csrf = csrfOf(page.text);
    const looked: string[] = [];
    const off = f.access.events.on('ticket.refused', (e) => looked.push(e.code));
    const refusedUnchecked: string[] = [];
    const offGuess = f.access.events.on('guess.refused', (e) => refusedUnchecked.push(e.limit));
    try {
      const send = (code: string) =>
        // `then` sends at once: a supertest request otherwise waits until awaited.
        phone
          .post('/login')
          .type('form')
          .send({ _csrf: csrf, charter: 'yes', code })
          .then((r) => r);
      const wrong = Array.from({ length: 200 }, () => send(wrongCode()));
      await until(async () => {
        const c = await f.store.getCounter('tries:ip:127.0.0.1');
        return c !== null && c.count >= MAX_TRIES;
      }, 'the device to reach its allowance');
      const rightRes = await send(right!);
      const res = await Promise.all(wrong);
      const counts = tally(res.map((r) => r.status));
      expect(rightRes.status).toBe(429);
      expect(looked.filter((c) => c === 'ECN_ERR_TICKET_UNKNOWN').length).toBeLessThanOrEqual(MAX_TRIES);
      expect((counts[403] ?? 0) + (counts[429] ?? 0)).toBe(200);
      expect(counts[429]).toBeGreaterThanOrEqual(200 - MAX_TRIES);
      // Every refusal unchecked is counted, under the portal's limit.
      expect(refusedUnchecked.length).toBeGreaterThanOrEqual(200 + 1 - MAX_TRIES);
      expect(new Set(refusedUnchecked)).toEqual(new Set(['portal_device']));
      expect((await f.store.findTicketByCode(right!.replace(/-/g, '')))!.firstUsedAt).toBeNull();
    } finally {
      off();
      offGuess();
    }
    // Once the wait is over the right code works, and the device starts afresh.
    f.access.clock.advance(3601_000);
    const ok = await phone.post('/login').type('form').send({ _csrf: csrf, charter: 'yes', code: right });
    expect(ok.status).toBe(303);
    expect(await f.store.getCounter('tries:ip:127.0.0.1')).toBeNull();
  });
});
