// The console's actions reach the city's metrics by kind only (sign-ins, failed sign-ins,
// batches issued, printed), never with a username or a ticket.

import { GatewayMetrics } from '../../../src/metrics/gateway-metrics';
import { consoleFixture, csrfOf } from '../../helpers/console';
import request from 'supertest';

it('counts console actions by kind, with no personal label', async () => {
  const f = await consoleFixture();
  try {
    const metrics = new GatewayMetrics({ spaceId: 'roubaix-pile', version: '0.0.0', store: f.store });
    metrics.subscribe(f.access.events);
    const a = await f.signIn('amina', 'animator');
    const anon = request.agent(f.console);
    const page = await anon.get('/login');
    await anon
      .post('/login')
      .type('form')
      .send({ username: 'amina', password: 'wrong wrong wrong', _csrf: csrfOf(page.text) })
      .expect(401);
    const created = await a.agent
      .post('/tickets/batches')
      .type('form')
      .send({ _csrf: a.csrf, profile: '1h', count: '3', note: '', layout: 'a4-12' })
      .expect(303);
    await a.agent.get(`${created.headers.location!.split('?')[0]}/print?layout=a4-12`).expect(200);
    const text = await metrics.registry.metrics();
    expect(text).toContain('ecn_console_actions_total{action="login",space_id="roubaix-pile"} 1');
    expect(text).toContain('ecn_console_actions_total{action="login.failed",space_id="roubaix-pile"} 1');
    expect(text).toContain('ecn_console_actions_total{action="tickets.issued",space_id="roubaix-pile"} 1');
    expect(text).toContain('ecn_console_actions_total{action="tickets.printed",space_id="roubaix-pile"} 1');
    expect(text).not.toContain('amina');
  } finally {
    await f.close();
  }
});
