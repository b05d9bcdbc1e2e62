// The console's "today" page: the figures of the day after a real portal login, the week as
// two server-drawn charts with their tables, older days as the clock moves on, the page
// without statistics, and each role.

import request from 'supertest';
import { consoleFixture, type ConsoleFixture } from '../../helpers/console';
import { HOUR } from '../../helpers/fakes';
import { disconnectSession } from '../../../src/services/disconnect-session';
import type { Role } from '../../../src/domain/console';
import { consoleMsgHtml } from '../../helpers/messages';

let f: ConsoleFixture;
afterEach(async () => {
  await f.close();
});

/** The value shown for a figure of the day's list. */
function figure(html: string, name: string): string {
  const m = new RegExp(`<dt>${name}</dt>\\s*<dd>([^<]*)</dd>`).exec(html);
  if (!m) throw new Error(`no figure "${name}" in the page`);
  return m[1]!;
}

/** The cells of a row of the day-by-day table. */
function weekRow(html: string, label: string): string[] {
  const table = html.slice(html.indexOf('<table class="today-week">'));
  const m = new RegExp(`<th scope="row">${label}</th>([\\s\\S]*?)</tr>`).exec(table);
  if (!m) throw new Error(`no row "${label}" in the week table`);
  return [...m[1]!.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((c) => c[1]!);
}

describe('the figures of the day', () => {
  beforeEach(async () => {
    f = await consoleFixture();
  });

  it('counts a resident’s login: 1 connection, 1 device, the tickets created and used', async () => {
    const codes = await f.tickets(3, 'week');
    await f.tickets(2, '1h');
    await f.residentLogin(codes[0]!);
    const a = await f.signIn('amina', 'animator');
    const res = await a.agent.get('/today').expect(200);
    expect(res.text).toContain(`<h1>${consoleMsgHtml('fr', 'today.title')}</h1>`);
    expect(res.text).toContain('samedi 28 novembre 2026');
    expect(figure(res.text, 'Connectés maintenant')).toBe('1');
    expect(figure(res.text, 'Connexions')).toBe('1');
    expect(figure(res.text, 'Appareils différents')).toBe('1');
    expect(figure(res.text, 'Tickets créés')).toBe('5');
    expect(figure(res.text, 'Tickets utilisés')).toBe('1');
    // Just opened: no time yet.
    expect(figure(res.text, 'Heures de connexion')).toBe('0 h');
    expect(res.text).toContain('<dl class="figures today-figures">');
    expect(res.text).toContain(consoleMsgHtml('fr', 'today.ticketsUsed.hint'));
    expect(res.text).toContain(consoleMsgHtml('fr', 'today.devices.hint'));
    expect(res.text).not.toContain(codes[0]!);

    // An hour on, the open session's time is in today's figure already.
    f.access.clock.advance(HOUR);
    const b0 = await f.signIn('amina');
    expect(figure((await b0.agent.get('/today').expect(200)).text, 'Heures de connexion')).toBe('1 h');

    f.access.clock.advance(0.5 * HOUR);
    const [open] = await f.store.listOpenSessions();
    await disconnectSession(f.access, open!.id);
    const b = await f.signIn('amina'); // the first sign-in went idle meanwhile
    const later = await b.agent.get('/today').expect(200);
    expect(figure(later.text, 'Heures de connexion')).toBe('1,5 h');
    expect(figure(later.text, 'Connectés maintenant')).toBe('0');
  });

  it('draws the week as two charts, inlined as SVG, each with its table', async () => {
    const [code] = await f.tickets(1, 'week');
    await f.residentLogin(code!);
    const a = await f.signIn('amina', 'animator');
    const res = await a.agent.get('/today').expect(200);
    const svgs = res.text.match(/<svg [^>]*role="img"[^>]*>/g) ?? [];
    expect(svgs).toHaveLength(2);
    expect(res.text).not.toContain('&lt;svg');
    expect(res.text).toContain('<title id="today-sessions-title">Connexions par jour</title>');
    expect(res.text).toContain(
      `<title id="today-hours-title">${consoleMsgHtml('fr', 'today.chart.hours')}</title>`,
    );
    expect(res.text).toContain('<details>');
    expect(res.text).toContain('<caption>Connexions par jour</caption>');
    expect(res.text).toContain('<th scope="row">sam. 28</th><td>1</td>');
    expect(res.text).toContain('<title>sam. 28\u00a0: 1</title>');
    expect(res.text).toContain('Du dim. 22 au sam. 28, aujourd’hui compris.');
    expect(weekRow(res.text, 'sam. 28')).toEqual(['1', '1', '1', '1', '0 h']);
    expect(weekRow(res.text, 'dim. 22')).toEqual(['0', '0', '0', '0', '0 h']);
    expect(res.text).not.toMatch(/<script|\son[a-z]+=/i);
  });

  it('keeps older days in the week, and never adds up the devices of several days', async () => {
    const [first, second] = await f.tickets(2, '1d');
    await f.residentLogin(first!);
    f.access.clock.advance(HOUR);
    const [open] = await f.store.listOpenSessions();
    await disconnectSession(f.access, open!.id);
    f.access.clock.advance(3 * 24 * HOUR);
    await f.residentLogin(second!);
    const a = await f.signIn('amina', 'animator');
    const res = await a.agent.get('/today').expect(200);
    expect(res.text).toContain('mardi 1 décembre 2026');
    expect(figure(res.text, 'Connexions')).toBe('1');
    expect(figure(res.text, 'Tickets créés')).toBe('0');
    expect(res.text).toContain('Du mer. 25 au mar. 1, aujourd’hui compris.');
    expect(weekRow(res.text, 'sam. 28')).toEqual(['1', '1', '2', '1', '1 h']);
    expect(weekRow(res.text, 'mar. 1')).toEqual(['1', '1', '0', '1', '0 h']);
    // Totals, except for the devices: they are per day only.
    expect(weekRow(res.text, 'Total des 7 jours')).toEqual(['2', 'sans objet', '2', '2', '1 h']);
    expect(res.text).toContain('ne s’additionnent pas');
    expect(res.text).toContain('<th scope="row">sam. 28</th><td>1</td>');
    expect(res.text).toContain('<th scope="row">mar. 1</th><td>1</td>');
    expect(res.text).toContain('<th scope="row">sam. 28</th><td>1\u00a0h</td>');

    f.access.clock.advance(7 * 24 * HOUR);
    const b = await f.signIn('amina');
    const gone = await b.agent.get('/today').expect(200);
    expect(gone.text).not.toContain('sam. 28');
  });

  it('speaks English when asked', async () => {
    const a = await f.signIn('amina', 'animator');
    const res = await a.agent.get('/today?lang=en').expect(200);
    expect(res.text).toContain('<h1>Today&#39;s figures</h1>');
    expect(res.text).toContain('Saturday, 28 November 2026');
    expect(res.text).toContain('Sat 28');
  });
});

describe('without statistics', () => {
  it('says the figures are not available, and still shows who is connected', async () => {
    f = await consoleFixture({}, { deps: (d) => ({ ...d, stats: null }) });
    const a = await f.signIn('amina', 'animator');
    const res = await a.agent.get('/today').expect(503);
    expect(res.text).toContain(consoleMsgHtml('fr', 'today.unavailable'));
    expect(figure(res.text, 'Connectés maintenant')).toBe('0');
    expect(res.text).not.toContain('<svg');
  });

  it('says so too when the statistics file is closed', async () => {
    f = await consoleFixture();
    f.stats.stop();
    const a = await f.signIn('amina', 'animator');
    const res = await a.agent.get('/today').expect(503);
    expect(res.text).toContain(consoleMsgHtml('fr', 'today.unavailable'));
    f.stats.start();
  });
});

describe('who may read the figures', () => {
  beforeEach(async () => {
    f = await consoleFixture();
  });

  it.each([
    ['animator', 200],
    ['manager', 200],
    ['auditor', 403],
    ['requisition', 403],
  ] as [Role, number][])('%s → %i', async (role, status) => {
    const a = await f.signIn(`u-${role}`, role);
    const res = await a.agent.get('/today').expect(status);
    if (status === 403) {
      expect(res.text).toContain(consoleMsgHtml('fr', 'error.forbidden'));
      expect(res.text).not.toContain('<svg');
    }
  });

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    const res = await request(f.console).get('/today').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Ftoday');
  });
});
