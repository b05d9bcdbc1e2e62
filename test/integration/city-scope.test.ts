// Two spaces on one ticket pool (issue #13, item 1): two portal apps composed as `main` does, each
// with its own space id, gateway and legal journal, on one real redis-server. The pool shares the
// ticket; being connected in one space never means being connected in the other.

import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import Redis from 'ioredis';
import { RedisStore } from '../../src/store/redis-store';
import { RedisTicketChannel } from '../../src/store/redis-ticket-channel';
import { TicketEndRelay } from '../../src/services/ticket-end-relay';
import { SpaceClaim } from '../../src/services/space-claim';
import { SqliteJournal } from '../../src/journal/sqlite-journal';
import { recordSessionsInJournal } from '../../src/journal/journal-recorder';
import { answerRequisition } from '../../src/journal/requisition';
import { login } from '../../src/services/login';
import { endSession, recordSessionTraffic, startSession } from '../../src/services/sessions';
import { revokeTicketByCode } from '../../src/services/revoke-tickets';
import { expireSessions } from '../../src/services/expire-sessions';
import { mustAcceptCharter } from '../../src/services/accept-charter';
import { makeDevice, type Device } from '../../src/domain/device';
import { normalizeCode } from '../../src/domain/ticket-code';
import { isEcnError } from '../../src/domain/errors';
import { createLogger } from '../../src/log';
import { CATALOGS } from '../../src/portal/i18n';
import { portalFixture, type PortalFixture } from '../helpers/portal';
import { consoleFixture } from '../helpers/console';
import { escapeHtml } from '../helpers/http';
import { eventually } from '../helpers/eventually';
import { consoleMsgHtml } from '../helpers/messages';

jest.setTimeout(60_000);

const url = (): string => {
  const u = process.env.ECN_TEST_REDIS_URL;
  if (!u) throw new Error('ECN_TEST_REDIS_URL is not set: the global setup did not start redis-server');
  return u;
};

/** The resident's phone: the same MAC in both spaces (supertest connects from 127.0.0.1). */
const PHONE_MAC = 'ac:00:00:00:00:01';
const phone = makeDevice({ mac: PHONE_MAC, ip: '127.0.0.1' });

interface Space {
  id: string;
  keyPrefix: string;
  f: PortalFixture;
  journal: SqliteJournal;
  relay: TicketEndRelay | null;
  channel: RedisTicketChannel | null;
}

const spaces: Space[] = [];

async function openSpace(
  id: string,
  keyPrefix: string,
  opts: { relay?: boolean; macs?: Map<string, string>; env?: Record<string, string> } = {},
): Promise<Space> {
  const store = new RedisStore({ url: url(), keyPrefix, spaceId: id });
  const f = await portalFixture(
    { ECN_SPACE_ID: id, ...opts.env },
    { store, macs: opts.macs ?? new Map([['127.0.0.1', PHONE_MAC]]) },
  );
  const journal = new SqliteJournal(
    path.join(mkdtempSync(path.join(os.tmpdir(), `ecn-city-${id}-`)), 'journal.db'),
    randomBytes(32),
  );
  journal.start();
  recordSessionsInJournal(f.access.events, journal, f.access.clock, null);
  let relay: TicketEndRelay | null = null;
  let channel: RedisTicketChannel | null = null;
  if (opts.relay !== false) {
    channel = new RedisTicketChannel({ url: url(), keyPrefix, spaceId: id });
    await channel.start();
    relay = new TicketEndRelay(f.access, channel, createLogger('silent'));
    await relay.start();
  }
  const space = { id, keyPrefix, f, journal, relay, channel };
  spaces.push(space);
  return space;
}

async function pool(opts: { relay?: boolean } = {}): Promise<[Space, Space]> {
  const prefix = `city${randomBytes(4).toString('hex')}:`;
  return [await openSpace('espace-a', prefix, opts), await openSpace('espace-b', prefix, opts)];
}

afterEach(async () => {
  for (const s of spaces.splice(0)) {
    await s.relay?.stop();
    await s.channel?.stop();
    await s.f.close();
    s.journal.stop();
  }
});

type Agent = ReturnType<typeof request.agent>;

async function csrf(agent: Agent): Promise<string> {
  const res = await agent.get('/t/AAAA-AAAA-AAAA');
  return /name="_csrf" value="([^"]+)"/.exec(res.text)![1]!;
}

async function portalLogin(s: Space, code: string) {
  const agent = request.agent(s.f.app);
  const token = await csrf(agent);
  const res = await agent.post('/login').type('form').send({ _csrf: token, charter: 'yes', code });
  return { agent, res };
}

function loginAt(s: Space, device: Device, code: string) {
  return login(s.f.access, { form: { charter: 'yes', code }, device, lang: 'fr' });
}

function requisitionRows(s: Space, ticketId: string): number {
  return answerRequisition(s.journal, {
    reference: 'PV 2026/42',
    operator: 'test',
    scope: { kind: 'ticket', ticketId },
    now: s.f.access.clock.now(),
  }).manifest.rows;
}

const deviceLimitText = (max: number) =>
  escapeHtml(CATALOGS.fr['error.deviceLimit'].replace('{max}', String(max)));

describe('two spaces on one ticket pool', () => {
  it("free access is each space's own allowance: used up in A, still offered in B", async () => {
    const prefix = `city${randomBytes(4).toString('hex')}:`;
    const env = { ECN_PORTAL_FREE_ACCESS_ENABLED: 'true', ECN_PORTAL_FREE_ACCESS_DAILY_ALLOWANCE: '1h' };
    const a = await openSpace('espace-a', prefix, { env });
    const b = await openSpace('espace-b', prefix, { env });
    await loginAt(a, phone, '');
    a.f.access.clock.advance(61 * 60_000);
    b.f.access.clock.advance(61 * 60_000);
    await expect(loginAt(a, phone, '')).rejects.toMatchObject({ code: 'ECN_ERR_FREE_ACCESS_USED' });
    const inB = await loginAt(b, phone, '');
    expect(inB.session.spaceId).toBe('espace-b');
    expect(inB.secondsLeft).toBe(3600);
  });

  it("a device connected in A is captive in B: B's welcome page, no 204 to the Android probe", async () => {
    const [a, b] = await pool();
    const [code] = await a.f.tickets(1, '1d');
    expect((await portalLogin(a, code!)).res.status).toBe(303);
    // A lets it through…
    expect((await request(a.f.app).get('/')).status).toBe(303);
    const probeA = await request(a.f.app).get('/generate_204').set('Host', 'connectivitycheck.gstatic.com');
    expect(probeA.status).toBe(204);
    // …B has never let it through: the welcome page, and the probe is sent to the portal.
    const welcome = await request(b.f.app).get('/');
    expect(welcome.status).toBe(200);
    expect(welcome.text).toContain('name="code"');
    const probeB = await request(b.f.app).get('/generate_204').set('Host', 'connectivitycheck.gstatic.com');
    expect(probeB.status).toBe(302);
    expect(b.f.gateway.authorized.size).toBe(0);
  });

  it("a login at B with the ticket in use at A starts B's own session, through B's gateway, in B's journal", async () => {
    const [a, b] = await pool();
    const [code] = await a.f.tickets(1, '1d');
    await portalLogin(a, code!);
    const ticket = (await b.f.store.findTicketByCode(normalizeCode(code!)))!;
    // B asks for its own charter.
    expect(await mustAcceptCharter(b.f.access, phone, b.f.access.policy.charterVersion)).toBe(true);
    const { res } = await portalLogin(b, code!);
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/\/status/);
    const [sa] = await a.f.store.listOpenSessions();
    const [sb] = await b.f.store.listOpenSessions();
    expect(sa!.spaceId).toBe('espace-a');
    expect(sb!.spaceId).toBe('espace-b');
    expect(sb!.id).not.toBe(sa!.id);
    expect([...b.f.gateway.authorized.keys()]).toEqual([sb!.id]);
    expect([...a.f.gateway.authorized.keys()]).toEqual([sa!.id]);
    // Each space's journal holds the connection it gave, and only it.
    expect(requisitionRows(b, ticket.id)).toBe(1);
    expect(requisitionRows(a, ticket.id)).toBe(1);
    expect(b.journal.read().map((r) => r.entry.sessionId)).toEqual([sb!.id]);
    // One device on the ticket, whichever space it logs in at.
    expect((await b.f.store.getTicket(ticket.id))!.devices).toEqual([`mac:${PHONE_MAC}`]);
    // Logging out in A ends A's session only.
    const agentA = request.agent(a.f.app);
    const token = await csrf(agentA);
    expect((await agentA.post('/logout').type('form').send({ _csrf: token })).status).toBe(303);
    expect(await a.f.store.listOpenSessions()).toEqual([]);
    expect((await b.f.store.listOpenSessions()).map((s) => s.id)).toEqual([sb!.id]);
    expect([...b.f.gateway.authorized.keys()]).toEqual([sb!.id]);
    expect((await request(b.f.app).get('/')).status).toBe(303);
  });

  it('a quota used half in A and half in B is used up in both', async () => {
    const [a, b] = await pool();
    const [code] = await a.f.tickets(1, 'quota'); // 1000 bytes
    const ra = await loginAt(a, phone, code!);
    const rb = await loginAt(b, phone, code!);
    expect(
      (await recordSessionTraffic(a.f.access, ra.session.id, { bytesIn: 500, bytesOut: 0 })).limitReached,
    ).toBeNull();
    const inB = await recordSessionTraffic(b.f.access, rb.session.id, { bytesIn: 0, bytesOut: 500 });
    expect(inB.limitReached).toBe('quota');
    const laptop = makeDevice({ mac: 'ac:00:00:00:00:02', ip: '10.0.0.8' });
    await expect(loginAt(a, laptop, code!)).rejects.toMatchObject({ code: 'ECN_ERR_TICKET_EXHAUSTED' });
    await expect(loginAt(b, laptop, code!)).rejects.toMatchObject({ code: 'ECN_ERR_TICKET_EXHAUSTED' });
    // B's gateway ends its session for the quota, as its counter read does; A ends its own at once.
    await endSession(b.f.access, rb.session.id, 'quota');
    await eventually(
      "A's gateway lets its session go",
      async () => !a.f.gateway.authorized.has(ra.session.id),
      10_000,
    );
    await a.relay!.settled();
    expect((await a.f.store.getSession(ra.session.id))!.endCause).toBe('quota');
    expect(a.journal.read().map((r) => r.entry.kind)).toEqual(['session.start', 'session.end']);
  });

  it('a message about a ticket still usable, or a garbled one, ends nothing', async () => {
    const [a, b] = await pool();
    const [kept, revoked] = await a.f.tickets(2, '1d');
    const rKept = await loginAt(b, phone, kept!);
    const rRevoked = await loginAt(b, phone, revoked!);
    const raw = new Redis(url());
    try {
      const channel = `${b.keyPrefix}tickets-ended`;
      // A forged or stale message naming a usable ticket, and garbage, in front of a real one.
      await raw.publish(channel, JSON.stringify({ ticketId: rKept.ticket!.id, spaceId: 'espace-a' }));
      await raw.publish(channel, '{not json');
      await raw.publish(channel, JSON.stringify({ ticketId: 42 }));
      await revokeTicketByCode(a.f.access, normalizeCode(revoked!), 'animateur-a');
      await eventually(
        'B ends the revoked ticket’s session',
        async () => !b.f.gateway.authorized.has(rRevoked.session.id),
        10_000,
      );
      await b.relay!.settled();
      // The stored ticket decides: the usable one's session is untouched.
      expect((await b.f.store.getSession(rKept.session.id))!.endedAt).toBeNull();
      expect(b.f.gateway.authorized.has(rKept.session.id)).toBe(true);
      expect((await b.f.store.getSession(rRevoked.session.id))!.endCause).toBe('revoked');
      expect(
        b.journal
          .read()
          .filter((r) => r.entry.kind === 'session.end')
          .map((r) => r.entry.sessionId),
      ).toEqual([rRevoked.session.id]);
    } finally {
      await raw.quit();
    }
  });

  it('a third device in B is refused when the profile allows two, with the clear message', async () => {
    const laptopMac = 'ac:00:00:00:00:03';
    const prefix = `city${randomBytes(4).toString('hex')}:`;
    const a = await openSpace('espace-a', prefix);
    const b = await openSpace('espace-b', prefix, { macs: new Map([['127.0.0.1', laptopMac]]) });
    const [code] = await a.f.tickets(1, '1d'); // two devices
    await loginAt(a, phone, code!);
    await loginAt(a, makeDevice({ mac: 'ac:00:00:00:00:02', ip: '10.0.0.8' }), code!);
    const { res } = await portalLogin(b, code!);
    expect(res.status).toBe(403);
    expect(res.text).toContain(deviceLimitText(2));
    expect(await b.f.store.listOpenSessions()).toEqual([]);
    expect(b.f.gateway.authorized.size).toBe(0);
    const ticket = (await b.f.store.findTicketByCode(normalizeCode(code!)))!;
    expect(ticket.devices).toHaveLength(2);
  });

  it('the same ticket at the same moment in both spaces: the device count holds', async () => {
    const [a, b] = await pool();
    const [code] = await a.f.tickets(1, '1d'); // two devices
    const devices = [1, 2, 3, 4, 5, 6].map((i) =>
      makeDevice({ mac: `ac:00:00:00:01:0${i}`, ip: `10.0.1.${i}` }),
    );
    const results = await Promise.allSettled(devices.map((d, i) => loginAt(i % 2 === 0 ? a : b, d, code!)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(2);
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      expect(isEcnError(r.reason) ? r.reason.code : r.reason).toBe('ECN_ERR_TICKET_DEVICE_LIMIT');
    }
    const ticket = (await a.f.store.findTicketByCode(normalizeCode(code!)))!;
    expect(ticket.devices).toHaveLength(2);
    const open = [...(await a.f.store.listOpenSessions()), ...(await b.f.store.listOpenSessions())];
    expect(open).toHaveLength(2);
    expect(a.f.gateway.authorized.size + b.f.gateway.authorized.size).toBe(2);
  });

  it("a revocation in A ends B's session at once, through B's gateway and in B's journal", async () => {
    const [a, b] = await pool();
    const [code] = await a.f.tickets(1, '1d');
    const ra = await loginAt(a, phone, code!);
    const rb = await loginAt(b, phone, code!);
    await revokeTicketByCode(a.f.access, normalizeCode(code!), 'animateur-a');
    expect((await a.f.store.getSession(ra.session.id))!.endCause).toBe('revoked');
    await eventually(
      "B's gateway lets the session go",
      async () => !b.f.gateway.authorized.has(rb.session.id),
      10_000,
    );
    await b.relay!.settled();
    expect((await b.f.store.getSession(rb.session.id))!).toMatchObject({ endCause: 'revoked' });
    expect(b.journal.read().map((r) => [r.entry.kind, r.entry.sessionId])).toEqual([
      ['session.start', rb.session.id],
      ['session.end', rb.session.id],
    ]);
    expect((await request(b.f.app).get('/')).status).toBe(200);
  });

  it("without the message, B's sweep ends its session of a ticket revoked in A, through B's gateway", async () => {
    const [a, b] = await pool({ relay: false });
    const [code] = await a.f.tickets(1, '1d');
    const ra = await loginAt(a, phone, code!);
    const rb = await loginAt(b, phone, code!);
    await revokeTicketByCode(a.f.access, normalizeCode(code!), 'animateur-a');
    // A ended its own session only; B's stays B's to end.
    expect((await a.f.store.getSession(ra.session.id))!.endCause).toBe('revoked');
    expect((await b.f.store.getSession(rb.session.id))!.endedAt).toBeNull();
    const swept = await expireSessions(b.f.access, new Map());
    expect(swept.ended).toBe(1);
    expect(b.f.gateway.authorized.has(rb.session.id)).toBe(false);
    expect((await b.f.store.getSession(rb.session.id))!.endCause).toBe('revoked');
    expect(b.journal.read().map((r) => r.entry.kind)).toEqual(['session.start', 'session.end']);
  });
});

describe('the sweep as the safety net for access points', () => {
  it("ends B's access-point session of a ticket revoked in A, announcing it for B's Disconnect client", async () => {
    const [a, b] = await pool({ relay: false });
    const [code] = await a.f.tickets(1, '1d');
    const ticket = (await a.f.store.findTicketByCode(normalizeCode(code!)))!;
    const ended: string[] = [];
    b.f.access.events.on('session.ended', (e) => ended.push(`${e.sessionId}:${e.cause}`));
    const nas = await startSession(b.f.access, {
      ticketId: ticket.id,
      device: phone,
      origin: { kind: 'nas', nas: 'borne-b' },
      nasSessionId: 'acct-b-1',
    });
    await revokeTicketByCode(a.f.access, normalizeCode(code!), 'animateur-a');
    expect((await b.f.store.getSession(nas.id))!.endedAt).toBeNull();
    await expireSessions(b.f.access, new Map());
    expect((await b.f.store.getSession(nas.id))!.endCause).toBe('revoked');
    expect(ended).toEqual([`${nas.id}:revoked`]);
  });
});

describe("each space's console", () => {
  it("lists only its own space's connections: B's console does not show a session opened in A", async () => {
    const keyPrefix = `city${randomBytes(4).toString('hex')}:`;
    const consoleA = await consoleFixture(
      { ECN_SPACE_ID: 'espace-a' },
      { store: new RedisStore({ url: url(), keyPrefix, spaceId: 'espace-a' }) },
    );
    const consoleB = await consoleFixture(
      { ECN_SPACE_ID: 'espace-b' },
      { store: new RedisStore({ url: url(), keyPrefix, spaceId: 'espace-b' }) },
    );
    try {
      const [code] = await consoleA.tickets(1, 'week');
      await consoleA.residentLogin(code!);
      const inA = await (await consoleA.signIn('amina', 'animator')).agent.get('/sessions').expect(200);
      expect(inA.text).toContain('Appareils connectés : 1');
      expect(inA.text).toContain('…' + code!.slice(-4));
      const inB = await (await consoleB.signIn('bilal', 'animator')).agent.get('/sessions').expect(200);
      expect(inB.text).not.toContain('…' + code!.slice(-4));
      expect(inB.text).toContain(consoleMsgHtml('fr', 'sessions.empty'));
    } finally {
      await consoleA.close();
      await consoleB.close();
    }
  });
});

describe('one box per space id on a pool', () => {
  it('a second box with the same space id refuses to start, naming the id and the fix; a restart is fine', async () => {
    const keyPrefix = `claim${randomBytes(4).toString('hex')}:`;
    const first = new RedisStore({ url: url(), keyPrefix, spaceId: 'espace-a' });
    const second = new RedisStore({ url: url(), keyPrefix, spaceId: 'espace-a' });
    const other = new RedisStore({ url: url(), keyPrefix, spaceId: 'espace-b' });
    for (const s of [first, second, other]) await s.start();
    const log = createLogger('silent');
    const running: SpaceClaim[] = [];
    const claim = async (store: RedisStore, instance: string, ttlMs = 2000) => {
      const c = new SpaceClaim(store, instance, log, ttlMs);
      await c.start();
      running.push(c);
      return c;
    };
    try {
      const boxA = await claim(first, 'instance-a');
      const err = await claim(second, 'instance-other').then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: 'ECN_ERR_SPACE_ID_TAKEN' });
      expect((err as Error).message).toContain('space.id "espace-a"');
      expect((err as Error).message).toMatch(/own space\.id/);
      expect((err as Error).message).toMatch(/lapses by itself 2 s after it stopped/);
      // Another space on the same pool starts.
      await claim(other, 'instance-b');
      // A clean stop lets the id go at once: a replacement box starts.
      await boxA.stop();
      const replacement = await claim(second, 'instance-other');
      await replacement.stop();
      // The same box restarting after a crash finds its own claim still alive, and goes on.
      await first.claimSpace('instance-a', 2000);
      const restarted = await claim(second, 'instance-a');
      await restarted.stop();
      // A box that died (its claim never renewed nor released) lets the id go after the lifetime.
      await first.claimSpace('instance-dead', 500);
      await expect(claim(second, 'instance-new', 500)).rejects.toMatchObject({
        code: 'ECN_ERR_SPACE_ID_TAKEN',
      });
      await eventually(
        'the dead claim lapses',
        async () =>
          claim(second, 'instance-new', 500).then(
            () => true,
            () => null,
          ),
        5000,
      );
    } finally {
      for (const c of running) await c.stop();
      for (const s of [first, second, other]) await s.stop();
    }
  });
});
