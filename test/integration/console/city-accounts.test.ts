// Issue #13, item 2: console accounts belong to spaces. Two consoles (spaces A and B) share one
// real redis-server, as two boxes of one city pool do: an account acts only on the spaces it
// was given; several spaces or the whole city are given only on the box (`ecn users`), never
// by a manager in the console.

import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { adoptAccountsWithoutSpace, changeAccount, createAccount } from '../../../src/services/accounts';
import type { AccountSpaces, Role } from '../../../src/domain/console';
import { RedisStore } from '../../../src/store/redis-store';
import { SqliteStore } from '../../../src/store/sqlite-store';
import { makeDeps } from '../../helpers/fakes';
import {
  consoleFixture,
  csrfOf,
  PASSWORD,
  signInAt,
  type ConsoleFixture,
  type SignedInAgent,
} from '../../helpers/console';
import { startRedis, type RunningRedis } from '../../helpers/redis-server';
import { consoleMsgHtml } from '../../helpers/messages';

jest.setTimeout(60_000);

const A = 'roubaix-a';
const B = 'roubaix-b';

let redis: RunningRedis;
let a: ConsoleFixture;
let b: ConsoleFixture;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

beforeEach(async () => {
  // One pool: both stores use the same Redis and the same key prefix.
  const prefix = `city-${randomBytes(4).toString('hex')}:`;
  a = await consoleFixture(
    { ECN_SPACE_ID: A },
    { store: new RedisStore({ url: redis.url, keyPrefix: prefix, spaceId: A }) },
  );
  b = await consoleFixture(
    { ECN_SPACE_ID: B },
    { store: new RedisStore({ url: redis.url, keyPrefix: prefix, spaceId: B }) },
  );
  // Redis expires console sessions on the real clock: the fake clocks start at the real time.
  a.access.clock.t = b.access.clock.t = Date.now();
});
afterEach(async () => {
  await a.close();
  await b.close();
});

/** An account made on the box (`ecn users add`), with the spaces city staff gave it. */
async function boxAccount(username: string, role: Role, spaces: AccountSpaces): Promise<void> {
  await createAccount(a.access, {
    username,
    role,
    password: PASSWORD,
    createdBy: 'root',
    via: 'box',
    spaces,
  });
}

/** Posts the sign-in form; the answer is the sign-in page (refused) or a redirect (signed in). */
async function postLogin(f: ConsoleFixture, username: string, password = PASSWORD) {
  const agent = request.agent(f.console);
  const page = await agent.get('/login').expect(200);
  return agent
    .post('/login')
    .type('form')
    .send({ username, password, _csrf: csrfOf(page.text), next: '/' });
}

function post(who: SignedInAgent, path: string, fields: Record<string, string>) {
  return who.agent
    .post(path)
    .type('form')
    .send({ _csrf: who.csrf, ...fields });
}

describe('an account acts on its own spaces only', () => {
  it("refuses an account of A on B's console, with a clear message only after the right password", async () => {
    await a.user('anna', 'animator');
    await signInAt(a.console, 'anna');

    const wrong = await postLogin(b, 'anna', 'pas le bon mot de passe');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('incorrect');
    expect(wrong.text).not.toContain('cet espace');

    const refused = await postLogin(b, 'anna');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(consoleMsgHtml('fr', 'login.otherSpace', { space: 'roubaix-b' }));
    expect(String(refused.headers['set-cookie'] ?? '')).not.toContain('ecn_console=');
    const [entry] = await b.store.listAudit({ limit: 5, action: 'login.failed' });
    expect(entry).toMatchObject({ actor: 'anna', details: { reason: 'other-space' } });
    // Counted like any refusal: the account's guessing counter still holds both attempts.
    expect((await b.store.getCounter('console-login:user:anna'))?.count).toBe(2);
  });

  it("does not let A's console session in on B, and leaves it live on A", async () => {
    await a.user('anna', 'animator');
    const onA = await signInAt(a.console, 'anna');
    const cookie = onA.agent.jar.getCookie('ecn_console', {
      domain: '127.0.0.1',
      path: '/',
      secure: false,
      script: false,
    });
    expect(cookie).toBeDefined();
    const onB = await request(b.console).get('/sessions').set('Cookie', `ecn_console=${cookie!.value}`);
    expect(onB.status).toBe(303);
    expect(onB.headers.location).toMatch(/^\/login/);
    await onA.agent.get('/sessions').expect(200);
  });

  it('lets an account made for A and B sign in on both', async () => {
    await boxAccount('karim', 'animator', [A, B]);
    for (const f of [a, b]) {
      const { agent } = await signInAt(f.console, 'karim');
      expect((await agent.get('/').expect(200)).text).toContain('Connecté : karim (animateur)');
    }
  });

  it('ends the session on a space taken away by `ecn users spaces`, and keeps the others', async () => {
    await boxAccount('karim', 'animator', [A, B]);
    const onA = await signInAt(a.console, 'karim');
    const onB = await signInAt(b.console, 'karim');
    await changeAccount(a.access, {
      username: 'karim',
      change: { kind: 'spaces', spaces: [A] },
      changedBy: 'root',
      via: 'box',
    });
    const refused = await onB.agent.get('/sessions');
    expect(refused.status).toBe(303);
    expect(refused.headers.location).toMatch(/^\/login/);
    await onA.agent.get('/sessions').expect(200);
    expect((await postLogin(b, 'karim')).status).toBe(403);
  });

  it('lets a city-wide requisition account in on both, and a requisition account of A on A only', async () => {
    await boxAccount('justice', 'requisition', 'all');
    await boxAccount('justice-a', 'requisition', [A]);
    for (const f of [a, b]) {
      const { agent } = await signInAt(f.console, 'justice');
      await agent.get('/requisition').expect(200);
    }
    await signInAt(a.console, 'justice-a');
    expect((await postLogin(b, 'justice-a')).status).toBe(403);
  });

  it('refuses an account made before accounts had spaces on the shared store, telling what to run', async () => {
    await a.store.createUser({ ...(await madeUser('ancien')), spaces: null });
    const refused = await postLogin(a, 'ancien');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('ecn users spaces NOM --space ID');
  });
});

/** A user record as `ecn users add` writes it, to store another way. */
async function madeUser(username: string) {
  const scratch = new SqliteStore({ file: ':memory:', spaceId: A });
  await scratch.start();
  const deps = makeDeps(scratch);
  const user = await createAccount(deps, {
    username,
    role: 'animator',
    password: PASSWORD,
    createdBy: 'root',
    via: 'box',
    spaces: [A],
  });
  await scratch.stop();
  return user;
}

describe("a space's manager", () => {
  let m: SignedInAgent;
  beforeEach(async () => {
    m = await a.signIn('marie', 'manager');
  });

  it('makes accounts of this space only', async () => {
    await post(m, '/users', {
      username: 'nadia',
      role: 'animator',
      password: PASSWORD,
      password2: PASSWORD,
    }).expect(303);
    expect((await a.store.getUser('nadia'))!.spaces).toEqual([A]);
    await signInAt(a.console, 'nadia');
    expect((await postLogin(b, 'nadia')).status).toBe(403);
  });

  it.each([
    ['another space', { spaces: B }],
    ['the whole city', { allSpaces: 'on' }],
  ])('cannot make an account for %s: refused, audited, nothing made', async (_what, extra) => {
    const res = await post(m, '/users', {
      username: 'wide',
      role: 'animator',
      password: PASSWORD,
      password2: PASSWORD,
      ...extra,
    });
    expect(res.status).toBe(403);
    expect(res.text).toContain(consoleMsgHtml('fr', 'err.ECN_ERR_SPACES_ON_BOX'));
    expect(await a.store.getUser('wide')).toBeNull();
    const [entry] = await a.store.listAudit({ limit: 5, action: 'user.refused' });
    expect(entry).toMatchObject({ actor: 'marie', target: 'wide', details: { attempt: 'create-wide' } });
  });

  it("lists this space's accounts only, and shows wider ones read-only", async () => {
    await b.user('bruno', 'animator');
    await boxAccount('karim', 'animator', [A, B]);
    await boxAccount('ville', 'manager', 'all');
    const list = await m.agent.get('/users').expect(200);
    expect(list.text).not.toContain('bruno');
    expect(list.text).toContain('<th scope="row">karim</th>');
    expect(list.text).toContain('<td>roubaix-a, roubaix-b</td>');
    expect(list.text).toContain('<td>toute la ville</td>');
    await m.agent.get('/users/bruno').expect(404);
    await post(m, '/users/bruno/disable', {}).expect(404);
    expect((await b.store.getUser('bruno'))!.disabledAt).toBeNull();

    for (const name of ['karim', 'ville']) {
      const page = await m.agent.get(`/users/${name}`).expect(200);
      expect(page.text).toContain('id="user-wide-note"');
      expect(page.text).not.toContain(`action="/users/${name}/password"`);
      const before = await a.store.getUser(name);
      const res = await post(m, `/users/${name}/password`, {
        password: 'un autre mot de passe',
        password2: 'un autre mot de passe',
      });
      expect(res.status).toBe(403);
      await post(m, `/users/${name}/role`, { role: 'manager' }).expect(403);
      await post(m, `/users/${name}/disable`, {}).expect(403);
      expect(await a.store.getUser(name)).toEqual(before);
    }
    const refused = await a.store.listAudit({ limit: 20, action: 'user.refused' });
    expect(refused.map((e) => `${e.target}:${String(e.details.attempt)}`).sort()).toEqual([
      'karim:disable',
      'karim:password',
      'karim:role',
      'ville:disable',
      'ville:password',
      'ville:role',
    ]);
  });
});

describe('accounts from before spaces, on one box (embedded store)', () => {
  it("become the box's own at start, and only those", async () => {
    const store = new SqliteStore({ file: ':memory:', spaceId: 'roubaix-epeule' });
    await store.start();
    try {
      const deps = makeDeps(store);
      const old = await madeUser('ancien');
      await store.createUser({ ...old, spaces: null });
      await store.createUser({ ...(await madeUser('karim')), spaces: [A, B] });
      expect(await adoptAccountsWithoutSpace(deps, 'roubaix-epeule')).toBe(1);
      expect((await store.getUser('ancien'))!.spaces).toEqual(['roubaix-epeule']);
      expect((await store.getUser('karim'))!.spaces).toEqual([A, B]);
      expect(await adoptAccountsWithoutSpace(deps, 'roubaix-epeule')).toBe(0);
    } finally {
      await store.stop();
    }
  });
});
