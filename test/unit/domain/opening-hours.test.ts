import { isEcnError } from '../../../src/domain/errors';
import {
  closingAt,
  isOpen,
  nextOpening,
  openingHoursText,
  parseClosure,
  parseOpeningHours,
  refuseClosureCoveringToday,
  type OpeningHours,
  type OpeningHoursText,
} from '../../../src/domain/opening-hours';
import { FakeClock, HOUR } from '../../helpers/fakes';

const PARIS = 'Europe/Paris';
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const at = (s: string) => Date.parse(s);

function hours(week: OpeningHoursText, closures: string[] = []): OpeningHours {
  return parseOpeningHours({ openingHours: week, closures }, PARIS);
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return isEcnError(err) ? err.code : `not an EcnError: ${String(err)}`;
  }
  return 'no error';
}

const WEEKDAYS_ONLY: OpeningHoursText = {
  mon: ['09:00-12:00', '14:00-18:00'],
  tue: ['09:00-12:00', '14:00-18:00'],
  wed: ['14:00-18:00'],
  thu: ['09:00-12:00', '14:00-18:00'],
  fri: ['09:00-12:00', '14:00-18:00'],
};

describe('opening hours: reading what staff write', () => {
  it('reads ranges and closures and writes them back sorted', () => {
    const h = hours({ mon: ['14:00-18:00', '09:00-12:00'], sat: ['10:00-24:00'] }, [
      '2026-12-24',
      '2026-12-25..2027-01-01',
    ]);
    expect(openingHoursText(h)).toEqual({
      openingHours: {
        mon: ['09:00-12:00', '14:00-18:00'],
        tue: [],
        wed: [],
        thu: [],
        fri: [],
        sat: ['10:00-24:00'],
        sun: [],
      },
      closures: ['2026-12-24', '2026-12-25..2027-01-01'],
    });
  });

  it('gives each mistake its own code', () => {
    expect(codeOf(() => hours({ mon: ['9h-12h'] }))).toBe('ECN_ERR_HOURS_MALFORMED');
    expect(codeOf(() => hours({ mon: ['09:60-12:00'] }))).toBe('ECN_ERR_HOURS_MALFORMED');
    expect(codeOf(() => hours({ mon: ['24:00-24:00'] }))).toBe('ECN_ERR_HOURS_MALFORMED');
    expect(codeOf(() => hours({ lun: ['09:00-12:00'] } as OpeningHoursText))).toBe('ECN_ERR_HOURS_MALFORMED');
    expect(codeOf(() => hours({ fri: ['22:00-02:00'] }))).toBe('ECN_ERR_HOURS_PAST_MIDNIGHT');
    expect(codeOf(() => hours({ fri: ['10:00-10:00'] }))).toBe('ECN_ERR_HOURS_PAST_MIDNIGHT');
    expect(codeOf(() => hours({ tue: ['09:00-12:30', '12:00-18:00'] }))).toBe('ECN_ERR_HOURS_OVERLAP');
    expect(codeOf(() => hours({ tue: ['09:00-12:00', '12:00-18:00'] }))).toBe('no error');
    expect(codeOf(() => parseClosure('2026-02-30'))).toBe('ECN_ERR_CLOSURE_MALFORMED');
    expect(codeOf(() => parseClosure('24/12/2026'))).toBe('ECN_ERR_CLOSURE_MALFORMED');
    expect(codeOf(() => parseClosure('2026-12-01..2026-12-02..2026-12-03'))).toBe(
      'ECN_ERR_CLOSURE_MALFORMED',
    );
    expect(codeOf(() => parseClosure('2027-01-01..2026-12-25'))).toBe('ECN_ERR_CLOSURE_BACKWARDS');
  });

  it('refuses a new closure that covers today in the space, not one that starts tomorrow', () => {
    // 23:30 in Paris on 24 December is 22:30 UTC: still the 24th there.
    const now = at('2026-12-24T22:30:00Z');
    expect(
      codeOf(() => refuseClosureCoveringToday([parseClosure('2026-12-20..2026-12-24')], now, PARIS)),
    ).toBe('ECN_ERR_CLOSURE_TODAY');
    expect(codeOf(() => refuseClosureCoveringToday([parseClosure('2026-12-25')], now, PARIS))).toBe(
      'no error',
    );
  });
});

describe('opening hours: asking about an instant', () => {
  const h = hours(WEEKDAYS_ONLY, ['2026-12-24', '2026-12-25..2027-01-01']);

  it('is open inside a range and closed outside, with the next opening and the closing time', () => {
    const clock = new FakeClock(at('2026-11-30T08:30:00Z')); // Monday 09:30 in Paris
    expect(isOpen(h, clock.now())).toBe(true);
    expect(iso(closingAt(h, clock.now()))).toBe('2026-11-30T11:00:00.000Z');
    expect(nextOpening(h, clock.now())).toBe(clock.now());
    clock.advance(2.5 * HOUR); // 12:00: lunch break
    expect(isOpen(h, clock.now())).toBe(false);
    expect(closingAt(h, clock.now())).toBeNull();
    expect(iso(nextOpening(h, clock.now()))).toBe('2026-11-30T13:00:00.000Z');
    clock.advance(7 * HOUR); // 19:00: the next opening is Tuesday morning
    expect(iso(nextOpening(h, clock.now()))).toBe('2026-12-01T08:00:00.000Z');
  });

  it('opens on Monday after a weekend, and after the closure days of the holidays', () => {
    expect(iso(nextOpening(h, at('2026-12-05T10:00:00Z')))).toBe('2026-12-07T08:00:00.000Z');
    // Wednesday 23 December evening: the 24th and the holidays are closed; Monday 4 January opens.
    expect(isOpen(h, at('2026-12-24T09:00:00Z'))).toBe(false);
    expect(isOpen(h, at('2026-12-28T09:00:00Z'))).toBe(false);
    expect(iso(nextOpening(h, at('2026-12-23T18:00:00Z')))).toBe('2027-01-04T08:00:00.000Z');
  });

  it('treats ranges that touch as one opening, across midnight too', () => {
    const late = hours({ fri: ['18:00-24:00'], sat: ['00:00-02:00', '10:00-12:00'] });
    // Friday 4 December 2026, 23:00 in Paris.
    expect(iso(closingAt(late, at('2026-12-04T22:00:00Z')))).toBe('2026-12-05T01:00:00.000Z');
    const noon = hours({ tue: ['09:00-12:00', '12:00-14:00'] });
    expect(iso(closingAt(noon, at('2026-12-01T09:00:00Z')))).toBe('2026-12-01T13:00:00.000Z');
  });

  it('is always open with no hours at all (the behaviour before opening hours), except closure days', () => {
    expect(isOpen(null, at('2026-12-25T03:00:00Z'))).toBe(true);
    expect(closingAt(null, at('2026-12-25T03:00:00Z'))).toBeNull();
    const onlyClosures = hours({}, ['2026-12-25']);
    expect(isOpen(onlyClosures, at('2026-12-24T03:00:00Z'))).toBe(true);
    expect(isOpen(onlyClosures, at('2026-12-25T03:00:00Z'))).toBe(false);
    expect(iso(nextOpening(onlyClosures, at('2026-12-25T03:00:00Z')))).toBe('2026-12-25T23:00:00.000Z');
    expect(iso(closingAt(onlyClosures, at('2026-12-24T03:00:00Z')))).toBe('2026-12-24T23:00:00.000Z');
  });

  it('is always open when every weekday is empty, and has no next opening when closed for good', () => {
    expect(isOpen(hours({ mon: [] }), at('2026-12-01T02:00:00Z'))).toBe(true);
    expect(
      nextOpening(hours({ mon: ['09:00-10:00'] }, ['2026-01-01..2028-12-31']), at('2026-12-01T09:00:00Z')),
    ).toBeNull();
  });
});

describe('opening hours on the clock-change nights of Europe/Paris', () => {
  // 2027-03-28 and 2027-10-31 are Sundays: 02:00 → 03:00 in spring, 03:00 → 02:00 in autumn.
  const night = hours({ sat: ['20:00-24:00'], sun: ['00:00-04:00', '10:00-12:00'] });

  it('closes at 04:00 local time after a spring night one hour shorter', () => {
    const clock = new FakeClock(at('2027-03-27T22:00:00Z')); // Saturday 23:00 CET
    const closes = closingAt(night, clock.now())!;
    expect(iso(closes)).toBe('2027-03-28T02:00:00.000Z'); // 04:00 CEST
    expect(closes - clock.now()).toBe(4 * HOUR);
    clock.advance(4 * HOUR);
    expect(isOpen(night, clock.now())).toBe(false);
    expect(iso(nextOpening(night, clock.now()))).toBe('2027-03-28T08:00:00.000Z'); // 10:00 CEST
  });

  it('closes at 04:00 local time after an autumn night one hour longer', () => {
    const clock = new FakeClock(at('2027-10-30T21:00:00Z')); // Saturday 23:00 CEST
    const closes = closingAt(night, clock.now())!;
    expect(iso(closes)).toBe('2027-10-31T03:00:00.000Z'); // 04:00 CET
    expect(closes - clock.now()).toBe(6 * HOUR);
    // 02:30 happens twice that night; the space is open both times.
    expect(isOpen(night, at('2027-10-31T00:30:00Z'))).toBe(true);
    expect(isOpen(night, at('2027-10-31T01:30:00Z'))).toBe(true);
    expect(iso(nextOpening(night, closes))).toBe('2027-10-31T09:00:00.000Z'); // 10:00 CET
  });

  it('opens at 03:30 summer time when the opening falls in the skipped hour', () => {
    const skipped = hours({ sun: ['02:30-06:00'] });
    expect(iso(nextOpening(skipped, at('2027-03-27T12:00:00Z')))).toBe('2027-03-28T01:30:00.000Z');
    expect(isOpen(skipped, at('2027-03-28T01:15:00Z'))).toBe(true); // 03:15 CEST
  });
});
