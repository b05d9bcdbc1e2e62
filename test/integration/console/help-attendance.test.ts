// The console's part of issue #15, items 5 and 6: the home page lists the residents' calls for
// help (last symbols of the device, page, since when) and an animator marks one as handled,
// audited; the attendance page records desk visits, workshops and individual sessions with a
// specific sentence for each wrong field and nothing recorded; the monthly statistics (page,
// CSV) put attendance beside Wi-Fi use; days are the space's, across the clock-change nights.

import request from 'supertest';
import { consoleFixture, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import { escapeHtml as esc } from '../../helpers/http';
import type { Role } from '../../../src/domain/console';
import { CONSOLE_CATALOGS } from '../../../src/console/i18n';
import { consoleMsgHtml } from '../../helpers/messages';

let f: ConsoleFixture;
afterEach(async () => {
  await f.close();
});

const fr = CONSOLE_CATALOGS.fr;
const say = (key: keyof typeof fr, vars: Record<string, string | number> = {}) =>
  esc(fr[key].replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k])));

const post = (a: SignedInAgent, path: string, fields: Record<string, string> = {}, csrf = a.csrf) =>
  a.agent
    .post(path)
    .type('form')
    .send({ _csrf: csrf, ...fields });

/** A resident's phone calls for help from a portal page. */
async function residentAsks(page: string): Promise<void> {
  const phone = request.agent(f.app);
  const html = (await phone.get('/').expect(200)).text;
  const csrf = /class="help-call"[\s\S]*?name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  await phone.post('/help').type('form').send({ _csrf: csrf, page }).expect(200);
}

describe('calls for help on the console home page', () => {
  beforeEach(async () => {
    f = await consoleFixture();
  });

  it('lists the call with the device’s last symbols, page and wait; an animator marks it handled, audited', async () => {
    await residentAsks('code');
    f.access.clock.advance(12 * 60_000);
    const a = await f.signIn('amina', 'animator');
    const home = await a.agent.get('/').expect(200);
    expect(home.text).toContain(say('help.title'));
    expect(home.text).toContain('.0.1'); // the end of 127.0.0.1: no MAC behind the test gateway
    expect(home.text).not.toContain('127.0.0.1');
    expect(home.text).toContain(say('help.page.code'));
    // Asked at 10:00 Paris time, 12 minutes ago.
    expect(home.text).toContain('10:00 (0 h 12 min)');
    expect(home.text).toContain('href="/">' + say('help.refresh') + '</a>');
    expect(home.text).not.toMatch(/<script|http-equiv="refresh"/i);
    const [open] = await f.store.listHelpRequests(f.config.space.id);
    const done = await post(a, `/help/${open!.id}/handled`).expect(303);
    expect(done.headers.location).toBe('/?msg=handled');
    const after = await a.agent.get('/?msg=handled').expect(200);
    expect(after.text).toContain(say('help.msg.handled'));
    expect(after.text).toContain(say('help.empty'));
    const [entry] = await f.store.listAudit({ limit: 1, action: 'help.handled' });
    expect(entry).toMatchObject({
      actor: 'amina',
      target: open!.id,
      details: { page: 'code', waitedMinutes: 12 },
    });
  });

  it('says so when the call was already handled, and changes nothing', async () => {
    await residentAsks('welcome');
    const a = await f.signIn('amina', 'animator');
    const [open] = await f.store.listHelpRequests(f.config.space.id);
    await post(a, `/help/${open!.id}/handled`).expect(303);
    const again = await post(a, `/help/${open!.id}/handled`).expect(404);
    expect(again.text).toContain(say('help.err.unknown'));
    await post(a, '/help/not..an..id/handled').expect(404);
    expect(await f.store.listAudit({ limit: 10, action: 'help.handled' })).toHaveLength(1);
  });

  it('refuses a form without its token and keeps the call open', async () => {
    await residentAsks('status');
    const a = await f.signIn('amina', 'animator');
    const [open] = await f.store.listHelpRequests(f.config.space.id);
    await post(a, `/help/${open!.id}/handled`, {}, 'x'.repeat(43)).expect(403);
    expect(await f.store.listHelpRequests(f.config.space.id)).toHaveLength(1);
  });

  it.each<[Role, boolean]>([
    ['animator', true],
    ['manager', true],
    ['auditor', false],
    ['requisition', false],
  ])('%s: sees and handles the calls = %s', async (role, allowed) => {
    await residentAsks('blocked');
    const a = await f.signIn(`u-${role}`, role);
    const home = await a.agent.get('/').expect(200);
    expect(home.text.includes(say('help.title'))).toBe(allowed);
    const [open] = await f.store.listHelpRequests(f.config.space.id);
    await post(a, `/help/${open!.id}/handled`).expect(allowed ? 303 : 403);
    expect(await f.store.listHelpRequests(f.config.space.id)).toHaveLength(allowed ? 0 : 1);
  });

  it('counts each call once on the space’s local day, across the autumn clock change', async () => {
    // 25 October 2026: Paris goes from UTC+2 to UTC+1 at 01:00 UTC.
    f.access.clock.t = Date.UTC(2026, 9, 24, 21, 59); // 23:59 on the 24th in Paris
    await residentAsks('welcome');
    const [first] = await f.store.listHelpRequests(f.config.space.id);
    await f.store.closeHelpRequest(f.config.space.id, first!.id);
    f.access.clock.t = Date.UTC(2026, 9, 25, 1, 30); // 02:30 (winter time) on the 25th
    await residentAsks('code');
    await residentAsks('code'); // asking again refreshes the call: not counted twice
    const days = f.stats.days('2026-10-24', '2026-10-25').filter((d) => d.metric === 'help');
    expect(days).toEqual([
      { day: '2026-10-24', metric: 'help', value: 1 },
      { day: '2026-10-25', metric: 'help', value: 1 },
    ]);
  });
});

describe('attendance', () => {
  beforeEach(async () => {
    f = await consoleFixture();
  });

  it('records a half-day’s desk visits, and a correction replaces the count, both audited', async () => {
    const a = await f.signIn('amina', 'animator');
    const page = await a.agent.get('/attendance').expect(200);
    expect(page.text).toContain(say('attendance.title'));
    // 10:00 in Paris on 28 November 2026: today, morning.
    expect(page.text).toContain(
      'id="desk-day" name="day" type="date" required max="2026-11-28" value="2026-11-28"',
    );
    expect(page.text).toMatch(/id="desk-morning" name="halfDay" value="morning" checked/);
    const first = await post(a, '/attendance/desk', {
      day: '2026-11-27',
      halfDay: 'afternoon',
      count: '12',
    }).expect(303);
    expect((await a.agent.get(first.headers.location!)).text).toContain(
      say('attendance.msg.desk', { count: 12, halfDay: 'après-midi', day: '2026-11-27' }),
    );
    const second = await post(a, '/attendance/desk', {
      day: '2026-11-27',
      halfDay: 'afternoon',
      count: '14',
    }).expect(303);
    const shown = await a.agent.get(second.headers.location!);
    expect(shown.text).toContain(
      say('attendance.msg.deskCorrected', {
        count: 14,
        previous: 12,
        halfDay: 'après-midi',
        day: '2026-11-27',
      }),
    );
    expect(shown.text).toContain(say('attendance.total.desk', { n: 14 }));
    const entries = await f.store.listAttendance(f.config.space.id, '2026-11-01', '2026-11-30');
    expect(entries).toEqual([
      expect.objectContaining({ kind: 'desk', halfDay: 'afternoon', people: 14, recordedBy: 'amina' }),
    ]);
    const audit = await f.store.listAudit({ limit: 5, action: 'attendance.recorded' });
    expect(audit.map((e) => [e.actor, e.details.people, e.details.previous])).toEqual([
      ['amina', 14, 12],
      ['amina', 12, null],
    ]);
  });

  it('records a workshop and an individual session and shows the month’s totals; removing one is audited', async () => {
    const a = await f.signIn('amina', 'animator');
    await post(a, '/attendance/workshop', {
      day: '2026-11-20',
      theme: '  Démarches administratives en ligne ',
      minutes: '90',
      participants: '7',
    }).expect(303);
    await post(a, '/attendance/individual', {
      day: '2026-11-21',
      theme: "Recherche d'emploi",
      minutes: '45',
    }).expect(303);
    const page = await a.agent.get('/attendance').expect(200);
    expect(page.text).toContain(say('attendance.total.workshops', { n: 1, people: 7, hours: '1,5' }));
    expect(page.text).toContain(say('attendance.total.individual', { n: 1, hours: '0,8' }));
    expect(page.text).toContain(
      consoleMsgHtml('fr', 'attendance.what.session', {
        theme: 'Démarches administratives en ligne',
        minutes: 90,
      }),
    );
    const [workshop] = await f.store.listAttendance(f.config.space.id, '2026-11-20', '2026-11-20');
    expect(workshop).toMatchObject({ theme: 'Démarches administratives en ligne', people: 7, minutes: 90 });
    await post(a, `/attendance/${workshop!.id}/remove`).expect(303);
    expect(await f.store.listAttendance(f.config.space.id, '2026-11-20', '2026-11-20')).toEqual([]);
    const gone = await post(a, `/attendance/${workshop!.id}/remove`).expect(404);
    expect(gone.text).toContain(say('attendance.err.unknown'));
    const [removed] = await f.store.listAudit({ limit: 1, action: 'attendance.removed' });
    expect(removed).toMatchObject({
      actor: 'amina',
      target: workshop!.id,
      details: { kind: 'workshop', people: 7 },
    });
  });

  it.each<[string, string, Record<string, string>, keyof typeof fr, Record<string, number>]>([
    [
      'a day that does not exist',
      'desk',
      { day: '2026-02-30', halfDay: 'morning', count: '3' },
      'attendance.err.day',
      {},
    ],
    [
      'a day in the future',
      'desk',
      { day: '2026-11-29', halfDay: 'morning', count: '3' },
      'attendance.err.future',
      {},
    ],
    [
      'no half-day',
      'desk',
      { day: '2026-11-27', halfDay: 'evening', count: '3' },
      'attendance.err.halfDay',
      {},
    ],
    [
      'a negative count',
      'desk',
      { day: '2026-11-27', halfDay: 'morning', count: '-1' },
      'attendance.err.count',
      { max: 500 },
    ],
    [
      'a count that is no number',
      'desk',
      { day: '2026-11-27', halfDay: 'morning', count: 'douze' },
      'attendance.err.count',
      { max: 500 },
    ],
    [
      'too many visits',
      'desk',
      { day: '2026-11-27', halfDay: 'morning', count: '501' },
      'attendance.err.count',
      { max: 500 },
    ],
    [
      'an empty theme',
      'workshop',
      { day: '2026-11-27', theme: '   ', minutes: '60', participants: '4' },
      'attendance.err.theme',
      {},
    ],
    [
      'a theme too long',
      'individual',
      { day: '2026-11-27', theme: 'x'.repeat(81), minutes: '60' },
      'attendance.err.theme',
      {},
    ],
    [
      'a duration of 0',
      'individual',
      { day: '2026-11-27', theme: 'Emploi', minutes: '0' },
      'attendance.err.minutes',
      { max: 720 },
    ],
    [
      'a duration past a day',
      'workshop',
      { day: '2026-11-27', theme: 'Emploi', minutes: '721', participants: '4' },
      'attendance.err.minutes',
      { max: 720 },
    ],
    [
      'no participant',
      'workshop',
      { day: '2026-11-27', theme: 'Emploi', minutes: '60', participants: '0' },
      'attendance.err.participants',
      { max: 500 },
    ],
  ])('refuses %s with its own sentence and records nothing', async (_what, kind, fields, key, vars) => {
    const a = await f.signIn('amina', 'animator');
    const res = await post(a, `/attendance/${kind}`, fields).expect(400);
    expect(res.text).toContain(say(key, vars));
    expect(res.text).toContain('aria-invalid="true"');
    expect(await f.store.listAttendance(f.config.space.id, '2000-01-01', '2100-12-31')).toEqual([]);
    expect(await f.store.listAudit({ limit: 5, action: 'attendance.recorded' })).toEqual([]);
  });

  it.each<[Role, number]>([
    ['animator', 200],
    ['manager', 200],
    ['auditor', 403],
    ['requisition', 403],
  ])('%s: the attendance page answers %i', async (role, status) => {
    const a = await f.signIn(`u-${role}`, role);
    await a.agent.get('/attendance').expect(status);
    await post(a, '/attendance/desk', { day: '2026-11-27', halfDay: 'morning', count: '3' }).expect(
      status === 200 ? 303 : 403,
    );
  });

  it('takes today as the space’s day on the spring clock-change night', async () => {
    // 29 March 2026: Paris goes from UTC+1 to UTC+2 at 01:00 UTC; 23:30 UTC on the 28th is 00:30 on the 29th.
    f.access.clock.t = Date.UTC(2026, 2, 28, 23, 30);
    const a = await f.signIn('amina', 'animator');
    const page = await a.agent.get('/attendance').expect(200);
    expect(page.text).toContain('value="2026-03-29"');
    await post(a, '/attendance/desk', { day: '2026-03-29', halfDay: 'morning', count: '1' }).expect(303);
    await post(a, '/attendance/desk', { day: '2026-03-30', halfDay: 'morning', count: '1' }).expect(400);
    f.access.clock.t = Date.UTC(2026, 2, 29, 12, 30); // 14:30 summer time: the afternoon
    const later = await f.signIn('amina', 'animator');
    expect((await later.agent.get('/attendance')).text).toMatch(
      /id="desk-afternoon" name="halfDay" value="afternoon" checked/,
    );
  });

  it('puts attendance beside Wi-Fi use in the monthly statistics page and CSV', async () => {
    const a = await f.signIn('amina', 'animator');
    await post(a, '/attendance/desk', { day: '2026-11-02', halfDay: 'morning', count: '9' }).expect(303);
    await post(a, '/attendance/desk', { day: '2026-11-02', halfDay: 'afternoon', count: '11' }).expect(303);
    await post(a, '/attendance/workshop', {
      day: '2026-11-03',
      theme: '=cmd',
      minutes: '120',
      participants: '5',
    }).expect(303);
    await residentAsks('blocked');
    const m = await f.signIn('marc', 'manager');
    const page = await m.agent.get('/stats?month=2026-11').expect(200);
    expect(page.text).toContain(say('stats.attendance'));
    expect(page.text).toMatch(/Passages à l’accueil<\/dt>\s*<dd>20<\/dd>/);
    const csv = (await m.agent.get('/stats/2026-11.csv').expect(200)).text;
    const id = f.config.space.id;
    expect(csv).toContain(`${id},2026-11,attendance_desk_visits,morning,9\r\n`);
    expect(csv).toContain(`${id},2026-11,attendance_desk_visits,afternoon,11\r\n`);
    expect(csv).toContain(`${id},2026-11,attendance_workshops,,1\r\n`);
    expect(csv).toContain(`${id},2026-11,attendance_workshop_participants,,5\r\n`);
    expect(csv).toContain(`${id},2026-11,attendance_workshop_hours,,2\r\n`);
    // A theme typed like a spreadsheet formula stays text.
    expect(csv).toContain(`${id},2026-11,attendance_workshops_by_theme,'=cmd,1\r\n`);
    expect(csv).toContain(`${id},2026-11,help_requests,blocked,1\r\n`);
    const pdf = await m.agent.get('/stats/2026-11.pdf').buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });
});
