// Issue #15, item 1 in the console: a manager ticks "time runs only while the space is open" on
// a ticket profile; tickets printed from it carry the option, and unticking it later never
// changes them. A value the form never sends is refused on its own box and changes nothing.

import { consoleFixture, type ConsoleFixture, type SignedInAgent } from '../../helpers/console';
import { issueTickets } from '../../../src/services/issue-tickets';
import { consoleMsgHtml, fixedParts } from '../../helpers/messages';

let f: ConsoleFixture;
let m: SignedInAgent;
beforeEach(async () => {
  f = await consoleFixture();
  m = await f.signIn('marie', 'manager');
});
afterEach(async () => {
  await f.close();
});

function post(path: string, fields: Record<string, string>) {
  return m.agent
    .post(path)
    .type('form')
    .send({ _csrf: m.csrf, ...fields });
}

const PROFILE = { label: '2 heures', name: '2h', durationSeconds: '2h', maxDevices: '1' };
const BOX =
  /<input id="profile-clockRunsWhileOpenOnly" name="clockRunsWhileOpenOnly" type="checkbox" value="yes"[^>]*>/;

describe('the option "time runs only while the space is open" on a profile', () => {
  it('shows as a box with its label and hint, in French and English', async () => {
    const fr = (await m.agent.get('/settings').expect(200)).text;
    expect(fr).toMatch(BOX);
    expect(fr).toContain(consoleMsgHtml('fr', 'settings.profile.clockWhileOpen'));
    expect(fr).toContain(consoleMsgHtml('fr', 'settings.profile.clockWhileOpenHint'));
    expect(BOX.exec(fr)![0]).not.toContain('checked');
    const en = (await m.agent.get('/settings?lang=en').expect(200)).text;
    expect(en).toContain(consoleMsgHtml('en', 'settings.profile.clockWhileOpen'));
  });

  it('is kept on the profile and on the tickets printed from it, which unticking later never changes', async () => {
    await post('/settings/profiles', { ...PROFILE, clockRunsWhileOpenOnly: 'yes' }).expect(303);
    expect(f.access.profiles().find((p) => p.name === '2h')).toMatchObject({ clockRunsWhileOpenOnly: true });
    const { tickets } = await issueTickets(f.access, { count: 1, profile: '2h', createdBy: 'test' });
    expect(tickets[0]!.limits.clockRunsWhileOpenOnly).toBe(true);
    const edit = (await m.agent.get('/settings/profiles/2h').expect(200)).text;
    expect(BOX.exec(edit)![0]).toContain(' checked');

    // An unticked box sends nothing: the profile says no from then on.
    await post('/settings/profiles/2h', { label: '2 heures', durationSeconds: '2h', maxDevices: '1' }).expect(
      303,
    );
    expect(f.access.profiles().find((p) => p.name === '2h')).toMatchObject({ clockRunsWhileOpenOnly: false });
    expect((await f.store.getTicket(tickets[0]!.id))!.limits.clockRunsWhileOpenOnly).toBe(true);
  });

  it('refuses a value the form never sends, on its own box, and changes nothing', async () => {
    const res = await post('/settings/profiles', { ...PROFILE, clockRunsWhileOpenOnly: 'peut-être' }).expect(
      400,
    );
    for (const part of fixedParts(consoleMsgHtml('fr', 'settings.err.profileClockWhileOpen')))
      expect(res.text).toContain(part);
    expect(res.text).toMatch(/id="profile-clockRunsWhileOpenOnly"[^>]*aria-invalid="true"/);
    expect(await f.store.getSettings()).toBeNull();
    expect(f.access.profiles().map((p) => p.name)).not.toContain('2h');
  });
});
