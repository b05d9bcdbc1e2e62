// Issue #15, item 1: managers edit the opening hours and closures on the settings page
// (supertest): saved, audited, applied by the portal at once; each mistake refused with its
// own message on its field, changing nothing; a new closure covering today refused.

import request from 'supertest';
import { issueTickets } from '../../../src/services/issue-tickets';
import { consoleFixture, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';

const SAT_1030 = Date.parse('2026-11-28T09:30:00Z'); // Saturday 10:30 in Paris

let f: ConsoleFixture;
let m: SignedInAgent;
beforeEach(async () => {
  f = await consoleFixture();
  f.access.clock.t = SAT_1030;
  m = await f.signIn('marie', 'manager');
});
afterEach(async () => {
  await f.close();
});

function post(fields: Record<string, string>, who: SignedInAgent = m) {
  return who.agent
    .post('/settings/hours')
    .type('form')
    .send({ _csrf: who.csrf, ...fields });
}

describe('opening hours on the settings page', () => {
  it('saves the hours, audits them, and the portal applies them at once', async () => {
    expect((await request(f.app).get('/')).text).toContain('action="/login"');
    const res = await post({
      mon: '09:00-12:00, 14:00-18:00',
      sat: '14:00-18:00',
      closures: '2026-12-24\n2026-12-25..2027-01-01',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/settings?msg=hours');
    const page = await m.agent.get('/settings?msg=hours').expect(200);
    expect(page.text).toContain('value="09:00-12:00, 14:00-18:00"');
    expect(page.text).toContain('2026-12-25..2027-01-01');
    const closed = await request(f.app).get('/');
    expect(closed.text).toContain('L’espace est fermé');
    expect(closed.text).not.toContain('action="/login"');
    // The front desk reads today's hours (Saturday) on the today page.
    const today = await m.agent.get('/today').expect(200);
    expect(today.text).toContain('Heures d’ouverture aujourd’hui : 14:00–18:00.');
    const [entry] = await f.store.listAudit({ limit: 1 });
    expect(entry).toMatchObject({ actor: 'marie', action: 'settings.changed', target: 'hours' });
    expect(entry!.details.mon).toBe('— → 09:00-12:00, 14:00-18:00');
    expect((await f.store.getSettings())?.hours?.closures).toEqual(['2026-12-24', '2026-12-25..2027-01-01']);
    // Printed tickets say the week's hours in short (the PDF's layouts: print tests).
    const { batch } = await issueTickets(f.access, { count: 1, createdBy: 'marie' });
    const sheet = await m.agent.get(`/tickets/batches/${batch.id}/print?layout=a4-8`).expect(200);
    expect(sheet.text).toContain(
      '<p class="opening-hours">Ouvert lun 9 h–12 h, 14 h–18 h ; sam 14 h–18 h</p>',
    );
  });

  it.each([
    [{ tue: '9h-12h' }, 'hours-tue', 'ne s’écrit pas comme 09:00-12:00'],
    [{ fri: '22:00-02:00' }, 'hours-fri', 'une plage ne passe pas minuit'],
    [{ wed: '09:00-12:30, 12:00-18:00' }, 'hours-wed', 'se chevauchent'],
    [{ closures: 'Noël' }, 'hours-closures', 'n’est pas un jour'],
    [{ closures: '2027-01-01..2026-12-25' }, 'hours-closures', 'finit avant de commencer'],
    [{ closures: '2026-11-27..2026-11-29' }, 'hours-closures', 'elle couperait les personnes connectées'],
  ])('refuses %j on its field with its own message and changes nothing', async (fields, field, text) => {
    const before = JSON.stringify(await f.store.getSettings());
    const res = await post(fields);
    expect(res.status).toBe(400);
    expect(res.text).toContain(text);
    expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    expect(JSON.stringify(await f.store.getSettings())).toBe(before);
    expect((await request(f.app).get('/')).text).toContain('action="/login"');
  });

  it('is for managers only and refuses a forged form', async () => {
    const who = await f.signIn('sami', 'animator');
    await post({ mon: '09:00-12:00' }, who).expect(403);
    await m.agent
      .post('/settings/hours')
      .type('form')
      .send({ _csrf: 'x'.repeat(43), mon: '09:00-12:00' })
      .expect(403);
    expect((await f.store.getSettings())?.hours).toBeUndefined();
  });
});
