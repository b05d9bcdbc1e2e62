// The managers' accounts pages: listing, creating, changing role or password, disabling (the
// account's open session stops at once), the last active manager rule, roles and CSRF.

import request from 'supertest';
import { consoleFixture, PASSWORD, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import { consoleMsgHtml } from '../../helpers/messages';

let f: ConsoleFixture;
let m: SignedInAgent;
beforeEach(async () => {
  f = await consoleFixture();
  m = await f.signIn('marie', 'manager');
});
afterEach(async () => {
  await f.close();
});

const NEW_PASSWORD = 'un autre mot de passe';

function post(path: string, fields: Record<string, string>, who: SignedInAgent = m) {
  return who.agent
    .post(path)
    .type('form')
    .send({ _csrf: who.csrf, ...fields });
}

async function users() {
  return JSON.stringify(await f.store.listUsers());
}

describe('who may manage accounts', () => {
  it.each(['animator', 'auditor', 'requisition'] as const)(
    'refuses the %s role and changes nothing',
    async (role) => {
      const who = await f.signIn(`u-${role}`, role);
      await f.user('sami', 'animator');
      const before = await users();
      await who.agent.get('/users').expect(403);
      await who.agent.get('/users/sami').expect(403);
      await post(
        '/users',
        { username: 'nouveau', role: 'manager', password: PASSWORD, password2: PASSWORD },
        who,
      ).expect(403);
      await post('/users/sami/role', { role: 'manager' }, who).expect(403);
      await post('/users/sami/password', { password: NEW_PASSWORD, password2: NEW_PASSWORD }, who).expect(
        403,
      );
      await post('/users/sami/disable', {}, who).expect(403);
      await post('/users/sami/enable', {}, who).expect(403);
      expect(await users()).toBe(before);
    },
  );

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    const res = await request(f.console).get('/users').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fusers');
    await request(f.console).post('/users/marie/disable').type('form').send({}).expect(403);
    expect((await f.store.getUser('marie'))!.disabledAt).toBeNull();
  });

  it('refuses a form with a wrong token', async () => {
    await f.user('sami', 'animator');
    await m.agent
      .post('/users/sami/disable')
      .type('form')
      .send({ _csrf: 'y'.repeat(43) })
      .expect(403);
    // Another body type, or none, skips the app-wide check: the page checks again.
    await m.agent.post('/users/sami/disable').set('Content-Type', 'text/plain').send('x').expect(403);
    await m.agent.post('/users/sami/disable').expect(403);
    expect((await f.store.getUser('sami'))!.disabledAt).toBeNull();
  });
});

describe('accounts', () => {
  it('lists the accounts with their role and state', async () => {
    await f.user('sami', 'animator');
    const page = await m.agent.get('/users').expect(200);
    expect(page.text).toContain('<th scope="row">sami</th>');
    expect(page.text).toContain('<td>animateur</td>');
    expect(page.text).toContain('<td>Actif</td>');
    expect(page.text).toContain('2 comptes');
  });

  it('creates an account that can sign in, audited without its password', async () => {
    const res = await post('/users', {
      username: 'Nadia',
      role: 'animator',
      password: PASSWORD,
      password2: PASSWORD,
    }).expect(303);
    expect(res.headers.location).toBe('/users?msg=created');
    expect((await m.agent.get(res.headers.location!).expect(200)).text).toContain(
      consoleMsgHtml('fr', 'users.saved.created'),
    );
    expect((await f.store.getUser('nadia'))!.role).toBe('animator');
    const agent = request.agent(f.console);
    const { csrfOf } = await import('../../helpers/console');
    const login = await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ username: 'nadia', password: PASSWORD, _csrf: csrfOf(login.text) })
      .expect(303);
    const [entry] = await f.store.listAudit({ limit: 10, action: 'user.created' });
    expect(entry).toMatchObject({ actor: 'marie', target: 'nadia', details: { role: 'animator' } });
    expect(JSON.stringify(await f.store.listAudit({ limit: 100 }))).not.toContain(PASSWORD);
  });

  it.each([
    [{ password2: 'pas le même mot' }, 'Les deux mots de passe ne sont pas les mêmes.', 'user-password'],
    [
      { password: 'court', password2: 'court' },
      'Le mot de passe doit faire de 10 à 200 caractères.',
      'user-password',
    ],
    [{ username: 'N' }, 'Le nom d&#39;utilisateur a de 2 à 32 caractères', 'user-name'],
    [{ username: 'marie' }, 'Un compte s&#39;appelle déjà « marie ».', 'user-name'],
    [{ role: 'admin' }, 'Choisissez un rôle dans la liste.', 'user-role'],
  ])('refuses %j with a clear message and creates nothing', async (bad, message, field) => {
    const before = await users();
    const res = await post('/users', {
      username: 'nadia',
      role: 'animator',
      password: PASSWORD,
      password2: PASSWORD,
      ...bad,
    }).expect(400);
    expect(res.text).toContain(message);
    expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    expect(res.text).not.toContain(PASSWORD);
    expect(await users()).toBe(before);
  });

  it('changes a role and a password; the account signs in with the new one only', async () => {
    const sami = await f.signIn('sami', 'animator');
    await post('/users/sami/role', { role: 'manager' }).expect(303);
    expect((await f.store.getUser('sami'))!.role).toBe('manager');
    await post('/users/sami/password', { password: NEW_PASSWORD, password2: NEW_PASSWORD }).expect(303);
    // The open session stopped with the change.
    expect((await sami.agent.get('/').expect(303)).headers.location).toBe('/login?next=%2F');
    const { csrfOf } = await import('../../helpers/console');
    const agent = request.agent(f.console);
    const login = await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ username: 'sami', password: PASSWORD, _csrf: csrfOf(login.text) })
      .expect(401);
    await agent
      .post('/login')
      .type('form')
      .send({ username: 'sami', password: NEW_PASSWORD, _csrf: csrfOf(login.text) })
      .expect(303);
    const changes = await f.store.listAudit({ limit: 10, action: 'user.changed' });
    expect(changes.map((e) => e.details)).toEqual([
      { change: 'password' },
      { change: 'role', role: 'manager' },
    ]);
    expect(JSON.stringify(changes)).not.toContain(NEW_PASSWORD);
  });

  it('disables an account: its agent is sent to the sign-in page at once; enabling lets it in again', async () => {
    const sami = await f.signIn('sami', 'animator');
    await sami.agent.get('/').expect(200);
    await post('/users/sami/disable', {}).expect(303);
    const res = await sami.agent.get('/').expect(303);
    expect(res.headers.location).toBe('/login?next=%2F');
    expect((await m.agent.get('/users').expect(200)).text).toContain('<td>Désactivé</td>');
    await post('/users/sami/enable', {}).expect(303);
    expect((await f.store.getUser('sami'))!.disabledAt).toBeNull();
  });

  it('keeps the last active manager: no disabling, no demotion', async () => {
    const before = await users();
    const res = await post('/users/marie/disable', {}).expect(400);
    expect(res.text).toContain('dernier compte responsable actif');
    await post('/users/marie/role', { role: 'animator' }).expect(400);
    expect(await users()).toBe(before);
    // With a second active manager, the first may step down.
    await f.user('paul', 'manager');
    await post('/users/marie/role', { role: 'animator' }).expect(303);
    expect((await f.store.getUser('marie'))!.role).toBe('animator');
  });

  it('answers 404 for an account that does not exist', async () => {
    await m.agent.get('/users/nobody').expect(404);
    await post('/users/nobody/disable', {}).expect(404);
  });
});

// Issue #12 item 2: a requisition account opens the legal journal, so whoever could make one
// or give it a password from the console could read the journal. Only `ecn users` on the box
// may; the server refuses whatever the form offered, changes nothing and audits the attempt.
describe('requisition accounts stay on the box', () => {
  const refusal =
    'on les crée, on change leur rôle ou leur mot de passe et on les réactive seulement sur le boîtier';

  async function refusals() {
    return (await f.store.listAudit({ limit: 50, action: 'user.refused' })).map((e) => ({
      actor: e.actor,
      target: e.target,
      details: e.details,
    }));
  }

  it('does not offer the requisition role in the forms', async () => {
    await f.user('sami', 'animator');
    const list = await m.agent.get('/users').expect(200);
    expect(list.text).not.toContain('value="requisition"');
    const account = await m.agent.get('/users/sami').expect(200);
    expect(account.text).not.toContain('value="requisition"');
  });

  it.each([
    [
      'creating one',
      '/users',
      { username: 'greffe', role: 'requisition', password: PASSWORD, password2: PASSWORD },
      'greffe',
      'create',
    ],
    ['giving the role to an account', '/users/sami/role', { role: 'requisition' }, 'sami', 'role-to'],
    ['changing its role', '/users/justice/role', { role: 'manager' }, 'justice', 'role-from'],
    [
      'resetting its password',
      '/users/justice/password',
      { password: NEW_PASSWORD, password2: NEW_PASSWORD },
      'justice',
      'password',
    ],
  ] as const)(
    'refuses %s, changes nothing and audits the attempt',
    async (_what, path, fields, target, attempt) => {
      await f.user('sami', 'animator');
      await f.user('justice', 'requisition');
      const before = await users();
      const res = await post(path, fields).expect(403);
      expect(res.text).toContain(refusal);
      expect(res.text).not.toContain(PASSWORD);
      expect(await users()).toBe(before);
      expect(await refusals()).toEqual([
        { actor: 'marie', target, details: { attempt, role: 'requisition' } },
      ]);
      // The audit page names the refusal in French.
      expect((await m.agent.get('/audit').expect(200)).text).toContain(
        'Compte réquisitions : changement refusé',
      );
    },
  );

  it('lets a manager disable one (it only takes access away) but never enable it again', async () => {
    const justice = await f.signIn('justice', 'requisition');
    const page = await m.agent.get('/users/justice').expect(200);
    expect(page.text).toContain(consoleMsgHtml('fr', 'users.account.requisitionNote'));
    expect(page.text).not.toContain('/users/justice/role');
    expect(page.text).not.toContain('/users/justice/password');
    await post('/users/justice/disable', {}).expect(303);
    // Its open session stops at once.
    expect((await justice.agent.get('/requisition').expect(303)).headers.location).toMatch(/^\/login/);
    const disabled = await users();
    expect((await m.agent.get('/users/justice').expect(200)).text).not.toContain('/users/justice/enable');
    const res = await post('/users/justice/enable', {}).expect(403);
    expect(res.text).toContain(refusal);
    expect(await users()).toBe(disabled);
    expect(await refusals()).toEqual([
      { actor: 'marie', target: 'justice', details: { attempt: 'enable', role: 'requisition' } },
    ]);
  });
});
