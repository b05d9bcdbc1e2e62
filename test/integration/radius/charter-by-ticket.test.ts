// Issue #15, item 7: an access point that shows its own login page never shows our charter; the
// printed ticket says that using it accepts the charter, so a device's first RADIUS use of the
// ticket records that acceptance, with the version printed on it. radclient is the access point.

import { makeDevice, deviceKey } from '../../../src/domain/device';
import { issueTickets } from '../../../src/services/issue-tickets';
import { NAS_MAC, papLines, radclient, startHarness, type Harness } from './radius-harness';

jest.setTimeout(30_000);

const OTHER_MAC = 'AA-BB-CC-00-00-02';
const THIRD_MAC = 'AA-BB-CC-00-00-03';
const key = (mac: string) => deviceKey(makeDevice({ mac }));

describe('charter accepted by using a printed ticket (radclient as the access point)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  async function printed(profile: string, charterVersion: string | null) {
    const { tickets } = await issueTickets(h.deps, { profile, count: 1, createdBy: 'amina', charterVersion });
    return tickets[0]!;
  }

  it('records one acceptance with the printed version at a device’s first use, and its own for a second device', async () => {
    const t = await printed('2dev', '2026-11');
    expect((await radclient(h.authPort, 'auth', papLines(t.code))).code).toBe('Access-Accept');
    expect(await h.deps.store.latestAcceptance(key(NAS_MAC))).toMatchObject({
      spaceId: 'roubaix-demo',
      charterVersion: '2026-11',
      via: 'ticket',
      ticketId: t.id,
      lang: 'fr',
      device: key(NAS_MAC),
    });
    // The same device coming back accepted already: nothing more is recorded.
    expect((await radclient(h.authPort, 'auth', papLines(t.code))).code).toBe('Access-Accept');
    expect(h.events['charter.accepted']).toEqual([{ charterVersion: '2026-11', lang: 'fr', via: 'ticket' }]);

    expect((await radclient(h.authPort, 'auth', papLines(t.code, { mac: OTHER_MAC }))).code).toBe(
      'Access-Accept',
    );
    expect(await h.deps.store.latestAcceptance(key(OTHER_MAC))).toMatchObject({
      charterVersion: '2026-11',
      via: 'ticket',
      ticketId: t.id,
    });
    expect(h.events['charter.accepted']).toHaveLength(2);
  });

  it('records nothing at a refused login: wrong password, unknown code, or a device over the limit', async () => {
    const t = await printed('1h', '2026-11');
    const wrong = await radclient(h.authPort, 'auth', papLines(t.code, { password: 'AAAA-BBBB-CCCC' }));
    expect(wrong.code).toBe('Access-Reject');
    const unknown = await radclient(h.authPort, 'auth', papLines('7K3MQ9XPA2BC', { mac: OTHER_MAC }));
    expect(unknown.code).toBe('Access-Reject');
    expect(await h.deps.store.latestAcceptance(key(NAS_MAC))).toBeNull();
    expect(await h.deps.store.latestAcceptance(key(OTHER_MAC))).toBeNull();

    // One device per ticket: the first is accepted (and accepts the charter), a second is refused.
    expect((await radclient(h.authPort, 'auth', papLines(t.code, { mac: OTHER_MAC }))).code).toBe(
      'Access-Accept',
    );
    const over = await radclient(h.authPort, 'auth', papLines(t.code, { mac: THIRD_MAC }));
    expect(over.code).toBe('Access-Reject');
    expect(await h.deps.store.latestAcceptance(key(THIRD_MAC))).toBeNull();
    expect(h.events['charter.accepted']).toHaveLength(1);
  });

  it('records nothing for a ticket printed before tickets carried the charter line', async () => {
    const t = await printed('1h', null);
    expect((await radclient(h.authPort, 'auth', papLines(t.code))).code).toBe('Access-Accept');
    expect(await h.deps.store.latestAcceptance(key(NAS_MAC))).toBeNull();
    expect(h.events['charter.accepted']).toEqual([]);
  });
});
