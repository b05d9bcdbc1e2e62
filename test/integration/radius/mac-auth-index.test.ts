// RADIUS MAC authentication against a large ticket pool (issue 12): a device bound to a ticket
// older than 10 000 newer ones is still accepted, and an unknown MAC, which anyone near an access
// point can send, is rejected after a few indexed reads, never a scan of the tickets. Runs the
// real authentication server with radclient as the NAS, on SQLite and on a real Redis.

import pino from 'pino';
import { configSchema } from '../../../src/config/schema';
import type { FrozenConfig } from '../../../src/config/load';
import { createRadiusComponents, type RadiusComponents } from '../../../src/radius/radius-components';
import { issueTickets } from '../../../src/services/issue-tickets';
import { countingStore, type StoreReads } from '../../helpers/counting-store';
import { makeDeps, type FakeClock } from '../../helpers/fakes';
import { adapters } from '../../helpers/store-adapters';
import type { ServiceDeps } from '../../../src/services/deps';
import type { Store } from '../../../src/domain/ports';
import { SECRET, papLines, radclient } from './radius-harness';

jest.setTimeout(120_000);

/** MAC authentication lines as a UniFi access point sends them: the MAC as User-Name and password. */
function macLines(mac: string): string[] {
  const bare = mac.replace(/[^0-9a-f]/gi, '').toLowerCase();
  return [
    `User-Name = "${bare}"`,
    `User-Password = "${bare}"`,
    `Calling-Station-Id = "${mac.toUpperCase().replace(/:/g, '-')}"`,
    'NAS-Identifier = "ap-hall"',
    'Message-Authenticator = 0x00',
  ];
}

describe.each(adapters)('RADIUS MAC authentication with 10 000 tickets: $name', (adapter) => {
  let store: Store;
  let reads: StoreReads;
  let deps: ServiceDeps & { clock: FakeClock };
  let radius: RadiusComponents;
  let port: number;
  let oldTicketId: string;
  const resident = 'aa:bb:cc:00:12:01';

  beforeAll(async () => {
    const made = await adapter.make();
    await made.store.start();
    ({ store, reads } = countingStore(made.store));
    deps = makeDeps(store, { maxBatch: 10_000 });
    const config = configSchema.parse({
      radius: {
        enabled: true,
        authListen: '127.0.0.1:0',
        acctListen: '127.0.0.1:0',
        clients: [{ name: 'ap-hall', address: '127.0.0.1', secret: SECRET, kind: 'unifi' }],
      },
    }) as FrozenConfig;
    radius = createRadiusComponents(config.radius, deps, pino({ level: 'silent' }));
    await radius.auth.start();
    port = radius.auth.boundPort()!;
    // The resident redeems a day ticket on the access point once; then the space prints 10 000 more.
    const { tickets } = await issueTickets(deps, { profile: '1d', count: 1, createdBy: 'test' });
    oldTicketId = tickets[0]!.id;
    const first = await radclient(port, 'auth', papLines(tickets[0]!.code, { mac: resident }));
    expect(first.code).toBe('Access-Accept');
    deps.clock.advance(60_000);
    await issueTickets(deps, { profile: '1d', count: 10_000, createdBy: 'test' });
    deps.clock.advance(60_000);
  });

  afterAll(async () => {
    await radius?.auth.stop();
    await store?.stop();
  });

  it('accepts the bound device whose ticket is older than the newest 10 000, with its time left', async () => {
    expect((await store.listTickets({})).some((t) => t.id === oldTicketId)).toBe(false);
    const r = await radclient(port, 'auth', macLines(resident));
    expect(r.code).toBe('Access-Accept');
    expect(r.attributes['Session-Timeout']).toEqual([String(86400 - 120)]);
    expect(r.attributes['Class']?.[0]).toBe('0x' + Buffer.from(`ecn:${oldTicketId}`).toString('hex'));
  });

  it('rejects unknown MACs after a few indexed reads, never a scan of the tickets or sessions', async () => {
    for (const mac of ['aa:bb:cc:00:12:99', '02:00:5e:10:00:01', 'de:ad:be:ef:00:01']) {
      reads.reset();
      const r = await radclient(port, 'auth', macLines(mac));
      // What was read first: a scan of 10 000 tickets can also make the NAS give up waiting.
      expect(Object.keys(reads.calls).sort()).toEqual(['listOpenSessionsByDevice', 'listTicketsByDevice']);
      expect(reads.records).toBe(0);
      expect(r.code).toBe('Access-Reject');
      expect(r.attributes['Reply-Message']?.[0]).toBeTruthy();
    }
  });

  it('reads at most a few records for the known device too', async () => {
    reads.reset();
    expect((await radclient(port, 'auth', macLines(resident))).code).toBe('Access-Accept');
    expect(reads.calls['listTickets'] ?? 0).toBe(0);
    expect(reads.calls['listOpenSessions'] ?? 0).toBe(0);
    // The index lookups, then the redemption's read-and-write of that one ticket.
    expect(reads.records).toBeLessThanOrEqual(4);
  });
});
