// The portal asks "who is this device, what access has it" on every request, for any client on
// the Wi-Fi (issue 12). With hundreds of other devices connected, that costs a few indexed reads
// of this device's own records, never a read of every open session.

import request from 'supertest';
import { makeDevice } from '../../../src/domain/device';
import type { Session } from '../../../src/domain/session';
import { redeemTicket } from '../../../src/services/redeem-ticket';
import { startSession } from '../../../src/services/sessions';
import { countingStore, type StoreReads } from '../../helpers/counting-store';
import { portalFixture, type PortalFixture } from '../../helpers/portal';

let f: PortalFixture;
let reads: StoreReads;

beforeEach(async () => {
  f = await portalFixture(
    {},
    {
      wrapStore: (store) => {
        const counted = countingStore(store);
        reads = counted.reads;
        return counted.store;
      },
    },
  );
  // 300 other devices are connected.
  const now = f.access.clock.now();
  for (let i = 0; i < 300; i++) {
    const session: Session = {
      id: `other-${i}`,
      spaceId: 'roubaix-demo',
      ticketId: null,
      device: makeDevice({
        mac: `02:00:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`,
        ip: `10.0.${i >> 8}.${i & 0xff}`,
      }),
      origin: { kind: 'local' },
      startedAt: now,
      lastSeenAt: now,
      bytesIn: 0,
      bytesOut: 0,
      endedAt: null,
      endCause: null,
      nasSessionId: null,
    };
    await f.store.createSession(session);
  }
});

afterEach(async () => {
  await f.close();
});

it('answers /api/captive for an unknown client after a few indexed reads, not a read of every session', async () => {
  reads.reset();
  const res = await request(f.app).get('/api/captive');
  expect(JSON.parse(res.text)).toMatchObject({ captive: true });
  expect(reads.calls['listOpenSessions'] ?? 0).toBe(0);
  expect(reads.records).toBeLessThanOrEqual(2);
  reads.reset();
  expect((await request(f.app).get('/')).status).toBe(200);
  expect(reads.calls['listOpenSessions'] ?? 0).toBe(0);
  expect(reads.records).toBeLessThanOrEqual(2);
});

it("finds a connected client's own session among 300 others, reading only its own records", async () => {
  const [code] = await f.tickets(1, 'week');
  const device = makeDevice({ ip: '127.0.0.1' });
  await redeemTicket(f.access, { code: code!, device, via: 'portal' });
  const ticket = await f.store.findTicketByCode(code!.replace(/-/g, ''));
  await startSession(f.access, { ticketId: ticket!.id, device, origin: { kind: 'local' } });
  f.access.clock.advance(1000);
  reads.reset();
  const res = await request(f.app).get('/api/captive');
  expect(JSON.parse(res.text)).toMatchObject({ captive: false, 'seconds-remaining': 7 * 86400 - 1 });
  expect(reads.calls['listOpenSessions'] ?? 0).toBe(0);
  // Its open session, then its ticket.
  expect(reads.records).toBeLessThanOrEqual(3);
});
