// The city's view end to end: a box's gateway, a Prometheus agent on the box pushing with
// remote_write, and the city's central Prometheus answering queries per space_id; two boxes on
// one ticket pool whose figures add up.

import { readFileSync } from 'node:fs';
import request from 'supertest';
import path from 'node:path';
import { startService, tempSetup, ecn, ROOT } from '../helpers/processes';
import { startAgent, startCentral, waitForQuery, type RunningPrometheus } from '../helpers/prometheus';
import type { RunningService } from '../helpers/processes';
import { startRedis, type RunningRedis } from '../helpers/redis-server';

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

// Issue #13, item 3: two boxes on one ticket pool. Each box's gauges count its own space only,
// so what the city sums over the fleet is the city's true figure, whatever the pool shares.
describe('two boxes on one ticket pool, summed by the city', () => {
  let redis: RunningRedis;
  let central: RunningPrometheus;
  const agents: RunningPrometheus[] = [];
  const boxes: { spaceId: string; config: string; svc: RunningService }[] = [];

  async function box(spaceId: string) {
    const { config } = tempSetup(`store: { kind: redis, redisUrl: ${JSON.stringify(redis.url)} }\n`);
    const svc = await startService(config, { ECN_SPACE_ID: spaceId });
    return { spaceId, config, svc };
  }

  async function loginWith(url: string, code: string): Promise<number> {
    const resident = request.agent(url);
    // The ticket page has the form even for a device already connected (B's second login).
    const welcome = await resident.get(`/t/${code}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(welcome.text)![1]!;
    return (await resident.post('/login').type('form').send({ _csrf: csrf, charter: 'yes', code })).status;
  }

  beforeAll(async () => {
    redis = await startRedis();
    boxes.push(await box('roubaix-a'), await box('roubaix-b'));
    central = await startCentral();
    for (const b of boxes) {
      agents.push(
        await startAgent({
          spaceId: b.spaceId,
          target: new URL(b.svc.metricsUrl).host,
          centralUrl: central.url,
        }),
      );
    }
  });

  afterAll(async () => {
    for (const a of agents) await a.stop();
    await central?.stop();
    for (const b of boxes) {
      b.svc.child.kill('SIGTERM');
      await b.svc.exited;
    }
    await redis?.stop();
  });

  it('sums ecn_sessions_active over the fleet to the city total: one session in A, two in B', async () => {
    const [a, b] = boxes as [(typeof boxes)[0], (typeof boxes)[0]];
    const created = await ecn(a.config, ['tickets', 'create', '--count', '2']);
    expect(created.status).toBe(0);
    const [first, second] = created.stdout.trim().split('\n') as [string, string];
    // The same resident: a session in A, then in B with the same ticket (B's own), and another ticket in B.
    expect(await loginWith(a.svc.url, first)).toBe(303);
    expect(await loginWith(b.svc.url, first)).toBe(303);
    expect(await loginWith(b.svc.url, second)).toBe(303);
    const perSpace = async (spaceId: string, n: number) =>
      Number(
        (await waitForQuery(central.url, `ecn_sessions_active{space_id="${spaceId}"} == ${n}`))[0]!.value[1],
      );
    expect(await perSpace('roubaix-a', 1)).toBe(1);
    expect(await perSpace('roubaix-b', 2)).toBe(2);
    // The fleet dashboard's "connected now" panel: the sum of each space's figure.
    const total = await waitForQuery(
      central.url,
      'sum(space:ecn_sessions_active:max{space_id=~"roubaix-a|roubaix-b"}) == 3',
    );
    expect(total[0]!.value[1]).toBe('3');
    const raw = await waitForQuery(central.url, 'sum(ecn_sessions_active{space_id=~"roubaix-a|roubaix-b"})');
    expect(raw[0]!.value[1]).toBe('3');
  });

  it('refuses to start a second box with a space id already running on the pool', async () => {
    const { config } = tempSetup(`store: { kind: redis, redisUrl: ${JSON.stringify(redis.url)} }\n`);
    const err = await startService(config, { ECN_SPACE_ID: 'roubaix-a' }).then(
      (svc) => {
        svc.child.kill('SIGTERM');
        return null;
      },
      (e: Error) => e,
    );
    expect(err).not.toBeNull();
    expect(err!.message).toMatch(/exited with 1 before starting/);
    expect(err!.message).toContain('ECN_ERR_SPACE_ID_TAKEN');
    expect(err!.message).toContain('space.id \\"roubaix-a\\"');
  });
});
