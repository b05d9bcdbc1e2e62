// The RADIUS hot path spares the parsing of a ticket row it has already seen (issue #17, item 5),
// never the reading: every Access-Request reads the ticket from the store, so a revocation
// written by another process (`ecn tickets revoke`, the console of another box on the same
// file) is refused at the very next request, and nothing read can be changed in place.

import { SqliteStore } from '../../../src/store/sqlite-store';
import { revokeTicket } from '../../../src/services/revoke-tickets';
import { makeDeps } from '../../helpers/fakes';
import { papLines, radclient, startHarness, type Harness } from './radius-harness';

jest.setTimeout(60_000);

describe('RADIUS reads the ticket at every request', () => {
  let h: Harness;
  let other: SqliteStore;
  beforeEach(async () => {
    h = await startHarness();
    // A second connection to the same file: what another process holds.
    other = new SqliteStore({ file: h.storeFile, spaceId: 'roubaix-demo' });
    await other.start();
  });
  afterEach(async () => {
    await other.stop();
    await h.stop();
  });

  it('refuses a device coming back at once after another process revoked its ticket', async () => {
    const t = await h.ticket();
    // First use, then the device coming back: the steady state whose parsing is spared.
    for (let i = 0; i < 3; i++) {
      expect((await radclient(h.authPort, 'auth', papLines(t.code))).code).toBe('Access-Accept');
    }
    const elsewhere = makeDeps(other, { clock: h.deps.clock });
    await revokeTicket(elsewhere, t.id, 'animateur');

    const r = await radclient(h.authPort, 'auth', papLines(t.code));
    expect(r.code).toBe('Access-Reject');
    expect(h.events['radius.access_rejected']).toEqual([
      { nas: 'ap-test', method: 'pap', reason: 'ECN_ERR_TICKET_REVOKED' },
    ]);
  });

  it('parses an unchanged ticket row once, shares it frozen, and parses it afresh once another process changed it', async () => {
    const t = await h.ticket();
    const first = await h.deps.store.findTicketByCode(t.code);
    const again = await h.deps.store.findTicketByCode(t.code);
    // One parse for an unchanged row: the same record, which nobody may change in place.
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first!.devices)).toBe(true);
    expect(Object.isFrozen(first!.limits)).toBe(true);
    expect(() => (first!.devices as string[]).push('aa:bb:cc:dd:ee:ff')).toThrow(TypeError);

    await revokeTicket(makeDeps(other, { clock: h.deps.clock }), t.id, 'animateur');
    const after = await h.deps.store.findTicketByCode(t.code);
    expect(after).not.toBe(first);
    expect(after!.revokedAt).not.toBeNull();
    expect(first!.revokedAt).toBeNull();
  });
});
