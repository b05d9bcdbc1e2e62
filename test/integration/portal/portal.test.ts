// The resident portal over HTTP (supertest, embedded store): every page in every language,
// the login flow, every refusal with its own message and no change in the store, captive
// probes and foreign hosts, the RFC 8908 API, security headers, cookies and logs.

import request from 'supertest';
import { Writable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LANGUAGES, type Language } from '../../../src/domain/charter';
import { CATALOGS, formatDayTime, formatTime } from '../../../src/portal/i18n';
import { createLogger } from '../../../src/log';
import { makeDevice } from '../../../src/domain/device';
import { redeemTicket } from '../../../src/services/redeem-ticket';
import { issueTickets } from '../../../src/services/issue-tickets';
import { formatCode } from '../../../src/domain/ticket-code';
import { revokeTicketByCode } from '../../../src/services/revoke-tickets';
import { expireSessions } from '../../../src/services/expire-sessions';
import { normalizeCode } from '../../../src/domain/ticket-code';
import { addUsage } from '../../../src/domain/ticket';
import { portalFixture, type PortalFixture } from '../../helpers/portal';
import { HOUR } from '../../helpers/fakes';
import { escapeHtml as esc } from '../../helpers/http';
import { msgHtml as msg } from '../../helpers/messages';
import { readCharter } from '../../../src/config/charter-texts';

type Agent = ReturnType<typeof request.agent>;

async function csrfOf(agent: Agent, path = '/'): Promise<string> {
  const res = await agent.get(path);
  const m = /name="_csrf" value="([^"]+)"/.exec(res.text);
  if (!m) throw new Error(`no CSRF field on ${path}`);
  return m[1]!;
}

async function postLogin(agent: Agent, fields: Record<string, string>, lang: Language = 'fr') {
  const token = await csrfOf(agent, `/t/AAAA-AAAA-AAAA?lang=${lang}`);
  return agent
    .post('/login')
    .type('form')
    .send({ _csrf: token, ...fields });
}

let f: PortalFixture;
afterEach(async () => {
  await f?.close();
});

describe('pages in every language', () => {
  beforeEach(async () => {
    f = await portalFixture();
  });

  const pages = [
    '/',
    '/t/K7QM-X4TR-9WPA',
    '/status',
    '/charter',
    '/blocked?category=gambling',
    '/legal/mentions',
    '/legal/privacy',
    '/legal/accessibility',
  ];

  it.each(LANGUAGES)(
    'serves every page in %s: right language and direction, light, self-contained',
    async (lang) => {
      const agent = request.agent(f.app);
      const css =
        (await agent.get('/static/portal.css')).text.length +
        (await agent.get('/static/theme.css')).text.length;
      for (const page of pages) {
        const res = await agent.get(`${page}${page.includes('?') ? '&' : '?'}lang=${lang}`);
        expect([page, res.status]).toEqual([page, page.startsWith('/blocked') ? 403 : 200]);
        expect(res.type).toBe('text/html');
        expect(res.text).toContain(
          `<html lang="${lang === 'fr-falc' ? 'fr' : lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`,
        );
        expect(res.text).toContain(msg(lang, 'page.help'));
        expect(res.text).toContain('<main id="main"');
        expect(res.text).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
        expect(res.text).not.toMatch(/(src|href|action)="(https?:)?\/\//);
        expect(res.text.length + css).toBeLessThan(60_000);
      }
    },
  );

  it('fills the legal texts from the configuration and never leaves a placeholder', async () => {
    for (const lang of LANGUAGES) {
      for (const page of ['mentions', 'privacy', 'accessibility']) {
        const res = await request(f.app).get(`/legal/${page}?lang=${lang}`);
        expect(res.text).not.toContain('{{');
        expect(res.text).toContain('Espace de test');
      }
    }
    const privacy = await request(f.app).get('/legal/privacy?lang=fr');
    expect(privacy.text).toContain('contact@ecn.test');
    expect(privacy.text).toContain('CNIL');
    expect(privacy.text).toMatch(/365 jours/);
  });

  it('shows the charter summary on the welcome page and the whole text one tap away', async () => {
    const welcome = await request(f.app).get('/?lang=fr');
    // The charter the gateway ships (config/charter), read as the portal reads it.
    const charter = (lang: Language) =>
      readCharter(path.resolve(__dirname, '../../../config/charter'), '2026-11', lang);
    expect(welcome.text).toContain(esc(charter('fr').summary[0]!));
    expect(welcome.text).toContain('href="/charter"');
    const whole = await request(f.app).get('/charter?lang=fr-falc');
    expect(whole.text).toContain(esc(charter('fr-falc').title));
    expect(whole.text).toContain('2026-11');
  });

  it('explains a blocked site: category, why, whom to ask; unknown categories stay generic', async () => {
    const res = await request(f.app).get('/blocked?category=adult&lang=en');
    expect(res.text).toContain(msg('en', 'blocked.category', { category: CATALOGS.en['category.adult'] }));
    expect(res.text).toContain(msg('en', 'blocked.why'));
    expect(res.text).toContain(msg('en', 'blocked.contact', { email: 'contact@ecn.test' }));
    const odd = await request(f.app).get('/blocked?category=astrology&lang=en');
    expect(odd.text).toContain(msg('en', 'blocked.category', { category: CATALOGS.en['category.other'] }));
    const junk = await request(f.app).get('/blocked?category=%3Cscript%3E&lang=en');
    expect(junk.status).toBe(403);
    expect(junk.text).not.toContain('<script');
    expect(junk.text).not.toContain(
      msg('en', 'blocked.category', { category: CATALOGS.en['category.other'] }),
    );
  });

  it('chooses the language from ?lang, then the cookie, then Accept-Language, then French', async () => {
    const first = await request(f.app).get('/').set('Accept-Language', 'ar,en;q=0.5');
    expect(first.text).toContain('<html lang="ar" dir="rtl">');
    expect((await request(f.app).get('/').set('Accept-Language', 'de')).text).toContain('<html lang="fr"');
    const agent = request.agent(f.app);
    const chosen = await agent.get('/charter?lang=en').set('Accept-Language', 'ar');
    expect(chosen.headers['set-cookie']!.toString()).toMatch(/ecn_lang=en; .*HttpOnly; SameSite=Lax/);
    expect((await agent.get('/status').set('Accept-Language', 'ar')).text).toContain('<html lang="en"');
    expect((await agent.get('/status?lang=xx').set('Accept-Language', 'ar')).text).toContain(
      '<html lang="en"',
    );
  });

  it('keeps the path and query in the language switch links', async () => {
    const res = await request(f.app).get('/blocked?category=adult&lang=fr');
    expect(res.text).toContain('href="/blocked?category=adult&amp;lang=ar"');
    expect(res.text).toContain('aria-current="true">Français<');
  });

  it('answers an unknown page with a 404 page in the language for an authorized client', async () => {
    const [code] = await f.tickets();
    const agent = request.agent(f.app);
    await postLogin(agent, { charter: 'yes', code: code! });
    const res = await agent.get('/nowhere?lang=en');
    expect(res.status).toBe(404);
    expect(res.text).toContain(msg('en', 'notFound.text'));
  });

  it.each(['//evil.example/x', '/\\evil.example/x', '//evil.example/x?next=//evil.example'])(
    'keeps every link of the 404 page for %s on the portal',
    async (path) => {
      const [code] = await f.tickets();
      const agent = request.agent(f.app);
      await postLogin(agent, { charter: 'yes', code: code! });
      const res = await agent.get(path).set('Accept', 'text/html');
      expect(res.status).toBe(404);
      const targets = [...res.text.matchAll(/\b(?:href|src|action)="([^"]*)"/g)].map((m) => m[1]!);
      expect(targets.length).toBeGreaterThan(4);
      for (const target of targets) {
        // Resolved the way a browser does, every link lands on the portal's own origin.
        expect(new URL(target.replace(/&amp;/g, '&'), 'http://portal.test/here/').origin).toBe(
          'http://portal.test',
        );
      }
      expect(res.text).toContain('href="/?lang=ar"');
    },
  );
});

describe('logging in and out', () => {
  beforeEach(async () => {
    f = await portalFixture();
  });

  it('logs in with a ticket typed in lower case without dashes, shows the status, logs out', async () => {
    const [code] = await f.tickets(1, 'week');
    const agent = request.agent(f.app);
    const res = await postLogin(agent, { charter: 'yes', code: code!.replace(/-/g, '').toLowerCase() });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/status');

    const open = await f.store.listOpenSessions();
    expect(open).toHaveLength(1);
    expect(open[0]!.device).toEqual({ mac: null, ip: '127.0.0.1' });
    expect(await f.store.latestAcceptance('ip:127.0.0.1')).toMatchObject({
      charterVersion: '2026-11',
      lang: 'fr',
    });
    expect([...f.gateway.authorized.values()][0]).toMatchObject({
      sessionId: open[0]!.id,
      secondsLeft: 7 * 86400,
    });

    const status = await agent.get('/status?lang=fr');
    expect(status.text).toContain(msg('fr', 'status.title'));
    expect(status.text).toContain('7 j 0 h');
    expect(status.text).toContain('2 Go');
    expect(status.text).toContain(msg('fr', 'status.devicesValue', { used: 1, max: 2 }));
    expect(status.text).toContain('action="/logout"');
    expect(status.text).toContain('href="/charter"');
    expect((await agent.get('/')).headers.location).toBe('/status');

    const token = /name="_csrf" value="([^"]+)"/.exec(status.text)![1]!;
    const out = await agent.post('/logout').type('form').send({ _csrf: token });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/?loggedout=1');
    expect((await agent.get('/?loggedout=1&lang=fr')).text).toContain(msg('fr', 'welcome.loggedOut'));
    expect(await f.store.listOpenSessions()).toHaveLength(0);
    expect((await f.store.listSessionsByTicket(open[0]!.ticketId!))[0]!.endCause).toBe('logout');
    expect(f.gateway.authorized.size).toBe(0);
    expect((await agent.get('/status?lang=en')).text).toContain(msg('en', 'status.offTitle'));
  });

  it.each(LANGUAGES)('logs in and out in %s', async (lang) => {
    const [code] = await f.tickets();
    const agent = request.agent(f.app);
    const res = await postLogin(agent, { charter: 'yes', code: code! }, lang);
    expect(res.status).toBe(303);
    const status = await agent.get('/status');
    expect(status.text).toContain(msg(lang, 'status.title'));
    expect(status.text).toContain(msg(lang, 'status.logout'));
    expect(await f.store.latestAcceptance('ip:127.0.0.1')).toMatchObject({ lang });
  });

  it('fills the code from a ticket link, still asking for the charter', async () => {
    const [code] = await f.tickets();
    const agent = request.agent(f.app);
    const page = await agent.get(`/t/${code!.toLowerCase().replace(/-/g, '')}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`value="${code}"`);
    expect(page.text).toContain(msg('en', 'welcome.fromTicket'));
    expect(page.text).not.toMatch(/name="charter"[^>]*checked/);
    expect(await f.store.listOpenSessions()).toHaveLength(0);
    const bad = await agent.get('/t/OOOO-0000-1111?lang=en');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(msg('en', 'error.codeAlphabet'));
    expect(bad.text).toContain('name="code" value=""');
  });

  it('lets a device come back to its open session instead of opening another', async () => {
    const [code] = await f.tickets();
    const agent = request.agent(f.app);
    await postLogin(agent, { charter: 'yes', code: code! });
    await postLogin(agent, { charter: 'yes', code: code! });
    expect(await f.store.listOpenSessions()).toHaveLength(1);
  });

  it('sends the resident on to the page first asked for, as a link on the status page', async () => {
    const [code] = await f.tickets();
    const agent = request.agent(f.app);
    const token = await csrfOf(agent, '/?dest=http%3A%2F%2Fwww.caf.fr%2Fallocataires');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, charter: 'yes', code: code!, dest: 'http://www.caf.fr/allocataires' });
    expect(res.headers.location).toBe('/status?dest=http%3A%2F%2Fwww.caf.fr%2Fallocataires');
    const status = await agent.get(res.headers.location!);
    expect(status.text).toContain('href="http://www.caf.fr/allocataires"');
    const evil = await agent.get('/status?dest=javascript%3Aalert(1)');
    expect(evil.text).not.toContain('javascript:');
  });

  it('binds the device by MAC when the gateway knows it', async () => {
    await f.close();
    f = await portalFixture({}, { macs: new Map([['127.0.0.1', 'AA-BB-CC-00-11-22']]) });
    const [code] = await f.tickets();
    await postLogin(request.agent(f.app), { charter: 'yes', code: code! });
    expect((await f.store.listOpenSessions())[0]!.device).toEqual({
      mac: 'aa:bb:cc:00:11:22',
      ip: '127.0.0.1',
    });
    expect((await f.store.findTicketByCode(normalizeCode(code!)))!.devices).toEqual([
      'mac:aa:bb:cc:00:11:22',
    ]);
  });
});

describe('refusals: the resident reads why, and nothing changes', () => {
  beforeEach(async () => {
    f = await portalFixture();
  });

  const other = makeDevice({ ip: '10.0.0.7' });

  async function refused(fields: Record<string, string>, lang: Language = 'fr') {
    const before = await f.snapshot();
    const res = await postLogin(request.agent(f.app), fields, lang);
    expect(await f.snapshot()).toBe(before);
    expect(f.gateway.authorized.size).toBe(0);
    return res;
  }

  it.each(LANGUAGES)('charter not ticked (%s): asks to tick it and keeps the typed code', async (lang) => {
    const [code] = await f.tickets();
    const res = await refused({ code: code! }, lang);
    expect(res.status).toBe(400);
    expect(res.text).toContain(msg(lang, 'error.charter'));
    expect(res.text).toContain(`<title>${msg(lang, 'welcome.errorTitle')} – ${msg(lang, 'welcome.title')}`);
    expect(res.text).toMatch(/id="charter"[^>]*aria-invalid="true"/);
    expect(res.text).toContain(`value="${code}"`);
  });

  it.each(LANGUAGES)('no code (%s)', async (lang) => {
    const res = await refused({ charter: 'yes', code: '  ' }, lang);
    expect(res.status).toBe(400);
    expect(res.text).toContain(msg(lang, 'error.codeMissing'));
  });

  it.each(LANGUAGES)('code of the wrong length or alphabet (%s)', async (lang) => {
    const short = await refused({ charter: 'yes', code: 'K7QM-X4TR' }, lang);
    expect(short.status).toBe(400);
    expect(short.text).toContain(msg(lang, 'error.codeLength'));
    const letters = await refused({ charter: 'yes', code: 'K7QM-X4TR-9WP0' }, lang);
    expect(letters.text).toContain(msg(lang, 'error.codeAlphabet'));
    const long = await refused({ charter: 'yes', code: 'K'.repeat(60) }, lang);
    expect(long.text).toContain(msg(lang, 'error.codeLength'));
    expect(long.text).not.toContain('KKKKKKKK');
  });

  it.each(LANGUAGES)(
    'unknown code (%s): says how many tries are left, never echoes the code',
    async (lang) => {
      const res = await refused({ charter: 'yes', code: 'ZZZZ-ZZZZ-ZZZZ' }, lang);
      expect(res.status).toBe(403);
      expect(res.text).toContain(msg(lang, 'error.unknown', { tries: 4 }));
      expect(res.text).not.toContain('ZZZZ');
    },
  );

  it.each(LANGUAGES)('ticket already on as many devices as allowed (%s)', async (lang) => {
    const [code] = await f.tickets();
    await redeemTicket(f.access, { code: code!, device: other, via: 'cli' });
    const res = await refused({ charter: 'yes', code: code! }, lang);
    expect(res.status).toBe(403);
    expect(res.text).toContain(msg(lang, 'error.deviceLimit', { max: 1 }));
  });

  it.each(LANGUAGES)('expired ticket (%s)', async (lang) => {
    const [code] = await f.tickets(1, '1d');
    await redeemTicket(f.access, { code: code!, device: other, via: 'cli' });
    f.access.clock.advance(25 * HOUR);
    const res = await refused({ charter: 'yes', code: code! }, lang);
    expect(res.status).toBe(403);
    expect(res.text).toContain(msg(lang, 'error.expired'));
  });

  it.each(LANGUAGES)('revoked ticket (%s)', async (lang) => {
    const [code] = await f.tickets();
    await revokeTicketByCode(f.access, code!, 'test');
    const res = await refused({ charter: 'yes', code: code! }, lang);
    expect(res.text).toContain(msg(lang, 'error.revoked'));
  });

  it.each(LANGUAGES)('ticket out of data (%s)', async (lang) => {
    const [code] = await f.tickets(1, 'quota');
    const t = await f.store.findTicketByCode(normalizeCode(code!));
    await f.store.updateTicket(t!.id, (cur) => addUsage(cur, 5000));
    const res = await refused({ charter: 'yes', code: code! }, lang);
    expect(res.text).toContain(msg(lang, 'error.exhausted'));
  });

  it.each(LANGUAGES)('ticket not valid yet (%s): says from when', async (lang) => {
    const [code] = await f.tickets(1, 'december');
    const res = await refused({ charter: 'yes', code: code! }, lang);
    const time = formatDayTime(lang, Date.UTC(2026, 11, 1), 'Europe/Paris');
    expect(res.text).toContain(msg(lang, 'error.notYetValid', { time }));
  });

  it.each(['fr', 'en'] as const)(
    'a workshop ticket (%s): "valid from" with the day and hour before its window, expired after it',
    async (lang) => {
      // The fixture's clock is Saturday 28 November 2026; the workshop is Tuesday 8 December 14 h – 17 h.
      const validFrom = Date.UTC(2026, 11, 8, 13);
      const validUntil = Date.UTC(2026, 11, 8, 16);
      const { tickets } = await issueTickets(f.access, {
        count: 1,
        profile: '1d',
        validFrom,
        validUntil,
        createdBy: 'test',
      });
      const code = formatCode(tickets[0]!.code);
      const before = await refused({ charter: 'yes', code }, lang);
      const time = formatDayTime(lang, validFrom, 'Europe/Paris');
      expect(time).toMatch(lang === 'fr' ? /^mardi 8 décembre à 14:00$/ : /^Tuesday 8 December at 14:00$/);
      expect(before.text).toContain(msg(lang, 'error.notYetValid', { time }));
      f.access.clock.t = validUntil;
      const after = await refused({ charter: 'yes', code }, lang);
      expect(after.text).toContain(msg(lang, 'error.expired'));
    },
  );

  it.each(LANGUAGES)('form without a valid CSRF token (%s)', async (lang) => {
    const [code] = await f.tickets();
    const agent = request.agent(f.app);
    await agent.get(`/?lang=${lang}`);
    const before = await f.snapshot();
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: 'x'.repeat(43), charter: 'yes', code: code! });
    expect(res.status).toBe(403);
    expect(res.text).toContain(msg(lang, 'error.csrf'));
    const none = await request(f.app).post('/login').type('form').send({ charter: 'yes', code: code! });
    expect(none.status).toBe(403);
    const logout = await agent.post('/logout').type('form').send({});
    expect(logout.status).toBe(403);
    expect(await f.snapshot()).toBe(before);
  });

  it.each(LANGUAGES)('a form field of the wrong shape (%s)', async (lang) => {
    const agent = request.agent(f.app);
    const token = await csrfOf(agent, `/?lang=${lang}`);
    const before = await f.snapshot();
    const res = await agent.post('/login').type('form').send(`_csrf=${token}&charter=yes&code=A&code=B`);
    expect(res.status).toBe(400);
    expect(res.text).toContain(msg(lang, 'error.input'));
    expect(await f.snapshot()).toBe(before);
  });

  it('too many wrong codes: a wait with the time to retry, growing, then a fresh start', async () => {
    const [code] = await f.tickets();
    const agent = request.agent(f.app);
    for (let i = 4; i >= 1; i--) {
      const res = await postLogin(agent, { charter: 'yes', code: 'ZZZZ-ZZZZ-ZZZ2' });
      expect(res.text).toContain(msg('fr', 'error.unknown', { tries: i }));
    }
    const fifth = await postLogin(agent, { charter: 'yes', code: 'ZZZZ-ZZZZ-ZZZ3' });
    expect(fifth.status).toBe(429);
    expect(fifth.headers['retry-after']).toBe('60');
    const retry = formatTime('fr', f.access.clock.now() + 60_000, 'Europe/Paris');
    expect(fifth.text).toContain(msg('fr', 'error.tooManyTries', { time: retry }));

    const before = await f.snapshot();
    const blocked = await postLogin(agent, { charter: 'yes', code: code! }, 'ar');
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain(
      msg('ar', 'error.tooManyTries', {
        time: formatTime('ar', f.access.clock.now() + 60_000, 'Europe/Paris'),
      }),
    );
    expect(await f.snapshot()).toBe(before);

    f.access.clock.advance(61_000);
    const sixth = await postLogin(agent, { charter: 'yes', code: 'ZZZZ-ZZZZ-ZZZ4' });
    expect(sixth.status).toBe(429);
    expect(sixth.headers['retry-after']).toBe('120');

    f.access.clock.advance(121_000);
    const ok = await postLogin(agent, { charter: 'yes', code: code! });
    expect(ok.status).toBe(303);
    expect(await f.store.getCounter('tries:ip:127.0.0.1')).toBeNull();
  });
});

describe('free-access mode', () => {
  beforeEach(async () => {
    f = await portalFixture({
      ECN_PORTAL_FREE_ACCESS_ENABLED: 'true',
      ECN_PORTAL_FREE_ACCESS_DAILY_ALLOWANCE: '1h',
    });
  });

  it('asks only for the charter, gives the daily allowance, then says to come back tomorrow', async () => {
    const agent = request.agent(f.app);
    const page = await agent.get('/?lang=fr');
    expect(page.text).not.toContain('name="code"');
    expect(page.text).toContain(msg('fr', 'welcome.freeAllowance', { duration: '1 h 0 min' }));
    expect((await postLogin(agent, {})).text).toContain(msg('fr', 'error.charter'));
    const res = await postLogin(agent, { charter: 'yes' });
    expect(res.status).toBe(303);
    const status = await agent.get('/status');
    expect(status.text).toContain(msg('fr', 'status.freeAccess'));
    expect(status.text).toContain('1 h 0 min');
    expect((await f.store.listOpenSessions())[0]!.ticketId).toBeNull();

    f.access.clock.advance(HOUR);
    await expireSessions(f.access, new Map());
    expect(await f.store.listOpenSessions()).toHaveLength(0);
    const again = await postLogin(agent, { charter: 'yes' }, 'en');
    expect(again.status).toBe(403);
    expect(again.text).toContain(msg('en', 'error.freeUsed'));

    f.access.clock.advance(24 * HOUR);
    expect((await postLogin(agent, { charter: 'yes' })).status).toBe(303);
  });

  it('still takes tickets from a ticket link', async () => {
    const [code] = await f.tickets();
    const page = await request(f.app).get(`/t/${code}`);
    expect(page.text).toContain('name="code"');
  });
});

describe('captive-network detection and the RFC 8908 API', () => {
  beforeEach(async () => {
    f = await portalFixture();
  });

  const probes: [string, string, number, string | RegExp][] = [
    ['captive.apple.com', '/hotspot-detect.html', 200, /Success/],
    ['connectivitycheck.gstatic.com', '/generate_204', 204, ''],
    ['www.msftconnecttest.com', '/connecttest.txt', 200, 'Microsoft Connect Test'],
    ['www.msftncsi.com', '/ncsi.txt', 200, 'Microsoft NCSI'],
    ['detectportal.firefox.com', '/success.txt', 200, 'success\n'],
  ];

  it.each(probes)(
    '%s%s: redirect while captive, the expected answer once authorized',
    async (host, path, status, body) => {
      const captive = await request(f.app).get(path).set('Host', host);
      expect(captive.status).toBe(302);
      expect(captive.headers.location).toBe('http://portal.ecn.test/');
      const [code] = await f.tickets();
      await postLogin(request.agent(f.app), { charter: 'yes', code: code! });
      const ok = await request(f.app).get(path).set('Host', host);
      expect(ok.status).toBe(status);
      expect(ok.text ?? '').toEqual(typeof body === 'string' ? body : expect.stringMatching(body));
    },
  );

  it('sends a captive client asking for another site to the welcome page with its URL kept', async () => {
    const res = await request(f.app).get('/fr/actualites?page=2').set('Host', 'www.service-public.fr');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(
      `http://portal.ecn.test/?dest=${encodeURIComponent('http://www.service-public.fr/fr/actualites?page=2')}`,
    );
    const welcome = await request(f.app).get(
      new URL(res.headers.location!).pathname + new URL(res.headers.location!).search,
    );
    expect(welcome.text).toContain('name="dest" value="http://www.service-public.fr/fr/actualites?page=2"');
    const post = await request(f.app).post('/login').set('Host', 'evil.example');
    expect(post.status).toBe(302);
    const ownUnknown = await request(f.app).get('/wp-admin');
    expect(ownUnknown.status).toBe(302);
    expect(ownUnknown.headers.location).toBe('/');
  });

  it('sends an authorized client reaching the portal under another name to the blocked-site page', async () => {
    const [code] = await f.tickets();
    await postLogin(request.agent(f.app), { charter: 'yes', code: code! });
    const res = await request(f.app).get('/').set('Host', 'casino.example');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('http://portal.ecn.test/blocked');
  });

  it('answers /api/captive as application/captive+json, private, per client', async () => {
    const captive = await request(f.app).get('/api/captive').set('Accept', 'application/captive+json');
    expect(captive.status).toBe(200);
    expect(captive.headers['content-type']).toMatch(/^application\/captive\+json/);
    expect(captive.headers['cache-control']).toBe('private');
    expect(JSON.parse(captive.text)).toEqual({
      captive: true,
      'user-portal-url': 'http://portal.ecn.test/',
      'venue-info-url': 'http://portal.ecn.test/charter',
      'can-extend-session': false,
    });
    const [code] = await f.tickets(1, 'week');
    await postLogin(request.agent(f.app), { charter: 'yes', code: code! });
    f.access.clock.advance(1000);
    const open = JSON.parse((await request(f.app).get('/api/captive')).text);
    expect(open).toMatchObject({
      captive: false,
      'seconds-remaining': 7 * 86400 - 1,
      'bytes-remaining': 2_000_000_000,
    });
  });
});

describe('security', () => {
  it('sends a strict CSP, no-referrer and HttpOnly SameSite cookies; Secure behind https', async () => {
    f = await portalFixture();
    const res = await request(f.app).get('/');
    const csp = res.headers['content-security-policy']!;
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']!.toString()).toMatch(
      /ecn_csrf=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    await f.close();
    f = await portalFixture({}, { publicUrl: 'https://portal.ecn.test' });
    const secure = await request(f.app).get('/');
    expect(secure.headers['set-cookie']!.toString()).toMatch(/HttpOnly; Secure; SameSite=Lax/);
    expect(secure.headers['strict-transport-security']).toBeDefined();
  });

  it('never writes a ticket code in the logs', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    f = await portalFixture({}, { logger: createLogger('trace', sink) });
    const [code] = await f.tickets();
    const agent = request.agent(f.app);
    await postLogin(agent, { charter: 'yes', code: 'ZZZZ-ZZZZ-ZZZ5' });
    await postLogin(agent, { charter: 'yes', code: code! });
    await agent.get(`/t/${code}`);
    const log = lines.join('');
    expect(log).toMatch(/login refused/);
    expect(log).toMatch(/"msg":"login"/);
    for (const c of [code!, normalizeCode(code!), 'ZZZZ-ZZZZ-ZZZ5', 'ZZZZZZZZZZZ5'])
      expect(log).not.toContain(c);
  });

  it('trusts X-Forwarded-For only when configured', async () => {
    f = await portalFixture();
    const [a, b] = await f.tickets(2);
    await postLogin(request.agent(f.app).set('X-Forwarded-For', '10.0.0.7'), { charter: 'yes', code: a! });
    expect((await f.store.listOpenSessions())[0]!.device.ip).toBe('127.0.0.1');
    await f.close();
    f = await portalFixture({ ECN_PORTAL_TRUST_PROXY: 'loopback' });
    const [c] = await f.tickets();
    await postLogin(request.agent(f.app).set('X-Forwarded-For', '10.0.0.8'), { charter: 'yes', code: c! });
    expect((await f.store.listOpenSessions())[0]!.device.ip).toBe('10.0.0.8');
    expect(b).toBeDefined();
  });

  it('shows the configured logo, served by the portal itself', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-logo-'));
    const logo = path.join(dir, 'logo.svg');
    writeFileSync(
      logo,
      '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><rect width="48" height="48"/></svg>',
    );
    f = await portalFixture({ ECN_SPACE_LOGO: logo });
    expect((await request(f.app).get('/')).text).toContain('<img class="logo" src="/static/logo" alt=""');
    const res = await request(f.app).get('/static/logo');
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['content-security-policy']).toContain("script-src 'none'");
  });

  it('serves the theme from the configured colours', async () => {
    f = await portalFixture({ ECN_SPACE_COLORS_PRIMARY: '#224466' });
    const res = await request(f.app).get('/static/theme.css');
    expect(res.type).toBe('text/css');
    expect(res.text).toContain('--primary: #224466');
    expect((await request(f.app).get('/static/nothing.css')).status).toBe(302);
  });
});

describe('the session sweeper', () => {
  beforeEach(async () => {
    f = await portalFixture();
  });

  it('ends expired sessions and cuts off sessions revoked elsewhere', async () => {
    const [first, second] = await f.tickets(2);
    await postLogin(request.agent(f.app), { charter: 'yes', code: first! });
    const known = new Map();
    expect(await expireSessions(f.access, known)).toEqual({ ended: 0, deauthorized: 0 });
    f.access.clock.advance(HOUR);
    expect(await expireSessions(f.access, known)).toEqual({ ended: 1, deauthorized: 1 });
    expect(f.gateway.authorized.size).toBe(0);
    const ended = (
      await f.store.listSessionsByTicket((await f.store.findTicketByCode(normalizeCode(first!)))!.id)
    )[0]!;
    expect(ended.endCause).toBe('expired');

    await postLogin(request.agent(f.app), { charter: 'yes', code: second! });
    await expireSessions(f.access, known);
    expect(f.gateway.authorized.size).toBe(1);
    await revokeTicketByCode(f.access, second!, 'animator');
    expect(await expireSessions(f.access, known)).toEqual({ ended: 0, deauthorized: 1 });
    expect(f.gateway.authorized.size).toBe(0);
  });

  it('ends a workshop session at the end of its window, though the ticket had a day', async () => {
    const validFrom = Date.UTC(2026, 11, 8, 13);
    const validUntil = Date.UTC(2026, 11, 8, 16);
    const { tickets } = await issueTickets(f.access, {
      count: 1,
      profile: '1d',
      validFrom,
      validUntil,
      createdBy: 'test',
    });
    f.access.clock.t = validUntil - 30 * 60_000;
    await postLogin(request.agent(f.app), { charter: 'yes', code: formatCode(tickets[0]!.code) });
    // The gateway's grant (the nftables set timeout) is the rest of the window, not a day.
    const [grant] = [...f.gateway.authorized.values()];
    expect(grant?.secondsLeft).toBe(1800);
    const known = new Map();
    f.access.clock.t = validUntil - 1000;
    expect(await expireSessions(f.access, known)).toEqual({ ended: 0, deauthorized: 0 });
    f.access.clock.t = validUntil;
    expect(await expireSessions(f.access, known)).toEqual({ ended: 1, deauthorized: 1 });
    expect(f.gateway.authorized.size).toBe(0);
    const [ended] = await f.store.listSessionsByTicket(tickets[0]!.id);
    expect(ended?.endCause).toBe('expired');
    expect(ended?.endedAt).toBe(validUntil);
  });
});
