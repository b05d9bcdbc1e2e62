// The Store contract for a clock that runs only while the space is open (issue #15, item 1), on
// every adapter: the kept time and the profile's option round-trip, a waiting ticket stays in
// its device's index, the next opening moves it by compare-and-set, and a ticket written before
// either field existed still loads (no time kept, option off).

import type { Store } from '../../src/domain/ports';
import { makeDevice } from '../../src/domain/device';
import { parseOpeningHours } from '../../src/domain/opening-hours';
import { issueTickets } from '../../src/services/issue-tickets';
import { redeemTicket } from '../../src/services/redeem-ticket';
import { FakeClock, fixedProfiles, makeDeps, profile, HOUR } from '../helpers/fakes';
import { adapters, type Adapter } from '../helpers/store-adapters';

const HOURS = parseOpeningHours(
  { openingHours: { mon: ['09:00-18:00'], fri: ['09:00-18:00'] }, closures: [] },
  'Europe/Paris',
);
// Friday 4 December 2026, 17:00 in Paris (16:00Z); closing 18:00; next opening Monday 9:00 (08:00Z).
const FRI_17 = Date.UTC(2026, 11, 4, 16, 0);
const FRI_18 = Date.UTC(2026, 11, 4, 17, 0);
const MON_9 = Date.UTC(2026, 11, 7, 8, 0);

describe.each(adapters)('Store contract, clock while open: $name', (adapter: Adapter) => {
  let store: Store;
  let rewrite: Awaited<ReturnType<Adapter['make']>>['rewrite'];

  beforeEach(async () => {
    ({ store, rewrite } = await adapter.make());
    await store.start();
  });
  afterEach(async () => {
    await store.stop();
  });

  const alice = makeDevice({ mac: 'aa:00:00:00:00:01', ip: '10.42.0.11' });

  function deps() {
    const d = makeDeps(store, {
      clock: new FakeClock(FRI_17),
      profiles: fixedProfiles([
        profile({ name: '2h', label: '2 heures', durationSeconds: 7200, clockRunsWhileOpenOnly: true }),
      ]),
    });
    return { ...d, policy: { openingHours: () => HOURS } };
  }

  it('keeps the time left at closing, finds the ticket by its device while closed, moves it at the opening', async () => {
    const d = deps();
    const [issued] = (await issueTickets(d, { profile: '2h', count: 1, createdBy: 'x' })).tickets;
    expect((await store.getTicket(issued!.id))?.limits.clockRunsWhileOpenOnly).toBe(true);
    const first = await redeemTicket(d, { code: issued!.code, device: alice, via: 'portal' });
    expect(first.secondsLeft).toBe(3600);
    const stored = await store.getTicket(issued!.id);
    expect(stored).toMatchObject({ expiresAt: FRI_18, remainingSeconds: 3600 });
    // Saturday: past its closing time, still the device's ticket (MAC authentication on Monday).
    const saturday = FRI_18 + 20 * HOUR;
    expect((await store.listTicketsByDevice('mac:aa:00:00:00:00:01', saturday, 4)).map((t) => t.id)).toEqual([
      issued!.id,
    ]);
    d.clock.t = MON_9 + 15 * 60_000;
    const monday = await redeemTicket(d, { code: issued!.code, device: alice, via: 'radius' });
    expect(monday.secondsLeft).toBe(45 * 60);
    expect(await store.getTicket(issued!.id)).toMatchObject({
      expiresAt: MON_9 + HOUR,
      remainingSeconds: null,
    });
  });

  it('reads a ticket written before the kept time and the option existed as none kept, option off', async () => {
    const d = deps();
    const [issued] = (await issueTickets(d, { profile: '2h', count: 1, createdBy: 'x' })).tickets;
    await rewrite(issued!.id, (data) => {
      const { remainingSeconds: _kept, limits, ...rest } = data;
      const { clockRunsWhileOpenOnly: _flag, ...oldLimits } = limits as Record<string, unknown>;
      return { ...rest, limits: oldLimits };
    });
    const old = await store.getTicket(issued!.id);
    expect(old?.remainingSeconds).toBeNull();
    expect(old?.limits.clockRunsWhileOpenOnly).toBe(false);
    // Used as before: its clock runs on past closing time.
    await redeemTicket(d, { code: issued!.code, device: alice, via: 'portal' });
    expect(await store.getTicket(issued!.id)).toMatchObject({
      expiresAt: FRI_17 + 2 * HOUR,
      remainingSeconds: null,
    });
  });
});
