// The retention purge as real processes run it (issue 13, item 5): the service at start, and
// `ecn store purge` as a systemd timer or an operator runs it. On a store holding a ticket that
// ended two years ago and one printed today, the old one goes with its session, device binding
// and charter acceptance, the new one stays, and only counts are told.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite-store';
import { issueTickets } from '../../src/services/issue-tickets';
import { redeemTicket } from '../../src/services/redeem-ticket';
import { acceptCharter } from '../../src/services/accept-charter';
import { endSession, startSession } from '../../src/services/sessions';
import { makeDevice } from '../../src/domain/device';
import { FakeClock, makeDeps, HOUR } from '../helpers/fakes';
import { ecn, startService, tempSetup } from '../helpers/processes';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(60_000);

const DAY = 24 * HOUR;

const device = makeDevice({ mac: 'aa:00:00:00:00:01', ip: '10.42.0.11' });

/** A ticket used two years ago (session, binding, acceptance) and one printed today. */
async function seed(file: string): Promise<{ old: { id: string; code: string }; fresh: { id: string } }> {
  const store = new SqliteStore({ file, spaceId: 'roubaix-test' });
  await store.start();
  try {
    const past = makeDeps(store, { clock: new FakeClock(Date.now() - 2 * 365 * DAY) });
    const old = (await issueTickets(past, { profile: '1h', count: 1, createdBy: 'x' })).tickets[0]!;
    await redeemTicket(past, { code: old.code, device, via: 'portal' });
    await acceptCharter(past, { device, charterVersion: '2026-11', lang: 'fr', ticketId: old.id });
    const s = await startSession(past, { ticketId: old.id, device, origin: { kind: 'local' } });
    past.clock.advance(HOUR);
    await endSession(past, s.id, 'expired');
    const today = makeDeps(store, { clock: new FakeClock(Date.now()) });
    const fresh = (await issueTickets(today, { profile: '1h', count: 1, createdBy: 'x' })).tickets[0]!;
    return { old, fresh };
  } finally {
    await store.stop();
  }
}

describe('the service', () => {
  it('purges at start, counts it in its metrics and logs counts, never a code', async () => {
    const { config, dir } = tempSetup();
    const { old } = await seed(path.join(dir, 'data', 'ecn.db'));
    const svc = await startService(config);
    try {
      const metrics = await waitFor(
        async () => {
          const text = await (await fetch(`${svc.metricsUrl}/metrics`)).text();
          return /ecn_store_purged_total\{kind="tickets"[^}]*\} 1/.test(text) && text;
        },
        { what: 'the purge counted in the metrics', timeout: 10_000 },
      );
      expect(metrics).toMatch(/ecn_store_purged_total\{kind="tickets"[^}]*\} 1/);
      expect(metrics).toMatch(/ecn_store_purged_total\{kind="sessions"[^}]*\} 1/);
      expect(svc.logs()).toMatch(/"tickets":1.*"msg":"store purged past its retention"/);
      expect(svc.logs()).not.toContain(old.code);
    } finally {
      svc.child.kill('SIGTERM');
      await svc.exited;
    }
  });
});

describe('ecn store purge', () => {
  const { config, dir } = tempSetup();
  const file = path.join(dir, 'data', 'ecn.db');
  let old: { id: string; code: string };
  let fresh: { id: string };

  beforeAll(async () => {
    ({ old, fresh } = await seed(file));
  });
  it('deletes what is past its retention, keeps the rest, and says how many of each', async () => {
    const r = await ecn(config, ['store', 'purge']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      'Purged 1 session(s), the devices of 1 ticket(s), 1 charter acceptance(s) and 1 ticket(s).\n',
    );
    // Counts only: never a code on the terminal or in a log a timer keeps.
    expect(r.stdout).not.toContain(old.code);
    const store = new SqliteStore({ file, spaceId: 'roubaix-test' });
    await store.start();
    try {
      expect(await store.getTicket(old.id)).toBeNull();
      expect(await store.findTicketByCode(old.code)).toBeNull();
      expect(await store.latestAcceptance('mac:aa:00:00:00:00:01')).toBeNull();
      expect(await store.listSessionsByTicket(old.id)).toEqual([]);
      expect(await store.listTicketsByDevice('mac:aa:00:00:00:00:01', 0, 10)).toEqual([]);
      expect((await store.listTickets({})).map((t) => t.id)).toEqual([fresh.id]);
    } finally {
      await store.stop();
    }
    const again = await ecn(config, ['store', 'purge']);
    expect(again.stdout).toMatch(
      /^Purged 0 session\(s\), the devices of 0 ticket\(s\), 0 charter acceptance\(s\) and 0 ticket\(s\)/,
    );
  });

  it('refuses a configuration that would keep tickets less than the law’s year, before opening the store', async () => {
    const short = tempSetup('retention: { ticketsDays: 30 }\n');
    const r = await ecn(short.config, ['store', 'purge']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/retention\.ticketsDays.*at least 365 days/);
    expect(r.stderr).toContain('ECN_ERR_CONFIG_INVALID');
    expect(existsSync(path.join(short.dir, 'data', 'ecn.db'))).toBe(false);
  });
});
