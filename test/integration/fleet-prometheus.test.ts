// The city's view end to end: a box's gateway, a Prometheus agent on the box pushing with
// remote_write, and the city's central Prometheus answering queries per space_id.

import { readFileSync } from 'node:fs';
import request from 'supertest';
import path from 'node:path';
import { startService, tempSetup, ecn, ROOT } from '../helpers/processes';
import { startAgent, startCentral, waitForQuery, type RunningPrometheus } from '../helpers/prometheus';
import type { RunningService } from '../helpers/processes';

jest.setTimeout(120_000);

describe('fleet metrics through a Prometheus agent to the city', () => {
  let central: RunningPrometheus;
  let agent: RunningPrometheus;
  let svc: RunningService;

  beforeAll(async () => {
    const { config } = tempSetup();
    svc = await startService(config, { ECN_SPACE_ID: 'roubaix-pile' });
    central = await startCentral();
    agent = await startAgent({
      spaceId: 'roubaix-pile',
      target: new URL(svc.metricsUrl).host,
      centralUrl: central.url,
    });
    const created = await ecn(config, ['tickets', 'create', '--count', '2']);
    code = created.stdout.trim().split('\n')[0]!;
  });
  let code = '';

  afterAll(async () => {
    await agent?.stop();
    await central?.stop();
    svc?.child.kill('SIGTERM');
    await svc?.exited;
  });

  it('lets the city query the box by space_id', async () => {
    const result = await waitForQuery(central.url, 'ecn_build_info{space_id="roubaix-pile"}');
    expect(result[0]!.metric).toMatchObject({ space_id: 'roubaix-pile', job: 'ecn-gateway' });
    const active = await waitForQuery(central.url, 'space:ecn_sessions_active:max{space_id="roubaix-pile"}');
    expect(active[0]!.value[1]).toBe('0');
    // The clock check (issue #16, item 5) reaches the city: the test setup's source says "yes".
    const clock = await waitForQuery(central.url, 'ecn_clock_synchronized{space_id="roubaix-pile"}');
    expect(clock[0]!.value[1]).toBe('1');
  });

  it('counts logins made through the portal, per space, on the city side', async () => {
    const agentHttp = request.agent(svc.url);
    const welcome = await agentHttp.get('/');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(welcome.text)![1]!;
    const wrong = await agentHttp
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, charter: 'yes', code: 'AAAA-BBBB-CCCC' });
    expect(wrong.status).toBe(403);
    const ok = await agentHttp.post('/login').type('form').send({ _csrf: csrf, charter: 'yes', code });
    expect(ok.status).toBe(303);
    const logins = await waitForQuery(
      central.url,
      'sum by (space_id) (ecn_tickets_redeemed_total{space_id="roubaix-pile"}) > 0',
    );
    expect(logins[0]!.metric).toEqual({ space_id: 'roubaix-pile' });
    const refused = await waitForQuery(
      central.url,
      'ecn_tickets_refused_total{space_id="roubaix-pile",reason="ECN_ERR_TICKET_UNKNOWN",via="portal"}',
    );
    expect(Number(refused[0]!.value[1])).toBe(1);
    const sessions = await waitForQuery(
      central.url,
      'space:ecn_sessions_active:max{space_id="roubaix-pile"} > 0',
    );
    expect(Number(sessions[0]!.value[1])).toBe(1);
  });

  it.each(['fleet.json', 'space.json'])('the Grafana dashboard %s only holds valid queries', async (file) => {
    const dashboard = JSON.parse(readFileSync(path.join(ROOT, 'deploy/grafana', file), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    expect(dashboard.panels.length).toBeGreaterThan(5);
    for (const panel of dashboard.panels) {
      for (const t of panel.targets) {
        const q = t.expr.replace(/\$space_id/g, 'roubaix-pile');
        const res = await fetch(`${central.url}/api/v1/query?query=${encodeURIComponent(q)}`);
        const body = (await res.json()) as { status: string; error?: string };
        expect({ panel: panel.title, status: body.status, error: body.error }).toEqual({
          panel: panel.title,
          status: 'success',
          error: undefined,
        });
      }
    }
  });
});
