// Runs Debian's prometheus as the city's central server (remote-write receiver) and as a
// box's agent, on loopback ports, from the configurations shipped in deploy/prometheus.

import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { freePort } from './redis-server';
import { ROOT } from './processes';

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
  logs(): string;
}

async function launch(args: string[], port: number, dir: string): Promise<RunningPrometheus> {
  const child: ChildProcess = spawn(
    'prometheus',
    [...args, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited: ${out}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prometheus not ready: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    logs: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startCentral(): Promise<RunningPrometheus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-prom-city-'));
  mkdirSync(path.join(dir, 'rules'));
  for (const f of ['recording.yml', 'alerts.yml'])
    copyFileSync(path.join(ROOT, 'deploy/prometheus/rules', f), path.join(dir, 'rules', f));
  const config = YAML.parse(readFileSync(path.join(ROOT, 'deploy/prometheus/city.yml'), 'utf8')) as Record<
    string,
    unknown
  >;
  (config.global as Record<string, unknown>).evaluation_interval = '1s';
  writeFileSync(path.join(dir, 'city.yml'), YAML.stringify(config));
  const port = await freePort();
  return launch(
    [
      `--config.file=${path.join(dir, 'city.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      '--web.enable-remote-write-receiver',
    ],
    port,
    dir,
  );
}

/** The shipped agent configuration, pointed at a local gateway and a local central server. */
export async function startAgent(opts: {
  spaceId: string;
  target: string;
  centralUrl: string;
}): Promise<RunningPrometheus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-prom-agent-'));
  const config = YAML.parse(readFileSync(path.join(ROOT, 'deploy/prometheus/agent.yml'), 'utf8')) as {
    global: { scrape_interval: string; external_labels: Record<string, string> };
    scrape_configs: { static_configs: { targets: string[] }[] }[];
    remote_write: Record<string, unknown>[];
  };
  config.global.scrape_interval = '1s';
  config.global.external_labels.space_id = opts.spaceId;
  // Only the gateway runs in this test: keep its scrape job, pointed at the test's port.
  config.scrape_configs = config.scrape_configs.slice(0, 1);
  config.scrape_configs[0]!.static_configs[0]!.targets = [opts.target];
  const rw = config.remote_write[0]!;
  rw.url = `${opts.centralUrl}/api/v1/write`;
  delete rw.basic_auth;
  rw.queue_config = { ...(rw.queue_config as object), batch_send_deadline: '1s' };
  writeFileSync(path.join(dir, 'agent.yml'), YAML.stringify(config));
  const port = await freePort();
  return launch(
    [
      '--enable-feature=agent',
      `--config.file=${path.join(dir, 'agent.yml')}`,
      `--storage.agent.path=${path.join(dir, 'wal')}`,
    ],
    port,
    dir,
  );
}

/** Polls an instant query until it returns at least one sample (or times out). */
export async function waitForQuery(
  url: string,
  query: string,
  timeoutMs = 60_000,
): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`);
    const body = (await res.json()) as {
      data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    if (body.data && body.data.result.length > 0) return body.data.result;
    if (Date.now() > deadline) throw new Error(`no result for ${query}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
