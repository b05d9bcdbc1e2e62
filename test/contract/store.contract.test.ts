// One contract for the Store port, run against every adapter: the embedded SQLite store
// and a real redis-server (started by the global setup). Behaviour must be identical.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../../src/domain/ports';
import { SqliteStore } from '../../src/store/sqlite-store';
import { RedisStore } from '../../src/store/redis-store';
import { issueTickets } from '../../src/services/issue-tickets';
import { redeemTicket } from '../../src/services/redeem-ticket';
import { revokeBatch, revokeTicketByCode } from '../../src/services/revoke-tickets';
import { acceptCharter, acceptCharterByTicket, mustAcceptCharter } from '../../src/services/accept-charter';
import { listTickets } from '../../src/services/list-tickets';
import { findTicketForMac } from '../../src/services/find-device-ticket';
import {
  endSession as endSessionService,
  findOpenSession,
  recordSessionTraffic,
  startSession,
} from '../../src/services/sessions';
import { endSession, recordTraffic, type Session } from '../../src/domain/session';
import { makeDevice } from '../../src/domain/device';
import { formatCode } from '../../src/domain/ticket-code';
import { isEcnError } from '../../src/domain/errors';
import { newTicket, redeem } from '../../src/domain/ticket';
import { profileLimits } from '../../src/domain/profile';
import { MIGRATIONS } from '../../src/store/sqlite/migrations';
import Redis from 'ioredis';
import { makeDeps, profile, recordEvents, HOUR } from '../helpers/fakes';
import { adapters, tmp } from '../helpers/store-adapters';

describe.each(adapters)('Store contract: $name', (adapter) => {
  let store: Store;
  let corrupt: (id: string) => Promise<void>;

  beforeEach(async () => {
    ({ store, corrupt } = await adapter.make());
    await store.start();
  });
  afterEach(async () => {
    await store.stop();
  });

  const alice = makeDevice({ mac: 'aa:00:00:00:00:01', ip: '10.42.0.11' });
  const bob = makeDevice({ mac: 'aa:00:00:00:00:02', ip: '10.42.0.12' });

  it('answers a ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('keeps a batch and its tickets, found by code and by batch', async () => {
    const deps = makeDeps(store);
    const { batch, tickets } = await issueTickets(deps, {
      count: 5,
      note: 'atelier CV mardi',
      createdBy: 'cli:test',
    });
    expect(await store.getBatch(batch.id)).toEqual(batch);
    expect((await store.listBatches(10)).map((b) => b.id)).toEqual([batch.id]);
    const listed = await store.listTickets({ batchId: batch.id });
    expect(listed.map((t) => t.id).sort()).toEqual(tickets.map((t) => t.id).sort());
    expect(await store.findTicketByCode(tickets[2]!.code)).toEqual(tickets[2]);
    expect(await store.getTicket(tickets[3]!.id)).toEqual(tickets[3]);
    expect(await store.findTicketByCode('ZZZZZZZZZZZZ')).toBeNull();
    expect(await store.getBatch('nope')).toBeNull();
  });

  it("keeps a workshop batch's own validity window on the batch and on each ticket", async () => {
    const deps = makeDeps(store);
    const validFrom = deps.clock.now() + 2 * 24 * HOUR;
    const validUntil = validFrom + 3 * HOUR;
    const { batch, tickets } = await issueTickets(deps, {
      count: 3,
      note: 'atelier mardi',
      validFrom,
      validUntil,
      createdBy: 'cli:test',
    });
    const stored = await store.getBatch(batch.id);
    expect(stored).toMatchObject({ validFrom, validUntil });
    expect((await store.listBatches(10))[0]).toMatchObject({ validFrom, validUntil });
    const back = await store.findTicketByCode(tickets[1]!.code);
    expect(back?.limits).toMatchObject({ validFrom, validUntil });
    // Read back, the window still refuses the ticket before it opens.
    await expect(
      redeemTicket(deps, { code: tickets[1]!.code, device: alice, via: 'portal' }),
    ).rejects.toMatchObject({
      code: 'ECN_ERR_TICKET_NOT_YET_VALID',
    });
  });

  it('lists tickets newest first, with limits and a time filter', async () => {
    const deps = makeDeps(store);
    const first = await issueTickets(deps, { count: 2, createdBy: 'x' });
    deps.clock.advance(1000);
    const second = await issueTickets(deps, { count: 3, createdBy: 'x' });
    const all = await store.listTickets({});
    expect(all).toHaveLength(5);
    expect(new Set(all.slice(0, 3).map((t) => t.batchId))).toEqual(new Set([second.batch.id]));
    expect(await store.listTickets({ limit: 2 })).toHaveLength(2);
    expect(await store.listTickets({ createdSince: deps.clock.now() })).toHaveLength(3);
    expect((await store.listBatches(1))[0]!.id).toBe(second.batch.id);
    expect(first.batch.id).not.toBe(second.batch.id);
  });

  it('reads the newest batches with their tickets in one call, as listBatches and listTickets give them', async () => {
    const deps = makeDeps(store);
    const made = [];
    for (const count of [2, 3, 1]) {
      made.push(await issueTickets(deps, { count, createdBy: 'x' }));
      deps.clock.advance(1000);
    }
    await revokeTicketByCode(deps, made[1]!.tickets[0]!.code, 'x');
    const page = await store.listBatchesWithTickets(2);
    expect(page.map((p) => p.batch)).toEqual(await store.listBatches(2));
    expect(page.map((p) => p.batch.id)).toEqual([made[2]!.batch.id, made[1]!.batch.id]);
    for (const p of page) expect(p.tickets).toEqual(await store.listTickets({ batchId: p.batch.id }));
    expect(page[1]!.tickets.filter((t) => t.revokedAt !== null)).toHaveLength(1);
    expect(await store.listBatchesWithTickets(10)).toHaveLength(3);
  });

  it('redeems through the service: clock starts, devices bind, reasons are distinct', async () => {
    const deps = makeDeps(store);
    const events = recordEvents(deps.events);
    const { tickets } = await issueTickets(deps, { profile: '1d', count: 1, createdBy: 'x' });
    const code = formatCode(tickets[0]!.code).toLowerCase();
    const r1 = await redeemTicket(deps, { code, device: alice, via: 'portal' });
    expect(r1.firstUse).toBe(true);
    expect(r1.secondsLeft).toBe(86400);
    deps.clock.advance(HOUR);
    const r2 = await redeemTicket(deps, { code: tickets[0]!.code, device: bob, via: 'radius' });
    expect(r2.secondsLeft).toBe(86400 - 3600);
    await expect(
      redeemTicket(deps, { code, device: makeDevice({ ip: '10.42.0.13' }), via: 'portal' }),
    ).rejects.toMatchObject({
      code: 'ECN_ERR_TICKET_DEVICE_LIMIT',
    });
    const stored = await store.getTicket(tickets[0]!.id);
    expect(stored!.devices).toEqual(['mac:aa:00:00:00:00:01', 'mac:aa:00:00:00:00:02']);
    expect(events['ticket.redeemed']).toHaveLength(2);
    expect(events['ticket.refused']).toEqual([{ code: 'ECN_ERR_TICKET_DEVICE_LIMIT', via: 'portal' }]);
    deps.clock.advance(24 * HOUR);
    await expect(redeemTicket(deps, { code, device: alice, via: 'portal' })).rejects.toMatchObject({
      code: 'ECN_ERR_TICKET_EXPIRED',
    });
  });

  it('refuses unknown and malformed codes without touching tickets', async () => {
    const deps = makeDeps(store);
    const { tickets } = await issueTickets(deps, { count: 1, createdBy: 'x' });
    await expect(
      redeemTicket(deps, { code: 'AAAA-BBBB-CCCC', device: alice, via: 'portal' }),
    ).rejects.toMatchObject({
      code: 'ECN_ERR_TICKET_UNKNOWN',
    });
    await expect(
      redeemTicket(deps, { code: 'AAAA-BBBB-CCC0', device: alice, via: 'portal' }),
    ).rejects.toMatchObject({
      code: 'ECN_ERR_TICKET_CODE_MALFORMED',
    });
    expect(await store.getTicket(tickets[0]!.id)).toEqual(tickets[0]);
  });

  it('gives exactly one success to 50 devices racing for a one-device ticket', async () => {
    const deps = makeDeps(store);
    const { tickets } = await issueTickets(deps, { profile: '1h', count: 1, createdBy: 'x' });
    const devices = Array.from({ length: 50 }, (_, i) =>
      makeDevice({ mac: `02:00:00:00:00:${i.toString(16).padStart(2, '0')}` }),
    );
    const results = await Promise.allSettled(
      devices.map((device) => redeemTicket(deps, { code: tickets[0]!.code, device, via: 'radius' })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(refused.every((r) => isEcnError(r.reason, 'ECN_ERR_TICKET_DEVICE_LIMIT'))).toBe(true);
    expect((await store.getTicket(tickets[0]!.id))!.devices).toHaveLength(1);
  });

  it('applies concurrent usage updates without losing any', async () => {
    const deps = makeDeps(store);
    const { tickets } = await issueTickets(deps, { profile: 'quota', count: 1, createdBy: 'x' });
    await Promise.all(
      Array.from({ length: 40 }, () =>
        store.updateTicket(tickets[0]!.id, (t) => ({
          ...t,
          bytesUsed: t.bytesUsed + 10,
          version: t.version + 1,
        })),
      ),
    );
    expect((await store.getTicket(tickets[0]!.id))!.bytesUsed).toBe(400);
  });

  it('leaves the ticket unchanged when a change throws', async () => {
    const deps = makeDeps(store);
    const { tickets } = await issueTickets(deps, { count: 1, createdBy: 'x' });
    await expect(
      store.updateTicket(tickets[0]!.id, () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await store.getTicket(tickets[0]!.id)).toEqual(tickets[0]);
    expect(await store.updateTicket('unknown-id', (t) => t)).toBeNull();
  });

  it('revokes a ticket and a batch, ends their sessions, and refuses them afterwards', async () => {
    const deps = makeDeps(store);
    const events = recordEvents(deps.events);
    const { batch, tickets } = await issueTickets(deps, { count: 3, createdBy: 'x' });
    await redeemTicket(deps, { code: tickets[0]!.code, device: alice, via: 'portal' });
    const session: Session = {
      id: deps.newId(),
      spaceId: 'roubaix-demo',
      ticketId: tickets[0]!.id,
      device: alice,
      origin: { kind: 'local' },
      startedAt: deps.clock.now(),
      lastSeenAt: deps.clock.now(),
      bytesIn: 0,
      bytesOut: 0,
      endedAt: null,
      endCause: null,
      nasSessionId: null,
    };
    await store.createSession(session);
    deps.clock.advance(60_000);
    await revokeTicketByCode(deps, formatCode(tickets[0]!.code), 'cli:anim');
    expect((await store.getSession(session.id))!.endCause).toBe('revoked');
    expect(events['session.ended']).toEqual([
      expect.objectContaining({ cause: 'revoked', durationSeconds: 60 }),
    ]);
    await expect(
      redeemTicket(deps, { code: tickets[0]!.code, device: alice, via: 'portal' }),
    ).rejects.toMatchObject({
      code: 'ECN_ERR_TICKET_REVOKED',
    });
    await expect(revokeTicketByCode(deps, tickets[0]!.code, 'cli:anim')).rejects.toMatchObject({
      code: 'ECN_ERR_TICKET_ALREADY_REVOKED',
    });
    expect(await revokeBatch(deps, batch.id, 'cli:anim')).toEqual({ revoked: 2, already: 1 });
    expect((await listTickets(deps, { state: 'revoked' })).map((l) => l.ticket.id).sort()).toEqual(
      tickets.map((t) => t.id).sort(),
    );
    await expect(revokeBatch(deps, 'no-such-batch', 'x')).rejects.toMatchObject({
      code: 'ECN_ERR_BATCH_UNKNOWN',
    });
  });

  it('records charter acceptances and asks again for a new version', async () => {
    const deps = makeDeps(store);
    expect(await mustAcceptCharter(deps, alice, '2026-11')).toBe(true);
    await acceptCharter(deps, { device: alice, charterVersion: '2026-11', lang: 'ar', ticketId: null });
    expect(await mustAcceptCharter(deps, alice, '2026-11')).toBe(false);
    expect(await mustAcceptCharter(deps, bob, '2026-11')).toBe(true);
    expect(await mustAcceptCharter(deps, alice, '2027-01')).toBe(true);
    deps.clock.advance(1000);
    await acceptCharter(deps, { device: alice, charterVersion: '2027-01', lang: 'fr', ticketId: 't' });
    expect(await store.latestAcceptance('mac:aa:00:00:00:00:01')).toMatchObject({
      charterVersion: '2027-01',
      lang: 'fr',
      ticketId: 't',
      via: 'portal',
    });
  });

  it('keeps the charter version printed on a batch, and the way an acceptance was given (issue #15, item 7)', async () => {
    const deps = makeDeps(store);
    const { batch, tickets } = await issueTickets(deps, {
      count: 1,
      createdBy: 'x',
      charterVersion: '2026-11',
    });
    expect((await store.getBatch(batch.id))!.charterVersion).toBe('2026-11');
    const { batch: old } = await issueTickets(deps, { count: 1, createdBy: 'x' });
    expect((await store.getBatch(old.id))!.charterVersion).toBeNull();
    await acceptCharterByTicket(deps, { device: bob, ticket: tickets[0]!, lang: 'fr' });
    expect(await store.latestAcceptance('mac:aa:00:00:00:00:02')).toMatchObject({
      charterVersion: '2026-11',
      via: 'ticket',
      ticketId: tickets[0]!.id,
    });
    expect(await mustAcceptCharter(deps, bob, '2026-11')).toBe(false);
  });

  it('keeps sessions: open list, traffic that never goes backwards, end', async () => {
    const deps = makeDeps(store);
    const mk = (id: string, startedAt: number): Session => ({
      id,
      spaceId: 'roubaix-demo',
      ticketId: 'tk',
      device: bob,
      origin: { kind: 'nas', nas: 'ap-hall' },
      startedAt,
      lastSeenAt: startedAt,
      bytesIn: 0,
      bytesOut: 0,
      endedAt: null,
      endCause: null,
      nasSessionId: 'acct-1',
    });
    const now = deps.clock.now();
    await store.createSession(mk('s2', now + 10));
    await store.createSession(mk('s1', now));
    expect((await store.listOpenSessions()).map((s) => s.id)).toEqual(['s1', 's2']);
    await store.updateSession('s1', (s) => recordTraffic(s, { bytesIn: 500, bytesOut: 100 }, now + 1000));
    await store.updateSession('s1', (s) => recordTraffic(s, { bytesIn: 200, bytesOut: 300 }, now + 500));
    expect(await store.getSession('s1')).toMatchObject({
      bytesIn: 500,
      bytesOut: 300,
      lastSeenAt: now + 1000,
    });
    await store.updateSession('s1', (s) => endSession(s, 'logout', now + 2000));
    expect((await store.listOpenSessions()).map((s) => s.id)).toEqual(['s2']);
    expect((await store.listSessionsByTicket('tk')).map((s) => s.id).sort()).toEqual(['s1', 's2']);
    expect(await store.updateSession('nope', (s) => s)).toBeNull();
  });

  it("keeps a session's NAT port block through traffic and end; records without one read back as before", async () => {
    const deps = makeDeps(store);
    const now = deps.clock.now();
    const session: Session = {
      id: 'nat1',
      spaceId: 'roubaix-demo',
      ticketId: 'tk-nat',
      device: bob,
      origin: { kind: 'local' },
      startedAt: now,
      lastSeenAt: now,
      bytesIn: 0,
      bytesOut: 0,
      endedAt: null,
      endCause: null,
      nasSessionId: null,
    };
    await store.createSession(session);
    expect((await store.getSession('nat1'))!.natPorts ?? null).toBeNull();
    const natPorts = { publicIp: '198.51.100.7', first: 10240, last: 11263 };
    await store.updateSession('nat1', (s) => ({ ...s, natPorts }));
    await store.updateSession('nat1', (s) => recordTraffic(s, { bytesIn: 10, bytesOut: 20 }, now + 1000));
    await store.updateSession('nat1', (s) => endSession(s, 'logout', now + 2000));
    expect((await store.getSession('nat1'))!.natPorts).toEqual(natPorts);
    expect((await store.listSessionsByTicket('tk-nat'))[0]!.natPorts).toEqual(natPorts);
    await expect(
      store.updateSession('nat1', (s) => ({ ...s, natPorts: { ...natPorts, first: 12000 } })),
    ).rejects.toThrow();
    expect((await store.getSession('nat1'))!.natPorts).toEqual(natPorts);
  });

  it('runs sessions through the services: start, traffic against the quota once, end once', async () => {
    const deps = makeDeps(store);
    const events = recordEvents(deps.events);
    const { tickets } = await issueTickets(deps, { profile: 'quota', count: 1, createdBy: 'x' });
    await redeemTicket(deps, { code: tickets[0]!.code, device: alice, via: 'radius' });
    const s = await startSession(deps, {
      ticketId: tickets[0]!.id,
      device: alice,
      origin: { kind: 'nas', nas: 'ap' },
      nasSessionId: 'A1',
    });
    expect(await findOpenSession(deps, tickets[0]!.id, alice)).toMatchObject({ id: s.id });
    expect(await findOpenSession(deps, tickets[0]!.id, bob)).toBeNull();
    expect((await recordSessionTraffic(deps, s.id, { bytesIn: 300, bytesOut: 100 })).limitReached).toBeNull();
    // A retransmitted report of the same totals adds nothing.
    await recordSessionTraffic(deps, s.id, { bytesIn: 300, bytesOut: 100 });
    expect((await store.getTicket(tickets[0]!.id))!.bytesUsed).toBe(400);
    expect((await recordSessionTraffic(deps, s.id, { bytesIn: 900, bytesOut: 100 })).limitReached).toBe(
      'quota',
    );
    deps.clock.advance(5000);
    const ended = await endSessionService(deps, s.id, 'quota');
    expect(ended).toMatchObject({ endCause: 'quota', endedAt: deps.clock.now() });
    await endSessionService(deps, s.id, 'nas-stop');
    expect((await store.getSession(s.id))!.endCause).toBe('quota');
    expect(events['session.started']).toHaveLength(1);
    expect(events['session.ended']).toEqual([
      expect.objectContaining({ cause: 'quota', durationSeconds: 5 }),
    ]);
    await expect(endSessionService(deps, 'nope', 'logout')).rejects.toMatchObject({
      code: 'ECN_ERR_SESSION_UNKNOWN',
    });
  });

  it('refuses to use a stored value that does not match its schema', async () => {
    const deps = makeDeps(store);
    const { tickets } = await issueTickets(deps, { count: 1, createdBy: 'x' });
    await corrupt(tickets[0]!.id);
    await expect(store.getTicket(tickets[0]!.id)).rejects.toMatchObject({ code: 'ECN_ERR_STORE_CORRUPT' });
    await expect(
      redeemTicket(deps, { code: tickets[0]!.code, device: alice, via: 'portal' }),
    ).rejects.toMatchObject({
      code: 'ECN_ERR_STORE_CORRUPT',
    });
  });

  it('refuses bad batches before writing anything', async () => {
    const deps = makeDeps(store);
    await expect(issueTickets(deps, { count: 0, createdBy: 'x' })).rejects.toMatchObject({
      code: 'ECN_ERR_BATCH_SIZE',
    });
    await expect(issueTickets(deps, { count: 501, createdBy: 'x' })).rejects.toMatchObject({
      code: 'ECN_ERR_BATCH_SIZE',
    });
    await expect(issueTickets(deps, { count: 1, profile: 'nope', createdBy: 'x' })).rejects.toMatchObject({
      code: 'ECN_ERR_PROFILE_UNKNOWN',
    });
    await expect(
      issueTickets(deps, { count: 1, note: 'x'.repeat(201), createdBy: 'x' }),
    ).rejects.toMatchObject({
      code: 'ECN_ERR_NOTE_TOO_LONG',
    });
    const now = deps.clock.now();
    await expect(
      issueTickets(deps, { count: 1, validFrom: now + 3 * HOUR, validUntil: now + HOUR, createdBy: 'x' }),
    ).rejects.toMatchObject({ code: 'ECN_ERR_BATCH_WINDOW_INVERTED' });
    await expect(
      issueTickets(deps, { count: 1, validFrom: now - 3 * HOUR, validUntil: now - HOUR, createdBy: 'x' }),
    ).rejects.toMatchObject({ code: 'ECN_ERR_BATCH_WINDOW_PAST' });
    expect(await store.listTickets({})).toEqual([]);
    expect(await store.listBatches(10)).toEqual([]);
  });

  // Portal (issue 3): per-device counters behind the wrong-code rate limit and free access.
  it('keeps per-device counters: create, update, delete, purge expired ones', async () => {
    const t0 = Date.now();
    expect(await store.getCounter('tries:ip:10.0.0.1')).toBeNull();
    const first = await store.updateCounter('tries:ip:10.0.0.1', (cur) => {
      expect(cur).toBeNull();
      return { key: 'ignored', count: 1, firstAt: t0, until: null, expiresAt: t0 + HOUR, version: 1 };
    });
    expect(first).toMatchObject({ key: 'tries:ip:10.0.0.1', count: 1 });
    const second = await store.updateCounter('tries:ip:10.0.0.1', (cur) => ({
      ...cur!,
      count: cur!.count + 1,
      until: t0 + 60_000,
      version: cur!.version + 1,
    }));
    expect(second).toMatchObject({ count: 2, until: t0 + 60_000, firstAt: t0 });
    expect(await store.getCounter('tries:ip:10.0.0.1')).toEqual(second);
    await store.updateCounter('stale', () => ({
      key: 'stale',
      count: 1,
      firstAt: t0,
      until: null,
      expiresAt: t0 + 500,
      version: 1,
    }));
    await store.purgeCounters(t0 + HOUR - 1);
    expect(await store.getCounter('tries:ip:10.0.0.1')).toEqual(second);
    if (store.kind === 'embedded') {
      expect(await store.purgeCounters(t0 + 1000)).toBe(0);
      expect(await store.getCounter('stale')).toBeNull();
    }
    await store.deleteCounter('tries:ip:10.0.0.1');
    expect(await store.getCounter('tries:ip:10.0.0.1')).toBeNull();
    await store.deleteCounter('never-there');
  });

  it('counts 40 concurrent increments of one counter without losing any', async () => {
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: 40 }, () =>
        store.updateCounter('free:ip:10.0.0.2:2026-11-28', (cur) => ({
          key: 'free:ip:10.0.0.2:2026-11-28',
          count: (cur?.count ?? 0) + 1,
          firstAt: cur?.firstAt ?? t0,
          until: null,
          expiresAt: t0 + HOUR,
          version: (cur?.version ?? 0) + 1,
        })),
      ),
    );
    expect((await store.getCounter('free:ip:10.0.0.2:2026-11-28'))?.count).toBe(40);
  });

  it('indexes tickets by device: bound ones found, unbound, expired, revoked and used-up ones not', async () => {
    const deps = makeDeps(store);
    const key = 'mac:aa:00:00:00:00:01';
    const issue = async (profile: string) =>
      (await issueTickets(deps, { profile, count: 1, createdBy: 'x' })).tickets[0]!;
    const hour = await issue('1h');
    const day = await issue('1d');
    expect(await store.listTicketsByDevice(key, deps.clock.now(), 4)).toEqual([]);
    await redeemTicket(deps, { code: hour.code, device: alice, via: 'radius' });
    await redeemTicket(deps, { code: day.code, device: alice, via: 'portal' });
    await redeemTicket(deps, { code: day.code, device: bob, via: 'portal' });
    const now = deps.clock.now();
    // The one that lasts longest first; the stored tickets themselves, not copies from the index.
    expect((await store.listTicketsByDevice(key, now, 4)).map((t) => t.id)).toEqual([day.id, hour.id]);
    expect(await store.listTicketsByDevice(key, now, 1)).toEqual([await store.getTicket(day.id)]);
    expect((await store.listTicketsByDevice('mac:aa:00:00:00:00:02', now, 4)).map((t) => t.id)).toEqual([
      day.id,
    ]);
    expect(await store.listTicketsByDevice('mac:aa:00:00:00:00:09', now, 4)).toEqual([]);
    // Expiry: past the hour, only the day ticket is left; past the day, none.
    expect((await store.listTicketsByDevice(key, now + HOUR, 4)).map((t) => t.id)).toEqual([day.id]);
    expect(await store.listTicketsByDevice(key, now + 24 * HOUR, 4)).toEqual([]);
    // Unbinding (a change that drops the device) removes it from the index in the same write.
    await store.updateTicket(day.id, (t) => ({ ...t, devices: t.devices.filter((d) => d !== key) }));
    expect((await store.listTicketsByDevice(key, now, 4)).map((t) => t.id)).toEqual([hour.id]);
    expect((await store.listTicketsByDevice('mac:aa:00:00:00:00:02', now, 4)).map((t) => t.id)).toEqual([
      day.id,
    ]);
    await revokeTicketByCode(deps, hour.code, 'animateur');
    expect(await store.listTicketsByDevice(key, now, 4)).toEqual([]);
    // Out of data: the quota ticket leaves the index when its usage reaches the quota.
    const quota = await issue('quota');
    await redeemTicket(deps, { code: quota.code, device: alice, via: 'radius' });
    expect((await store.listTicketsByDevice(key, now, 4)).map((t) => t.id)).toEqual([quota.id]);
    await store.updateTicket(quota.id, (t) => ({ ...t, bytesUsed: 1000, version: t.version + 1 }));
    expect(await store.listTicketsByDevice(key, now, 4)).toEqual([]);
  });

  it("finds a device's ticket older than 10 000 newer tickets, through the index only", async () => {
    const deps = makeDeps(store, { maxBatch: 10_000 });
    const { tickets } = await issueTickets(deps, { profile: '1d', count: 1, createdBy: 'x' });
    await redeemTicket(deps, { code: tickets[0]!.code, device: alice, via: 'radius' });
    deps.clock.advance(1000);
    const newer = await issueTickets(deps, { profile: '1d', count: 10_000, createdBy: 'x' });
    await redeemTicket(deps, { code: newer.tickets[0]!.code, device: bob, via: 'radius' });
    // The newest 10 000 (the old listing's window) do not hold it: only the index can find it.
    expect((await store.listTickets({})).some((t) => t.id === tickets[0]!.id)).toBe(false);
    const found = await store.listTicketsByDevice('mac:aa:00:00:00:00:01', deps.clock.now(), 4);
    expect(found.map((t) => t.id)).toEqual([tickets[0]!.id]);
    expect(await findTicketForMac(deps, 'aa:00:00:00:00:01')).toMatchObject({ id: tickets[0]!.id });
    expect(await findTicketForMac(deps, 'aa:00:00:00:00:02')).toMatchObject({ id: newer.tickets[0]!.id });
    expect(await findTicketForMac(deps, 'aa:00:00:00:00:03')).toBeNull();
  });

  it('indexes open sessions by device, newest first; an ended session leaves the index', async () => {
    const deps = makeDeps(store);
    const now = deps.clock.now();
    const mk = (id: string, device: typeof alice, startedAt: number): Session => ({
      id,
      spaceId: 'roubaix-demo',
      ticketId: null,
      device,
      origin: { kind: 'local' },
      startedAt,
      lastSeenAt: startedAt,
      bytesIn: 0,
      bytesOut: 0,
      endedAt: null,
      endCause: null,
      nasSessionId: null,
    });
    await store.createSession(mk('a1', alice, now));
    await store.createSession(mk('a2', alice, now + 10));
    await store.createSession(mk('b1', bob, now + 5));
    await store.createSession({ ...mk('a0', alice, now - 10), endedAt: now, endCause: 'logout' });
    const ip = makeDevice({ ip: '10.42.0.99' });
    await store.createSession(mk('i1', ip, now));
    const ids = async (device: string, limit = 8) =>
      (await store.listOpenSessionsByDevice(device, limit)).map((s) => s.id);
    expect(await ids('mac:aa:00:00:00:00:01')).toEqual(['a2', 'a1']);
    expect(await ids('mac:aa:00:00:00:00:01', 1)).toEqual(['a2']);
    expect(await ids('mac:aa:00:00:00:00:02')).toEqual(['b1']);
    expect(await ids('ip:10.42.0.99')).toEqual(['i1']);
    expect(await ids('mac:aa:00:00:00:00:09')).toEqual([]);
    await store.updateSession('a2', (s) => recordTraffic(s, { bytesIn: 1, bytesOut: 1 }, now + 20));
    expect(await ids('mac:aa:00:00:00:00:01')).toEqual(['a2', 'a1']);
    await store.updateSession('a2', (s) => endSession(s, 'logout', now + 30));
    expect(await ids('mac:aa:00:00:00:00:01')).toEqual(['a1']);
    expect(await store.listOpenSessionsByDevice('mac:aa:00:00:00:00:01', 8)).toEqual([
      await store.getSession('a1'),
    ]);
  });

  it('finds a NAS session by ticket, NAS and Acct-Session-Id, open or ended; the first of two', async () => {
    const deps = makeDeps(store);
    const now = deps.clock.now();
    const mk = (id: string, startedAt: number, over: Partial<Session> = {}): Session => ({
      id,
      spaceId: 'roubaix-demo',
      ticketId: 'tk-acct',
      device: alice,
      origin: { kind: 'nas', nas: '10.0.0.2' },
      startedAt,
      lastSeenAt: startedAt,
      bytesIn: 0,
      bytesOut: 0,
      endedAt: null,
      endCause: null,
      nasSessionId: 'A1:"x"',
      ...over,
    });
    await store.createSession(mk('n1', now));
    await store.createSession(mk('n0', now - 10, { origin: { kind: 'local' } }));
    await store.createSession(mk('n2', now + 10));
    await store.createSession(mk('n3', now, { nasSessionId: 'A2' }));
    expect((await store.findNasSession('tk-acct', '10.0.0.2', 'A1:"x"'))?.id).toBe('n1');
    expect((await store.findNasSession('tk-acct', '10.0.0.2', 'A2'))?.id).toBe('n3');
    expect(await store.findNasSession('tk-acct', '10.0.0.3', 'A1:"x"')).toBeNull();
    expect(await store.findNasSession('tk-other', '10.0.0.2', 'A1:"x"')).toBeNull();
    expect(await store.findNasSession('tk-acct', '10.0.0.2', 'A3')).toBeNull();
    await store.updateSession('n1', (x) => endSession(x, 'nas-stop', now + 20));
    expect(await store.findNasSession('tk-acct', '10.0.0.2', 'A1:"x"')).toEqual(await store.getSession('n1'));
  });

  it('answers ECN_ERR_STORE_UNAVAILABLE once stopped', async () => {
    await store.stop();
    await expect(store.ping()).rejects.toMatchObject({ code: 'ECN_ERR_STORE_UNAVAILABLE' });
    await store.start();
  });
});

describe.each(adapters)('Store contract, space scope (issue #13): $name', (adapter) => {
  let a: Store;
  let b: Store;
  beforeEach(async () => {
    [a, b] = await adapter.spaces('espace-a', 'espace-b');
    await a.start();
    await b.start();
  });
  afterEach(async () => {
    await a.stop();
    await b.stop();
  });

  const phone = makeDevice({ mac: 'ab:00:00:00:00:01', ip: '10.42.0.31' });

  it('shares the ticket, keeps each space its own sessions: open list, by device, ending one', async () => {
    const inA = makeDeps(a);
    const inB = makeDeps(b, { clock: inA.clock });
    const { tickets } = await issueTickets(inA, { count: 1, profile: '1d', createdBy: 'x' });
    const ticket = tickets[0]!;
    // The pool shares the ticket: redeemed in A, B sees it bound to the phone.
    await redeemTicket(inA, { code: ticket.code, device: phone, via: 'portal' });
    expect((await b.getTicket(ticket.id))!.devices).toEqual([`mac:${phone.mac}`]);
    const sa = await startSession(inA, { ticketId: ticket.id, device: phone, origin: { kind: 'local' } });
    expect(sa.spaceId).toBe('espace-a');
    // B answers for its own space only: no open session there, none for the phone.
    expect(await b.listOpenSessions()).toEqual([]);
    expect(await b.listOpenSessionsByDevice(`mac:${phone.mac}`, 16)).toEqual([]);
    expect(await findOpenSession(inB, ticket.id, phone)).toBeNull();
    expect((await a.listOpenSessions()).map((s) => s.id)).toEqual([sa.id]);
    const sb = await startSession(inB, { ticketId: ticket.id, device: phone, origin: { kind: 'local' } });
    expect((await b.listOpenSessions()).map((s) => s.id)).toEqual([sb.id]);
    expect((await a.listOpenSessionsByDevice(`mac:${phone.mac}`, 16)).map((s) => s.id)).toEqual([sa.id]);
    expect((await b.listOpenSessionsByDevice(`mac:${phone.mac}`, 16)).map((s) => s.id)).toEqual([sb.id]);
    // The ticket's sessions are the city's, each marked with its space.
    const all = await a.listSessionsByTicket(ticket.id);
    expect(all.map((s) => [s.id, s.spaceId]).sort()).toEqual(
      [
        [sa.id, 'espace-a'],
        [sb.id, 'espace-b'],
      ].sort(),
    );
    expect((await b.listSessionsByTicket(ticket.id)).length).toBe(2);
    // Ending A's session leaves B's open.
    await endSessionService(inA, sa.id, 'logout');
    expect(await a.listOpenSessions()).toEqual([]);
    expect((await b.listOpenSessions()).map((s) => s.id)).toEqual([sb.id]);
    // A retention purge is the city's: the ticket stays while B's session is open.
    inA.clock.advance(400 * 24 * HOUR);
    expect(await a.purgeTickets(inA.clock.now())).toBe(0);
    expect(await a.getTicket(ticket.id)).not.toBeNull();
  });

  it('counts a quota used half in one space and half in the other as used up, losing no update', async () => {
    const inA = makeDeps(a);
    const inB = makeDeps(b, { clock: inA.clock });
    const { tickets } = await issueTickets(inA, { count: 1, profile: 'quota', createdBy: 'x' });
    const t = tickets[0]!;
    await redeemTicket(inA, { code: t.code, device: phone, via: 'portal' });
    const sa = await startSession(inA, { ticketId: t.id, device: phone, origin: { kind: 'local' } });
    const sb = await startSession(inB, { ticketId: t.id, device: phone, origin: { kind: 'local' } });
    // Both boxes report at the same moments: 10 reports of 50 bytes each, interleaved.
    const reports = [];
    for (let i = 1; i <= 10; i++) {
      reports.push(recordSessionTraffic(inA, sa.id, { bytesIn: 50 * i, bytesOut: 0 }));
      reports.push(recordSessionTraffic(inB, sb.id, { bytesIn: 0, bytesOut: 50 * i }));
    }
    const results = await Promise.all(reports);
    expect((await a.getTicket(t.id))!.bytesUsed).toBe(1000);
    expect(results.some((r) => r.limitReached === 'quota')).toBe(true);
  });

  it("keeps each space's charter acceptances and settings apart", async () => {
    const inA = makeDeps(a);
    const inB = makeDeps(b, { clock: inA.clock });
    await acceptCharter(inA, { device: phone, charterVersion: 'v1', lang: 'fr', ticketId: null });
    expect(await mustAcceptCharter(inA, phone, 'v1')).toBe(false);
    // B asks for its own charter, even at the same version.
    expect(await b.latestAcceptance(`mac:${phone.mac}`)).toBeNull();
    expect(await mustAcceptCharter(inB, phone, 'v1')).toBe(true);
    await acceptCharter(inB, { device: phone, charterVersion: 'v1', lang: 'en', ticketId: null });
    expect((await b.latestAcceptance(`mac:${phone.mac}`))!).toMatchObject({
      spaceId: 'espace-b',
      lang: 'en',
    });
    expect((await a.latestAcceptance(`mac:${phone.mac}`))!).toMatchObject({
      spaceId: 'espace-a',
      lang: 'fr',
    });
    const saved = await a.updateSettings(() => ({
      version: 0,
      updatedAt: 1,
      updatedBy: 'manager-a',
      space: { name: 'Espace A', colors: { primary: '#123456', accent: '#654321' } },
    }));
    expect(saved.version).toBe(1);
    expect((await a.getSettings())!.updatedBy).toBe('manager-a');
    expect(await b.getSettings()).toBeNull();
  });

  it('finds a NAS session only in its own space, though both spaces name their access point alike', async () => {
    const inA = makeDeps(a);
    const inB = makeDeps(b, { clock: inA.clock });
    const origin = { kind: 'nas' as const, nas: '10.0.0.2' };
    const req = { ticketId: 'tk-nas', device: phone, origin, nasSessionId: 'acct-1' };
    const sa = await startSession(inA, req);
    expect(await b.findNasSession('tk-nas', '10.0.0.2', 'acct-1')).toBeNull();
    const sb = await startSession(inB, req);
    expect((await a.findNasSession('tk-nas', '10.0.0.2', 'acct-1'))!.id).toBe(sa.id);
    expect((await b.findNasSession('tk-nas', '10.0.0.2', 'acct-1'))!.id).toBe(sb.id);
  });
});

describe('Redis store failures', () => {
  it('says clearly when Redis cannot be reached', async () => {
    const store = new RedisStore({
      url: 'redis://127.0.0.1:1/0',
      keyPrefix: 'x:',
      connectTimeoutMs: 500,
      spaceId: 'roubaix-demo',
    });
    await expect(store.start()).rejects.toMatchObject({
      code: 'ECN_ERR_STORE_UNAVAILABLE',
      message: expect.stringContaining('Cannot reach Redis at redis://127.0.0.1:1/0'),
    });
  });
});

describe('Redis store device index back-fill', () => {
  it('indexes the bindings and open sessions a pool held before the index existed, and marks it done', async () => {
    const url = process.env.ECN_TEST_REDIS_URL!;
    const keyPrefix = `bf${Date.now().toString(36)}:`;
    const store = new RedisStore({ url, keyPrefix, spaceId: 'roubaix-demo' });
    await store.start();
    const deps = makeDeps(store);
    const { tickets } = await issueTickets(deps, { profile: '1d', count: 2, createdBy: 'x' });
    const alice = makeDevice({ mac: 'aa:00:00:00:00:01' });
    await redeemTicket(deps, { code: tickets[0]!.code, device: alice, via: 'radius' });
    const session = await startSession(deps, {
      ticketId: tickets[0]!.id,
      device: alice,
      origin: { kind: 'nas', nas: 'ap' },
      nasSessionId: 'A1',
    });
    await store.stop();
    // What the previous version left: the same records, no device index, no marker.
    const raw = new Redis(url);
    const stale = [
      ...(await raw.keys(`${keyPrefix}device-*`)),
      ...(await raw.keys(`${keyPrefix}nas-session:*`)),
    ];
    expect(stale.length).toBe(3);
    await raw.del(...stale, `${keyPrefix}index-version:devices`);
    await store.start();
    try {
      const now = deps.clock.now();
      expect((await store.listTicketsByDevice('mac:aa:00:00:00:00:01', now, 4)).map((t) => t.id)).toEqual([
        tickets[0]!.id,
      ]);
      expect((await store.listOpenSessionsByDevice('mac:aa:00:00:00:00:01', 4)).map((s) => s.id)).toEqual([
        session.id,
      ]);
      expect((await store.findNasSession(tickets[0]!.id, 'ap', 'A1'))?.id).toBe(session.id);
      expect(await raw.get(`${keyPrefix}index-version:devices`)).toBe('1');
    } finally {
      await store.stop();
      await raw.quit();
    }
  });
});

describe('Redis store: records from before spaces were kept apart (issue #13)', () => {
  it("the first box started after the upgrade takes the pool's open sessions; old settings stand for every space until it saves its own", async () => {
    const url = process.env.ECN_TEST_REDIS_URL!;
    const keyPrefix = `sp${Date.now().toString(36)}:`;
    const old = new RedisStore({ url, keyPrefix, spaceId: 'espace-a' });
    await old.start();
    const deps = makeDeps(old);
    const alice = makeDevice({ mac: 'aa:00:00:00:00:01' });
    const nas = await startSession(deps, {
      ticketId: 'tk-old',
      device: alice,
      origin: { kind: 'nas', nas: 'ap' },
      nasSessionId: 'A1',
    });
    const ended = await startSession(deps, { ticketId: 'tk-old', device: alice, origin: { kind: 'local' } });
    await endSessionService(deps, ended.id, 'logout');
    await old.stop();
    // What the previous version left: records without a space, its keys, no marker.
    const raw = new Redis(url);
    for (const id of [nas.id, ended.id]) {
      const data = JSON.parse((await raw.hget(`${keyPrefix}session:${id}`, 'data'))!) as Record<
        string,
        unknown
      >;
      delete data.spaceId;
      await raw.hset(`${keyPrefix}session:${id}`, 'data', JSON.stringify(data));
    }
    const nasKeys = await raw.keys(`${keyPrefix}nas-session:*`);
    expect(nasKeys).toHaveLength(1);
    await raw.rename(nasKeys[0]!, nasKeys[0]!.replace('nas-session:espace-a:', 'nas-session:'));
    await raw.del(`${keyPrefix}space-sessions-open:espace-a`, `${keyPrefix}index-version:spaces`);
    await raw.hset(
      `${keyPrefix}settings`,
      'v',
      0,
      'data',
      JSON.stringify({
        version: 3,
        updatedAt: 1,
        updatedBy: 'before',
        space: { name: 'Ancien', colors: { primary: '#111111', accent: '#222222' } },
      }),
    );
    await raw.zadd(
      `${keyPrefix}acceptances:mac:aa:00:00:00:00:01`,
      1,
      JSON.stringify({
        id: 'acc-old',
        charterVersion: 'v1',
        lang: 'fr',
        acceptedAt: 1,
        device: 'mac:aa:00:00:00:00:01',
        ticketId: null,
      }),
    );
    const a = new RedisStore({ url, keyPrefix, spaceId: 'espace-a' });
    const b = new RedisStore({ url, keyPrefix, spaceId: 'espace-b' });
    await a.start();
    await b.start();
    try {
      expect((await a.listOpenSessions()).map((s) => [s.id, s.spaceId])).toEqual([[nas.id, 'espace-a']]);
      expect((await a.findNasSession('tk-old', 'ap', 'A1'))?.id).toBe(nas.id);
      expect(await b.listOpenSessions()).toEqual([]);
      expect(await b.findNasSession('tk-old', 'ap', 'A1')).toBeNull();
      // An ended session keeps no space; the ticket's history still holds it.
      expect((await a.getSession(ended.id))!.spaceId).toBe('');
      expect((await b.listSessionsByTicket('tk-old')).map((s) => s.id).sort()).toEqual(
        [nas.id, ended.id].sort(),
      );
      // The old acceptance is no space's: the resident accepts once more.
      expect(await a.latestAcceptance('mac:aa:00:00:00:00:01')).toBeNull();
      // The old settings stand for both spaces, until A saves its own (from them).
      expect((await b.getSettings())!.updatedBy).toBe('before');
      const saved = await a.updateSettings((cur) => ({ ...cur!, updatedBy: 'manager-a', updatedAt: 2 }));
      expect(saved).toMatchObject({ version: 4, updatedBy: 'manager-a', space: { name: 'Ancien' } });
      expect((await a.getSettings())!.updatedBy).toBe('manager-a');
      expect((await b.getSettings())!.updatedBy).toBe('before');
      // A purge of the ended legacy session removes its old index entries too.
      expect(await a.purgeSessions(Date.now() + 400 * 24 * HOUR)).toBe(1);
    } finally {
      await a.stop();
      await b.stop();
      await raw.quit();
    }
  });
});

describe('Embedded store schema', () => {
  it('migration 5 indexes the bindings and open sessions of an existing database', async () => {
    const file = path.join(tmp, 'v4.db');
    const db = new Database(file);
    for (const m of MIGRATIONS.slice(0, 4)) db.exec(m as string);
    db.pragma('user_version = 4');
    const limits = { ...profileLimits(profile({ name: '1d', durationSeconds: 86400, maxDevices: 2 })) };
    const now = Date.UTC(2026, 10, 28, 9);
    const fresh = (id: string, code: string) =>
      newTicket({ id, code, batchId: 'b1', profileName: '1d', limits, createdAt: now });
    const bound = redeem(
      redeem(fresh('t1', 'AAAABBBBCCCC'), 'mac:aa:00:00:00:00:01', now).ticket,
      'ip:10.42.0.7',
      now,
    ).ticket;
    const rows: [string, string, string][] = [
      ['t1', bound.code, JSON.stringify(bound)],
      ['t2', 'DDDDEEEEFFFF', JSON.stringify(fresh('t2', 'DDDDEEEEFFFF'))],
      // A corrupt row is left out of the index; it does not stop the upgrade.
      ['t3', 'GGGGHHHHJJJJ', '{"id": 42, "devices": ["mac:aa:00:00:00:00:01"]}'],
    ];
    db.prepare("INSERT INTO batches (id, created_at, data) VALUES ('b1', ?, '{}')").run(now);
    for (const [id, code, data] of rows) {
      db.prepare("INSERT INTO tickets (id, code, batch_id, created_at, data) VALUES (?, ?, 'b1', ?, ?)").run(
        id,
        code,
        now,
        data,
      );
    }
    const session: Session = {
      id: 's1',
      spaceId: 'roubaix-demo',
      ticketId: 't1',
      device: { mac: 'aa:00:00:00:00:01', ip: '10.42.0.11' },
      origin: { kind: 'local' },
      startedAt: now,
      lastSeenAt: now,
      bytesIn: 0,
      bytesOut: 0,
      endedAt: null,
      endCause: null,
      nasSessionId: null,
    };
    const nasSession: Session = {
      ...session,
      id: 's2',
      origin: { kind: 'nas', nas: '10.0.0.2' },
      nasSessionId: 'A1',
      endedAt: now,
      endCause: 'nas-stop',
    };
    for (const x of [session, nasSession]) {
      db.prepare('INSERT INTO sessions (id, ticket_id, started_at, open, data) VALUES (?, ?, ?, ?, ?)').run(
        x.id,
        x.ticketId,
        now,
        x.endedAt === null ? 1 : 0,
        JSON.stringify(x),
      );
    }
    db.close();
    const store = new SqliteStore({ file, spaceId: 'roubaix-demo' });
    await store.start();
    try {
      expect(store.schemaVersion()).toBe(MIGRATIONS.length);
      expect(await store.listTicketsByDevice('mac:aa:00:00:00:00:01', now, 4)).toEqual([bound]);
      expect(await store.listTicketsByDevice('ip:10.42.0.7', now, 4)).toEqual([bound]);
      expect(await store.listOpenSessionsByDevice('mac:aa:00:00:00:00:01', 4)).toEqual([session]);
      expect(await store.findNasSession('t1', '10.0.0.2', 'A1')).toEqual(nasSession);
    } finally {
      await store.stop();
    }
  });

  it("migration 7 gives the rows of an existing database the box's space, settings included", async () => {
    const file = path.join(tmp, 'v6.db');
    const db = new Database(file);
    for (const m of MIGRATIONS.slice(0, 6)) {
      if (typeof m === 'string') db.exec(m);
      else {
        db.exec(m.sql);
        m.backfill(db, { spaceId: 'unused' });
      }
    }
    db.pragma('user_version = 6');
    const device = { mac: 'aa:00:00:00:00:07', ip: '10.42.0.17' };
    const session = {
      id: 'old-1',
      ticketId: null,
      device,
      origin: { kind: 'local' },
      startedAt: 1000,
      lastSeenAt: 1000,
      bytesIn: 0,
      bytesOut: 0,
      endedAt: null,
      endCause: null,
      nasSessionId: null,
    };
    db.prepare(
      'INSERT INTO sessions (id, ticket_id, started_at, open, device, data) VALUES (?, NULL, 1000, 1, ?, ?)',
    ).run('old-1', 'mac:aa:00:00:00:00:07', JSON.stringify(session));
    const acceptance = {
      id: 'acc-1',
      charterVersion: 'v1',
      lang: 'fr',
      acceptedAt: 1000,
      device: 'mac:aa:00:00:00:00:07',
      ticketId: null,
    };
    db.prepare('INSERT INTO acceptances (id, device, accepted_at, data) VALUES (?, ?, ?, ?)').run(
      'acc-1',
      'mac:aa:00:00:00:00:07',
      1000,
      JSON.stringify(acceptance),
    );
    db.prepare('INSERT INTO settings (id, data) VALUES (1, ?)').run(
      JSON.stringify({ version: 2, updatedAt: 1, updatedBy: 'before' }),
    );
    db.close();
    const store = new SqliteStore({ file, spaceId: 'roubaix-epeule' });
    const elsewhere = new SqliteStore({ file, spaceId: 'roubaix-alma' });
    await store.start();
    await elsewhere.start();
    try {
      expect(store.schemaVersion()).toBe(MIGRATIONS.length);
      expect((await store.listOpenSessions()).map((x) => [x.id, x.spaceId])).toEqual([
        ['old-1', 'roubaix-epeule'],
      ]);
      expect((await store.listOpenSessionsByDevice('mac:aa:00:00:00:00:07', 4)).map((x) => x.id)).toEqual([
        'old-1',
      ]);
      expect((await store.latestAcceptance('mac:aa:00:00:00:00:07'))!.spaceId).toBe('roubaix-epeule');
      expect((await store.getSettings())!.updatedBy).toBe('before');
      // Scoped by construction: another space on the same file sees none of it.
      expect(await elsewhere.listOpenSessions()).toEqual([]);
      expect(await elsewhere.latestAcceptance('mac:aa:00:00:00:00:07')).toBeNull();
      expect(await elsewhere.getSettings()).toBeNull();
    } finally {
      await store.stop();
      await elsewhere.stop();
    }
  });

  it('migrates a new file to the latest version and refuses a newer one', async () => {
    const file = path.join(tmp, 'schema.db');
    const s = new SqliteStore({ file, spaceId: 'roubaix-demo' });
    await s.start();
    expect(s.schemaVersion()).toBeGreaterThanOrEqual(1);
    await s.stop();
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    await expect(new SqliteStore({ file, spaceId: 'roubaix-demo' }).start()).rejects.toMatchObject({
      code: 'ECN_ERR_STORE_SCHEMA_TOO_NEW',
    });
  });

  it('says clearly when the data folder cannot be created', async () => {
    const notAFolder = path.join(tmp, 'plain-file');
    writeFileSync(notAFolder, 'x');
    const file = path.join(notAFolder, 'data', 'ecn.db');
    await expect(new SqliteStore({ file, spaceId: 'roubaix-demo' }).start()).rejects.toMatchObject({
      code: 'ECN_ERR_STORE_UNAVAILABLE',
      message: expect.stringContaining(file),
    });
  });
});
