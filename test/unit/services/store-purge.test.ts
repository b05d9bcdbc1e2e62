// The store purge as the service runs it (issue 13, item 5): a named component that purges at
// start and then on its interval, counts what it removed in `ecn_store_purged_total` and logs
// the counts, never a ticket code.

import { Writable } from 'node:stream';
import { MemoryStore } from '../../../src/store/memory-store';
import { GatewayMetrics } from '../../../src/metrics/gateway-metrics';
import { StorePurge } from '../../../src/services/purge-store';
import { issueTickets } from '../../../src/services/issue-tickets';
import { redeemTicket } from '../../../src/services/redeem-ticket';
import { endSession, startSession } from '../../../src/services/sessions';
import { makeDevice } from '../../../src/domain/device';
import type { PurgeCounts } from '../../../src/domain/retention';
import { createLogger } from '../../../src/log';
import { makeDeps, HOUR } from '../../helpers/fakes';
import { waitFor } from '../../helpers/wait-for';

const DAY = 24 * HOUR;

async function until(check: () => boolean): Promise<void> {
  await waitFor(check, { what: 'the purge', timeout: 5000, interval: 10 }).catch(() => undefined);
  expect(check()).toBe(true);
}

describe('store purge component', () => {
  it('purges at start and on its interval, counts in the metric, logs counts only', async () => {
    const store = new MemoryStore('roubaix-demo');
    await store.start();
    const deps = makeDeps(store);
    const metrics = new GatewayMetrics({ spaceId: 'roubaix-test', version: '0', store });
    metrics.subscribe(deps.events);
    const device = makeDevice({ mac: 'aa:00:00:00:00:01' });
    const seed = async () => {
      const t = (await issueTickets(deps, { profile: '1h', count: 1, createdBy: 'x' })).tickets[0]!;
      await redeemTicket(deps, { code: t.code, device, via: 'portal' });
      const s = await startSession(deps, { ticketId: t.id, device, origin: { kind: 'local' } });
      await endSession(deps, s.id, 'logout');
      return t.code;
    };
    const codes = [await seed()];
    deps.clock.advance(400 * DAY);

    let log = '';
    const logger = createLogger('info', new Writable({ write: (c, _e, cb) => ((log += c), cb()) }));
    const runs: PurgeCounts[] = [];
    deps.events.on('store.purged', (c) => runs.push(c));
    const job = new StorePurge(
      deps,
      { sessionsDays: 31, acceptancesDays: 365, ticketsDays: 365 },
      logger,
      50,
    );
    expect(job.name).toBe('store-purge');
    await job.start();
    await until(() => runs.length >= 1);
    expect(runs[0]).toEqual({ sessions: 1, deviceBindings: 1, acceptances: 0, tickets: 1 });

    codes.push(await seed());
    deps.clock.advance(400 * DAY);
    await until(() => runs.some((r) => r.tickets === 1 && r !== runs[0]));
    await job.stop();

    const text = await metrics.registry.metrics();
    expect(text).toMatch(/ecn_store_purged_total\{kind="sessions",space_id="roubaix-test"\} 2/);
    expect(text).toMatch(/ecn_store_purged_total\{kind="device_bindings",space_id="roubaix-test"\} 2/);
    expect(text).toMatch(/ecn_store_purged_total\{kind="tickets",space_id="roubaix-test"\} 2/);
    expect(text).toMatch(/ecn_store_purged_total\{kind="acceptances",space_id="roubaix-test"\} 0/);
    expect(log).toMatch(/"sessions":1,"deviceBindings":1,"acceptances":0,"tickets":1.*store purged/);
    for (const code of codes) expect(log).not.toContain(code);
    await store.stop();
  });
});
