// The hand-off to routers that enforce access by themselves, through the real portal app
// (supertest, embedded store): openNDS FAS levels 1 and 2 and CoovaChilli UAM, from the
// router's redirect to the URL the browser is sent back to, refusals that change nothing, and
// for Chilli the CHAP Access-Request it would then send, answered by our RADIUS server
// (radclient standing for Chilli). The redirects are built with openNDS's and CoovaChilli's
// documented formulas (fas-aes.php, redir.c, hotspotlogin.cgi); the live openNDS 9.10 runs in
// test/e2e/opennds-netns.test.ts.

import request from 'supertest';
import pino from 'pino';
import { createCipheriv, createHash } from 'node:crypto';
import { fasAesKey } from '../../../src/gateway/opennds/fas';
import { CATALOGS } from '../../../src/portal/i18n';
import { normalizeCode } from '../../../src/domain/ticket-code';
import { configSchema } from '../../../src/config/schema';
import type { FrozenConfig } from '../../../src/config/load';
import { createRadiusComponents } from '../../../src/radius/radius-components';
import { portalFixture, type PortalFixture } from '../../helpers/portal';
import { radclient } from '../radius/radius-harness';
import { escapeHtml as esc, hiddenFields } from '../../helpers/http';
import { msgHtml as msg } from '../../helpers/messages';

jest.setTimeout(30_000);

type Agent = ReturnType<typeof request.agent>;

const MAC = '5c:cf:7f:01:02:03';

function formAction(html: string): string | null {
  return /<form class="login" method="post" action="([^"]+)"/.exec(html)?.[1] ?? null;
}

/** What the store holds about the client: to show a refusal changed nothing. */
async function storeState(f: PortalFixture) {
  return JSON.stringify({
    tickets: await f.store.listTickets({}),
    sessions: await f.store.listOpenSessions(),
    acceptance: await f.store.latestAcceptance(`mac:${MAC}`),
  });
}

let f: PortalFixture;
afterEach(async () => {
  await f?.close();
});

// ---- openNDS

const FASKEY = 'c775e7b757ede630cd0aa1113bd102661ab38829ca52a6422ab782862f268646';
const HID = createHash('sha256').update('client-session-1').digest('hex');
const FIELDS =
  `clientip=192.168.8.23, clientmac=${MAC}, client_type=cpd_can, gatewayname=ECN%20Epeule, ` +
  `gatewayurl=http%3A%2F%2Fstatus.client, version=10.2.0, hid=${HID}, gatewayaddress=192.168.8.1:2050, ` +
  `gatewaymac=00c0ca000001, originurl=http%3A%2F%2Fexample.org%2Fnews, clientif=br-lan`;
const IV = 'a1B2c3D4e5F6g7H8';

/** openNDS level 2 as fas-aes.php reads it: PHP-compatible AES-256-CBC, base64, base64 again. */
function level2(text: string, iv: string, faskey = FASKEY): string {
  const c = createCipheriv('aes-256-cbc', fasAesKey(faskey), Buffer.from(iv, 'latin1'));
  const inner = Buffer.concat([c.update(text, 'utf8'), c.final()]).toString('base64');
  return Buffer.from(inner, 'latin1').toString('base64');
}

const levels = [
  { level: 1, query: { fas: Buffer.from(FIELDS).toString('base64') } },
  { level: 2, query: { fas: level2(FIELDS, IV), iv: IV } },
] as const;

describe.each(levels)('openNDS FAS level $level', ({ level, query }) => {
  beforeEach(async () => {
    f = await portalFixture({
      ECN_GATEWAY_KIND: 'opennds',
      ECN_GATEWAY_OPENNDS_FASKEY: FASKEY,
      ECN_GATEWAY_OPENNDS_FAS_LEVEL: String(level),
    });
  });

  it('shows our welcome page, then sends the browser to opennds_auth with the right tok', async () => {
    const [code] = await f.tickets();
    const agent = request.agent(f.app);
    const page = await agent.get('/opennds/').query({ ...query, lang: 'en' });
    expect(page.status).toBe(200);
    expect(page.text).toContain(msg('en', 'welcome.charterHeading'));
    expect(page.text).toContain('name="code"');
    expect(formAction(page.text)).toBe('/opennds/login');
    expect(page.text).not.toContain(FASKEY);
    // The browser applies form-action to the redirect that answers the form.
    expect(page.headers['content-security-policy']).toContain("form-action 'self' http://192.168.8.1:2050");
    const fields = hiddenFields(page.text);
    expect(fields.fas).toBe(query.fas);

    const res = await agent
      .post('/opennds/login')
      .type('form')
      .send({ ...fields, charter: 'yes', code: code! });
    expect(res.status).toBe(302);
    const tok = createHash('sha256')
      .update(HID + FASKEY)
      .digest('hex');
    const to = new URL(res.headers.location!);
    expect(`${to.origin}${to.pathname}`).toBe('http://192.168.8.1:2050/opennds_auth/');
    expect(to.searchParams.get('tok')).toBe(tok);
    expect(to.searchParams.get('redir')).toBe('http://example.org/news');
    // The portal's session is for the device openNDS named, not for the socket's address.
    const sessions = await f.store.listOpenSessions();
    expect(sessions.map((s) => s.device)).toEqual([{ mac: MAC, ip: '192.168.8.23' }]);
    expect((await f.store.latestAcceptance(`mac:${MAC}`))?.lang).toBe('en');
  });

  it("answers on the router's FAS host even when it is not one of the portal's names", async () => {
    // openNDS sends the browser to `fasremoteip`: that address, not publicUrl's name, is the Host.
    const [code] = await f.tickets();
    const agent = request.agent(f.app);
    const page = await agent.get('/opennds/').set('Host', '192.168.8.2:8080').query(query);
    expect(page.status).toBe(200);
    expect(formAction(page.text)).toBe('/opennds/login');
    const res = await agent
      .post('/opennds/login')
      .set('Host', '192.168.8.2:8080')
      .type('form')
      .send({ ...hiddenFields(page.text), charter: 'yes', code: code! });
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^http:\/\/192\.168\.8\.1:2050\/opennds_auth\/\?tok=/);
    // Any other path on that Host is still a captive request sent to the portal.
    const other = await agent.get('/somewhere').set('Host', '192.168.8.2:8080');
    expect(other.status).toBe(302);
    expect(other.headers.location).toMatch(/^http:\/\/portal\.ecn\.test\/\?dest=/);
  });

  it('refuses a wrong code on our page, in the resident language, and stays in the hand-off', async () => {
    await f.tickets();
    const agent = request.agent(f.app);
    const page = await agent.get('/opennds/').query({ ...query, lang: 'ar' });
    const res = await agent
      .post('/opennds/login')
      .type('form')
      .send({ ...hiddenFields(page.text), charter: 'yes', code: 'AAAA-AAAA-AAAA' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('dir="rtl"');
    expect(formAction(res.text)).toBe('/opennds/login');
    expect(hiddenFields(res.text).fas).toBe(query.fas);
    expect(await f.store.listOpenSessions()).toEqual([]);
  });

  it('answers a tampered or unreadable fas with a clear page and changes nothing', async () => {
    const [code] = await f.tickets();
    const before = await storeState(f);
    const broken =
      level === 1
        ? Buffer.from(FIELDS.replace(`hid=${HID}`, 'hid=nothex')).toString('base64')
        : level2(FIELDS, IV, 'not-our-faskey');
    const agent = request.agent(f.app);
    for (const lang of ['fr', 'en'] as const) {
      const res = await agent.get('/opennds/').query({ ...query, fas: broken, lang });
      expect(res.status).toBe(400);
      expect(res.text).toContain(msg(lang, 'handoff.invalidOpennds'));
      expect(res.text).not.toContain('name="code"');
    }
    expect((await agent.get('/opennds/').query({ lang: 'fr' })).status).toBe(400);
    // A login post whose fas was changed on the way is refused before the store is touched.
    const page = await agent.get('/opennds/').query(query);
    const res = await agent
      .post('/opennds/login')
      .type('form')
      .send({ ...hiddenFields(page.text), fas: broken, charter: 'yes', code: code! });
    expect(res.status).toBe(400);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain(msg('fr', 'handoff.invalidOpennds'));
    expect(await storeState(f)).toBe(before);
  });
});

test('openNDS level 1: fas is read raw from the query, as openNDS sends it: a `+` in its base64 is not a space', async () => {
  // openNDS puts the base64 in the query without URL-encoding it; a visited URL with a `~`
  // gives a `+` there, which a form-style query parser turns into a space. (At level 2 the
  // outer base64 encodes base64 text, whose bytes never give a `+`.)
  f = await portalFixture({
    ECN_GATEWAY_KIND: 'opennds',
    ECN_GATEWAY_OPENNDS_FASKEY: FASKEY,
    ECN_GATEWAY_OPENNDS_FAS_LEVEL: '1',
  });
  const encode = (url: string) =>
    Buffer.from(FIELDS.replace('http%3A%2F%2Fexample.org%2Fnews', url)).toString('base64');
  const visited = ['', 'a', 'aa']
    .map((pad) => `http://example.org/~${pad}/page`)
    .find((url) => encode(url).includes('+'));
  expect(visited).toBeDefined();
  const fas = encode(visited!);
  const [code] = await f.tickets();
  const agent = request.agent(f.app);
  const page = await agent.get(`/opennds/?fas=${fas}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('name="code"');
  expect(hiddenFields(page.text).fas).toBe(fas);
  // The language switch leads back to the same hand-off, its `+` now written %2B.
  const ar = /<a href="([^"]+)" lang="ar"/.exec(page.text)![1]!.replace(/&amp;/g, '&');
  const arPage = await agent.get(ar);
  expect(arPage.status).toBe(200);
  expect(arPage.text).toContain('dir="rtl"');
  expect(hiddenFields(arPage.text).fas).toBe(fas);
  const res = await agent
    .post('/opennds/login')
    .type('form')
    .send({ ...hiddenFields(page.text), charter: 'yes', code: code! });
  expect(res.status).toBe(302);
  expect(new URL(res.headers.location!).searchParams.get('redir')).toBe(visited);
  expect(await f.store.listOpenSessions()).toHaveLength(1);
});

test('openNDS level 2 refuses a level-1 (unencrypted) fas', async () => {
  f = await portalFixture({ ECN_GATEWAY_KIND: 'opennds', ECN_GATEWAY_OPENNDS_FASKEY: FASKEY });
  const res = await request(f.app).get('/opennds/').query({ fas: levels[0].query.fas, iv: IV });
  expect(res.status).toBe(400);
});

test('the hand-off routes do not exist with the other gateways', async () => {
  f = await portalFixture();
  const res = await request(f.app).get('/opennds/').query(levels[0].query);
  expect(res.text).not.toContain('/opennds/login');
});

// ---- CoovaChilli

const UAMSECRET = 'uam-test-secret-8f3k';
const UAMSERVER = 'http://portal.ecn.test/chilli/';
const CHALLENGE = '0123456789abcdef0123456789abcdef';
const RADIUS_SECRET = 'ecn-radius-chilli-secret';

/** The redirect as Chilli's redir.c builds it: md = uppercase MD5(url + uamsecret). */
function chilliQuery(params: Record<string, string>, secret = UAMSECRET): string {
  const q = new URLSearchParams({
    uamip: '10.1.0.1',
    uamport: '3990',
    called: '00-11-22-33-44-55',
    mac: '5C-CF-7F-01-02-03',
    ip: '10.1.0.23',
    nasid: 'ecn-epeule',
    sessionid: '5f1a2b3c00000001',
    userurl: 'http://example.org/',
    ...params,
  }).toString();
  const md = createHash('md5')
    .update(`${UAMSERVER}?${q}` + secret)
    .digest('hex')
    .toUpperCase();
  return `${q}&md=${md}`;
}

describe('CoovaChilli UAM', () => {
  beforeEach(async () => {
    f = await portalFixture({ ECN_GATEWAY_KIND: 'chilli', ECN_GATEWAY_CHILLI_UAM_SECRET: UAMSECRET });
  });

  async function loginThroughChilli(agent: Agent, code: string) {
    const page = await agent.get(`/chilli/?${chilliQuery({ res: 'notyet', challenge: CHALLENGE })}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(msg('fr', 'welcome.charterHeading'));
    expect(formAction(page.text)).toBe('/chilli/login');
    expect(page.text).not.toContain(UAMSECRET);
    expect(page.headers['content-security-policy']).toContain("form-action 'self' http://10.1.0.1:3990");
    const res = await agent
      .post('/chilli/login')
      .type('form')
      .send({ ...hiddenFields(page.text), charter: 'yes', code });
    expect(res.text ?? '').not.toContain(UAMSECRET);
    return res;
  }

  it('sends the browser to logon with the code and a CHAP response computed on the box', async () => {
    const [printed] = await f.tickets();
    const code = normalizeCode(printed!);
    const res = await loginThroughChilli(request.agent(f.app), printed!);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.location!);
    expect(`${to.origin}${to.pathname}`).toBe('http://10.1.0.1:3990/logon');
    expect(to.searchParams.get('username')).toBe(code);
    // hotspotlogin.cgi: MD5(0x00 + password + MD5(challenge + uamsecret))
    const chal = createHash('md5')
      .update(Buffer.concat([Buffer.from(CHALLENGE, 'hex'), Buffer.from(UAMSECRET)]))
      .digest();
    const want = createHash('md5')
      .update(Buffer.concat([Buffer.from([0]), Buffer.from(code), chal]))
      .digest('hex');
    expect(to.searchParams.get('response')).toBe(want);
    expect(to.searchParams.get('userurl')).toBe('http://example.org/');
    expect(res.headers.location).not.toContain(UAMSECRET);
    // The charter is recorded for Chilli's client; the ticket is redeemed by RADIUS, not here.
    expect(await f.store.latestAcceptance(`mac:${MAC}`)).not.toBeNull();
    expect(await f.store.listOpenSessions()).toEqual([]);
    expect((await f.store.findTicketByCode(code))?.devices).toEqual([]);
  });

  it('lets our RADIUS server accept the CHAP Access-Request Chilli then sends', async () => {
    const [printed] = await f.tickets();
    const res = await loginThroughChilli(request.agent(f.app), printed!);
    const logon = new URL(res.headers.location!);
    const config = configSchema.parse({
      radius: {
        enabled: true,
        authListen: '127.0.0.1:0',
        acctListen: '127.0.0.1:0',
        clients: [{ name: 'chilli', address: '127.0.0.1', secret: RADIUS_SECRET, kind: 'chilli' }],
      },
    }) as FrozenConfig;
    const radius = createRadiusComponents(config.radius, f.access, pino({ level: 'silent' }));
    await radius.auth.start();
    try {
      // Chilli's radius_auth: CHAP-Challenge = MD5(challenge + uamsecret), CHAP-Password = ident 0 + response.
      const chapChallenge = createHash('md5')
        .update(Buffer.concat([Buffer.from(CHALLENGE, 'hex'), Buffer.from(UAMSECRET)]))
        .digest('hex');
      const lines = (response: string) => [
        `User-Name = "${logon.searchParams.get('username')}"`,
        `CHAP-Challenge = 0x${chapChallenge}`,
        `CHAP-Password = 0x00${response}`,
        'Calling-Station-Id = "5C-CF-7F-01-02-03"',
        'Framed-IP-Address = 10.1.0.23',
        'NAS-Identifier = "ecn-epeule"',
        'Message-Authenticator = 0x00',
      ];
      const ok = await radclient(
        radius.auth.boundPort()!,
        'auth',
        lines(logon.searchParams.get('response')!),
        RADIUS_SECRET,
      );
      expect(ok.code).toBe('Access-Accept');
      expect(ok.attributes['Session-Timeout']).toEqual(['3600']);
      const ticket = await f.store.findTicketByCode(logon.searchParams.get('username')!);
      expect(ticket?.devices).toEqual([`mac:${MAC}`]);
      const wrong = await radclient(radius.auth.boundPort()!, 'auth', lines('00'.repeat(16)), RADIUS_SECRET);
      expect(wrong.code).toBe('Access-Reject');
    } finally {
      await radius.auth.stop();
    }
  });

  it('refuses a wrong code on our page without sending the browser to Chilli', async () => {
    await f.tickets();
    const res = await loginThroughChilli(request.agent(f.app), 'AAAA-AAAA-AAAA');
    expect(res.status).toBe(403);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain(esc(CATALOGS.fr['error.unknown']).split('{')[0]!);
  });

  it.each([
    ['a wrong md', () => chilliQuery({ res: 'notyet', challenge: CHALLENGE }, 'another-secret')],
    [
      'a changed parameter',
      () => chilliQuery({ res: 'notyet', challenge: CHALLENGE }).replace('ip=10.1.0.23', 'ip=10.1.0.99'),
    ],
    ['no md', () => chilliQuery({ res: 'notyet', challenge: CHALLENGE }).replace(/&md=.*$/, '')],
  ])('answers a redirect with %s with a clear page and changes nothing', async (_what, query) => {
    const [code] = await f.tickets();
    const before = await storeState(f);
    const agent = request.agent(f.app);
    const res = await agent.get(`/chilli/?${query()}&lang=en`);
    expect(res.status).toBe(400);
    expect(res.text).toContain(msg('en', 'handoff.invalidChilli'));
    expect(res.text).not.toContain('name="code"');
    // The same forged redirect carried in the login form.
    const page = await agent.get(`/chilli/?${chilliQuery({ res: 'notyet', challenge: CHALLENGE })}`);
    const post = await agent
      .post('/chilli/login')
      .type('form')
      .send({ ...hiddenFields(page.text), uam: query(), charter: 'yes', code: code! });
    expect(post.status).toBe(400);
    expect(post.headers.location).toBeUndefined();
    expect(await storeState(f)).toBe(before);
  });

  it.each([
    ['success', 'fr', 'handoff.success'],
    ['success', 'ar', 'handoff.success'],
    ['already', 'en', 'handoff.already'],
    ['already', 'fr-falc', 'handoff.already'],
    ['logoff', 'fr', 'handoff.logoff'],
    ['logoff', 'en', 'handoff.logoff'],
  ] as const)('answers res=%s with its own page (%s)', async (res, lang, key) => {
    const page = await request(f.app).get(`/chilli/?${chilliQuery({ res })}&lang=${lang}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(msg(lang, key));
    expect(page.text).not.toContain('name="code"');
    if (res === 'logoff') expect(page.text).not.toContain('http://example.org/');
    else expect(page.text).toContain('href="http://example.org/"');
  });

  it('answers res=failed with the welcome form again and a message in the resident language', async () => {
    for (const lang of ['fr', 'en', 'ar', 'fr-falc'] as const) {
      const page = await request(f.app).get(
        `/chilli/?${chilliQuery({ res: 'failed', challenge: CHALLENGE, reply: 'Rejected' })}&lang=${lang}`,
      );
      expect(page.status).toBe(200);
      expect(page.text).toContain(msg(lang, 'handoff.failed'));
      expect(formAction(page.text)).toBe('/chilli/login');
      expect(page.text).not.toMatch(/>[^<]*Rejected/);
    }
  });

  it('keeps the hand-off when the resident switches language', async () => {
    const page = await request(f.app).get(`/chilli/?${chilliQuery({ res: 'notyet', challenge: CHALLENGE })}`);
    const link = /<a href="([^"]+)" lang="en"/.exec(page.text)![1]!.replace(/&amp;/g, '&');
    const en = await request(f.app).get(link);
    expect(en.status).toBe(200);
    expect(en.text).toContain(msg('en', 'welcome.charterHeading'));
  });
});
