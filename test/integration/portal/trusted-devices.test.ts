// Issue #15, item 2 through the portal (supertest, embedded store, fake clock): a public PC of
// the space passes without a ticket or charter during opening hours, as a session with no
// ticket and its label, journaled as the space's device; not outside the hours unless the space
// says so; not once it is untrusted. A resident's device is not let through.

import request from 'supertest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { CATALOGS } from '../../../src/portal/i18n';
import { expireSessions } from '../../../src/services/expire-sessions';
import { trustDevice, untrustDevice } from '../../../src/services/trusted-devices';
import { SqliteJournal } from '../../../src/journal/sqlite-journal';
import { recordSessionsInJournal } from '../../../src/journal/journal-recorder';
import { portalFixture, type PortalFixture } from '../../helpers/portal';
import { escapeHtml as esc } from '../../helpers/http';

const HOURS_ENV = { ECN_SPACE_OPENING_HOURS_SAT: '["10:00-12:00"]' };
const SAT_NOON = Date.parse('2026-11-28T11:00:00Z');
const PC_MAC = 'AA-BB-CC-00-00-03';

let f: PortalFixture;
afterEach(async () => {
  await f?.close();
});

async function setup(env: Record<string, string> = {}) {
  f = await portalFixture(
    { ...HOURS_ENV, ...env },
    {
      macs: new Map([
        ['127.0.0.1', PC_MAC],
        ['::ffff:127.0.0.1', PC_MAC],
      ]),
    },
  );
  await trustDevice(f.access, { spaceId: f.config.space.id, mac: PC_MAC, label: 'PC 3', actor: 'claire' });
}

describe("the space's own devices at the portal", () => {
  it('lets a trusted PC through without a ticket during opening hours, labelled and journaled', async () => {
    await setup();
    const journal = new SqliteJournal(
      path.join(mkdtempSync(path.join(os.tmpdir(), 'ecn-trusted-')), 'journal.db'),
      randomBytes(32),
    );
    journal.start();
    const off = recordSessionsInJournal(f.access.events, journal, f.access.clock, '198.51.100.7');
    f.access.clock.t = SAT_NOON - 60 * 60_000; // Saturday 11:00 in Paris
    const agent = request.agent(f.app);
    const welcome = await agent.get('/');
    expect(welcome.status).toBe(303);
    expect(welcome.headers.location).toBe('/status');
    const status = await agent.get('/status?lang=fr');
    expect(status.text).toContain(esc(CATALOGS.fr['status.spaceDevice'].replace('{label}', 'PC 3')));
    const [open] = await f.store.listOpenSessions();
    expect(open).toMatchObject({
      ticketId: null,
      trustedLabel: 'PC 3',
      device: { mac: 'aa:bb:cc:00:00:03' },
    });
    // Let through until closing time, no further.
    expect(f.gateway.authorized.get(open!.id)?.secondsLeft).toBe(3600);
    // No charter acceptance was asked of the space's own PC, and no ticket was used.
    expect(await f.store.listTickets({})).toEqual([]);
    const [entry] = journal.read();
    expect(entry?.entry).toMatchObject({
      kind: 'session.start',
      ticketId: null,
      mac: 'aa:bb:cc:00:00:03',
      spaceDevice: 'PC 3',
    });
    // A second visit keeps the same session.
    await agent.get('/');
    expect(await f.store.listOpenSessions()).toHaveLength(1);
    // Closing time ends it like any other.
    f.access.clock.t = SAT_NOON;
    expect(await expireSessions(f.access, new Map())).toMatchObject({ ended: 1 });
    expect(journal.read().map((r) => r.entry.kind)).toEqual(['session.start', 'session.end']);
    off();
    journal.stop();
  });

  it('shows the closed page to a trusted PC outside the hours, unless trusted devices pass outside them', async () => {
    await setup();
    f.access.clock.t = SAT_NOON + 60 * 60_000;
    const closed = await request(f.app).get('/');
    expect(closed.status).toBe(200);
    expect(closed.text).toContain(esc(CATALOGS.fr['closed.title']));
    expect(await f.store.listOpenSessions()).toEqual([]);
    await f.close();

    await setup({ ECN_PORTAL_TRUSTED_DEVICES_OUTSIDE_HOURS: 'true' });
    f.access.clock.t = SAT_NOON + 60 * 60_000;
    expect((await request(f.app).get('/')).headers.location).toBe('/status');
    expect(await expireSessions(f.access, new Map())).toMatchObject({ ended: 0 });
    expect(await f.store.listOpenSessions()).toHaveLength(1);
  });

  it('stops letting a device through once it is untrusted, and never lets an unknown one in', async () => {
    await setup();
    f.access.clock.t = SAT_NOON - 60 * 60_000;
    await request(f.app).get('/');
    expect(await f.store.listOpenSessions()).toHaveLength(1);
    await untrustDevice(f.access, { spaceId: f.config.space.id, mac: 'aabb.cc00.0003', actor: 'claire' });
    expect(await expireSessions(f.access, new Map())).toMatchObject({ ended: 1 });
    const again = await request(f.app).get('/');
    expect(again.status).toBe(200);
    expect(again.text).toContain('action="/login"');
    expect(await f.store.listOpenSessions()).toEqual([]);
  });

  it("answers a trusted PC's operating-system probes as online during opening hours, journaled as the space's device", async () => {
    await setup();
    const journal = new SqliteJournal(
      path.join(mkdtempSync(path.join(os.tmpdir(), 'ecn-trusted-')), 'journal.db'),
      randomBytes(32),
    );
    journal.start();
    const off = recordSessionsInJournal(f.access.events, journal, f.access.clock, '198.51.100.7');
    f.access.clock.t = SAT_NOON - 60 * 60_000; // Saturday 11:00 in Paris
    // The first thing a PC does on the network: its probe, before any page is opened.
    const android = await request(f.app).get('/generate_204').set('Host', 'connectivitycheck.gstatic.com');
    expect(android.status).toBe(204);
    const [open] = await f.store.listOpenSessions();
    expect(open).toMatchObject({ ticketId: null, trustedLabel: 'PC 3' });
    expect(f.gateway.authorized.get(open!.id)?.secondsLeft).toBe(3600);
    const apple = await request(f.app).get('/hotspot-detect.html').set('Host', 'captive.apple.com');
    expect(apple.status).toBe(200);
    expect(apple.text).toContain('Success');
    const api = await request(f.app).get('/api/captive');
    expect(JSON.parse(api.text)).toMatchObject({ captive: false, 'seconds-remaining': 3600 });
    // One session for the three questions, in the legal journal as the space's device.
    expect(await f.store.listOpenSessions()).toHaveLength(1);
    expect(journal.read().map((r) => r.entry)).toMatchObject([
      { kind: 'session.start', ticketId: null, mac: 'aa:bb:cc:00:00:03', spaceDevice: 'PC 3' },
    ]);
    off();
    journal.stop();
  });

  it("sends a trusted PC's probe to the portal outside the hours, unless trusted devices pass outside them", async () => {
    await setup();
    f.access.clock.t = SAT_NOON + 60 * 60_000;
    const probe = await request(f.app).get('/generate_204').set('Host', 'connectivitycheck.gstatic.com');
    expect(probe.status).toBe(302);
    const api = await request(f.app).get('/api/captive');
    expect(JSON.parse(api.text)).toMatchObject({ captive: true });
    expect(await f.store.listOpenSessions()).toEqual([]);
    await f.close();

    await setup({ ECN_PORTAL_TRUSTED_DEVICES_OUTSIDE_HOURS: 'true' });
    f.access.clock.t = SAT_NOON + 60 * 60_000;
    const through = await request(f.app).get('/generate_204').set('Host', 'connectivitycheck.gstatic.com');
    expect(through.status).toBe(204);
    expect(await f.store.listOpenSessions()).toHaveLength(1);
  });

  it("keeps a resident's unknown device captive on the probe", async () => {
    await setup();
    await untrustDevice(f.access, { spaceId: f.config.space.id, mac: PC_MAC, actor: 'claire' });
    f.access.clock.t = SAT_NOON - 60 * 60_000;
    const probe = await request(f.app).get('/generate_204').set('Host', 'connectivitycheck.gstatic.com');
    expect(probe.status).toBe(302);
    expect(await f.store.listOpenSessions()).toEqual([]);
  });
});
