// The portal's call for help (issue #15, item 5) over HTTP: the button on the welcome,
// refused-code, status and blocked-site pages in the four languages, the call stored for this
// space with only the device's last symbols shown, asking again refreshing the one call, and
// every refusal (token, page, flood) with its own message and nothing changed.

import request from 'supertest';
import { LANGUAGES } from '../../../src/domain/charter';
import { formatTime } from '../../../src/portal/i18n';
import { helpAskKey } from '../../../src/domain/help-request';
import { portalFixture, type PortalFixture } from '../../helpers/portal';
import { msgHtml as msg } from '../../helpers/messages';

type Agent = ReturnType<typeof request.agent>;

const MAC = 'AA-BB-CC-00-3F-9A';
/** The help form of a page: its token and the page it says. */
function helpFormOf(html: string): { csrf: string; page: string } | null {
  const form = /<form class="help-call"[\s\S]*?<\/form>/.exec(html)?.[0];
  if (!form) return null;
  return {
    csrf: /name="_csrf" value="([^"]+)"/.exec(form)![1]!,
    page: /name="page" value="([^"]+)"/.exec(form)![1]!,
  };
}

let f: PortalFixture;
afterEach(async () => {
  await f?.close();
});

async function signIn(agent: Agent): Promise<void> {
  const [code] = await f.tickets(1);
  const page = await agent.get(`/t/${code!.replace(/-/g, '')}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  await agent.post('/login').type('form').send({ _csrf: csrf, charter: 'yes', code }).expect(303);
}

describe('the help button on the pages where residents get stuck', () => {
  beforeEach(async () => {
    f = await portalFixture({}, { macs: new Map([['127.0.0.1', MAC]]) });
  });

  it.each(LANGUAGES)('is on the welcome, refused-code, status and blocked pages in %s', async (lang) => {
    const agent = request.agent(f.app);
    const welcome = await agent.get(`/?lang=${lang}`).expect(200);
    expect(welcome.text).toContain(msg(lang, 'help.button'));
    expect(helpFormOf(welcome.text)?.page).toBe('welcome');

    const csrf = helpFormOf(welcome.text)!.csrf;
    const refused = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, charter: 'yes', code: 'ZZZZ-ZZZZ-ZZZZ' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(msg(lang, 'error.unknown', { tries: 4 }));
    expect(helpFormOf(refused.text)?.page).toBe('code');
    expect(refused.text).toContain(msg(lang, 'help.button'));

    const off = await agent.get('/status').expect(200);
    expect(helpFormOf(off.text)?.page).toBe('status');

    await signIn(agent);
    const status = await agent.get('/status').expect(200);
    expect(status.text).toContain(msg(lang, 'status.title'));
    expect(helpFormOf(status.text)?.page).toBe('status');

    const blocked = await agent.get('/blocked?category=adult').expect(403);
    expect(helpFormOf(blocked.text)?.page).toBe('blocked');
    expect(blocked.text).toContain(msg(lang, 'help.button'));
  });

  it.each(LANGUAGES)('sends the call and shows the device’s last symbols in %s', async (lang) => {
    const agent = request.agent(f.app);
    const page = await agent.get(`/blocked?lang=${lang}`).expect(403);
    const form = helpFormOf(page.text)!;
    const sent = await agent
      .post('/help')
      .type('form')
      .send({ _csrf: form.csrf, page: form.page })
      .expect(200);
    expect(sent.text).toContain(msg(lang, 'help.sentTitle'));
    // In Arabic the Latin symbols are isolated (U+2068…U+2069) so they keep their order: the
    // catalog's formatter isolates them, as the page's does.
    expect(sent.text).toContain(msg(lang, 'help.sentText', { hint: '3F9A' }));
    expect(sent.text).toContain(lang === 'ar' ? '\u20683F9A\u2069' : '3F9A');
    expect(sent.text).not.toContain(MAC);
    const open = await f.store.listHelpRequests(f.config.space.id);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ page: 'blocked', deviceHint: '3F9A', spaceId: f.config.space.id });
  });
});

describe('one call per device, a limit against floods, refusals that change nothing', () => {
  beforeEach(async () => {
    f = await portalFixture({ ECN_PORTAL_HELP_MAX_ASKS: '2' }, { macs: new Map([['127.0.0.1', MAC]]) });
  });

  it('asking again from another page refreshes the one call', async () => {
    const agent = request.agent(f.app);
    const csrf = helpFormOf((await agent.get('/').expect(200)).text)!.csrf;
    await agent.post('/help').type('form').send({ _csrf: csrf, page: 'welcome' }).expect(200);
    const first = (await f.store.listHelpRequests(f.config.space.id))[0]!;
    f.access.clock.advance(60_000);
    const again = await agent.post('/help').type('form').send({ _csrf: csrf, page: 'code' }).expect(200);
    expect(again.text).toContain(msg('fr', 'help.again'));
    const open = await f.store.listHelpRequests(f.config.space.id);
    expect(open).toEqual([{ ...first, page: 'code', askedAt: first.askedAt + 60_000 }]);
  });

  it('refuses a flood from one device with its own message, the time to wait, and nothing changed', async () => {
    const agent = request.agent(f.app);
    const csrf = helpFormOf((await agent.get('/status').expect(200)).text)!.csrf;
    await agent.post('/help').type('form').send({ _csrf: csrf, page: 'status' }).expect(200);
    await agent.post('/help').type('form').send({ _csrf: csrf, page: 'status' }).expect(200);
    const before = JSON.stringify([
      await f.store.listHelpRequests(f.config.space.id),
      await f.store.getCounter(helpAskKey(f.config.space.id, 'mac:aa:bb:cc:00:3f:9a')),
    ]);
    f.access.clock.advance(1000);
    const refused = await agent.post('/help').type('form').send({ _csrf: csrf, page: 'welcome' });
    expect(refused.status).toBe(429);
    const retryAt = f.access.clock.now() - 1000 + 600_000;
    expect(refused.text).toContain(
      msg('fr', 'help.tooMany', { time: formatTime('fr', retryAt, f.settings.timeZone) }),
    );
    expect(Number(refused.headers['retry-after'])).toBe(599);
    const after = JSON.stringify([
      await f.store.listHelpRequests(f.config.space.id),
      await f.store.getCounter(helpAskKey(f.config.space.id, 'mac:aa:bb:cc:00:3f:9a')),
    ]);
    expect(after).toBe(before);
    // The window over, the device may call again.
    f.access.clock.advance(600_000);
    await agent.post('/help').type('form').send({ _csrf: csrf, page: 'welcome' }).expect(200);
  });

  it('refuses a form without its token, or naming no known page, and stores nothing', async () => {
    const agent = request.agent(f.app);
    const csrf = helpFormOf((await agent.get('/').expect(200)).text)!.csrf;
    const noToken = await agent.post('/help').type('form').send({ page: 'welcome' });
    expect(noToken.status).toBe(403);
    expect(noToken.text).toContain(msg('fr', 'error.csrf'));
    const badPage = await agent.post('/help').type('form').send({ _csrf: csrf, page: 'admin' });
    expect(badPage.status).toBe(400);
    expect(badPage.text).toContain(msg('fr', 'error.input'));
    expect(await f.store.listHelpRequests(f.config.space.id)).toEqual([]);
  });

  it('GET /help says how to ask, with the button', async () => {
    const page = await request(f.app).get('/help?lang=en').expect(200);
    expect(page.text).toContain(msg('en', 'help.intro'));
    expect(helpFormOf(page.text)?.page).toBe('status');
  });
});

describe('with calls for help turned off', () => {
  beforeEach(async () => {
    f = await portalFixture({ ECN_PORTAL_HELP_ENABLED: 'false' });
  });

  it('shows no button and has no /help page', async () => {
    const page = await request(f.app).get('/').expect(200);
    expect(helpFormOf(page.text)).toBeNull();
    await request(f.app).post('/help').type('form').send({ page: 'welcome' }).expect(404);
  });
});
