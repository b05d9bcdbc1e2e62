// Runs Debian's prometheus as the city's central server (remote-write receiver) and as a
// box's agent, on loopback ports, from the configurations shipped in deploy/prometheus.

import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { freePort } from './redis-server';
import { ROOT } from './processes';
import { waitFor } from './wait-for';

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
  try {
    await waitFor(async () => (await fetch(`${url}/-/ready`)).ok, {
      what: 'prometheus ready',
      timeout: 20_000,
      interval: 200,
      failIf: () => (child.exitCode !== null ? `prometheus exited: ${out}` : null),
    });
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${out}`);
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

/** A box the city scrapes: one entry of the shipped target-file format (city.yml). */
export interface ScrapedBox {
  spaceId: string;
  /** The gateway's /metrics, host:port. */
  target: string;
  /** The DNS process's /metrics, when not on port 9465 of the same host. */
  dnsAddress?: string;
}

/**
 * The shipped city configuration, its rules evaluated every second, with its relative paths
 * (ecn-metrics.token, ecn-boxes/*.yml) filled in a temporary folder.
 */
export async function startCentral(
  opts: { token?: string; scraped?: ScrapedBox[] } = {},
): Promise<RunningPrometheus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-prom-city-'));
  mkdirSync(path.join(dir, 'rules'));
  copyFileSync(path.join(ROOT, 'deploy/prometheus/rules/alerts.yml'), path.join(dir, 'rules/alerts.yml'));
  const recording = YAML.parse(
    readFileSync(path.join(ROOT, 'deploy/prometheus/rules/recording.yml'), 'utf8'),
  ) as { groups: { interval?: string }[] };
  for (const g of recording.groups) g.interval = '1s';
  writeFileSync(path.join(dir, 'rules/recording.yml'), YAML.stringify(recording));
  const config = YAML.parse(readFileSync(path.join(ROOT, 'deploy/prometheus/city.yml'), 'utf8')) as Record<
    string,
    unknown
  >;
  const global = config.global as Record<string, unknown>;
  global.evaluation_interval = '1s';
  global.scrape_interval = '1s';
  writeFileSync(path.join(dir, 'city.yml'), YAML.stringify(config));
  writeFileSync(path.join(dir, 'ecn-metrics.token'), `${opts.token ?? 'no-token-in-this-test'}\n`, {
    mode: 0o600,
  });
  mkdirSync(path.join(dir, 'ecn-boxes'));
  for (const [i, box] of (opts.scraped ?? []).entries()) {
    const labels: Record<string, string> = { space_id: box.spaceId };
    if (box.dnsAddress) labels.__ecn_dns_address = box.dnsAddress;
    writeFileSync(
      path.join(dir, 'ecn-boxes', `box-${i}.yml`),
      YAML.stringify([{ targets: [box.target], labels }]),
    );
  }
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
  /** The DNS process's /metrics; without it, only the gateway's job is kept. */
  dnsTarget?: string;
  /** The box's metrics.token, read from a credentials file as agent.yml says. */
  token?: string;
  centralUrl: string;
}): Promise<RunningPrometheus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-prom-agent-'));
  // Every SPACE_ID placeholder, as the box's installer replaces them.
  const text = readFileSync(path.join(ROOT, 'deploy/prometheus/agent.yml'), 'utf8').replaceAll(
    'SPACE_ID',
    opts.spaceId,
  );
  const config = YAML.parse(text) as {
    global: { scrape_interval: string };
    scrape_configs: { static_configs: { targets: string[] }[]; authorization?: object }[];
    remote_write: Record<string, unknown>[];
  };
  config.global.scrape_interval = '1s';
  // Keep the jobs of the processes running in this test, pointed at the test's ports.
  config.scrape_configs = config.scrape_configs.slice(0, opts.dnsTarget ? 2 : 1);
  config.scrape_configs[0]!.static_configs[0]!.targets = [opts.target];
  if (opts.dnsTarget) config.scrape_configs[1]!.static_configs[0]!.targets = [opts.dnsTarget];
  if (opts.token !== undefined) {
    writeFileSync(path.join(dir, 'metrics.token'), `${opts.token}\n`, { mode: 0o600 });
    for (const job of config.scrape_configs)
      job.authorization = { credentials_file: path.join(dir, 'metrics.token') };
  }
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
  return waitFor(
    async () => {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`);
      const body = (await res.json()) as {
        data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      return body.data && body.data.result.length > 0 ? body.data.result : null;
    },
    { what: `a result for ${query}`, timeout: timeoutMs, interval: 500 },
  );
}
