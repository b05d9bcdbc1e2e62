import { readStaffTime, zonedToUtc } from '../../../src/domain/zoned-time';

const PARIS = 'Europe/Paris';
const iso = (ms: number) => new Date(ms).toISOString();

describe('local wall-clock times of the space', () => {
  it('reads winter and summer times with their own offsets', () => {
    expect(iso(zonedToUtc('2026-12-09T14:00', PARIS))).toBe('2026-12-09T13:00:00.000Z');
    expect(iso(zonedToUtc('2027-07-06T14:00', PARIS))).toBe('2027-07-06T12:00:00.000Z');
  });

  it('makes 01:30 → 03:30 on the spring change night one hour long', () => {
    const from = zonedToUtc('2027-03-28T01:30', PARIS);
    const until = zonedToUtc('2027-03-28T03:30', PARIS);
    expect(iso(from)).toBe('2027-03-28T00:30:00.000Z');
    expect(iso(until)).toBe('2027-03-28T01:30:00.000Z');
    expect(until - from).toBe(3600 * 1000);
  });

  it('reads the skipped hour as the clocks do (02:30 is 03:30) and the repeated one as the first', () => {
    expect(iso(zonedToUtc('2027-03-28T02:30', PARIS))).toBe('2027-03-28T01:30:00.000Z');
    expect(iso(zonedToUtc('2027-10-31T02:30', PARIS))).toBe('2027-10-31T00:30:00.000Z');
    expect(zonedToUtc('2027-10-31T03:30', PARIS) - zonedToUtc('2027-10-31T01:30', PARIS)).toBe(
      3 * 3600 * 1000,
    );
  });

  it('takes an ISO time with an offset as it is, and refuses what is not a time', () => {
    expect(iso(readStaffTime('2026-12-09T14:00:00+01:00', PARIS))).toBe('2026-12-09T13:00:00.000Z');
    expect(iso(readStaffTime('2026-12-09T13:00Z', 'America/New_York'))).toBe('2026-12-09T13:00:00.000Z');
    expect(iso(readStaffTime('2026-12-09T14:00', PARIS))).toBe('2026-12-09T13:00:00.000Z');
    for (const bad of ['', 'mardi 14h', '2026-02-30T10:00', '2026-12-09T25:00', '2026-12-09']) {
      expect(readStaffTime(bad, PARIS)).toBeNaN();
    }
  });
});
