// Issue #16, item 3: the daily purges run in the service by themselves, with the console turned
// off and no request of any kind. A data folder holding what is past its retention (an old ended
// session and its ticket, old journal records, an old audit entry, an expired console session,
// an expired guessing counter) is emptied of it once the service has started.

import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/load';
import { createJournal, embeddedStoreFile } from '../../src/compose';
import { EventBus } from '../../src/domain/events';
import { makeDevice } from '../../src/domain/device';
import { recordSessionsInJournal } from '../../src/journal/journal-recorder';
import { issueTickets } from '../../src/services/issue-tickets';
import { redeemTicket } from '../../src/services/redeem-ticket';
import { endSession, startSession } from '../../src/services/sessions';
import { SqliteStore } from '../../src/store/sqlite-store';
import { eventually } from '../helpers/eventually';
import { FakeClock, makeDeps } from '../helpers/fakes';
import { ecn, startService, tempSetup } from '../helpers/processes';

jest.setTimeout(120_000);

const DAY = 86_400_000;

it('purges the store, the journal, the audit trail and counters with no console and no request', async () => {
  const setup = tempSetup('journal: { retentionDays: 30 }\n');
  writeFileSync(
    setup.config,
    readFileSync(setup.config, 'utf8').replace(
      'console: { listen: "127.0.0.1:0" }',
      'console: { enabled: false, listen: "127.0.0.1:0" }',
    ),
  );
  const config = loadConfig({ file: setup.config, env: {} });
  const now = Date.now();

  // A session that ended 400 days ago, on a ticket that ended then too, recorded in the journal
  // 400 days ago (the journal's own retention here is 30 days).
  const store = new SqliteStore({ file: embeddedStoreFile(config), spaceId: config.space.id });
  await store.start();
  const clock = new FakeClock(now - 400 * DAY);
  const deps = makeDeps(store, { clock });
  const { journal } = createJournal(config);
  journal.start();
  const bus = new EventBus((_e, err) => {
    throw err;
  });
  const off = recordSessionsInJournal(bus, journal, clock, null);
  deps.events.on('session.started', (p) => bus.emit('session.started', p));
  deps.events.on('session.ended', (p) => bus.emit('session.ended', p));
  const device = makeDevice({ mac: 'aa:00:00:00:00:07', ip: '10.42.0.7' });
  const ticket = (await issueTickets(deps, { profile: '1h', count: 1, createdBy: 'x' })).tickets[0]!;
  await redeemTicket(deps, { code: ticket.code, device, via: 'portal' });
  const session = await startSession(deps, { ticketId: ticket.id, device, origin: { kind: 'local' } });
  clock.advance(1800_000);
  await endSession(deps, session.id, 'logout');
  off();
  expect(journal.verify()).toMatchObject({ ok: true, entries: 2 });
  journal.stop();

  await store.appendAudit({
    id: 'old-audit',
    at: now - 400 * DAY,
    actor: 'marie',
    action: 'login',
    target: null,
    details: {},
  });
  await store.createConsoleSession({
    id: 'old-console-session',
    username: 'marie',
    epoch: 0,
    csrf: 'x',
    createdAt: now - 2 * DAY,
    lastSeenAt: now - 2 * DAY,
    expiresAt: now - DAY,
    version: 0,
  });
  await store.updateCounter('login:10.42.0.7', () => ({
    key: 'login:10.42.0.7',
    count: 3,
    firstAt: now - 3 * DAY,
    until: null,
    expiresAt: now - DAY,
    version: 0,
  }));
  await store.stop();

  const svc = await startService(setup.config);
  try {
    expect(svc.consoleUrl).toBe('');
    const check = new SqliteStore({ file: embeddedStoreFile(config), spaceId: config.space.id });
    await check.start();
    try {
      await eventually('the store purged', async () => (await check.getTicket(ticket.id)) === null);
      expect(await check.getSession(session.id)).toBeNull();
      await eventually('the audit trail purged', async () =>
        (await check.listAudit({ limit: 10 })).every((e) => e.id !== 'old-audit'),
      );
      await eventually(
        'console sessions purged',
        async () => (await check.getConsoleSession('old-console-session')) === null,
      );
      // The session sweep (every `portal.sweepInterval`, 30 s) drops expired counters.
      await eventually(
        'counters purged',
        async () => (await check.getCounter('login:10.42.0.7')) === null,
        60_000,
      );
    } finally {
      await check.stop();
    }
    await eventually('the journal purged', async () => {
      const r = await ecn(setup.config, ['journal', 'verify']);
      return r.status === 0 && /Journal intact: 0 entries/.test(r.stdout);
    });
  } finally {
    svc.child.kill('SIGTERM');
    await svc.exited;
  }
  expect(svc.logs()).toMatch(/"tickets":1.*store purged past its retention/);
  expect(svc.logs()).toMatch(/"entries":2.*journal purged/);
});
