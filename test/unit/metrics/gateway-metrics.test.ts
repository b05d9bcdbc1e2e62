// Metrics count what the city needs per space, from domain events, and nothing personal.

import { MemoryStore } from '../../../src/store/memory-store';
import { GatewayMetrics } from '../../../src/metrics/gateway-metrics';
import { observeStore } from '../../../src/store/observed-store';
import { issueTickets } from '../../../src/services/issue-tickets';
import { redeemTicket } from '../../../src/services/redeem-ticket';
import { revokeTicket } from '../../../src/services/revoke-tickets';
import { acceptCharter, acceptCharterByTicket } from '../../../src/services/accept-charter';
import { startSession, endSession } from '../../../src/services/sessions';
import { makeDevice } from '../../../src/domain/device';
import { takeAttempts } from '../../../src/services/guess-limit';
import { makeDeps } from '../../helpers/fakes';

describe('gateway metrics', () => {
  it('counts tickets, refusals, charter acceptances and sessions per space, without personal labels', async () => {
    const store = new MemoryStore('roubaix-demo');
    await store.start();
    const deps = makeDeps(store);
    const metrics = new GatewayMetrics({ spaceId: 'roubaix-epeule', version: '1.2.3', store });
    metrics.subscribe(deps.events);
    const device = makeDevice({ mac: 'aa:bb:cc:dd:ee:01', ip: '10.42.0.77' });

    const { tickets } = await issueTickets(deps, { count: 3, createdBy: 'x' });
    await acceptCharter(deps, { device, charterVersion: '2026-11', lang: 'ar', ticketId: null });
    const printed = await issueTickets(deps, { count: 1, createdBy: 'x', charterVersion: '2026-11' });
    const phone = makeDevice({ mac: 'aa:bb:cc:dd:ee:02' });
    await acceptCharterByTicket(deps, { device: phone, ticket: printed.tickets[0]!, lang: 'fr' });
    await redeemTicket(deps, { code: tickets[0]!.code, device, via: 'portal' });
    await expect(redeemTicket(deps, { code: 'AAAA-BBBB-CCCC', device, via: 'radius' })).rejects.toThrow();
    const s = await startSession(deps, { ticketId: tickets[0]!.id, device, origin: { kind: 'local' } });
    deps.clock.advance(90_000);
    await revokeTicket(deps, tickets[1]!.id, 'x');
    await endSession(deps, s.id, 'logout');

    const text = await metrics.registry.metrics();
    expect(text).toContain('ecn_build_info{version="1.2.3",space_id="roubaix-epeule"} 1');
    expect(text).toContain('ecn_tickets_issued_total{profile="1h",space_id="roubaix-epeule"} 4');
    expect(text).toContain(
      'ecn_tickets_redeemed_total{profile="1h",via="portal",first_use="true",space_id="roubaix-epeule"} 1',
    );
    expect(text).toContain(
      'ecn_tickets_refused_total{reason="ECN_ERR_TICKET_UNKNOWN",via="radius",space_id="roubaix-epeule"} 1',
    );
    expect(text).toContain('ecn_tickets_revoked_total{profile="1h",space_id="roubaix-epeule"} 1');
    expect(text).toContain(
      'ecn_charter_acceptances_total{version="2026-11",lang="ar",via="portal",space_id="roubaix-epeule"} 1',
    );
    expect(text).toContain(
      'ecn_charter_acceptances_total{version="2026-11",lang="fr",via="ticket",space_id="roubaix-epeule"} 1',
    );
    expect(text).toContain('ecn_sessions_started_total{origin="local",space_id="roubaix-epeule"} 1');
    expect(text).toContain('ecn_sessions_ended_total{cause="logout",space_id="roubaix-epeule"} 1');
    expect(text).toContain('ecn_session_seconds_total{origin="local",space_id="roubaix-epeule"} 90');
    expect(text).toContain('ecn_sessions_active{space_id="roubaix-epeule"} 0');
    for (const personal of [tickets[0]!.code, tickets[0]!.id, 'aa:bb:cc:dd:ee:01', '10.42.0.77', s.id]) {
      expect(text).not.toContain(personal);
    }
    await store.stop();
  });

  it('counts guesses refused unchecked by limit, never by who', async () => {
    const store = new MemoryStore('roubaix-demo');
    await store.start();
    const deps = makeDeps(store);
    const metrics = new GatewayMetrics({ spaceId: 'x', version: '0', store });
    metrics.subscribe(deps.events);
    const guard = {
      limit: 'radius_station' as const,
      key: 'radius-tries:station:aa:bb:cc:dd:ee:02',
      policy: { maxTries: 1, waitSeconds: 60, maxWaitSeconds: 60 },
    };
    expect((await takeAttempts(deps, [guard])).allowed).toBe(true);
    expect((await takeAttempts(deps, [guard])).allowed).toBe(false);
    expect((await takeAttempts(deps, [guard])).allowed).toBe(false);
    const text = await metrics.registry.metrics();
    expect(text).toContain('ecn_guesses_refused_total{limit="radius_station",space_id="x"} 2');
    expect(text).not.toContain('aa:bb:cc');
    await store.stop();
  });

  it('shows the NAT port blocks held and free, so a box near refusing logins can be seen', async () => {
    const store = new MemoryStore('roubaix-demo');
    const deps = makeDeps(store);
    const metrics = new GatewayMetrics({ spaceId: 'x', version: '0', store });
    metrics.subscribe(deps.events);
    deps.events.emit('gateway.nat_blocks_counted', { held: 60, capacity: 62 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('ecn_gateway_nat_blocks{state="held",space_id="x"} 60');
    expect(text).toContain('ecn_gateway_nat_blocks{state="free",space_id="x"} 2');
  });

  it('counts store failures by operation', async () => {
    const store = new MemoryStore('roubaix-demo');
    const deps = makeDeps(store);
    const metrics = new GatewayMetrics({ spaceId: 'x', version: '0', store });
    metrics.subscribe(deps.events);
    const observed = observeStore(store, deps.events);
    await expect(observed.ping()).rejects.toMatchObject({ code: 'ECN_ERR_STORE_UNAVAILABLE' });
    expect(await metrics.registry.metrics()).toContain(
      'ecn_store_errors_total{operation="ping",space_id="x"} 1',
    );
  });
});
