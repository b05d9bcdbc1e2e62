// A clock that runs only while the space is open (issue #15, item 1), pure rules: time left at
// closing waits for the next opening, DST nights included; a validity window and a quota still
// end the ticket; without hours, or without the option, nothing changes.

import { runOpenClock } from '../../../src/domain/open-clock';
import { parseOpeningHours, type OpeningHours } from '../../../src/domain/opening-hours';
import { profileLimits } from '../../../src/domain/profile';
import { ticketEndedAt } from '../../../src/domain/retention';
import {
  addUsage,
  newTicket,
  redeem,
  secondsLeft,
  ticketState,
  usableUntil,
  type Ticket,
} from '../../../src/domain/ticket';
import { profile, HOUR } from '../../helpers/fakes';

const WEEKDAYS_9_18 = parseOpeningHours(
  {
    openingHours: {
      mon: ['09:00-18:00'],
      tue: ['09:00-18:00'],
      wed: ['09:00-18:00'],
      thu: ['09:00-18:00'],
      fri: ['09:00-18:00'],
    },
    closures: [],
  },
  'Europe/Paris',
);
// Paris is UTC+1 in December: Friday 4 December 2026, 17:00 is 16:00Z.
const FRI_17 = Date.UTC(2026, 11, 4, 16, 0);
const FRI_18 = Date.UTC(2026, 11, 4, 17, 0);
const MON_9 = Date.UTC(2026, 11, 7, 8, 0);
const MIN = 60_000;

function ticket(over: Parameters<typeof profile>[0] = {}): Ticket {
  return newTicket({
    id: 't1',
    code: 'K7QMX4TR9WPA',
    batchId: 'b1',
    profileName: '2h',
    limits: profileLimits(profile({ durationSeconds: 2 * 3600, clockRunsWhileOpenOnly: true, ...over })),
    createdAt: FRI_17 - HOUR,
  });
}

/** What redemption does: `redeem`, with the clock run under the hours before and after. */
function use(t: Ticket, hours: OpeningHours | null, at: number): Ticket {
  return runOpenClock(redeem(runOpenClock(t, hours, at), 'mac:aa', at).ticket, hours, at);
}

describe('a clock that runs only while the space is open', () => {
  it('keeps at closing what is left of a 2 h ticket first used at 17:00, for 9:00 on Monday', () => {
    const t = use(ticket(), WEEKDAYS_9_18, FRI_17);
    expect(t.expiresAt).toBe(FRI_18);
    expect(t.remainingSeconds).toBe(3600);
    // The weekend: waiting, not spent; still found by its device; nothing moves.
    const saturday = FRI_18 + 20 * HOUR;
    expect(ticketState(t, saturday)).toBe('active');
    expect(usableUntil(t)).toBeGreaterThan(MON_9);
    expect(runOpenClock(t, WEEKDAYS_9_18, saturday)).toBe(t);
    // Monday 9:30: the hour left started at 9:00.
    const monday = runOpenClock(t, WEEKDAYS_9_18, MON_9 + 30 * MIN);
    expect(monday.expiresAt).toBe(MON_9 + HOUR);
    expect(monday.remainingSeconds).toBeNull();
    expect(secondsLeft(monday, MON_9 + 30 * MIN)).toBe(1800);
    expect(monday.version).toBe(t.version + 1);
  });

  it('spends the kept hour in an opening the resident missed', () => {
    const t = use(ticket(), WEEKDAYS_9_18, FRI_17);
    const tuesday = runOpenClock(t, WEEKDAYS_9_18, MON_9 + 25 * HOUR);
    expect(tuesday.expiresAt).toBe(MON_9 + HOUR);
    expect(ticketState(tuesday, MON_9 + 25 * HOUR)).toBe('expired');
  });

  it('carries time over several openings, each one spending its hours', () => {
    // 12 h at Friday 17:00: 1 h on Friday, 9 h on Monday, 2 h from Tuesday 9:00.
    const t = use(ticket({ durationSeconds: 12 * 3600 }), WEEKDAYS_9_18, FRI_17);
    expect(t.remainingSeconds).toBe(11 * 3600);
    const monday = runOpenClock(t, WEEKDAYS_9_18, MON_9 + HOUR);
    expect(monday.expiresAt).toBe(MON_9 + 9 * HOUR);
    expect(monday.remainingSeconds).toBe(2 * 3600);
    const tuesday = runOpenClock(monday, WEEKDAYS_9_18, MON_9 + 24 * HOUR + MIN);
    expect(tuesday.expiresAt).toBe(MON_9 + 26 * HOUR);
    expect(tuesday.remainingSeconds).toBeNull();
  });

  it('counts the October DST night in real hours (Europe/Paris)', () => {
    const everyDay = parseOpeningHours(
      {
        openingHours: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['09:00-18:00']]),
        ),
        closures: [],
      },
      'Europe/Paris',
    );
    // Saturday 24 October 2026, 17:00 summer time (15:00Z); Sunday 25 October, 9:00 winter time (08:00Z).
    const sat17 = Date.UTC(2026, 9, 24, 15, 0);
    const sun9 = Date.UTC(2026, 9, 25, 8, 0);
    const t = use(ticket(), everyDay, sat17);
    expect(t.expiresAt).toBe(sat17 + HOUR);
    const sunday = runOpenClock(t, everyDay, sun9 + 10 * MIN);
    expect(sunday.expiresAt).toBe(sun9 + HOUR);
    expect(secondsLeft(sunday, sun9 + 10 * MIN)).toBe(50 * 60);
  });

  it('still ends at the end of the validity window, waiting or not', () => {
    const until = MON_9 + 30 * MIN;
    const t = use(ticket({ validUntil: until }), WEEKDAYS_9_18, FRI_17);
    expect(t.remainingSeconds).toBe(3600);
    expect(ticketState(t, until + MIN)).toBe('expired');
    const monday = runOpenClock(t, WEEKDAYS_9_18, MON_9 + 10 * MIN);
    expect(monday.expiresAt).toBe(until);
    expect(secondsLeft(monday, MON_9 + 10 * MIN)).toBe(20 * 60);
    expect(ticketState(monday, until)).toBe('expired');
  });

  it('still ends when the quota is used, waiting or not', () => {
    const t = addUsage(use(ticket({ quotaBytes: 1000 }), WEEKDAYS_9_18, FRI_17), 1000);
    expect(ticketState(t, FRI_18 + HOUR)).toBe('exhausted');
    expect(usableUntil(t)).toBe(0);
  });

  it('changes nothing for a space without hours, or for a profile without the option', () => {
    const always = use(ticket(), null, FRI_17);
    expect(always.expiresAt).toBe(FRI_17 + 2 * HOUR);
    expect(always.remainingSeconds).toBeNull();
    const plain = use(ticket({ clockRunsWhileOpenOnly: false }), WEEKDAYS_9_18, FRI_17);
    expect(plain.expiresAt).toBe(FRI_17 + 2 * HOUR);
    expect(plain.remainingSeconds).toBeNull();
    expect(ticketState(plain, MON_9)).toBe('expired');
  });

  it('keeps a waiting ticket from the retention purge at least until its time could be spent', () => {
    const t = use(ticket(), WEEKDAYS_9_18, FRI_17);
    expect(ticketEndedAt(t)).toBe(FRI_18 + HOUR);
  });
});
