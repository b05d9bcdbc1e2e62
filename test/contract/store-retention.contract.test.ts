// The retention purge (issue 13, item 5) on every Store adapter, on a fake clock: before its
// duration a record is kept, after it the record and its index entries are gone; an open
// session, a ticket still usable and the acceptance of such a ticket are never purged.

import type { Store } from '../../src/domain/ports';
import type { PurgeCounts, RetentionPolicy } from '../../src/domain/retention';
import { issueTickets } from '../../src/services/issue-tickets';
import { redeemTicket } from '../../src/services/redeem-ticket';
import { revokeTicket } from '../../src/services/revoke-tickets';
import { acceptCharter } from '../../src/services/accept-charter';
import { endSession, startSession } from '../../src/services/sessions';
import { purgeStore } from '../../src/services/purge-store';
import { makeDevice } from '../../src/domain/device';
import { fixedProfiles, makeDeps, profile, HOUR } from '../helpers/fakes';
import { adapters, tmp } from '../helpers/store-adapters';
import { SqliteStore } from '../../src/store/sqlite-store';
import { MIGRATIONS, type Migration } from '../../src/store/sqlite/migrations';
import Database from 'better-sqlite3';
import path from 'node:path';

const DAY = 24 * HOUR;
const policy: RetentionPolicy = { sessionsDays: 40, acceptancesDays: 365, ticketsDays: 400 };
const none: PurgeCounts = { sessions: 0, deviceBindings: 0, acceptances: 0, tickets: 0 };

describe.each(adapters)('Store retention: $name', (adapter) => {
  let store: Store;

  beforeEach(async () => {
    ({ store } = await adapter.make());
    await store.start();
  });
  afterEach(async () => {
    await store.stop();
  });

  const alice = makeDevice({ mac: 'aa:00:00:00:00:01', ip: '10.42.0.11' });
  const bob = makeDevice({ mac: 'aa:00:00:00:00:02', ip: '10.42.0.12' });
  const carol = makeDevice({ mac: 'aa:00:00:00:00:03', ip: '10.42.0.13' });
  const key = {
    alice: 'mac:aa:00:00:00:00:01',
    bob: 'mac:aa:00:00:00:00:02',
    carol: 'mac:aa:00:00:00:00:03',
  };

  it('purges sessions, device bindings, acceptances and tickets after their durations, and nothing in use', async () => {
    const base = makeDeps(store);
    const deps = makeDeps(store, {
      clock: base.clock,
      profiles: fixedProfiles([
        ...base.profiles(),
        profile({ name: 'long', isDefault: false, durationSeconds: 900 * 86400 }),
      ]),
    });
    const purged: PurgeCounts[] = [];
    deps.events.on('store.purged', (c) => purged.push(c));
    const t0 = deps.clock.now();
    const purge = () => purgeStore(deps, policy);
    const at = (days: number) => {
      deps.clock.t = t0 + days * DAY;
    };

    // A one-hour ticket used by alice: a local session (logout after 30 min) and a NAS session.
    const ended = (await issueTickets(deps, { profile: '1h', count: 1, createdBy: 'x' })).tickets[0]!;
    await redeemTicket(deps, { code: ended.code, device: alice, via: 'portal' });
    await acceptCharter(deps, { device: alice, charterVersion: '2026-11', lang: 'fr', ticketId: ended.id });
    const local = await startSession(deps, { ticketId: ended.id, device: alice, origin: { kind: 'local' } });
    const nas = await startSession(deps, {
      ticketId: ended.id,
      device: alice,
      origin: { kind: 'nas', nas: 'ap-hall' },
      nasSessionId: 'acct-9',
    });
    deps.clock.advance(HOUR / 2);
    await endSession(deps, local.id, 'logout');
    await endSession(deps, nas.id, 'nas-stop');
    // A long ticket bob is still connected on; a ticket never used; a ticket revoked unused.
    const live = (await issueTickets(deps, { profile: 'long', count: 1, createdBy: 'x' })).tickets[0]!;
    await redeemTicket(deps, { code: live.code, device: bob, via: 'portal' });
    await acceptCharter(deps, { device: bob, charterVersion: '2026-11', lang: 'ar', ticketId: live.id });
    const open = await startSession(deps, { ticketId: live.id, device: bob, origin: { kind: 'local' } });
    const unused = (await issueTickets(deps, { profile: '1h', count: 1, createdBy: 'x' })).tickets[0]!;
    const revoked = (await issueTickets(deps, { profile: '1h', count: 1, createdBy: 'x' })).tickets[0]!;
    await revokeTicket(deps, revoked.id, 'console:anne');
    // Free access: an acceptance with no ticket.
    await acceptCharter(deps, { device: carol, charterVersion: '2026-11', lang: 'en', ticketId: null });

    // 39 days after alice's sessions and ticket ended: everything is kept.
    at(39);
    expect(await purge()).toEqual(none);
    expect(await store.getSession(local.id)).not.toBeNull();
    expect((await store.listTicketsByDevice(key.alice, 0, 10)).map((t) => t.id)).toEqual([ended.id]);

    // 41 days: alice's ended sessions and her binding to the ended ticket go, with their indexes.
    at(41);
    expect(await purge()).toEqual({ ...none, sessions: 2, deviceBindings: 1 });
    expect(await store.getSession(local.id)).toBeNull();
    expect(await store.getSession(nas.id)).toBeNull();
    expect(await store.listSessionsByTicket(ended.id)).toEqual([]);
    expect(await store.findNasSession(ended.id, 'ap-hall', 'acct-9')).toBeNull();
    expect(await store.listTicketsByDevice(key.alice, 0, 10)).toEqual([]);
    expect((await store.getTicket(ended.id))!.devices).toEqual([]);
    // Bob's open session and his binding to a ticket still usable stay, indexed.
    expect((await store.listOpenSessionsByDevice(key.bob, 5)).map((s) => s.id)).toEqual([open.id]);
    expect((await store.listOpenSessions()).map((s) => s.id)).toEqual([open.id]);
    expect((await store.listTicketsByDevice(key.bob, deps.clock.now(), 10)).map((t) => t.id)).toEqual([
      live.id,
    ]);

    // Acceptances: kept 364 days, gone at 366 unless their ticket is still usable.
    at(364);
    expect(await purge()).toEqual(none);
    expect(await store.latestAcceptance(key.alice)).not.toBeNull();
    at(366);
    expect(await purge()).toEqual({ ...none, acceptances: 2 });
    expect(await store.latestAcceptance(key.alice)).toBeNull();
    expect(await store.latestAcceptance(key.carol)).toBeNull();
    expect(await store.latestAcceptance(key.bob)).toMatchObject({ ticketId: live.id });

    // Tickets: kept 399 days after they ended, gone at 401 with their code and empty batches.
    at(399);
    expect(await purge()).toEqual(none);
    at(401);
    expect(await purge()).toEqual({ ...none, tickets: 2 });
    expect(await store.getTicket(ended.id)).toBeNull();
    expect(await store.findTicketByCode(ended.code)).toBeNull();
    expect(await store.findTicketByCode(revoked.code)).toBeNull();
    expect(await store.getBatch(ended.batchId)).toBeNull();
    expect(await store.getBatch(revoked.batchId)).toBeNull();
    expect((await store.listBatches(10)).map((b) => b.id).sort()).toEqual(
      [live.batchId, unused.batchId].sort(),
    );
    expect((await store.listTickets({})).map((t) => t.id).sort()).toEqual([live.id, unused.id].sort());
    expect(await store.findTicketByCode(unused.code)).toMatchObject({ id: unused.id });

    // Long after bob's ticket ended, his session is still open: it and its ticket stay (his
    // binding and his acceptance, of a ticket ended more than their durations ago, go).
    at(900 + 401);
    expect(await purge()).toEqual({ ...none, deviceBindings: 1, acceptances: 1 });
    expect(await store.latestAcceptance(key.bob)).toBeNull();
    expect(await store.getTicket(live.id)).not.toBeNull();
    expect((await store.listOpenSessionsByDevice(key.bob, 5)).map((s) => s.id)).toEqual([open.id]);
    // Once it ends, the ticket goes at the next purge; the session when its own time comes.
    await endSession(deps, open.id, 'expired');
    expect(await purge()).toEqual({ ...none, tickets: 1 });
    expect(await store.getTicket(live.id)).toBeNull();
    expect(await store.getSession(open.id)).not.toBeNull();
    deps.clock.advance(41 * DAY);
    expect(await purge()).toEqual({ ...none, sessions: 1 });
    expect(await store.listSessionsByTicket(live.id)).toEqual([]);
    expect(await store.listOpenSessions()).toEqual([]);
    // The never-used ticket without an end of validity can still be handed out: it stays.
    expect((await store.listTickets({})).map((t) => t.id)).toEqual([unused.id]);
    // Each purge told its counts (the metric and the log read them from this event).
    expect(purged).toHaveLength(9);
    expect(purged[1]).toEqual({ ...none, sessions: 2, deviceBindings: 1 });
  });

  it('goes through more records than one page, skipping those it keeps', async () => {
    const deps = makeDeps(store);
    const t0 = deps.clock.now();
    // Issued, never used, no end of validity: still usable, so its acceptances stay.
    const live = (await issueTickets(deps, { profile: '1h', count: 1, createdBy: 'x' })).tickets[0]!;
    const n = 1100;
    const mac = (i: number) =>
      `02:00:00:00:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`;
    for (let i = 0; i < n; i++) {
      const device = makeDevice({ mac: mac(i) });
      const keep = i % 3 === 0;
      await store.recordAcceptance({
        id: `a${i}`,
        spaceId: 'roubaix-demo',
        charterVersion: '2026-11',
        via: 'portal',
        lang: 'fr',
        acceptedAt: t0 + i,
        device: `mac:${mac(i)}`,
        ticketId: keep ? live.id : null,
      });
      await store.createSession({
        id: `s${i}`,
        spaceId: 'roubaix-demo',
        ticketId: null,
        device,
        origin: { kind: 'local' },
        startedAt: t0 + i,
        lastSeenAt: t0 + i,
        bytesIn: 0,
        bytesOut: 0,
        endedAt: keep ? null : t0 + i + 1,
        endCause: keep ? null : 'logout',
        nasSessionId: null,
      });
    }
    const kept = Math.ceil(n / 3);
    deps.clock.t = t0 + 366 * DAY;
    const r = await purgeStore(deps, { sessionsDays: 40, acceptancesDays: 365, ticketsDays: 400 });
    expect(r).toEqual({ ...none, sessions: n - kept, acceptances: n - kept });
    expect(await store.listOpenSessions()).toHaveLength(kept);
    expect(await store.getSession('s1')).toBeNull();
    expect(await store.getSession('s3')).not.toBeNull();
    expect(await store.latestAcceptance(`mac:${mac(n - 1)}`)).toBeNull();
    expect(await store.latestAcceptance(`mac:${mac(n - 2)}`)).toMatchObject({ ticketId: live.id });
    expect(await purgeStore(deps, { sessionsDays: 40, acceptancesDays: 365, ticketsDays: 400 })).toEqual(
      none,
    );
  });

  it('purges at the tickets’ own duration when it is shorter than the sessions’', async () => {
    const deps = makeDeps(store);
    const t = (await issueTickets(deps, { profile: '1h', count: 1, createdBy: 'x' })).tickets[0]!;
    await redeemTicket(deps, { code: t.code, device: alice, via: 'radius' });
    const s = await startSession(deps, { ticketId: t.id, device: alice, origin: { kind: 'local' } });
    await endSession(deps, s.id, 'logout');
    deps.clock.advance(366 * DAY);
    const r = await purgeStore(deps, { sessionsDays: 400, acceptancesDays: 365, ticketsDays: 365 });
    expect(r).toEqual({ ...none, tickets: 1 });
    expect(await store.getTicket(t.id)).toBeNull();
    expect(await store.listTicketsByDevice(key.alice, 0, 10)).toEqual([]);
    expect(await store.getSession(s.id)).not.toBeNull();
  });
});

describe('Embedded store schema for the purge', () => {
  it('migration 6 upgrades a database holding garbled rows, and the purge leaves them alone', async () => {
    const file = path.join(tmp, 'v5-garbled.db');
    const db = new Database(file);
    const sql = (m: Migration) => (typeof m === 'string' ? m : m.sql);
    for (const m of MIGRATIONS.slice(0, 5)) db.exec(sql(m));
    db.pragma('user_version = 5');
    const old = Date.UTC(2024, 0, 1);
    const ended = { id: 's1', ticketId: null, device: { mac: 'aa:00:00:00:00:01', ip: null } };
    const insert = db.prepare(
      'INSERT INTO sessions (id, ticket_id, started_at, open, data) VALUES (?, NULL, ?, 0, ?)',
    );
    insert.run(
      's1',
      old,
      JSON.stringify({
        ...ended,
        origin: { kind: 'local' },
        startedAt: old,
        lastSeenAt: old,
        bytesIn: 0,
        bytesOut: 0,
        endedAt: old + 1,
        endCause: 'logout',
        nasSessionId: null,
      }),
    );
    insert.run('s2', old, '{garbled');
    db.prepare('INSERT INTO acceptances (id, device, accepted_at, data) VALUES (?, ?, ?, ?)').run(
      'a1',
      'mac:aa:00:00:00:00:01',
      old,
      '{garbled',
    );
    db.close();

    const store = new SqliteStore({ file, spaceId: 'roubaix-demo' });
    await store.start();
    try {
      expect(store.schemaVersion()).toBe(MIGRATIONS.length);
      const deps = makeDeps(store);
      expect(await purgeStore(deps, policy)).toEqual({ ...none, sessions: 1 });
      expect(await store.getSession('s1')).toBeNull();
      await expect(store.getSession('s2')).rejects.toMatchObject({ code: 'ECN_ERR_STORE_CORRUPT' });
      await expect(store.latestAcceptance('mac:aa:00:00:00:00:01')).rejects.toMatchObject({
        code: 'ECN_ERR_STORE_CORRUPT',
      });
    } finally {
      await store.stop();
    }
  });
});
