// "My account": every role changes its own password; the current one is required (and wrong
// guesses are slowed), a change ends the account's sessions, bad input changes nothing.

import request from 'supertest';
import { consoleFixture, csrfOf, PASSWORD, type ConsoleFixture } from '../../helpers/console';
import { ROLES } from '../../../src/domain/console';
import { consoleMsgHtml, fixedParts } from '../../helpers/messages';

let f: ConsoleFixture;
beforeEach(async () => {
  f = await consoleFixture();
});
afterEach(async () => {
  await f.close();
});

const NEW = 'un tout nouveau mot de passe';

async function signInWith(username: string, password: string) {
  const agent = request.agent(f.console);
  const page = await agent.get('/login');
  return agent
    .post('/login')
    .type('form')
    .send({ username, password, _csrf: csrfOf(page.text) });
}

describe('my account', () => {
  it.each(ROLES)('is open to the %s role, linked from every page', async (role) => {
    const a = await f.signIn(`u-${role}`, role);
    expect((await a.agent.get('/').expect(200)).text).toContain('href="/account"');
    const res = await a.agent.get('/account').expect(200);
    expect(res.text).toContain('<h1>Mon compte</h1>');
    expect(res.text).toContain(fixedParts(consoleMsgHtml('fr', 'account.who', { user: `u-${role}` }))[0]);
  });

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    expect((await request(f.console).get('/account').expect(303)).headers.location).toBe(
      '/login?next=%2Faccount',
    );
  });

  it('changes the password: the old one and every session stop working, the new one signs in', async () => {
    const a = await f.signIn('amina', 'animator');
    const res = await a.agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: a.csrf, current: PASSWORD, password: NEW, password2: NEW })
      .expect(303);
    expect(res.headers.location).toBe('/login?msg=password');
    expect((await a.agent.get('/login?msg=password')).text).toContain(
      consoleMsgHtml('fr', 'login.passwordChanged'),
    );
    await a.agent.get('/').expect(303);
    expect((await signInWith('amina', PASSWORD)).status).toBe(401);
    expect((await signInWith('amina', NEW)).status).toBe(303);
    const audit = await f.store.listAudit({ limit: 5, action: 'user.changed' });
    expect(audit[0]).toMatchObject({ actor: 'amina', target: 'amina', details: { change: 'password' } });
    expect(JSON.stringify(audit)).not.toContain(NEW);
  });

  it.each([
    [
      { current: 'pas le bon mot de passe', password: NEW, password2: NEW },
      'Le mot de passe actuel n’est pas le bon.',
    ],
    [
      { current: PASSWORD, password: NEW, password2: `${NEW}!` },
      'Les deux nouveaux mots de passe ne sont pas les mêmes.',
    ],
    [
      { current: PASSWORD, password: 'court', password2: 'court' },
      'Le mot de passe doit faire de 10 à 200 caractères.',
    ],
    [
      { current: PASSWORD, password: PASSWORD, password2: PASSWORD },
      'Le nouveau mot de passe doit être différent',
    ],
  ])('refuses %j with a clear message and changes nothing', async (form, message) => {
    const a = await f.signIn('amina', 'animator');
    const before = await f.store.getUser('amina');
    const res = await a.agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: a.csrf, ...form })
      .expect(400);
    expect(res.text).toContain(message);
    expect(res.text).toContain('aria-invalid="true"');
    expect(await f.store.getUser('amina')).toEqual(before);
    await a.agent.get('/').expect(200);
  });

  it('slows down guessing of the current password like sign-ins', async () => {
    const a = await f.signIn('amina', 'animator');
    for (let i = 0; i < 5; i++) {
      await a.agent
        .post('/account/password')
        .type('form')
        .send({ _csrf: a.csrf, current: `guess ${i} guess`, password: NEW, password2: NEW })
        .expect(400);
    }
    const blocked = await a.agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: a.csrf, current: PASSWORD, password: NEW, password2: NEW })
      .expect(429);
    expect(blocked.text).toContain('Trop d’essais');
    expect(await f.store.getUser('amina')).toMatchObject({ sessionEpoch: 0 });
  });

  it('refuses a form without its token, and changes nothing', async () => {
    const a = await f.signIn('amina', 'animator');
    await a.agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: 'C'.repeat(43), current: PASSWORD, password: NEW, password2: NEW })
      .expect(403);
    expect(await f.store.getUser('amina')).toMatchObject({ sessionEpoch: 0 });
  });
});
