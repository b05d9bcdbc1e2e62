// Issue #15, item 1 at the access points: a ticket whose profile's clock runs only while the
// space is open keeps at closing what is left, and the next opening's Access-Accept gives it back
// as Session-Timeout, counted from the opening (the October DST night too). radclient plays the
// access point.

import { parseOpeningHours, type OpeningHoursText } from '../../../src/domain/opening-hours';
import { startHarness, papLines, radclient, type Harness } from './radius-harness';

jest.setTimeout(30_000);

const nineToSix = (days: string[]): OpeningHoursText =>
  Object.fromEntries(days.map((d) => [d, ['09:00-18:00']]));
const WEEKDAYS = parseOpeningHours(
  { openingHours: nineToSix(['mon', 'tue', 'wed', 'thu', 'fri']), closures: [] },
  'Europe/Paris',
);
/** Friday 4 December 2026, 17:00 in Paris (UTC+1); the next opening is Monday 7, 9:00. */
const FRI_17 = Date.parse('2026-12-04T16:00:00Z');
const MON_9 = Date.parse('2026-12-07T08:00:00Z');

let h: Harness | undefined;

afterEach(async () => {
  await h?.stop();
  h = undefined;
});

it('gives a « 2 h » ticket first used at 17:00, closing 18:00, one hour at 9:00 on Monday', async () => {
  h = await startHarness({}, { openingHours: () => WEEKDAYS });
  h.deps.clock.t = FRI_17;
  const t = await h.ticket('open-2h');
  const friday = await radclient(h.authPort, 'auth', papLines(t.code));
  expect(friday.code).toBe('Access-Accept');
  expect(friday.attributes['Session-Timeout']).toEqual(['3600']);

  h.deps.clock.t = MON_9;
  const monday = await radclient(h.authPort, 'auth', papLines(t.code));
  expect(monday.code).toBe('Access-Accept');
  expect(monday.attributes['Session-Timeout']).toEqual(['3600']);
  // Counted from the opening, whether the resident came at once or not.
  h.deps.clock.t = MON_9 + 20 * 60_000;
  const later = await radclient(h.authPort, 'auth', papLines(t.code));
  expect(later.attributes['Session-Timeout']).toEqual(['2400']);
  h.deps.clock.t = MON_9 + 60 * 60_000;
  const spent = await radclient(h.authPort, 'auth', papLines(t.code));
  expect(spent.code).toBe('Access-Reject');
  expect(h.events['ticket.refused']).toEqual([{ code: 'ECN_ERR_TICKET_EXPIRED', via: 'radius' }]);
});

it('counts the October DST night in real hours (Europe/Paris)', async () => {
  const weekend = parseOpeningHours(
    { openingHours: nineToSix(['sat', 'sun']), closures: [] },
    'Europe/Paris',
  );
  h = await startHarness({}, { openingHours: () => weekend });
  h.deps.clock.t = Date.parse('2026-10-24T15:00:00Z'); // Saturday 17:00, summer time
  const t = await h.ticket('open-2h');
  expect((await radclient(h.authPort, 'auth', papLines(t.code))).attributes['Session-Timeout']).toEqual([
    '3600',
  ]);
  h.deps.clock.t = Date.parse('2026-10-25T08:00:00Z'); // Sunday 9:00, winter time
  const sunday = await radclient(h.authPort, 'auth', papLines(t.code));
  expect(sunday.code).toBe('Access-Accept');
  expect(sunday.attributes['Session-Timeout']).toEqual(['3600']);
});

it('a space without hours makes the option a no-op: two hours in a row, then nothing', async () => {
  h = await startHarness({}, { openingHours: () => null });
  h.deps.clock.t = FRI_17;
  const t = await h.ticket('open-2h');
  expect((await radclient(h.authPort, 'auth', papLines(t.code))).attributes['Session-Timeout']).toEqual([
    '7200',
  ]);
  h.deps.clock.t = MON_9;
  expect((await radclient(h.authPort, 'auth', papLines(t.code))).code).toBe('Access-Reject');
});
