// The charter acceptance a printed ticket carries (issue #15, item 7), and when a device must
// accept again.

import { needsAcceptance, ticketAcceptance } from '../../../src/domain/charter';

const base = {
  id: 'a1',
  spaceId: 'roubaix-epeule',
  lang: 'fr' as const,
  at: 1_700_000_000_000,
  device: 'mac:aa:bb:cc:00:00:01',
  ticketId: 't1',
};

describe('ticketAcceptance', () => {
  it('accepts the version printed on the ticket, by way of the ticket, in the space of the login', () => {
    expect(ticketAcceptance({ ...base, printedVersion: '2026-11' })).toEqual({
      id: 'a1',
      spaceId: 'roubaix-epeule',
      charterVersion: '2026-11',
      lang: 'fr',
      acceptedAt: 1_700_000_000_000,
      device: 'mac:aa:bb:cc:00:00:01',
      ticketId: 't1',
      via: 'ticket',
    });
  });

  it('accepts nothing for a ticket printed without the charter line', () => {
    expect(ticketAcceptance({ ...base, printedVersion: null })).toBeNull();
  });

  it('asks again when the charter in force is newer than the printed one', () => {
    const a = ticketAcceptance({ ...base, printedVersion: '2026-11' });
    expect(needsAcceptance(a, '2026-11')).toBe(false);
    expect(needsAcceptance(a, '2027-01')).toBe(true);
  });
});
