// Issue #15, item 1 at the access points: while the space is closed an Access-Request is
// refused with a Reply-Message in the resident's language naming the next opening, counted under
// its own reason, and the ticket is not started; an Access-Accept shortly before closing lets the
// device through no longer than closing time. radclient plays the access point.

import { parseOpeningHours } from '../../../src/domain/opening-hours';
import { startHarness, papLines, radclient, type Harness } from './radius-harness';

jest.setTimeout(30_000);

/** Saturday 28 November 2026; the space opens 10:00–12:00 in Paris (UTC+1 in November). */
const SAT_0930_PARIS = Date.parse('2026-11-28T08:30:00Z');
const SAT_1150_PARIS = Date.parse('2026-11-28T10:50:00Z');
const SAT_1130_PARIS = Date.parse('2026-11-28T10:30:00Z');

const hours = parseOpeningHours({ openingHours: { sat: ['10:00-12:00'] }, closures: [] }, 'Europe/Paris');

let h: Harness | undefined;

afterEach(async () => {
  await h?.stop();
  h = undefined;
});

it('refuses a login while the space is closed, names the next opening in French, and leaves the ticket unused', async () => {
  h = await startHarness({}, { openingHours: () => hours });
  h.deps.clock.t = SAT_0930_PARIS;
  const t = await h.ticket();

  const reply = await radclient(h.authPort, 'auth', papLines(t.code));

  expect(reply.code).toBe('Access-Reject');
  expect(reply.attributes['Reply-Message']).toEqual([
    'L’espace est fermé. Prochaine ouverture : samedi 28 novembre à 10:00.',
  ]);
  expect(reply.attributes['Session-Timeout']).toBeUndefined();
  const stored = (await h.deps.store.getTicket(t.id))!;
  expect(stored.firstUsedAt).toBeNull();
  expect(stored.devices).toEqual([]);
  expect(h.events['ticket.redeemed']).toEqual([]);
  expect(h.events['radius.access_rejected']).toEqual([
    { nas: 'ap-test', method: 'pap', reason: 'ECN_ERR_SPACE_CLOSED' },
  ]);
  expect(h.events['ticket.refused']).toEqual([{ code: 'ECN_ERR_SPACE_CLOSED', via: 'radius' }]);

  // At the opening the same ticket is accepted, its clock starting then.
  h.deps.clock.t = SAT_1130_PARIS;
  const accept = await radclient(h.authPort, 'auth', papLines(t.code));
  expect(accept.code).toBe('Access-Accept');
  expect((await h.deps.store.getTicket(t.id))!.firstUsedAt).toBe(SAT_1130_PARIS);
});

it("answers in the access points' configured language (English, Arabic)", async () => {
  h = await startHarness({ replyLanguage: 'en' }, { openingHours: () => hours });
  h.deps.clock.t = SAT_0930_PARIS;
  const t = await h.ticket();
  const reply = await radclient(h.authPort, 'auth', papLines(t.code));
  expect(reply.attributes['Reply-Message']).toEqual([
    'The space is closed. Next opening: Saturday 28 November at 10:00.',
  ]);
  await h.stop();

  h = await startHarness({ replyLanguage: 'ar' }, { openingHours: () => hours });
  h.deps.clock.t = SAT_0930_PARIS;
  const u = await h.ticket();
  const ar = await radclient(h.authPort, 'auth', papLines(u.code));
  expect(ar.code).toBe('Access-Reject');
  expect(ar.attributes['Reply-Message']![0]).toMatch(/^الفضاء مغلق\. الافتتاح القادم: .*10:00/);
});

it('gives a Session-Timeout no longer than the time to closing', async () => {
  h = await startHarness({}, { openingHours: () => hours });
  h.deps.clock.t = SAT_1150_PARIS; // ten minutes before noon
  const t = await h.ticket(); // a « 1 h » ticket
  const accept = await radclient(h.authPort, 'auth', papLines(t.code));
  expect(accept.code).toBe('Access-Accept');
  expect(accept.attributes['Session-Timeout']).toEqual(['600']);
});

it('a space without hours is always open: the full hour is granted', async () => {
  h = await startHarness({}, { openingHours: () => null });
  h.deps.clock.t = SAT_1150_PARIS;
  const t = await h.ticket();
  const accept = await radclient(h.authPort, 'auth', papLines(t.code));
  expect(accept.code).toBe('Access-Accept');
  expect(accept.attributes['Session-Timeout']).toEqual(['3600']);
});
