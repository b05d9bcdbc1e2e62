// The gateway service as a process: start, health, clean stop, refusal of a broken config,
// and durability (nothing acknowledged is lost when the process is killed).

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite-store';
import { ecn, run, startService, tempSetup, ROOT, MAIN, cleanEnv } from '../helpers/processes';
import { startRedis } from '../helpers/redis-server';

jest.setTimeout(60_000);

describe('gateway service', () => {
  it('answers /healthz with its version and store, and stops cleanly on SIGTERM', async () => {
    const { config } = tempSetup();
    const svc = await startService(config);
    const res = await fetch(`${svc.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({ status: 'ok', store: 'embedded', space: 'roubaix-test' });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    svc.child.kill('SIGTERM');
    expect(await svc.exited).toBe(0);
    expect(svc.logs()).toMatch(/"msg":"stopped"/);
  });

  it('refuses to start with a broken configuration, listing every problem', async () => {
    const { config } = tempSetup('store: { kind: floppy }\n');
    const r = await run(process.execPath, [MAIN, '--config', config], {
      env: cleanEnv({ ECN_PORTAL_LISTEN: 'everywhere', ECN_SPACE_ID: 'Mon Espace' }),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/portal\.listen: expected "host:port"/);
    expect(r.stderr).toMatch(/space\.id: a slug/);
    expect(r.stderr).toMatch(/store\.kind/);
  });

  it('refuses to start on a misspelt key instead of listening on the default address', async () => {
    const { dir, config } = tempSetup();
    writeFileSync(
      config,
      [
        `dataDir: ${JSON.stringify(path.join(dir, 'data'))}`,
        'metrics: { listen: "127.0.0.1:0" }',
        'console: { listen: "127.0.0.1:0" }',
        'portal: {lisen: 127.0.0.1:9999}',
        '',
      ].join('\n'),
    );
    const r = await run(process.execPath, [MAIN, '--config', config]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('portal.lisen (line 4): unknown key; did you mean `listen`?');
    expect(r.stdout).not.toMatch(/ECN gateway started/);
  });

  it('exits 1 with a clear log when its port is taken', async () => {
    const { config } = tempSetup();
    const first = await startService(config);
    const port = new URL(first.url).port;
    const r = await run(process.execPath, [MAIN, '--config', config], {
      env: cleanEnv({ ECN_PORTAL_LISTEN: `127.0.0.1:${port}` }),
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/cannot start/);
    expect(r.stdout).toMatch(/EADDRINUSE/);
    first.child.kill('SIGTERM');
    await first.exited;
  });

  it('loses no ticket when killed with SIGKILL right after `ecn tickets create` returns', async () => {
    const { config } = tempSetup();
    const svc = await startService(config);
    const created = await ecn(config, ['tickets', 'create', '--count', '3']);
    svc.child.kill('SIGKILL');
    await svc.exited;
    const codes = created.stdout.trim().split('\n');
    expect(codes).toHaveLength(3);
    const listed = await ecn(config, ['tickets', 'list']);
    for (const c of codes) expect(listed.stdout).toContain(c);
    const again = await startService(config);
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    again.child.kill('SIGTERM');
    await again.exited;
  });

  it('keeps every acknowledged batch when a writer is killed mid-stream', async () => {
    const { dir } = tempSetup();
    const file = path.join(dir, 'crash.db');
    const child = spawn(process.execPath, [path.join(ROOT, 'test/fixtures/crash-writer.js'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let acked = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d) => {
        acked += d;
        if (acked.split('\n').length > 40) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.on('exit', r));
    const ids = acked.split('\n').filter((l) => /^[0-9a-f-]{36}$/.test(l));
    expect(ids.length).toBeGreaterThanOrEqual(40);
    const store = new SqliteStore({ file, spaceId: 'roubaix-test' });
    await store.start();
    for (const id of ids) {
      expect(await store.getBatch(id)).not.toBeNull();
      expect(await store.listTickets({ batchId: id })).toHaveLength(5);
    }
    await store.stop();
  });

  it('gives one success to 5 processes × 10 devices racing for a one-device ticket', async () => {
    const { config, dir } = tempSetup();
    const created = await ecn(config, ['tickets', 'create', '--count', '1']);
    const code = created.stdout.trim();
    const file = path.join(dir, 'data', 'ecn.db');
    const outputs = await Promise.all(
      [0, 1, 2, 3, 4].map((p) =>
        run(process.execPath, [
          path.join(ROOT, 'test/fixtures/race-redeem.js'),
          file,
          code,
          `02:00:00:00:0${p}`,
          '10',
        ]),
      ),
    );
    const results = outputs.flatMap((o) => o.stdout.trim().split('\n'));
    expect(results).toHaveLength(50);
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'ECN_ERR_TICKET_DEVICE_LIMIT')).toHaveLength(49);
  });

  it('runs on Redis and reports degraded on /healthz while Redis is down', async () => {
    const redis = await startRedis();
    const { config } = tempSetup();
    const svc = await startService(config, { ECN_STORE_KIND: 'redis', ECN_STORE_REDIS_URL: redis.url });
    const ok = await fetch(`${svc.url}/healthz`);
    expect(await ok.json()).toMatchObject({ status: 'ok', store: 'redis' });
    await redis.stop();
    const down = await fetch(`${svc.url}/healthz`);
    // Issue #13, item 4: connected residents keep access, so the box is degraded, not down.
    expect(down.status).toBe(200);
    expect(await down.json()).toMatchObject({
      status: 'degraded',
      storeState: 'unavailable',
      error: 'ECN_ERR_STORE_UNAVAILABLE',
    });
    svc.child.kill('SIGTERM');
    expect(await svc.exited).toBe(0);
  });

  it('refuses to start when Redis is unreachable', async () => {
    const { config } = tempSetup();
    const r = await run(process.execPath, [MAIN, '--config', config], {
      env: cleanEnv({ ECN_STORE_KIND: 'redis', ECN_STORE_REDIS_URL: 'redis://127.0.0.1:1/0' }),
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/Cannot reach Redis/);
  });
});
