// From the gateway's port block to the requisition: the portal login announces a session once the
// gateway gave its block, the journal's start entry holds it, and a requisition for a public
// address, a port and a time finds the one client whose block holds that port.

import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStore } from '../../../src/store/memory-store';
import { login } from '../../../src/services/login';
import { logout } from '../../../src/services/logout';
import { issueTickets } from '../../../src/services/issue-tickets';
import { makeDevice, type Device } from '../../../src/domain/device';
import { EcnError } from '../../../src/domain/errors';
import type { Authorization, ClientGrant, Gateway } from '../../../src/domain/ports';
import type { AccessDeps } from '../../../src/services/client-access';
import { SqliteJournal } from '../../../src/journal/sqlite-journal';
import { entryFor, recordSessionsInJournal } from '../../../src/journal/journal-recorder';
import { answerRequisition, connections, matchScope } from '../../../src/journal/requisition';
import type { ConnectionRecord } from '../../../src/journal/journal-entry';
import { makeDeps, recordEvents } from '../../helpers/fakes';

const PUBLIC = '198.51.100.7';

/**
 * Gives blocks of 1024 ports from 2048 up and records them on the session, as the nftables
 * adapter does; can run out.
 */
class BlockGateway implements Gateway {
  readonly kind = 'test';
  next = 2048;
  exhausted = false;
  constructor(private readonly store: MemoryStore) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async identify(): Promise<string | null> {
    return null;
  }
  async deauthorize(): Promise<void> {}
  async setGarden(): Promise<'not-enforced'> {
    return 'not-enforced';
  }
  async authorize(grant: ClientGrant): Promise<Authorization> {
    if (this.exhausted) throw new EcnError('ECN_ERR_NAT_PORTS_EXHAUSTED', 'no block left');
    const first = this.next;
    this.next += 1024;
    const natPorts = { publicIp: PUBLIC, first, last: first + 1023 };
    await this.store.updateSession(grant.sessionId, (s) => ({ ...s, natPorts }));
    return { natPorts };
  }
}

async function setup() {
  const store = new MemoryStore('roubaix-demo');
  await store.start();
  const gateway = new BlockGateway(store);
  const deps: AccessDeps & ReturnType<typeof makeDeps> = {
    ...makeDeps(store),
    gateway,
    policy: {
      charterVersion: '2026-11',
      throttle: { maxTries: 5, waitSeconds: 60, maxWaitSeconds: 3600 },
      freeAccess: { enabled: false, dailyAllowanceSeconds: 3600 },
      dayOf: (ms) => new Date(ms).toISOString().slice(0, 10),
    },
  };
  const journal = new SqliteJournal(
    path.join(mkdtempSync(path.join(os.tmpdir(), 'ecn-nat-journal-')), 'journal.db'),
    randomBytes(32),
  );
  journal.start();
  // As configured without journal.publicIp: the translated address stands in.
  recordSessionsInJournal(deps.events, journal, deps.clock, null);
  const { tickets } = await issueTickets(deps, { count: 3, createdBy: 'test' });
  return { store, gateway, deps, journal, codes: tickets.map((t) => t.code) };
}

const alice = makeDevice({ mac: 'aa:bb:cc:00:00:01', ip: '10.42.0.21' });
const bob = makeDevice({ mac: 'aa:bb:cc:00:00:02', ip: '10.42.0.22' });

async function loginAs(deps: AccessDeps, device: Device, code: string) {
  return login(deps, { form: { charter: 'yes', code }, device, lang: 'fr' });
}

test('the start entry holds the block the gateway gave; the end entry too', async () => {
  const { store, deps, journal, codes } = await setup();
  const seen = recordEvents(deps.events);
  const r = await loginAs(deps, alice, codes[0]!);
  expect(r.session.natPorts).toEqual({ publicIp: PUBLIC, first: 2048, last: 3071 });
  expect(seen['session.started']![0]!.session.natPorts).toEqual(r.session.natPorts);
  deps.clock.advance(60_000);
  await logout(deps, alice);
  const entries = journal.read().map((row) => row.entry);
  expect(entries.map((e) => [e.kind, e.publicIp, e.natPorts])).toEqual([
    ['session.start', PUBLIC, [2048, 3071]],
    ['session.end', PUBLIC, [2048, 3071]],
  ]);
  expect(connections(journal.read())[0]!.natPorts).toEqual([2048, 3071]);
  await store.stop();
});

test('a requisition for (public IP, port, window) names only the client whose block holds the port', async () => {
  const { store, deps, journal, codes } = await setup();
  const t0 = deps.clock.now();
  const a = await loginAs(deps, alice, codes[0]!);
  const b = await loginAs(deps, bob, codes[1]!);
  deps.clock.advance(3600_000);
  const ask = (port: number, from = t0 - 1000, to = t0 + 1000) =>
    answerRequisition(journal, {
      reference: 'PV 2026/123',
      operator: 'test',
      scope: { kind: 'address', publicIp: PUBLIC, port, from, to },
      now: deps.clock.now(),
    });
  const forBob = ask(3072 + 517);
  expect(forBob.manifest.rows).toBe(1);
  expect(forBob.csv).toContain(
    `${b.session.id},${b.ticket!.id},aa:bb:cc:00:00:02,10.42.0.22,${PUBLIC},3072,4095`,
  );
  expect(forBob.csv).not.toContain(a.session.id);
  expect(ask(2048).csv).toContain(a.session.id);
  expect(ask(3071).csv).toContain(a.session.id);
  // A port in no block (the shared block of devices not logged in), or outside the window: no one.
  expect(ask(1500).manifest.rows).toBe(0);
  expect(ask(2100, t0 - 10 * 3600_000, t0 - 3600_000).manifest.rows).toBe(0);
  await store.stop();
});

test('port matching: inside the block only, bounds included; a record without a block matches any port', () => {
  const base: ConnectionRecord = {
    sessionId: 's',
    ticketId: 't',
    mac: null,
    privateIp: '10.42.0.2',
    publicIp: PUBLIC,
    natPorts: [10240, 11263],
    nas: 'local',
    startedAt: 1000,
    endedAt: 5000,
    bytesIn: 0,
    bytesOut: 0,
  };
  const scope = (port: number | null) => ({
    kind: 'address' as const,
    publicIp: PUBLIC,
    port,
    from: 0,
    to: 9000,
  });
  expect(matchScope(base, scope(10240))).toBe(true);
  expect(matchScope(base, scope(11263))).toBe(true);
  expect(matchScope(base, scope(10239))).toBe(false);
  expect(matchScope(base, scope(11264))).toBe(false);
  expect(matchScope(base, scope(null))).toBe(true);
  expect(matchScope({ ...base, publicIp: '203.0.113.1' }, scope(10300))).toBe(false);
  expect(matchScope({ ...base, natPorts: null }, scope(10300))).toBe(true);
});

test('no block left: the login is refused with its own code; the session it opened is closed unannounced', async () => {
  const { store, gateway, deps, journal, codes } = await setup();
  const seen = recordEvents(deps.events);
  gateway.exhausted = true;
  await expect(loginAs(deps, alice, codes[0]!)).rejects.toMatchObject({
    code: 'ECN_ERR_NAT_PORTS_EXHAUSTED',
  });
  expect(await store.listOpenSessions()).toEqual([]);
  // It never carried traffic: no journal entry that a requisition could wrongly name.
  expect(seen['session.started']).toBeUndefined();
  expect(seen['session.ended']).toBeUndefined();
  expect(journal.read()).toEqual([]);
  expect((await store.listSessionsByTicket((await store.findTicketByCode(codes[0]!))!.id))[0]).toMatchObject({
    endCause: 'disconnected',
  });
  await store.stop();
});

test("the entry's public IP is journal.publicIp when set (what the Internet sees), else the translated address", () => {
  const session = {
    id: 's',
    spaceId: 'roubaix-demo',
    ticketId: 't',
    device: alice,
    origin: { kind: 'local' as const },
    startedAt: 1,
    lastSeenAt: 1,
    bytesIn: 0,
    bytesOut: 0,
    endedAt: null,
    endCause: null,
    nasSessionId: null,
    natPorts: { publicIp: '192.168.1.2', first: 2048, last: 3071 },
  };
  expect(entryFor('session.start', session, '203.0.113.9')).toMatchObject({
    publicIp: '203.0.113.9',
    natPorts: [2048, 3071],
  });
  expect(entryFor('session.start', session, null)).toMatchObject({ publicIp: '192.168.1.2' });
  expect(entryFor('session.start', { ...session, natPorts: undefined }, null)).toMatchObject({
    publicIp: null,
    natPorts: null,
  });
});
