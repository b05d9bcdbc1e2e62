// The Docker image's build, checked without a container engine (issue #16, item 7): the
// Dockerfile is read instruction by instruction; what it copies exists, its Node.js is the one
// package.json asks for, it runs as a user other than root; then its build stage's npm steps run
// in a temporary copy, its runtime stage's tree is laid out from its COPY lines, and its
// ENTRYPOINT is started there with its ENV and answers /healthz and the portal.
//
// `npm ci` is the one step not run: it downloads, and the image's build stage compiles
// better-sqlite3 with the compilers it installs first. This checkout's node_modules (made by
// `npm ci` from the same package-lock.json) stands in for its result.

import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, cleanEnv, run } from '../helpers/processes';

jest.setTimeout(10 * 60_000);

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name: string | null;
  steps: Instruction[];
}

/** The Dockerfile's stages, with continuation lines joined and comments dropped. */
function readDockerfile(): Stage[] {
  const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const stages: Stage[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z]+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const [, op, args] = m as unknown as [string, string, string];
    if (op === 'FROM') {
      const f = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args)!;
      stages.push({ from: f[1]!, name: f[2] ?? null, steps: [] });
    } else {
      stages.at(-1)!.steps.push({ op, args: args.trim() });
    }
  }
  return stages;
}

/** A COPY's options, sources and destination (`--from=build a b ./dest`). */
function copyArgs(args: string): { from: string | null; sources: string[]; dest: string } {
  const words = args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length) ?? null;
  const paths = words.filter((w) => !w.startsWith('--'));
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
}

/** Where one COPY source lands under `base`: inside a destination folder (`./`, `dir/`), or as it. */
function copyTarget(base: string, source: string, dest: string): string {
  return dest.endsWith('/') ? path.join(base, dest, path.basename(source)) : path.join(base, dest);
}

/** ENV lines in `K=V \ K=V` form. */
function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const step of stage.steps.filter((s) => s.op === 'ENV')) {
    for (const m of step.args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) env[m[1]!] = m[2]!;
  }
  return env;
}

const stages = readDockerfile();
const runtime = stages.at(-1)!;
const build = stages.find((s) => s.name !== null && s !== runtime)!;

let tmp = '';
let child: ReturnType<typeof spawn> | null = null;

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.on('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the Dockerfile', () => {
  it('copies only what the repository has, on the Node.js major package.json asks for, and runs as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      for (const step of stage.steps.filter((s) => s.op === 'COPY')) {
        const { from, sources } = copyArgs(step.args);
        if (from !== null) continue;
        for (const source of sources)
          expect([source, existsSync(path.join(ROOT, source))]).toEqual([source, true]);
      }
    }
    const engines = (
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }
    ).engines.node;
    const major = /(\d+)/.exec(engines)![1];
    for (const stage of stages) expect(stage.from).toMatch(new RegExp(`^node:${major}-`));
    const users = runtime.steps.filter((s) => s.op === 'USER').map((s) => s.args);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users.at(-1));
    expect(runtime.steps.find((s) => s.op === 'ENTRYPOINT')?.args).toBe('["node", "dist/main.js"]');
  });

  it('builds with its own npm steps and its runtime tree starts as its ENTRYPOINT does, answering /healthz and the portal', async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ecn-docker-'));
    const buildDir = path.join(tmp, 'build');
    const workdir = (stage: Stage) => stage.steps.find((s) => s.op === 'WORKDIR')!.args;
    // The build stage: its COPY lines from the repository, then its npm steps in order.
    const npmSteps: string[] = [];
    for (const step of build.steps) {
      if (step.op === 'COPY') {
        const { sources, dest } = copyArgs(step.args);
        for (const source of sources) {
          cpSync(path.join(ROOT, source), copyTarget(buildDir, source, dest), { recursive: true });
        }
      } else if (step.op === 'RUN' && /\bnpm\b/.test(step.args)) {
        if (/\bnpm ci\b/.test(step.args)) {
          // node_modules may be a link to a shared install: its content is copied, so the prune
          // below never reaches the original.
          cpSync(realpathSync(path.join(ROOT, 'node_modules')), path.join(buildDir, 'node_modules'), {
            recursive: true,
            verbatimSymlinks: true,
          });
          expect(lstatSync(path.join(buildDir, 'node_modules')).isSymbolicLink()).toBe(false);
          rmSync(path.join(buildDir, 'node_modules', '.ecn-lock-sha'), { force: true });
        } else {
          npmSteps.push(step.args);
        }
      }
    }
    expect(npmSteps).toEqual([expect.stringMatching(/npm run build && npm prune --omit=dev/)]);
    for (const command of npmSteps) {
      const r = await run('sh', ['-c', `cd ${JSON.stringify(buildDir)} && ${command}`]);
      expect([command, r.status, r.stderr]).toEqual([command, 0, expect.any(String)]);
    }
    expect(existsSync(path.join(buildDir, 'node_modules', 'typescript'))).toBe(false);

    // The runtime stage's tree, from its COPY lines (from the build stage or the repository).
    const app = path.join(tmp, 'runtime');
    const buildRoot = workdir(build);
    for (const step of runtime.steps.filter((s) => s.op === 'COPY')) {
      const { from, sources, dest } = copyArgs(step.args);
      for (const source of sources) {
        const origin = from ? path.join(buildDir, path.relative(buildRoot, source)) : path.join(ROOT, source);
        cpSync(origin, copyTarget(app, source, dest), { recursive: true, verbatimSymlinks: true });
      }
    }

    // Its ENV, with the addresses and the data folder moved to this test's loopback ports and
    // folder; the clock is said to be synchronised (no timedatectl needed).
    const clock = path.join(tmp, 'clock-synced.sh');
    writeFileSync(clock, '#!/bin/sh\necho yes\n');
    chmodSync(clock, 0o755);
    const env = cleanEnv({
      ...envOf(runtime),
      ECN_DATA_DIR: path.join(tmp, 'data'),
      ECN_PORTAL_LISTEN: '127.0.0.1:0',
      ECN_CONSOLE_LISTEN: '127.0.0.1:0',
      ECN_METRICS_LISTEN: '127.0.0.1:0',
      ECN_RADIUS_AUTH_LISTEN: '127.0.0.1:0',
      ECN_RADIUS_ACCT_LISTEN: '127.0.0.1:0',
      ECN_CLOCK_SOURCE: 'command',
      ECN_CLOCK_COMMAND: clock,
    });
    expect(env.NODE_ENV).toBe('production');
    const entry = JSON.parse(runtime.steps.find((s) => s.op === 'ENTRYPOINT')!.args) as string[];
    expect(entry[0]).toBe('node');
    const proc = spawn(process.execPath, entry.slice(1), {
      cwd: app,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let out = '';
    const portal = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not started:\n${out}`)), 120_000);
      proc.stderr!.on('data', (d) => (out += d));
      proc.stdout!.on('data', (d) => {
        out += d;
        const line = out.split('\n').find((l) => l.includes('ECN gateway started'));
        if (!line) return;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { portal: string }).portal);
      });
      proc.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code}:\n${out}`));
      });
    });
    const health = await fetch(`http://${portal}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'embedded' });
    // The portal's page renders from the copied views and charter texts.
    const page = await fetch(`http://${portal}/`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
