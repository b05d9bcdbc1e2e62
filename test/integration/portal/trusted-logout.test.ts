// Issue #15, item 3: the space's own PC is let back in by its next probe, so a logout there
// would silently undo itself. Its status page says it is one of the space's devices, tells the
// resident what to do instead, and offers no logout; a logout posted anyway ends nothing. A
// resident's own device keeps its logout. Supertest on the portal, embedded store, fake clock.

import request from 'supertest';
import { CATALOGS } from '../../../src/portal/i18n';
import { trustDevice } from '../../../src/services/trusted-devices';
import { portalFixture, type PortalFixture } from '../../helpers/portal';
import { escapeHtml as esc } from '../../helpers/http';

const HOURS_ENV = { ECN_SPACE_OPENING_HOURS_SAT: '["10:00-12:00"]' };
/** Saturday 28 November 2026, 11:00 in Paris: open. */
const SAT_11 = Date.parse('2026-11-28T10:00:00Z');
const PC_MAC = 'AA-BB-CC-00-00-03';

let f: PortalFixture;
afterEach(async () => {
  await f?.close();
});

async function setup(trusted: boolean) {
  f = await portalFixture(HOURS_ENV, {
    macs: new Map([
      ['127.0.0.1', PC_MAC],
      ['::ffff:127.0.0.1', PC_MAC],
    ]),
  });
  if (trusted) {
    await trustDevice(f.access, { spaceId: f.config.space.id, mac: PC_MAC, label: 'PC 3', actor: 'claire' });
  }
  f.access.clock.t = SAT_11;
}

it.each(['fr', 'fr-falc', 'en', 'ar'] as const)(
  "a trusted PC's status page (%s) says it is the space's and offers no logout",
  async (lang) => {
    await setup(true);
    const agent = request.agent(f.app);
    expect((await agent.get('/')).headers.location).toBe('/status');
    const status = await agent.get(`/status?lang=${lang}`);
    expect(status.status).toBe(200);
    // In Arabic the Latin label is isolated so that its punctuation keeps its side.
    const label = lang === 'ar' ? '\u2068PC 3\u2069' : 'PC 3';
    expect(status.text).toContain(esc(CATALOGS[lang]['status.spaceDevice']!.replace('{label}', label)));
    expect(status.text).toContain(esc(CATALOGS[lang]['status.spaceDeviceNote']!));
    expect(status.text).not.toContain('action="/logout"');
    expect(status.text).not.toContain(esc(CATALOGS[lang]['status.logout']!));
  },
);

it('a logout posted from a trusted PC ends nothing: the same session stays open and let through', async () => {
  await setup(true);
  const agent = request.agent(f.app);
  expect((await agent.get('/')).headers.location).toBe('/status');
  const status = await agent.get('/status?lang=fr');
  const [open] = await f.store.listOpenSessions();
  expect(open).toMatchObject({ trustedLabel: 'PC 3' });
  const token = /name="_csrf" value="([^"]+)"/.exec(status.text)![1]!;
  const out = await agent.post('/logout').type('form').send({ _csrf: token });
  expect(out.status).toBe(303);
  expect(await f.store.listOpenSessions()).toEqual([open]);
  expect(f.gateway.authorized.has(open!.id)).toBe(true);
  // Where the redirect leads, the page still says it is the space's PC.
  const after = await agent.get('/status?lang=fr');
  expect(after.text).toContain(esc(CATALOGS.fr['status.spaceDeviceNote']!));
});

it("a resident's device keeps its logout button, and the logout holds", async () => {
  await setup(false);
  const [code] = await f.tickets(1);
  const agent = request.agent(f.app);
  const welcome = await agent.get('/?lang=fr');
  const token = /name="_csrf" value="([^"]+)"/.exec(welcome.text)![1]!;
  const login = await agent.post('/login').type('form').send({ _csrf: token, charter: 'yes', code: code! });
  expect(login.status).toBe(303);
  const status = await agent.get('/status?lang=fr');
  expect(status.text).toContain('action="/logout"');
  expect(status.text).not.toContain(esc(CATALOGS.fr['status.spaceDeviceNote']!));
  const again = /name="_csrf" value="([^"]+)"/.exec(status.text)![1]!;
  await agent.post('/logout').type('form').send({ _csrf: again });
  expect(await f.store.listOpenSessions()).toEqual([]);
});
