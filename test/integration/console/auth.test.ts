// Signing in and out of the console: passwords, the wrong-password wait, sessions kept in the
// store (idle timeout, disabled account), CSRF on every form, roles in the menu.

import request from 'supertest';
import { consoleFixture, csrfOf, PASSWORD, type ConsoleFixture } from '../../helpers/console';
import { changeAccount } from '../../../src/services/accounts';
import { consoleMsgHtml } from '../../helpers/messages';

let f: ConsoleFixture;
beforeEach(async () => {
  f = await consoleFixture();
});
afterEach(async () => {
  await f.close();
});

async function loginForm(agent = request.agent(f.console)) {
  const page = await agent.get('/login').expect(200);
  return { agent, csrf: csrfOf(page.text) };
}

describe('console sign-in', () => {
  it('sends a visitor to a French sign-in page, then back where they wanted to go', async () => {
    const res = await request(f.console).get('/tickets?state=issued').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Ftickets%3Fstate%3Dissued');
    await f.user('amina', 'animator');
    const { agent, csrf } = await loginForm();
    const page = await agent.get('/login?next=%2Ftickets').expect(200);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain(consoleMsgHtml('fr', 'login.title'));
    const ok = await agent
      .post('/login')
      .type('form')
      .send({ username: 'Amina', password: PASSWORD, _csrf: csrf, next: '/tickets' })
      .expect(303);
    expect(ok.headers.location).toBe('/tickets');
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toMatch(/ecn_console=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict/);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Bienvenue, amina');
    expect(home.text).toContain('Connecté : amina (animateur)');
  });

  it('never sends the visitor to another site after signing in', async () => {
    await f.user('amina', 'animator');
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const { agent, csrf } = await loginForm();
      const res = await agent
        .post('/login')
        .type('form')
        .send({ username: 'amina', password: PASSWORD, _csrf: csrf, next })
        .expect(303);
      expect(res.headers.location).toBe('/');
    }
  });

  it('refuses a wrong password or an unknown name with the same message, and audits it', async () => {
    await f.user('amina', 'animator');
    for (const username of ['amina', 'nobody']) {
      const { agent, csrf } = await loginForm();
      const res = await agent
        .post('/login')
        .type('form')
        .send({ username, password: 'pas le bon mot de passe', _csrf: csrf })
        .expect(401);
      expect(res.text).toContain(consoleMsgHtml('fr', 'login.failed'));
      expect(res.headers['set-cookie'] ?? []).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^ecn_console=/)]),
      );
    }
    const audit = await f.store.listAudit({ limit: 10, action: 'login.failed' });
    expect(audit.map((e) => e.actor).sort()).toEqual(['amina', 'nobody']);
  });

  it('makes a guesser wait after 5 wrong passwords, even with the right one', async () => {
    await f.user('amina', 'animator');
    const { agent, csrf } = await loginForm();
    const send = (password: string) =>
      agent.post('/login').type('form').send({ username: 'amina', password, _csrf: csrf });
    for (let i = 0; i < 5; i++) expect((await send(`wrong password ${i}`)).status).toBe(401);
    const blocked = await send(PASSWORD).expect(429);
    expect(blocked.text).toContain('Trop d’essais');
    expect(blocked.headers['retry-after']).toBeDefined();
    f.access.clock.advance(2 * 3600_000);
    expect((await send(PASSWORD)).status).toBe(303);
  });

  it('refuses a sign-in form without its token (forged from another site)', async () => {
    await f.user('amina', 'animator');
    const { agent } = await loginForm();
    const res = await agent
      .post('/login')
      .type('form')
      .send({ username: 'amina', password: PASSWORD, _csrf: 'A'.repeat(43) })
      .expect(403);
    expect(res.text).toContain(consoleMsgHtml('fr', 'error.csrf'));
    expect(await f.store.listAudit({ limit: 10, action: 'login' })).toEqual([]);
  });
});

describe('console sessions', () => {
  it('ends after the idle timeout and asks to sign in again', async () => {
    const a = await f.signIn('amina');
    f.access.clock.advance(29 * 60_000);
    await a.agent.get('/').expect(200);
    f.access.clock.advance(31 * 60_000);
    const res = await a.agent.get('/').expect(303);
    expect(res.headers.location).toBe('/login?next=%2F');
  });

  it('stops working at once when the account is disabled', async () => {
    const a = await f.signIn('amina');
    await changeAccount(f.access, {
      username: 'amina',
      change: { kind: 'disable' },
      changedBy: 'boss',
      via: 'console',
      actorSpaces: [f.config.space.id],
    });
    await a.agent.get('/').expect(303);
    // Signing in again is refused too.
    const { agent, csrf } = await loginForm();
    await agent
      .post('/login')
      .type('form')
      .send({ username: 'amina', password: PASSWORD, _csrf: csrf })
      .expect(401);
  });

  it('signs out with a form carrying the token; without it nothing happens', async () => {
    const a = await f.signIn('amina');
    await a.agent
      .post('/logout')
      .type('form')
      .send({ _csrf: 'B'.repeat(43) })
      .expect(403);
    await a.agent.get('/').expect(200);
    const out = await a.agent.post('/logout').type('form').send({ _csrf: a.csrf }).expect(303);
    expect(out.headers.location).toBe('/login?msg=bye');
    await a.agent.get('/').expect(303);
    const actions = (await f.store.listAudit({ limit: 10 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['login', 'logout']));
  });

  it('refuses a change sent with another body type, or none, even with the token', async () => {
    const a = await f.signIn('amina');
    await a.agent.post('/logout').set('Content-Type', 'text/plain').send(`_csrf=${a.csrf}`).expect(403);
    await a.agent.post('/logout').expect(403);
    await a.agent.post('/logout').field('_csrf', a.csrf).expect(403); // multipart, not an upload route
    await a.agent.get('/').expect(200);
  });

  it('keeps the session in the store under a hash of the cookie, never the cookie itself', async () => {
    const agent = request.agent(f.console);
    await f.user('amina', 'animator');
    const page = await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ username: 'amina', password: PASSWORD, _csrf: csrfOf(page.text) });
    const token = /ecn_console=([A-Za-z0-9_-]{43})/.exec(String(res.headers['set-cookie']))![1]!;
    expect(await f.store.getConsoleSession(token)).toBeNull();
    const { sessionIdOf } = await import('../../../src/console/auth');
    expect(await f.store.getConsoleSession(sessionIdOf(token))).toMatchObject({ username: 'amina' });
  });
});

describe('console menu by role', () => {
  it.each([
    [
      'animator',
      ['/today', '/tickets', '/sessions'],
      ['/settings', '/users', '/audit', '/stats', '/requisition'],
    ],
    [
      'manager',
      ['/today', '/tickets', '/sessions', '/stats', '/settings', '/users', '/audit'],
      ['/requisition'],
    ],
    ['auditor', ['/stats'], ['/tickets', '/sessions', '/settings', '/requisition']],
    ['requisition', ['/requisition'], ['/tickets', '/sessions', '/stats', '/settings']],
  ] as const)('shows a %s only the pages of the role', async (role, shown, hidden) => {
    const a = await f.signIn(`u-${role}`, role);
    const home = await a.agent.get('/').expect(200);
    for (const href of shown) expect(home.text).toContain(`href="${href}"`);
    for (const href of hidden) expect(home.text).not.toContain(`href="${href}"`);
  });
});
