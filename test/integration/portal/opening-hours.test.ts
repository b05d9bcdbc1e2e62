// Issue #15, item 1 through the portal (supertest, embedded store, fake clock): while the space
// is closed the resident reads so in their language with the next opening, logins and free
// access are refused and change nothing, the status page warns ten minutes before closing,
// and the sweeper ends open sessions at closing time.

import request from 'supertest';
import { LANGUAGES } from '../../../src/domain/charter';
import { formatDayTime, formatTime } from '../../../src/portal/i18n';
import { expireSessions } from '../../../src/services/expire-sessions';
import { portalFixture, type PortalFixture } from '../../helpers/portal';
import { msgHtml as msg } from '../../helpers/messages';

type Agent = ReturnType<typeof request.agent>;

const PARIS = 'Europe/Paris';
/** Saturday 28 November 2026 (10:00-12:00 in Paris, i.e. 09:00-11:00 UTC), Monday 30 a closure. */
const HOURS_ENV = {
  ECN_SPACE_OPENING_HOURS_MON: '["09:00-12:00","14:00-18:00"]',
  ECN_SPACE_OPENING_HOURS_TUE: '["09:00-12:00","14:00-18:00"]',
  ECN_SPACE_OPENING_HOURS_SAT: '["10:00-12:00"]',
  ECN_SPACE_CLOSURES: '["2026-11-30"]',
};
const at = (s: string) => Date.parse(s);
const SAT_NOON = at('2026-11-28T11:00:00Z');
const TUE_OPENING = at('2026-12-01T08:00:00Z');

let f: PortalFixture;
afterEach(async () => {
  await f?.close();
});

async function csrfOf(agent: Agent, path: string): Promise<string> {
  const res = await agent.get(path);
  const m = /name="_csrf" value="([^"]+)"/.exec(res.text);
  if (!m) throw new Error(`no CSRF field on ${path}`);
  return m[1]!;
}

describe('the portal while the space is closed', () => {
  it.each(LANGUAGES)('says so in %s with the next opening, and offers no login form', async (lang) => {
    f = await portalFixture(HOURS_ENV);
    f.access.clock.t = SAT_NOON + 30 * 60_000; // Saturday 12:30: closed until Tuesday (Monday is a closure)
    const res = await request(f.app).get(`/?lang=${lang}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(msg(lang, 'closed.title'));
    expect(res.text).toContain(msg(lang, 'closed.next', { time: formatDayTime(lang, TUE_OPENING, PARIS) }));
    expect(res.text).toContain(`dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`);
    expect(res.text).toContain('09:00–12:00, 14:00–18:00');
    expect(res.text).not.toContain('action="/login"');
    // The ticket's QR link too.
    const link = await request(f.app).get(`/t/AAAA-AAAA-AAAA?lang=${lang}`);
    expect(link.text).toContain(msg(lang, 'closed.title'));
  });

  it('refuses a ticket login with the closed page and changes nothing', async () => {
    f = await portalFixture(HOURS_ENV);
    const [code] = await f.tickets(1);
    f.access.clock.t = SAT_NOON - 10 * 60_000; // 11:50: the form is shown
    const agent = request.agent(f.app);
    const token = await csrfOf(agent, '/?lang=en');
    const before = await f.snapshot();
    f.access.clock.t = SAT_NOON + 60_000; // 12:01: the space closed meanwhile
    const res = await agent.post('/login').type('form').send({ _csrf: token, charter: 'yes', code: code! });
    expect(res.status).toBe(403);
    expect(res.text).toContain(msg('en', 'closed.next', { time: formatDayTime('en', TUE_OPENING, PARIS) }));
    expect(await f.snapshot()).toBe(before);
    expect(f.gateway.authorized.size).toBe(0);
  });

  it('refuses free access on a closure day and lets it in on the next opening', async () => {
    f = await portalFixture({ ...HOURS_ENV, ECN_PORTAL_FREE_ACCESS_ENABLED: 'true' });
    f.access.clock.t = SAT_NOON - 30 * 60_000;
    const agent = request.agent(f.app);
    const token = await csrfOf(agent, '/');
    f.access.clock.t = at('2026-11-30T09:00:00Z'); // Monday 10:00, inside the hours, but a closure
    const before = await f.snapshot();
    const refused = await agent.post('/login').type('form').send({ _csrf: token, charter: 'yes' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(msg('fr', 'closed.title'));
    expect(await f.snapshot()).toBe(before);
    f.access.clock.t = TUE_OPENING;
    const ok = await agent.post('/login').type('form').send({ _csrf: token, charter: 'yes' });
    expect(ok.status).toBe(303);
    expect(f.gateway.authorized.size).toBe(1);
  });
});

describe('closing time', () => {
  it('warns on the status page from ten minutes before, lets go at closing, and the sweeper ends the session', async () => {
    f = await portalFixture(HOURS_ENV);
    const [code] = await f.tickets(1);
    f.access.clock.t = SAT_NOON - 45 * 60_000; // 11:15
    const agent = request.agent(f.app);
    const token = await csrfOf(agent, '/');
    const login = await agent.post('/login').type('form').send({ _csrf: token, charter: 'yes', code: code! });
    expect(login.status).toBe(303);
    // The gateway holds the device until closing time, not the ticket's full hour.
    const [grant] = [...f.gateway.authorized.values()];
    expect(grant!.secondsLeft).toBe(45 * 60);

    const warning = msg('fr', 'status.closingSoon', { time: formatTime('fr', SAT_NOON, PARIS) });
    f.access.clock.t = SAT_NOON - 11 * 60_000;
    expect((await agent.get('/status')).text).not.toContain(warning);
    f.access.clock.t = SAT_NOON - 10 * 60_000;
    const soon = await agent.get('/status?lang=ar');
    expect(soon.text).toContain(msg('ar', 'status.closingSoon', { time: formatTime('ar', SAT_NOON, PARIS) }));
    expect((await agent.get('/status?lang=fr')).text).toContain(warning);

    const known = new Map();
    expect(await expireSessions(f.access, known)).toEqual({ ended: 0, deauthorized: 0 });
    f.access.clock.t = SAT_NOON;
    expect(await expireSessions(f.access, known)).toEqual({ ended: 1, deauthorized: 1 });
    expect(await f.store.listOpenSessions()).toEqual([]);
    expect(f.gateway.authorized.size).toBe(0);
    const ended = await f.store.getSession(grant!.sessionId);
    expect(ended).toMatchObject({ endCause: 'closed', endedAt: SAT_NOON });
  });
});
