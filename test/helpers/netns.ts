// Network namespaces for the local-gateway e2e test and the gateway benchmark: uniquely named
// (`ecn-<pid>-<rand>-<role>`), wired with veth pairs and private test addresses of their own,
// and always removed, with the processes started in them. Leftovers of a dead run are removed too.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import readline from 'node:readline';
import { cleanEnv, type RunResult } from './processes';

const NAME_RE = /^ecn-(\d+)-[0-9a-f]{6}-[a-z]+$/;

/** Runs a command without input (no stdin pipe to race with a quick exit). */
export function run(cmd: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs a command; throws with its output when it fails. */
export async function must(cmd: string, args: string[]): Promise<RunResult> {
  const r = await run(cmd, args);
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function namedNamespaces(): string[] {
  try {
    return readdirSync('/run/netns');
  } catch {
    return [];
  }
}

/** Removes namespaces of our naming scheme whose creating process is gone (an aborted run). */
export async function removeLeftoverNamespaces(): Promise<string[]> {
  const removed: string[] = [];
  for (const name of namedNamespaces()) {
    const m = NAME_RE.exec(name);
    if (!m || (Number(m[1]) !== process.pid && alive(Number(m[1])))) continue;
    await killProcessesIn(name);
    await run('ip', ['netns', 'del', name]);
    removed.push(name);
  }
  return removed;
}

async function killProcessesIn(ns: string): Promise<void> {
  const r = await run('ip', ['netns', 'pids', ns]);
  for (const pid of r.stdout.split(/\s+/).filter(Boolean).map(Number)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** A process running inside a namespace, reading its stdout by lines. */
export class NsProcess {
  readonly child: ChildProcess;
  private out = '';
  readonly exited: Promise<number | null>;
  private readonly lineWaiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];

  constructor(ns: string, argv: string[], env: NodeJS.ProcessEnv = cleanEnv()) {
    // `ip netns exec` execs the program: the child's pid is the program's own.
    this.child = spawn('ip', ['netns', 'exec', ns, ...argv], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((r) => this.child.on('exit', (code) => r(code)));
    const rl = readline.createInterface({ input: this.child.stdout! });
    rl.on('line', (line) => {
      this.out += line + '\n';
      for (const w of [...this.lineWaiters]) {
        if (w.test(line)) {
          this.lineWaiters.splice(this.lineWaiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
      this.onLine?.(line);
    });
    this.child.stderr!.on('data', (d) => (this.out += d));
  }

  onLine: ((line: string) => void) | null = null;

  output(): string {
    return this.out;
  }

  /** Resolves with the first line (from now on) that passes `test`. */
  waitLine(test: (l: string) => boolean, timeoutMs = 15_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no expected line within ${timeoutMs} ms:\n${this.out.slice(-4000)}`)),
        timeoutMs,
      );
      this.lineWaiters.push({
        test,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
      void this.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`process exited (${code}):\n${this.out.slice(-4000)}`));
      });
    });
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

export class TestNamespaces {
  readonly prefix = `ecn-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly created: string[] = [];
  private readonly processes: NsProcess[] = [];

  name(role: string): string {
    return `${this.prefix}-${role}`;
  }

  async add(role: string): Promise<string> {
    const ns = this.name(role);
    await must('ip', ['netns', 'add', ns]);
    this.created.push(ns);
    await must('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    return ns;
  }

  /** `ip` inside a namespace. */
  ip(ns: string, ...args: string[]): Promise<RunResult> {
    return must('ip', ['-n', ns, ...args]);
  }

  exec(ns: string, ...argv: string[]): Promise<RunResult> {
    return must('ip', ['netns', 'exec', ns, ...argv]);
  }

  /** A veth pair between two namespaces, both ends up. */
  async link(nsA: string, ifA: string, nsB: string, ifB: string): Promise<void> {
    await this.ip(nsA, 'link', 'add', ifA, 'type', 'veth', 'peer', 'name', ifB, 'netns', nsB);
    await this.ip(nsA, 'link', 'set', ifA, 'up');
    await this.ip(nsB, 'link', 'set', ifB, 'up');
  }

  spawn(ns: string, argv: string[], env?: NodeJS.ProcessEnv): NsProcess {
    const p = new NsProcess(ns, argv, env);
    this.processes.push(p);
    return p;
  }

  /** Stops every process started here, then removes the namespaces (and so their veths). */
  async destroy(): Promise<void> {
    for (const p of this.processes) await p.kill('SIGKILL').catch(() => {});
    for (const ns of this.created.reverse()) {
      await killProcessesIn(ns);
      await run('ip', ['netns', 'del', ns]);
    }
    this.created.length = 0;
  }
}
