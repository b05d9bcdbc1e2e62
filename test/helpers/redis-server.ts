// Starts a real redis-server on a free loopback port in a temporary folder, with AOF on
// (as the deploy docs ask), and stops it. Throws a clear message when redis-server is missing.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from './wait-for';

export interface RunningRedis {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
  /** SIGKILL: the server is gone at once, as when a link or a host fails (AOF kept). */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: the server keeps its connections but answers nothing (a hung Redis). */
  pause(): void;
  resume(): void;
  /** Starts the server again on the same port and folder (it reloads its AOF). */
  restart(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function redisServerBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  if (found.status !== 0 || !bin) {
    throw new Error(
      'redis-server is not installed: run `bash scripts/test.sh` as root, or `apt-get install redis-server`.',
    );
  }
  return bin;
}

async function waitForPing(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  await waitFor(
    () =>
      new Promise<boolean>((resolve) => {
        const s = net.connect(port, '127.0.0.1');
        s.once('connect', () => s.write('PING\r\n'));
        s.once('data', (d) => {
          s.destroy();
          resolve(d.toString().startsWith('+PONG'));
        });
        s.once('error', () => resolve(false));
      }),
    {
      what: 'redis-server answers PING',
      timeout: timeoutMs,
      failIf: () => (child.exitCode !== null ? `redis-server exited with status ${child.exitCode}` : null),
    },
  );
}

function spawnRedis(bin: string, port: number, dir: string): ChildProcess {
  return spawn(
    bin,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--protected-mode',
      'yes',
    ],
    { stdio: 'ignore' },
  );
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGCONT');
  child.kill(signal);
  await exited;
}

export async function startRedis(): Promise<RunningRedis> {
  const bin = redisServerBinary();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-redis-'));
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    let child = spawnRedis(bin, port, dir);
    try {
      await waitForPing(port, child, 5000);
    } catch (err) {
      child.kill('SIGKILL');
      if (attempt === 4) throw err;
      continue;
    }
    const running: RunningRedis = {
      url: `redis://127.0.0.1:${port}/0`,
      port,
      pid: child.pid!,
      stop: async () => {
        await stopChild(child, 'SIGTERM');
        rmSync(dir, { recursive: true, force: true });
      },
      kill: () => stopChild(child, 'SIGKILL'),
      pause: () => {
        child.kill('SIGSTOP');
      },
      resume: () => {
        child.kill('SIGCONT');
      },
      restart: async () => {
        await stopChild(child, 'SIGKILL');
        child = spawnRedis(bin, port, dir);
        await waitForPing(port, child, 5000);
        running.pid = child.pid!;
      },
    };
    return running;
  }
  throw new Error('could not start redis-server');
}
