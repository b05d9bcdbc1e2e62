// RADIUS accounting for a session the box does not know yet (its Start was lost) on a ticket
// with a long history (issue 12): the session is found or opened after indexed reads of that one
// NAS session, never by reading every session the ticket ever had. radclient is the NAS; SQLite
// and a real Redis are the stores.

import pino from 'pino';
import { configSchema } from '../../../src/config/schema';
import type { FrozenConfig } from '../../../src/config/load';
import { makeDevice } from '../../../src/domain/device';
import type { Store } from '../../../src/domain/ports';
import type { Session } from '../../../src/domain/session';
import { createRadiusComponents, type RadiusComponents } from '../../../src/radius/radius-components';
import type { ServiceDeps } from '../../../src/services/deps';
import { issueTickets } from '../../../src/services/issue-tickets';
import { countingStore, type StoreReads } from '../../helpers/counting-store';
import { makeDeps, type FakeClock } from '../../helpers/fakes';
import { adapters } from '../../helpers/store-adapters';
import { NAS_MAC, SECRET, papLines, radclient } from './radius-harness';

jest.setTimeout(60_000);

describe.each(adapters)('RADIUS accounting on a ticket with 500 past sessions: $name', (adapter) => {
  let store: Store;
  let reads: StoreReads;
  let deps: ServiceDeps & { clock: FakeClock };
  let radius: RadiusComponents;

  beforeAll(async () => {
    const made = await adapter.make();
    await made.store.start();
    ({ store, reads } = countingStore(made.store));
    deps = makeDeps(store);
    const config = configSchema.parse({
      radius: {
        enabled: true,
        authListen: '127.0.0.1:0',
        acctListen: '127.0.0.1:0',
        clients: [{ name: 'ap-test', address: '127.0.0.1', secret: SECRET, kind: 'chilli' }],
      },
    }) as FrozenConfig;
    radius = createRadiusComponents(config.radius, deps, pino({ level: 'silent' }));
    await radius.auth.start();
    await radius.acct.start();
  });

  afterAll(async () => {
    await radius?.acct.stop();
    await radius?.auth.stop();
    await store?.stop();
  });

  it('opens the unknown session once and counts it, reading no list of the ticket’s sessions', async () => {
    const { tickets } = await issueTickets(deps, { profile: '1d', count: 1, createdBy: 'test' });
    const t = tickets[0]!;
    const accept = await radclient(radius.auth.boundPort()!, 'auth', papLines(t.code));
    expect(accept.code).toBe('Access-Accept');
    const now = deps.clock.now();
    for (let i = 0; i < 500; i++) {
      const past: Session = {
        id: `past-${i}`,
        spaceId: 'roubaix-demo',
        ticketId: t.id,
        device: makeDevice({ mac: NAS_MAC }),
        origin: { kind: 'nas', nas: '127.0.0.1' },
        startedAt: now - 1000 + i,
        lastSeenAt: now,
        bytesIn: 0,
        bytesOut: 0,
        endedAt: now,
        endCause: 'nas-stop',
        nasSessionId: `old-${i}`,
      };
      await store.createSession(past);
    }
    const interim = (bytes: number) => [
      'Acct-Status-Type = Interim-Update',
      'Acct-Session-Id = "sess-new"',
      `User-Name = "${t.code}"`,
      `Calling-Station-Id = "${NAS_MAC}"`,
      `Class = ${accept.attributes['Class']![0]!}`,
      `Acct-Input-Octets = ${bytes}`,
      'Acct-Output-Octets = 0',
    ];
    for (const bytes of [1000, 3000]) {
      reads.reset();
      expect((await radclient(radius.acct.boundPort()!, 'acct', interim(bytes))).code).toBe(
        'Accounting-Response',
      );
      expect(reads.calls['listSessionsByTicket'] ?? 0).toBe(0);
      expect(reads.calls['listOpenSessions'] ?? 0).toBe(0);
      expect(reads.records).toBeLessThanOrEqual(8);
    }
    // One session opened for it (the second Interim found it), with the traffic counted once.
    const open = await store.listOpenSessionsByDevice(`mac:${NAS_MAC.toLowerCase().replace(/-/g, ':')}`, 10);
    expect(open.map((s) => [s.nasSessionId, s.bytesIn + s.bytesOut])).toEqual([['sess-new', 3000]]);
    expect((await store.getTicket(t.id))!.bytesUsed).toBe(3000);
  });
});
