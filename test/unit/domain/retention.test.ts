// When a ticket ended, for the retention purge (issue 13, item 5): never while it may still be
// used, and never earlier than it really ended.

import { ticketEndedAt, ticketEndedBefore, purgeCutoffs, DAY_MS } from '../../../src/domain/retention';
import { addUsage, newTicket, redeem, revoke, ticketState } from '../../../src/domain/ticket';
import { profileLimits } from '../../../src/domain/profile';
import { profile } from '../../helpers/fakes';

const t0 = Date.UTC(2026, 10, 28, 9);
const H = 3600_000;
const ticket = (overrides: Parameters<typeof profile>[0] = {}) =>
  newTicket({
    id: 't',
    code: 'AAAABBBBCCCC',
    batchId: 'b',
    profileName: '1h',
    limits: profileLimits(profile(overrides)),
    createdAt: t0,
  });

describe('ticketEndedAt', () => {
  it('is null while a ticket can still be used: issued without an end, or with time left', () => {
    expect(ticketEndedAt(ticket())).toBeNull();
    const used = redeem(ticket(), 'mac:aa:00:00:00:00:01', t0).ticket;
    expect(ticketState(used, t0 + H / 2)).toBe('active');
    expect(ticketEndedBefore(used, t0 + H / 2)).toBe(false);
  });

  it('is the end of its time once used, even when its data ran out sooner', () => {
    const used = redeem(ticket({ quotaBytes: 1000 }), 'mac:aa:00:00:00:00:01', t0).ticket;
    expect(ticketEndedAt(used)).toBe(t0 + H);
    const exhausted = addUsage(used, 5000);
    expect(ticketState(exhausted, t0 + 1)).toBe('exhausted');
    expect(ticketEndedAt(exhausted)).toBe(t0 + H);
  });

  it('is the revocation, or the end of the validity window of a ticket never used', () => {
    expect(ticketEndedAt(revoke(ticket(), 'console:anne', t0 + 5))).toBe(t0 + 5);
    expect(ticketEndedAt(ticket({ validUntil: t0 + 30 * DAY_MS }))).toBe(t0 + 30 * DAY_MS);
    expect(ticketEndedAt(ticket({ quotaBytes: 0 }))).toBe(t0);
  });

  it('compares strictly with the cutoff, one per kind of record', () => {
    const used = redeem(ticket(), 'mac:aa:00:00:00:00:01', t0).ticket;
    expect(ticketEndedBefore(used, t0 + H)).toBe(false);
    expect(ticketEndedBefore(used, t0 + H + 1)).toBe(true);
    expect(purgeCutoffs({ sessionsDays: 31, acceptancesDays: 365, ticketsDays: 400 }, t0)).toEqual({
      sessionsEndedBefore: t0 - 31 * DAY_MS,
      acceptancesBefore: t0 - 365 * DAY_MS,
      ticketsEndedBefore: t0 - 400 * DAY_MS,
    });
  });
});
