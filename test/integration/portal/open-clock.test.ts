// Issue #15, item 1 through the portal (supertest, embedded store, fake clock, the no-op
// gateway): a « 2 h » ticket whose clock runs only while the space is open, first used at 17:00
// with closing at 18:00, is cut at closing and has one hour at the next opening, 9:00 on Monday:
// on the status page and in the gateway's grant.

import request from 'supertest';
import { ticketState } from '../../../src/domain/ticket';
import { formatTime } from '../../../src/portal/i18n';
import { expireSessions } from '../../../src/services/expire-sessions';
import { normalizeCode } from '../../../src/domain/ticket-code';
import { portalFixture, type PortalFixture } from '../../helpers/portal';
import { fixedProfiles, profile } from '../../helpers/fakes';
import { msgHtml as msg } from '../../helpers/messages';

type Agent = ReturnType<typeof request.agent>;

const PARIS = 'Europe/Paris';
const WEEKDAYS_9_18 = Object.fromEntries(
  ['MON', 'TUE', 'WED', 'THU', 'FRI'].map((d) => [`ECN_SPACE_OPENING_HOURS_${d}`, '["09:00-18:00"]']),
);
/** Friday 4 December 2026 in Paris (UTC+1): 17:00, closing 18:00; Monday 7, 9:00. */
const FRI_17 = Date.parse('2026-12-04T16:00:00Z');
const FRI_18 = Date.parse('2026-12-04T17:00:00Z');
const MON_9 = Date.parse('2026-12-07T08:00:00Z');
const HOUR = 3600_000;

let f: PortalFixture;

/** The portal's fixture with one more profile, « 2 h » whose clock runs only while the space is open. */
async function fixture(env: Record<string, string> = {}): Promise<PortalFixture> {
  const made = await portalFixture(env);
  const clockWhileOpen = profile({ name: 'open-2h', label: '2 h', isDefault: false, durationSeconds: 7200 });
  made.access.profiles = fixedProfiles([
    ...made.access.profiles(),
    { ...clockWhileOpen, clockRunsWhileOpenOnly: true },
  ]);
  return made;
}

afterEach(async () => {
  await f?.close();
});

async function login(agent: Agent, code: string): Promise<number> {
  const page = await agent.get('/');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error('no CSRF field on /');
  return (await agent.post('/login').type('form').send({ _csrf: token, charter: 'yes', code })).status;
}

it('keeps the hour left at closing for the next opening: status page and gateway grant', async () => {
  f = await fixture(WEEKDAYS_9_18);
  f.access.clock.t = FRI_17;
  const [code] = await f.tickets(1, 'open-2h');
  const agent = request.agent(f.app);
  expect(await login(agent, code!)).toBe(303);
  expect([...f.gateway.authorized.values()][0]!.secondsLeft).toBe(3600);

  // Closing: the sweeper ends the session as for any ticket; the ticket keeps its hour.
  f.access.clock.t = FRI_18;
  expect(await expireSessions(f.access, new Map())).toEqual({ ended: 1, deauthorized: 1 });
  const waiting = (await f.store.findTicketByCode(normalizeCode(code!)))!;
  expect(waiting.remainingSeconds).toBe(3600);
  expect(ticketState(waiting, FRI_18 + 12 * HOUR)).toBe('active');

  // Monday 9:00: the same ticket, one hour, until 10:00.
  f.access.clock.t = MON_9;
  expect(await login(agent, code!)).toBe(303);
  expect([...f.gateway.authorized.values()][0]!.secondsLeft).toBe(3600);
  const status = await agent.get('/status?lang=fr');
  expect(status.text).toContain(msg('fr', 'status.until', { time: formatTime('fr', MON_9 + HOUR, PARIS) }));
});

it('a space without hours makes the option a no-op: the two hours run on', async () => {
  f = await fixture();
  f.access.clock.t = FRI_17;
  const [code] = await f.tickets(1, 'open-2h');
  const agent = request.agent(f.app);
  expect(await login(agent, code!)).toBe(303);
  expect([...f.gateway.authorized.values()][0]!.secondsLeft).toBe(7200);
  const status = await agent.get('/status?lang=fr');
  expect(status.text).toContain(
    msg('fr', 'status.until', { time: formatTime('fr', FRI_17 + 2 * HOUR, PARIS) }),
  );
});
