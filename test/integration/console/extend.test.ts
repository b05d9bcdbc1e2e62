// More time from the sessions page (issue #15, item 3): +30 min and +1 h per row, the ticket's
// end and the gateway's grant both moved, audited with the actor; the day's allowance, the
// validity window and a bad amount each refused with its sentence and nothing changed; the
// RFC 8908 API tells the truth about can-extend-session and points to a page saying how to
// ask, in the four languages; the allowance is counted per day of the space across clock changes.

import request from 'supertest';
import { consoleFixture, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import { escapeHtml as esc } from '../../helpers/http';
import { CONSOLE_CATALOGS } from '../../../src/console/i18n';
import { CATALOGS } from '../../../src/portal/i18n';
import { LANGUAGES } from '../../../src/domain/charter';

let f: ConsoleFixture;
afterEach(async () => {
  await f.close();
});

const fr = CONSOLE_CATALOGS.fr;
const say = (key: keyof typeof fr, vars: Record<string, string | number> = {}) =>
  esc(fr[key].replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k])));
const extend = (a: SignedInAgent, id: string, add: string) =>
  a.agent.post(`/sessions/${id}/extend`).type('form').send({ _csrf: a.csrf, add });

async function openOne(
  profile = '1h',
): Promise<{ sessionId: string; ticketId: string; phone: ReturnType<typeof request.agent> }> {
  const [code] = await f.tickets(1, profile);
  const phone = await f.residentLogin(code!);
  const s = (await f.store.listOpenSessions()).find((o) => o.ticketId !== null)!;
  return { sessionId: s.id, ticketId: s.ticketId!, phone };
}

describe('adding time from the sessions page', () => {
  beforeEach(async () => {
    f = await consoleFixture();
  });

  it('adds 30 min then 1 h: the ticket, the gateway grant and the audit trail follow', async () => {
    const { sessionId, ticketId } = await openOne();
    const before = (await f.store.getTicket(ticketId))!.expiresAt!;
    const a = await f.signIn('amina', 'animator');
    const page = await a.agent.get('/sessions').expect(200);
    expect(page.text).toContain(`action="/sessions/${sessionId}/extend"`);
    expect(page.text).toContain(say('sessions.extend30'));
    expect(page.text).toContain(say('sessions.extend60'));
    await extend(a, sessionId, '1800').expect(303).expect('location', '/sessions?msg=extended');
    expect((await f.store.getTicket(ticketId))!.expiresAt).toBe(before + 1800_000);
    expect(f.gateway.authorized.get(sessionId)!.secondsLeft).toBe(5400);
    const [entry] = await f.store.listAudit({ limit: 1, action: 'session.extended' });
    expect(entry).toMatchObject({
      actor: 'amina',
      target: sessionId,
      details: { ticketId, addedMinutes: 30 },
    });
    expect((await a.agent.get('/sessions?msg=extended')).text).toContain(say('sessions.msg.extended'));
  });

  it('refuses past the day’s allowance (1 h by default) and changes nothing', async () => {
    const { sessionId, ticketId } = await openOne();
    const a = await f.signIn('amina', 'animator');
    await extend(a, sessionId, '3600').expect(303);
    const after = JSON.stringify(await f.store.getTicket(ticketId));
    const refused = await extend(a, sessionId, '1800').expect(409);
    expect(refused.text).toContain(say('sessions.err.extendDailyMax', { used: 60, max: 60 }));
    expect(JSON.stringify(await f.store.getTicket(ticketId))).toBe(after);
    expect(await f.store.listAudit({ limit: 5, action: 'session.extended' })).toHaveLength(1);
  });

  it('refuses a bad amount and a free-access session', async () => {
    const { sessionId, ticketId } = await openOne();
    const a = await f.signIn('amina', 'animator');
    const before = JSON.stringify(await f.store.getTicket(ticketId));
    const bad = await extend(a, sessionId, '86400').expect(400);
    expect(bad.text).toContain(say('sessions.err.extendInvalid'));
    await extend(a, sessionId, 'beaucoup').expect(400);
    expect(JSON.stringify(await f.store.getTicket(ticketId))).toBe(before);
  });

  it('never takes a ticket past its validity window', async () => {
    // The "december" profile ends on 31 December 00:00 UTC; 1 h of time used from 22:50.
    f.access.clock.t = Date.UTC(2026, 11, 30, 22, 50);
    const { sessionId, ticketId } = await openOne('december');
    const a = await f.signIn('amina', 'animator');
    const before = JSON.stringify(await f.store.getTicket(ticketId));
    const refused = await extend(a, sessionId, '1800').expect(409);
    expect(refused.text).toContain(say('sessions.err.extendPastValidity'));
    expect(JSON.stringify(await f.store.getTicket(ticketId))).toBe(before);
  });

  it('the allowance is the space’s day: after midnight in Paris (spring clock change) it starts again', async () => {
    f.access.clock.t = Date.UTC(2026, 2, 28, 21, 0); // 22:00 in Paris, 28 March
    const { sessionId, ticketId } = await openOne('week');
    let a = await f.signIn('amina', 'animator');
    await extend(a, sessionId, '3600').expect(303);
    f.access.clock.t = Date.UTC(2026, 2, 28, 22, 50); // 23:50 in Paris, same day
    a = await f.signIn('amina', 'animator');
    await extend(a, sessionId, '1800').expect(409);
    f.access.clock.t = Date.UTC(2026, 2, 28, 23, 10); // 00:10 on the 29th (the clocks go forward at 02:00)
    a = await f.signIn('amina', 'animator');
    await extend(a, sessionId, '1800').expect(303);
    expect(
      (await f.store.listAudit({ limit: 5, action: 'session.extended' })).map((e) => e.details.todayMinutes),
    ).toEqual([30, 60]);
    expect(ticketId).toBeTruthy();
  });

  it('an auditor may not add time', async () => {
    const { sessionId } = await openOne();
    const a = await f.signIn('paul', 'auditor');
    await extend(a, sessionId, '1800').expect(403);
  });
});

describe('RFC 8908: can-extend-session and the page saying how to ask', () => {
  beforeEach(async () => {
    f = await consoleFixture();
  });

  it('is true while time can be added, then false, and the portal URL leads to /extend', async () => {
    const { sessionId, phone } = await openOne();
    const api = async () =>
      JSON.parse((await phone.get('/api/captive').expect(200)).text) as Record<string, unknown>;
    const first = await api();
    expect(first['can-extend-session']).toBe(true);
    expect(first['user-portal-url']).toBe('http://portal.ecn.test/extend');
    const a = await f.signIn('amina', 'animator');
    await extend(a, sessionId, '3600').expect(303);
    const after = await api();
    expect(after['can-extend-session']).toBe(false);
    expect(after['user-portal-url']).toBe('http://portal.ecn.test/');
    // A captive client: never.
    const stranger = JSON.parse(
      (await request(f.app).get('/api/captive').set('X-Forwarded-For', '10.0.0.9')).text,
    );
    expect(stranger['can-extend-session']).toBe(false);
  });

  it.each(LANGUAGES)('the /extend page says how to ask, in %s', async (lang) => {
    const { phone } = await openOne();
    const page = await phone.get(`/extend?lang=${lang}`).expect(200);
    expect(page.text).toContain(esc(CATALOGS[lang]['extend.title']));
    expect(page.text).toContain(esc(CATALOGS[lang]['extend.text']));
    expect(page.text).toContain('class="help-call"');
  });
});
