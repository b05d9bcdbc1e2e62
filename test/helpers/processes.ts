// Runs the built gateway and the `ecn` command as real processes, the way an operator does.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const ECN_BIN = path.join(ROOT, 'bin', 'ecn');
export const MAIN = path.join(ROOT, 'dist', 'main.js');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh folder with a config file whose data lives inside it. */
export function tempSetup(extraYaml = ''): { dir: string; config: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-it-'));
  const config = path.join(dir, 'config.yaml');
  writeFileSync(
    config,
    `space: { id: roubaix-test, name: "Espace de test" }\ndataDir: ${JSON.stringify(path.join(dir, 'data'))}\nportal: { listen: "127.0.0.1:0" }\nmetrics: { listen: "127.0.0.1:0" }\nconsole: { listen: "127.0.0.1:0" }\nlog: { level: info }\n${clockSyncedYaml(dir)}${extraYaml}`,
  );
  return { dir, config };
}

/**
 * A synchronised clock (issue #16, item 5): a service under test must not be healthy or
 * degraded by the test machine's own NTP state. ECN_CLOCK_* overrides it in a test that cares.
 */
function clockSyncedYaml(dir: string): string {
  const script = path.join(dir, 'clock-synced.sh');
  writeFileSync(script, '#!/bin/sh\necho yes\n', { mode: 0o755 });
  return `clock: { source: command, command: ${JSON.stringify(script)} }\n`;
}

/**
 * YAML for RADIUS on loopback (both ports chosen by the system) with one MikroTik access point
 * anywhere on 127.0.0.0/8, for tests that start the service and talk to it with radclient.
 */
export function radiusOnLoopbackYaml(
  secret: string,
  opts: { coaPort?: number; disconnectTimeout?: number } = {},
): string {
  const coa = opts.coaPort === undefined ? '' : `, coaPort: ${opts.coaPort}`;
  return [
    'radius:',
    '  enabled: true',
    '  authListen: "127.0.0.1:0"',
    '  acctListen: "127.0.0.1:0"',
    ...(opts.disconnectTimeout === undefined ? [] : [`  disconnectTimeout: ${opts.disconnectTimeout}`]),
    `  clients: [{ name: ap-1, address: 127.0.0.0/8, secret: ${secret}, kind: mikrotik${coa} }]`,
    '',
  ].join('\n');
}

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('ECN_')) env[k] = v;
  return { ...env, ...extra };
}

export function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    // A program that exits without reading its input (`stat`) may close the pipe before the
    // write lands (EPIPE, seen on a loaded machine); its status and output still tell.
    child.stdin.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') reject(err);
    });
    child.stdin.end(opts.input ?? '');
  });
}

export function ecn(
  config: string,
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<RunResult> {
  return run(process.execPath, [ECN_BIN, '--config', config, ...args], { env: cleanEnv(env), input });
}

export interface RunningService {
  child: ChildProcess;
  url: string;
  metricsUrl: string;
  /** The animators' console, or '' when the configuration turns it off. */
  consoleUrl: string;
  logs: () => string;
  exited: Promise<number | null>;
}

/** Starts `node dist/main.js --config FILE` and waits for its "started" log line. */
export function startService(config: string, env: Record<string, string> = {}): Promise<RunningService> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, '--config', config], {
      env: cleanEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`service did not start:\n${out}`));
    }, 15_000);
    child.stderr.on('data', (d) => (out += d));
    child.stdout.on('data', (d) => {
      out += d;
      for (const line of out.split('\n')) {
        if (!line.includes('ECN gateway started')) continue;
        clearTimeout(timer);
        const started = JSON.parse(line) as { portal: string; metrics: string; console: string | null };
        resolve({
          child,
          url: `http://${started.portal}`,
          metricsUrl: `http://${started.metrics}`,
          consoleUrl: started.console ? `http://${started.console}` : '',
          logs: () => out,
          exited,
        });
        return;
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code} before starting:\n${out}`));
    });
  });
}
