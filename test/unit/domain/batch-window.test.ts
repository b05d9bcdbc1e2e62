import {
  newTicket,
  redeem,
  refusal,
  secondsLeft,
  ticketState,
  windowedLimits,
} from '../../../src/domain/ticket';
import { profileLimits } from '../../../src/domain/profile';
import { isEcnError, type ErrorCode } from '../../../src/domain/errors';
import { zonedToUtc } from '../../../src/domain/zoned-time';
import { profile, HOUR } from '../../helpers/fakes';

const PARIS = 'Europe/Paris';
const NOW = Date.UTC(2026, 11, 5, 9);
// "atelier mardi 14 h – 17 h"
const FROM = zonedToUtc('2026-12-08T14:00', PARIS);
const UNTIL = zonedToUtc('2026-12-08T17:00', PARIS);

function workshopTicket(durationSeconds = 24 * 3600, window = { validFrom: FROM, validUntil: UNTIL }) {
  return newTicket({
    id: 't1',
    code: 'K7QMX4TR9WPA',
    batchId: 'b1',
    profileName: 'day',
    limits: windowedLimits(profileLimits(profile({ durationSeconds })), window, NOW),
    createdAt: NOW,
  });
}

function code(fn: () => unknown): ErrorCode | null {
  try {
    fn();
  } catch (err) {
    return isEcnError(err) ? err.code : null;
  }
  return null;
}

describe('a batch with its own validity window (workshop)', () => {
  it('is not usable before the window, with "valid from" and its start', () => {
    const t = workshopTicket();
    const before = FROM - 60_000;
    const err = refusal(t, before);
    expect(err?.code).toBe('ECN_ERR_TICKET_NOT_YET_VALID');
    expect(err?.details.validFrom).toBe(FROM);
    expect(code(() => redeem(t, 'mac:aa:bb:cc:dd:ee:ff', before))).toBe('ECN_ERR_TICKET_NOT_YET_VALID');
  });

  it('is usable inside the window, and a session then ends at the window end at the latest', () => {
    const t = workshopTicket();
    const at = FROM + 30 * 60_000;
    const r = redeem(t, 'mac:aa:bb:cc:dd:ee:ff', at);
    expect(r.ticket.expiresAt).toBe(UNTIL);
    expect(r.secondsLeft).toBe(2.5 * 3600);
    expect(ticketState(r.ticket, UNTIL - 1)).toBe('active');
    expect(ticketState(r.ticket, UNTIL)).toBe('expired');
  });

  it('keeps a profile duration shorter than the rest of the window', () => {
    const r = redeem(workshopTicket(3600), 'mac:aa:bb:cc:dd:ee:ff', FROM);
    expect(r.ticket.expiresAt).toBe(FROM + HOUR);
  });

  it('is expired after the window, used or not', () => {
    const t = workshopTicket();
    expect(ticketState(t, UNTIL)).toBe('expired');
    expect(code(() => redeem(t, 'mac:aa:bb:cc:dd:ee:ff', UNTIL + 1))).toBe('ECN_ERR_TICKET_EXPIRED');
  });

  it('counts a window over the spring clock change in real time: 01:30 → 03:30 is one hour', () => {
    const from = zonedToUtc('2027-03-28T01:30', PARIS);
    const until = zonedToUtc('2027-03-28T03:30', PARIS);
    const t = workshopTicket(24 * 3600, { validFrom: from, validUntil: until });
    const r = redeem(t, 'mac:aa:bb:cc:dd:ee:ff', from);
    expect(r.secondsLeft).toBe(3600);
    expect(secondsLeft(r.ticket, from + 30 * 60_000)).toBe(1800);
  });

  it('refuses a window that ends before it starts, lies in the past, or misses the profile window', () => {
    const limits = profileLimits(profile());
    expect(code(() => windowedLimits(limits, { validFrom: UNTIL, validUntil: FROM }, NOW))).toBe(
      'ECN_ERR_BATCH_WINDOW_INVERTED',
    );
    expect(code(() => windowedLimits(limits, { validFrom: FROM, validUntil: FROM }, NOW))).toBe(
      'ECN_ERR_BATCH_WINDOW_INVERTED',
    );
    expect(
      code(() => windowedLimits(limits, { validFrom: NOW - 2 * HOUR, validUntil: NOW - HOUR }, NOW)),
    ).toBe('ECN_ERR_BATCH_WINDOW_PAST');
    expect(code(() => windowedLimits(limits, { validFrom: Number.NaN, validUntil: UNTIL }, NOW))).toBe(
      'ECN_ERR_BATCH_WINDOW_UNREADABLE',
    );
    const december = profileLimits(
      profile({ validFrom: Date.UTC(2026, 11, 1), validUntil: Date.UTC(2026, 11, 6) }),
    );
    expect(code(() => windowedLimits(december, { validFrom: FROM, validUntil: UNTIL }, NOW))).toBe(
      'ECN_ERR_BATCH_WINDOW_OUTSIDE_PROFILE',
    );
  });

  it('narrows the profile window and leaves it alone when the batch has none', () => {
    const december = profileLimits(
      profile({ validFrom: Date.UTC(2026, 11, 1), validUntil: Date.UTC(2026, 11, 31) }),
    );
    expect(windowedLimits(december, { validFrom: FROM, validUntil: null }, NOW)).toMatchObject({
      validFrom: FROM,
      validUntil: Date.UTC(2026, 11, 31),
    });
    expect(windowedLimits(december, { validFrom: null, validUntil: null }, NOW)).toBe(december);
  });
});
