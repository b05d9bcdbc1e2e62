import {
  newTicket,
  redeem,
  revoke,
  addUsage,
  ticketState,
  secondsLeft,
  type Ticket,
} from '../../../src/domain/ticket';
import { profileLimits } from '../../../src/domain/profile';
import { isEcnError, type ErrorCode } from '../../../src/domain/errors';
import { profile, HOUR } from '../../helpers/fakes';

const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);

function ticket(overrides: Parameters<typeof profile>[0] = {}): Ticket {
  return newTicket({
    id: 't1',
    code: 'K7QMX4TR9WPA',
    batchId: 'b1',
    profileName: '1h',
    limits: profileLimits(profile(overrides)),
    createdAt: T0,
  });
}

function refusedWith(fn: () => unknown, code: ErrorCode): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(isEcnError(caught, code)).toBe(true);
}

describe('ticket rules', () => {
  it('starts the clock at first use, not at printing', () => {
    const t = ticket();
    expect(ticketState(t, T0 + 5 * HOUR)).toBe('issued');
    const r = redeem(t, 'mac:aa:bb:cc:dd:ee:ff', T0 + 5 * HOUR);
    expect(r.firstUse).toBe(true);
    expect(r.ticket.firstUsedAt).toBe(T0 + 5 * HOUR);
    expect(r.ticket.expiresAt).toBe(T0 + 6 * HOUR);
    expect(r.secondsLeft).toBe(3600);
    expect(ticketState(r.ticket, T0 + 5 * HOUR + 1)).toBe('active');
    expect(ticketState(r.ticket, T0 + 6 * HOUR)).toBe('expired');
  });

  it('lets the same device come back without using another device slot', () => {
    const a = redeem(ticket(), 'mac:aa:aa:aa:aa:aa:aa', T0).ticket;
    const again = redeem(a, 'mac:aa:aa:aa:aa:aa:aa', T0 + HOUR / 2);
    expect(again.newDevice).toBe(false);
    expect(again.firstUse).toBe(false);
    expect(again.secondsLeft).toBe(1800);
    expect(again.ticket.devices).toHaveLength(1);
  });

  it('binds at most N devices', () => {
    let t = ticket({ maxDevices: 2 });
    t = redeem(t, 'mac:01:00:00:00:00:01', T0).ticket;
    t = redeem(t, 'mac:01:00:00:00:00:02', T0).ticket;
    refusedWith(() => redeem(t, 'mac:01:00:00:00:00:03', T0), 'ECN_ERR_TICKET_DEVICE_LIMIT');
  });

  it('caps the duration with the validity window and refuses outside it', () => {
    const t = ticket({ durationSeconds: 10 * 3600, validFrom: T0 + HOUR, validUntil: T0 + 3 * HOUR });
    refusedWith(() => redeem(t, 'ip:10.0.0.2', T0), 'ECN_ERR_TICKET_NOT_YET_VALID');
    const r = redeem(t, 'ip:10.0.0.2', T0 + 2 * HOUR);
    expect(r.ticket.expiresAt).toBe(T0 + 3 * HOUR);
    expect(r.secondsLeft).toBe(3600);
    refusedWith(() => redeem(t, 'ip:10.0.0.2', T0 + 3 * HOUR), 'ECN_ERR_TICKET_EXPIRED');
    expect(ticketState(t, T0 + 4 * HOUR)).toBe('expired');
  });

  it('refuses an expired ticket, even to a device it knows', () => {
    const t = redeem(ticket(), 'ip:10.0.0.2', T0).ticket;
    refusedWith(() => redeem(t, 'ip:10.0.0.2', T0 + HOUR), 'ECN_ERR_TICKET_EXPIRED');
  });

  it('refuses a revoked ticket with its own reason, and revoking twice says so', () => {
    const t = revoke(redeem(ticket(), 'ip:10.0.0.2', T0).ticket, 'cli:alice', T0 + 1);
    expect(ticketState(t, T0 + 2)).toBe('revoked');
    refusedWith(() => redeem(t, 'ip:10.0.0.2', T0 + 2), 'ECN_ERR_TICKET_REVOKED');
    refusedWith(() => revoke(t, 'cli:bob', T0 + 3), 'ECN_ERR_TICKET_ALREADY_REVOKED');
  });

  it('is exhausted when the quota is used up', () => {
    let t = redeem(ticket({ quotaBytes: 1000 }), 'ip:10.0.0.2', T0).ticket;
    t = addUsage(t, 600);
    expect(ticketState(t, T0)).toBe('active');
    t = addUsage(t, 400);
    expect(ticketState(t, T0)).toBe('exhausted');
    refusedWith(() => redeem(t, 'ip:10.0.0.2', T0), 'ECN_ERR_TICKET_EXHAUSTED');
  });

  it('ignores negative or non-finite usage', () => {
    const t = ticket({ quotaBytes: 1000 });
    expect(addUsage(t, -5)).toBe(t);
    expect(addUsage(t, Number.NaN)).toBe(t);
  });

  it('shows the full duration left before first use', () => {
    expect(secondsLeft(ticket(), T0)).toBe(3600);
  });

  it('bumps the version on every change (for compare-and-set)', () => {
    const t = ticket();
    expect(redeem(t, 'ip:10.0.0.2', T0).ticket.version).toBe(1);
    expect(revoke(t, 'x', T0).version).toBe(1);
  });
});
