// The city's two ways in (issue #13, item 7): one box pushes through its Prometheus agent, the
// other is scraped by the city's own jobs (city.yml, file-based discovery, the box's
// metrics.token). Both boxes live the same day; the city must hold the same series with the
// same labels for both, and every recording rule and dashboard query must answer for both.

import dgram from 'node:dgram';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import YAML from 'yaml';
import { query, startDnsmasq, startEcnDns, type RunningProcess } from '../helpers/dns';
import { ecn, ROOT, startService, type RunningService } from '../helpers/processes';
import { startAgent, startCentral, waitForQuery, type RunningPrometheus } from '../helpers/prometheus';
import { startRedis, type RunningRedis } from '../helpers/redis-server';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(180_000);

const PUSHED = 'roubaix-pile';
const SCRAPED = 'roubaix-alma';
const RENAMED = 'roubaix-autre';
const TOKEN = 'scrape-token-for-the-test-0123456789';

interface Box {
  spaceId: string;
  config: string;
  svc: RunningService;
  dns: RunningProcess;
}

let tmp: string;
let redis: RunningRedis;
let upstream: RunningProcess;
const boxes: Box[] = [];
let central: RunningPrometheus;
let agent: RunningPrometheus;

const hostOf = (url: string): string => new URL(url).host;

async function startBox(spaceId: string): Promise<Box> {
  const dir = path.join(tmp, spaceId);
  mkdirSync(dir);
  const config = path.join(dir, 'config.yaml');
  writeFileSync(
    config,
    YAML.stringify({
      space: { id: spaceId, name: `Espace ${spaceId}` },
      dataDir: path.join(dir, 'data'),
      log: { level: 'info' },
      portal: { listen: '127.0.0.1:0' },
      console: { listen: '127.0.0.1:0' },
      metrics: { listen: '127.0.0.1:0', token: TOKEN },
      store: { kind: 'redis', redisUrl: redis.url },
      // No access point is declared: every RADIUS datagram is dropped (and counted).
      radius: { enabled: true, authListen: '127.0.0.1:0', acctListen: '127.0.0.1:0' },
      filter: {
        listen: '127.0.0.1:0',
        upstream: `127.0.0.1:${upstream.port}`,
        block: ['blocked-by-space.example'],
        categories: [],
        sources: [],
      },
    }),
  );
  const svc = await startService(config);
  const dns = await startEcnDns(config);
  return { spaceId, config, svc, dns };
}

/** The same day in each space: tickets, a refusal, a login, a logout, a block, a bad packet. */
async function liveADay(box: Box): Promise<void> {
  const created = await ecn(box.config, ['tickets', 'create', '--count', '2']);
  expect(created.status).toBe(0);
  const code = created.stdout.trim().split('\n')[0]!;
  const resident = request.agent(box.svc.url);
  const welcome = await resident.get('/');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(welcome.text)![1]!;
  const wrong = await resident
    .post('/login')
    .type('form')
    .send({ _csrf: csrf, charter: 'yes', code: 'AAAA-BBBB-CCCC' });
  expect(wrong.status).toBe(403);
  expect(
    (await resident.post('/login').type('form').send({ _csrf: csrf, charter: 'yes', code })).status,
  ).toBe(303);
  expect((await resident.post('/logout').type('form').send({ _csrf: csrf })).status).toBe(303);
  await query(box.dns.port, 'blocked-by-space.example');
  const authPort = Number(/"radiusAuthPort":(\d+)/.exec(box.svc.logs())![1]);
  const sock = dgram.createSocket('udp4');
  await new Promise<void>((resolve, reject) =>
    sock.send(Buffer.alloc(20, 1), authPort, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
  );
  sock.close();
}

/** Each query of a dashboard, narrowed to one space (fleet panels aggregate across spaces). */
function dashboardQueries(spaceId: string): { panel: string; expr: string }[] {
  const out: { panel: string; expr: string }[] = [];
  for (const file of ['fleet.json', 'space.json']) {
    const dashboard = JSON.parse(readFileSync(path.join(ROOT, 'deploy/grafana', file), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    for (const panel of dashboard.panels)
      for (const t of panel.targets) {
        const expr = t.expr
          .replace(/\$space_id/g, spaceId)
          .replace(
            /\b((?:ecn_|space:)[a-zA-Z0-9_:]+)(?:\{([^}]*)\})?/g,
            (_m, name: string, inner?: string) =>
              inner?.includes('space_id=')
                ? `${name}{${inner}}`
                : `${name}{space_id="${spaceId}"${inner ? `,${inner}` : ''}}`,
          );
        out.push({ panel: `${file}: ${panel.title}`, expr });
      }
  }
  return out;
}

type Series = Record<string, string>;

async function seriesOf(spaceId: string): Promise<string[]> {
  const res = await fetch(
    `${central.url}/api/v1/series?match[]=${encodeURIComponent(`{space_id="${spaceId}"}`)}`,
  );
  const body = (await res.json()) as { data: Series[] };
  return (
    body.data
      // Which GC kinds ran is up to V8, and which kinds of libuv request or handle were open at
      // the instant of a scrape (a file read, a timer) is up to the moment: those label sets differ
      // between two healthy boxes. Their totals (…_total, no type label) are still compared.
      .filter((s) => !/gc_duration_seconds/.test(s.__name__!))
      .filter((s) => !(/_nodejs_active_(requests|resources|handles)$/.test(s.__name__!) && s.type))
      .map((s) =>
        JSON.stringify(
          Object.entries(s)
            .map(([k, v]) => [k, v === spaceId ? '<space>' : v])
            .sort(),
        ),
      )
      .sort()
  );
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ecn-fleet-scrape-'));
  redis = await startRedis();
  upstream = await startDnsmasq({ 'visited-site.example': '192.0.2.99' });
  boxes.push(await startBox(PUSHED), await startBox(SCRAPED));
  const [pushed, scraped] = boxes as [Box, Box];
  central = await startCentral({
    token: TOKEN,
    scraped: [
      {
        spaceId: SCRAPED,
        target: hostOf(scraped.svc.metricsUrl),
        dnsAddress: hostOf(scraped.dns.metricsUrl!),
      },
      // Two mistakes in the city's files: a space_id that is no space id (skipped), and the
      // same box under another space's name (the city's file wins over the box's own label).
      { spaceId: 'Roubaix Alma', target: hostOf(scraped.svc.metricsUrl) },
      {
        spaceId: RENAMED,
        target: hostOf(scraped.svc.metricsUrl),
        dnsAddress: hostOf(scraped.dns.metricsUrl!),
      },
    ],
  });
  agent = await startAgent({
    spaceId: PUSHED,
    target: hostOf(pushed.svc.metricsUrl),
    dnsTarget: hostOf(pushed.dns.metricsUrl!),
    token: TOKEN,
    centralUrl: central.url,
  });
  for (const box of boxes) await liveADay(box);
  // The ticket pool goes away: each box's next login fails in its store, and counts it.
  await redis.stop();
  for (const box of boxes) {
    const resident = request.agent(box.svc.url);
    const welcome = await resident.get('/');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(welcome.text)?.[1] ?? '';
    await resident.post('/login').type('form').send({ _csrf: csrf, charter: 'yes', code: 'DDDD-EEEE-FFFF' });
  }
});

afterAll(async () => {
  await agent?.stop();
  await central?.stop();
  for (const box of boxes) {
    await box.dns.stop();
    box.svc.child.kill('SIGTERM');
    await box.svc.exited;
  }
  await upstream?.stop();
  await redis?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('a box the city scrapes and a box that pushes', () => {
  it('the scraped box refuses /metrics without its token, and the city scrapes it with the token', async () => {
    const [, scraped] = boxes as [Box, Box];
    expect((await fetch(`${scraped.svc.metricsUrl}/metrics`)).status).toBe(401);
    expect((await fetch(scraped.dns.metricsUrl!)).status).toBe(401);
    // Both jobs read the same target file: the gateway and the DNS process, each with the token.
    await waitForQuery(central.url, `count(up{space_id="${SCRAPED}"} == 1) == 2`);
    const up = await waitForQuery(central.url, `up{space_id="${SCRAPED}"}`);
    expect(up.map((r) => r.metric).sort((a, b) => a.job!.localeCompare(b.job!))).toEqual([
      { __name__: 'up', job: 'ecn-dns', instance: SCRAPED, space_id: SCRAPED },
      { __name__: 'up', job: 'ecn-gateway', instance: SCRAPED, space_id: SCRAPED },
    ]);
  });

  it('holds the same series, with the same labels, for both ways', async () => {
    // Both boxes had the same day; wait until the city has seen all of it from both.
    await waitForQuery(central.url, `ecn_store_errors_total{space_id="${PUSHED}"}`);
    await waitForQuery(central.url, `ecn_store_errors_total{space_id="${SCRAPED}"}`);
    let pushed: string[] = [];
    let scraped: string[] = [];
    // Waits for the two to agree; when they never do, the assertion below shows the difference.
    await waitFor(
      async () => {
        [pushed, scraped] = [await seriesOf(PUSHED), await seriesOf(SCRAPED)];
        return pushed.join('\n') === scraped.join('\n');
      },
      { what: 'the same series both ways', timeout: 30_000, interval: 500 },
    ).catch(() => undefined);
    expect(pushed.length).toBeGreaterThan(50);
    expect({
      onlyPushed: pushed.filter((s) => !scraped.includes(s)),
      onlyScraped: scraped.filter((s) => !pushed.includes(s)),
    }).toEqual({ onlyPushed: [], onlyScraped: [] });
    const build = await waitForQuery(central.url, `ecn_build_info{space_id=~"${PUSHED}|${SCRAPED}"}`);
    expect(build.map((r) => r.metric.instance).sort()).toEqual([SCRAPED, PUSHED]);
    expect(build.map((r) => r.metric.exported_space_id)).toEqual([undefined, undefined]);
  });

  it("names a scraped box by the city's target file, and skips a target without a valid space_id", async () => {
    const renamed = await waitForQuery(central.url, `ecn_build_info{space_id="${RENAMED}"}`);
    expect(renamed.map((r) => r.metric)).toEqual([
      expect.objectContaining({ job: 'ecn-gateway', instance: RENAMED, space_id: RENAMED }),
    ]);
    expect(renamed[0]!.metric).not.toHaveProperty('exported_space_id');
    const res = await fetch(`${central.url}/api/v1/targets`);
    const targets = (await res.json()) as {
      data: {
        activeTargets: { labels: Record<string, string> }[];
        droppedTargets: { discoveredLabels: Record<string, string> }[];
      };
    };
    expect(targets.data.activeTargets.map((t) => `${t.labels.job} ${t.labels.space_id}`).sort()).toEqual([
      `ecn-dns ${SCRAPED}`,
      `ecn-dns ${RENAMED}`,
      `ecn-gateway ${SCRAPED}`,
      `ecn-gateway ${RENAMED}`,
    ]);
    expect(targets.data.droppedTargets.map((t) => t.discoveredLabels.space_id)).toEqual([
      'Roubaix Alma',
      'Roubaix Alma',
    ]);
    const stray = await fetch(
      `${central.url}/api/v1/series?match[]=${encodeURIComponent('{space_id="Roubaix Alma"}')}`,
    );
    expect(((await stray.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it('records every per-space rule for both spaces', async () => {
    const rules = YAML.parse(
      readFileSync(path.join(ROOT, 'deploy/prometheus/rules/recording.yml'), 'utf8'),
    ) as { groups: { rules: { record: string }[] }[] };
    const records = rules.groups.flatMap((g) => g.rules.map((r) => r.record));
    expect(records.length).toBeGreaterThan(5);
    for (const record of records)
      for (const spaceId of [PUSHED, SCRAPED]) {
        const result = await waitForQuery(central.url, `${record}{space_id="${spaceId}"}`, 30_000).catch(
          () => [],
        );
        expect({ record, spaceId, answered: result.length > 0 }).toEqual({ record, spaceId, answered: true });
      }
  });

  it('answers every dashboard query for both spaces, with the same label sets', async () => {
    const pushed = dashboardQueries(PUSHED);
    const scraped = dashboardQueries(SCRAPED);
    expect(pushed.length).toBeGreaterThan(20);
    for (let i = 0; i < pushed.length; i++) {
      const shapes: string[][] = [];
      for (const { expr } of [pushed[i]!, scraped[i]!]) {
        const spaceId = expr === pushed[i]!.expr ? PUSHED : SCRAPED;
        const result = await waitForQuery(central.url, expr, 30_000).catch(() => []);
        shapes.push(
          result
            .map((r) =>
              JSON.stringify(
                Object.entries(r.metric)
                  .map(([k, v]) => [k, v === spaceId ? '<space>' : v])
                  .sort(),
              ),
            )
            .sort(),
        );
      }
      expect({
        panel: pushed[i]!.panel,
        pushed: shapes[0]!.length > 0,
        same: shapes[0]!.join() === shapes[1]!.join(),
      }).toEqual({
        panel: pushed[i]!.panel,
        pushed: true,
        same: true,
      });
    }
  });
});
