// More time for a ticket (issue #15, item 3), pure rules: 30 min or 1 h only, a ticket in use
// only, never past the validity window, never past the day's allowance; each refusal its code.

import { canExtend, extendTicket } from '../../../src/domain/extension';
import type { Ticket } from '../../../src/domain/ticket';
import { isEcnError } from '../../../src/domain/errors';

const NOW = Date.UTC(2026, 11, 5, 10, 0);
const policy = { maxPerDaySeconds: 5400 };

function ticket(over: Partial<Ticket> = {}, validUntil: number | null = null): Ticket {
  return {
    id: 't1',
    code: 'K7QMX4TR9WPA',
    batchId: 'b1',
    profileName: '1h',
    limits: {
      durationSeconds: 3600,
      validFrom: null,
      validUntil,
      quotaBytes: null,
      bandwidthUpBps: null,
      bandwidthDownBps: null,
      maxDevices: 1,
      idleTimeoutSeconds: null,
    },
    createdAt: NOW - 7200_000,
    firstUsedAt: NOW - 1800_000,
    expiresAt: NOW + 1800_000,
    remainingSeconds: null,
    devices: ['mac:aa'],
    bytesUsed: 0,
    revokedAt: null,
    revokedBy: null,
    version: 3,
    ...over,
  };
}

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'none';
  } catch (err) {
    return isEcnError(err) ? err.code : 'not an EcnError';
  }
};

describe('extendTicket', () => {
  it('moves the end of a ticket in use by 30 min or 1 h', () => {
    expect(extendTicket(ticket(), 1800, NOW, 0, policy)).toMatchObject({
      expiresAt: NOW + 3600_000,
      version: 4,
    });
    expect(extendTicket(ticket(), 3600, NOW, 1800, policy).expiresAt).toBe(NOW + 5400_000);
  });

  it.each([0, 60, 1799, 7200, NaN])('refuses %p seconds', (add) => {
    expect(codeOf(() => extendTicket(ticket(), add, NOW, 0, policy))).toBe('ECN_ERR_EXTENSION_INVALID');
  });

  it('refuses a ticket not in use: never used, expired, revoked, out of data', () => {
    const cases = [
      ticket({ firstUsedAt: null, expiresAt: null }),
      ticket({ expiresAt: NOW - 1 }),
      ticket({ revokedAt: NOW - 1, revokedBy: 'x' }),
      { ...ticket({ bytesUsed: 10 }), limits: { ...ticket().limits, quotaBytes: 10 } },
    ];
    for (const t of cases)
      expect(codeOf(() => extendTicket(t, 1800, NOW, 0, policy))).toBe('ECN_ERR_EXTENSION_NOT_ACTIVE');
  });

  it('refuses past the day’s allowance, or when it is 0', () => {
    expect(codeOf(() => extendTicket(ticket(), 3600, NOW, 3600, policy))).toBe('ECN_ERR_EXTENSION_DAILY_MAX');
    expect(codeOf(() => extendTicket(ticket(), 1800, NOW, 3600, policy))).toBe('none');
    expect(codeOf(() => extendTicket(ticket(), 1800, NOW, 0, { maxPerDaySeconds: 0 }))).toBe(
      'ECN_ERR_EXTENSION_DAILY_MAX',
    );
  });

  it('never takes a ticket past its validity window, even by a minute', () => {
    const t = ticket({}, NOW + 3600_000);
    expect(codeOf(() => extendTicket(ticket({}, NOW + 3599_000), 1800, NOW, 0, policy))).toBe(
      'ECN_ERR_EXTENSION_PAST_VALIDITY',
    );
    expect(codeOf(() => extendTicket(t, 1800, NOW, 0, policy))).toBe('none');
    expect(codeOf(() => extendTicket(t, 3600, NOW, 0, policy))).toBe('ECN_ERR_EXTENSION_PAST_VALIDITY');
    expect(canExtend(ticket({}, NOW + 1800_000), NOW, 0, policy)).toBe(false);
    expect(canExtend(ticket(), NOW, 0, policy)).toBe(true);
    expect(canExtend(ticket(), NOW, 4000, policy)).toBe(false);
  });
});
