// The managers' audit page: newest first in French words, filter by action, paging, read-only.

import request from 'supertest';
import { consoleFixture, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import { recordAudit } from '../../../src/console/audit';
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

describe('audit page', () => {
  it.each(['animator', 'auditor', 'requisition'] as const)('is refused to the %s role', async (role) => {
    const who = await f.signIn(`u-${role}`, role);
    await who.agent.get('/audit').expect(403);
  });

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    const res = await request(f.console).get('/audit').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Faudit');
  });

  it('lists entries newest first, in French, with readable details', async () => {
    f.access.clock.advance(60_000);
    await m.agent
      .post('/settings/space')
      .type('form')
      .send({ _csrf: m.csrf, name: 'ECN Epeule', primary: '#1d4e89', accent: '#ffd166' })
      .expect(303);
    const page = await m.agent.get('/audit').expect(200);
    expect(page.text).toContain('<h1>Journal d&#39;audit</h1>');
    const changed = page.text.indexOf('<td>Réglage changé</td>');
    const login = page.text.indexOf('<td>Connexion à la console</td>');
    expect(changed).toBeGreaterThan(0);
    expect(login).toBeGreaterThan(changed);
    expect(page.text).toContain('<li>nom : Espace de test → ECN Epeule</li>');
    expect(page.text).toMatch(/<time datetime="[^"]+Z">/);
  });

  it('filters by action and pages with before=', async () => {
    for (let i = 0; i < 60; i++) {
      f.access.clock.advance(1000);
      await recordAudit(f.access, 'ecn', 'tickets.issued', `batch-${i}`, { count: i });
    }
    const filtered = await m.agent.get('/audit?action=tickets.issued').expect(200);
    expect(filtered.text).not.toContain(`${consoleMsgHtml('fr', 'audit.action.login')}</td>`);
    expect(filtered.text).toContain('batch-59');
    expect(filtered.text).not.toContain('batch-9<');
    const older = /href="(\/audit\?action=tickets.issued&amp;before=\d+)"/.exec(filtered.text);
    expect(older).not.toBeNull();
    const next = await m.agent.get(older![1]!.replace(/&amp;/g, '&')).expect(200);
    expect(next.text).toContain('batch-9<');
    expect(next.text).not.toContain('batch-59');
    expect(next.text).toContain(consoleMsgHtml('fr', 'audit.newest'));
  });

  it('has no route that changes the trail', async () => {
    const before = await f.store.listAudit({ limit: 100 });
    for (const method of ['post', 'put', 'delete'] as const) {
      const res = await m.agent[method]('/audit').type('form').send({ _csrf: m.csrf });
      expect(res.status).toBe(404);
    }
    expect(await f.store.listAudit({ limit: 100 })).toEqual(before);
  });
});
