// Issue #14, item 4: the sign-in form is read by a zod schema at the edge. A name or password
// sent twice, too long or missing is refused with the sign-in's own sentence before any
// lookup: no attempt is counted against the account or the address, nothing is audited, and
// the right password still works at once. Unknown fields (prototype names among them) are ignored.

import request from 'supertest';
import { consoleTranslator } from '../../../src/console/i18n';
import { consoleFixture, csrfOf, PASSWORD, type ConsoleFixture } from '../../helpers/console';
import { escapeHtml as esc } from '../../helpers/http';

jest.setTimeout(120_000);

let f: ConsoleFixture;
beforeEach(async () => {
  f = await consoleFixture();
  await f.user('marie', 'manager');
});
afterEach(async () => {
  await f.close();
});

const failed = esc(consoleTranslator('fr')('login.failed'));

/** A fresh visitor's agent and the sign-in page's token. */
async function visitor() {
  const agent = request.agent(f.console);
  const page = await agent.get('/login').expect(200);
  return { agent, csrf: csrfOf(page.text) };
}

/** Posts the sign-in form with fields that may repeat (as no browser sends them). */
async function post(fields: [string, string][], expected: number) {
  const { agent, csrf } = await visitor();
  const body = new URLSearchParams([['_csrf', csrf], ...fields]).toString();
  const res = await agent.post('/login').type('form').send(body).expect(expected);
  return { agent, res };
}

async function nothingCounted() {
  expect(await f.store.listAudit({ limit: 50, action: 'login.failed' })).toEqual([]);
  expect(await f.store.getCounter('console-login:user:marie')).toBeNull();
  expect(await f.store.getCounter('console-login:user:(invalid)')).toBeNull();
}

describe('hostile sign-in forms', () => {
  it.each([
    [
      'a name sent twice',
      [
        ['username', 'marie'],
        ['username', 'paul'],
        ['password', PASSWORD],
      ],
    ],
    [
      'a password sent twice',
      [
        ['username', 'marie'],
        ['password', PASSWORD],
        ['password', 'x'],
      ],
    ],
    [
      'a name of 5000 characters',
      [
        ['username', 'marie' + 'x'.repeat(5000)],
        ['password', PASSWORD],
      ],
    ],
    [
      'a password of 5000 characters',
      [
        ['username', 'marie'],
        ['password', 'p'.repeat(5000)],
      ],
    ],
  ] as [string, [string, string][]][])(
    'refuses %s with the sign-in sentence; nothing counted or audited, no session',
    async (_name, fields) => {
      const { res } = await post(fields, 400);
      expect(res.text).toContain(failed);
      expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/ecn_console=[^;]/);
      await nothingCounted();
    },
  );
});

describe('sign-in after malformed forms', () => {
  it('after many malformed forms, the right password still signs in at once', async () => {
    for (let i = 0; i < 8; i++) {
      await post(
        [
          ['username', 'marie'],
          ['password', PASSWORD],
          ['password', PASSWORD],
        ],
        400,
      );
    }
    await nothingCounted();
    const { res } = await post(
      [
        ['username', 'marie'],
        ['password', PASSWORD],
      ],
      303,
    );
    expect(res.headers.location).toBe('/');
    expect(await f.store.listAudit({ limit: 50, action: 'login' })).toHaveLength(1);
  });

  it('ignores unknown fields and prototype names; a repeated `next` only loses the way back', async () => {
    const { res } = await post(
      [
        ['username', 'marie'],
        ['password', PASSWORD],
        ['__proto__', 'x'],
        ['constructor', 'y'],
        ['role', 'manager'],
        ['next', '/users'],
        ['next', '//evil.example'],
      ],
      303,
    );
    expect(res.headers.location).toBe('/');
  });

  it('a missing password is refused as a wrong one is (a real attempt, counted)', async () => {
    const { res } = await post([['username', 'marie']], 401);
    expect(res.text).toContain(failed);
    expect(await f.store.listAudit({ limit: 50, action: 'login.failed' })).toHaveLength(1);
  });
});
