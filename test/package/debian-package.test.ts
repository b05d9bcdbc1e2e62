// The Debian package as a box gets it (issue #16, item 1): `npm run package` builds two
// successive versions; a clean Debian 13 root made here with mmdebstrap installs the first with
// apt-get (dependencies resolved from Debian's mirror), runs its maintainer scripts, verifies
// every unit with systemd-analyze, starts the installed service as user ecn, issues a ticket
// with the installed `ecn`, upgrades to the second version (ticket, journal and key kept),
// then removes and purges it. Runs as root (chroot, mount); no service of the root is started
// but ours, and that one listens on loopback ports the system picks.
//
// Time, on a loaded 2-core machine: two packages of the built dist/ (1–3 min each), mmdebstrap
// (about 40 s), apt-get installing Node.js, systemd and the rest (about 3 min): 10–15 min.

import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ROOT as REPO, type RunResult } from '../helpers/processes';

jest.setTimeout(10 * 60_000);

const MIRROR = 'http://deb.debian.org/debian';
const PATH_ENV = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const UNIT_DIR = '/usr/lib/systemd/system';
const REPO_UNITS = readdirSync(path.join(REPO, 'deploy', 'systemd')).sort();

let tmp = '';
let root = '';
let procMounted = false;
let debs: { first: string; second: string };
let service: { child: ChildProcess; exited: Promise<number | null>; url: string; logs: () => string } | null =
  null;
let ticketCode = '';

/** Runs a command with no standard input (a quick one may exit before reading it). */
function run(cmd: string, args: string[], opts: { env: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function must(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const r = await run(cmd, args, { env: { PATH: PATH_ENV, LANG: 'C.UTF-8', ...env } });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** A command inside the root, as root. */
function inRoot(args: string[]): Promise<RunResult> {
  return must('chroot', [root, ...args], { DEBIAN_FRONTEND: 'noninteractive' });
}

/** The numeric uid:gid of the root's `ecn` user (names are looked up in the root, not the host). */
function ecnIds(): { uid: number; gid: number } {
  const line = readFileSync(path.join(root, 'etc/passwd'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('ecn:'));
  if (!line) throw new Error('no ecn user in the root');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** The installed `ecn` command, run as the service's user, as the docs say. */
function ecnInRoot(args: string[]): Promise<RunResult> {
  const { uid, gid } = ecnIds();
  return run('chroot', [`--userspec=${uid}:${gid}`, root, '/usr/bin/ecn', ...args], {
    env: { PATH: PATH_ENV, LANG: 'C.UTF-8' },
  });
}

/**
 * `scripts/package.sh` (what `npm run package` runs) on the dist/ already built, as the other
 * suites use it: rebuilding it here would rewrite files that suites running beside this one
 * are loading.
 */
function buildPackage(revision: string): Promise<string> {
  return must('bash', [path.join(REPO, 'scripts/package.sh')], {
    ...process.env,
    ECN_DEB_REVISION: revision,
    ECN_PACKAGE_BUILD: '0',
  }).then((r) => {
    const built = path.join(REPO, r.stdout.trim().split('\n').pop()!);
    const copy = path.join(tmp, path.basename(built));
    copyFileSync(built, copy);
    return copy;
  });
}

/** What `[Service]` of an installed unit says: its command, user, folder and environment. */
function unitService(name: string): {
  exec: string[];
  user: string;
  dir: string;
  env: Record<string, string>;
} {
  const text = readFileSync(path.join(root, UNIT_DIR, name), 'utf8');
  const value = (key: string) => text.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1] ?? '';
  const env: Record<string, string> = {};
  for (const m of text.matchAll(/^Environment=([A-Z_]+)=(.*)$/gm)) env[m[1]!] = m[2]!;
  return { exec: value('ExecStart').split(/\s+/), user: value('User'), dir: value('WorkingDirectory'), env };
}

/**
 * Starts the installed ecn-gateway.service's command the way systemd would (its user, folder
 * and environment), inside the root, and waits for its "started" line.
 */
function startInstalledService(): Promise<NonNullable<typeof service>> {
  const unit = unitService('ecn-gateway.service');
  expect(unit.user).toBe('ecn');
  const { uid, gid } = ecnIds();
  const envArgs = Object.entries({ PATH: PATH_ENV, ...unit.env }).map(([k, v]) => `${k}=${v}`);
  const child = spawn(
    'chroot',
    [
      `--userspec=${uid}:${gid}`,
      root,
      '/usr/bin/env',
      '-i',
      ...envArgs,
      '/bin/sh',
      '-c',
      'cd "$0" && exec "$@"',
      unit.dir,
      ...unit.exec,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: PATH_ENV } },
  );
  let out = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the installed service did not start:\n${out}`)),
      120_000,
    );
    child.stderr!.on('data', (d) => (out += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('ECN gateway started'));
      if (!line) return;
      clearTimeout(timer);
      const started = JSON.parse(line) as { portal: string };
      resolve({ child, exited, url: `http://${started.portal}`, logs: () => out });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the installed service exited with ${code}:\n${out}`));
    });
  });
}

async function stopService(): Promise<void> {
  if (!service) return;
  const s = service;
  service = null;
  s.child.kill('SIGTERM');
  expect(await s.exited).toBe(0);
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const modeOf = (file: string) => statSync(file).mode & 0o777;
const status = async () =>
  (await inRoot(['dpkg-query', '-W', '-f=${db:Status-Abbrev} ${Version}', 'ecn-gateway'])).stdout.trim();

beforeAll(async () => {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'the Debian package test needs root (mmdebstrap, chroot, mount); run scripts/test.sh as root',
    );
  }
  for (const tool of ['mmdebstrap', 'dpkg-deb', 'chroot']) {
    const found = await run('sh', ['-c', `command -v ${tool}`], { env: { PATH: PATH_ENV } });
    if (found.status !== 0)
      throw new Error(`${tool} is missing: scripts/test.sh installs it (apt-get install ${tool})`);
  }
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ecn-deb-'));
  root = path.join(tmp, 'root');
  if (!existsSync(path.join(REPO, 'dist/main.js')))
    throw new Error('dist/ is not built: npm run build first');
  debs = { first: await buildPackage('1'), second: '' };
  debs.second = await buildPackage('2');

  // A clean Debian 13 root: apt and the essential packages only; the package brings the rest.
  await must('mmdebstrap', ['--quiet', '--variant=apt', '--mode=root', 'trixie', root, MIRROR]);
  // No daemon of the root may start (dnsmasq's own postinst would try): the Debian way for chroots.
  writeFileSync(path.join(root, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  await must('mount', ['-t', 'proc', 'proc', path.join(root, 'proc')]);
  procMounted = true;
  for (const deb of [debs.first, debs.second]) copyFileSync(deb, path.join(root, 'tmp', path.basename(deb)));
  await inRoot(['apt-get', 'update', '-q']);
}, 45 * 60_000);

afterAll(async () => {
  if (service) {
    service.child.kill('SIGKILL');
    await service.exited;
  }
  if (procMounted) await must('umount', [path.join(root, 'proc')]);
  // Nothing may still be mounted inside before the folder goes.
  const mounts = readFileSync('/proc/mounts', 'utf8');
  if (tmp && mounts.includes(` ${tmp}/`)) throw new Error(`still mounted under ${tmp}; not deleting it`);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('npm run package names the package after its version and this machine’s architecture', async () => {
  const arch = (await must('dpkg', ['--print-architecture'])).stdout.trim();
  const version = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string })
    .version;
  expect(path.basename(debs.first)).toBe(`ecn-gateway_${version}-1_${arch}.deb`);
  expect(path.basename(debs.second)).toBe(`ecn-gateway_${version}-2_${arch}.deb`);
  const control = (await must('dpkg-deb', ['--field', debs.first])).stdout;
  expect(control).toMatch(/^Depends: .*nodejs \(>= 20\.19\), nodejs \(<< 21\)/m);
  expect(control).toMatch(/^Depends: .*nftables, conntrack, iproute2, dnsmasq \| unbound/m);
  const conffiles = (await must('sh', ['-c', `dpkg-deb --ctrl-tarfile ${debs.first} | tar -xO ./conffiles`]))
    .stdout;
  expect(conffiles.trim()).toBe('/etc/ecn/config.yaml');
});

test('apt-get installs it in a clean Debian 13 root, resolving its dependencies, with a Node.js of the same ABI', async () => {
  const install = await inRoot(['apt-get', 'install', '-y', '-q', `/tmp/${path.basename(debs.first)}`]);
  expect(install.stdout).toMatch(/Setting up nodejs \(20\./);
  expect(install.stdout).toMatch(/Setting up ecn-gateway \(.*-1\)/);
  // The postinst migrated (here: created) the store as the ecn user.
  expect(install.stdout).toMatch(/Store created at schema \d+: \/var\/lib\/ecn\/ecn\.db/);
  expect(await status()).toMatch(/^ii {2}.*-1$/);
  const node = (await inRoot(['node', '-p', 'process.versions.node + " " + process.versions.modules']))
    .stdout;
  const [version, abi] = node.trim().split(' ');
  const [major, minor] = version!.split('.').map(Number);
  expect(major).toBe(20);
  expect(minor).toBeGreaterThanOrEqual(19);
  // better-sqlite3 was built here for this ABI (NODE_MODULE_VERSION 115 for every Node 20).
  expect(abi).toBe(process.versions.modules);
});

test('the files, the ecn user, the private data folder and the conffile are in place', async () => {
  for (const f of [
    'dist/main.js',
    'bin/ecn',
    'package.json',
    'views',
    'locales/fr/portal-page.json',
    'config/default.yaml',
  ]) {
    expect(existsSync(path.join(root, 'usr/lib/ecn-gateway', f))).toBe(true);
  }
  const modules = path.join(root, 'usr/lib/ecn-gateway/node_modules');
  expect(existsSync(path.join(modules, 'better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
  // Production packages only: no compiler, test runner or linter on the box.
  for (const dev of ['typescript', 'jest', 'eslint', '@swc/core', 'playwright-core']) {
    expect(existsSync(path.join(modules, dev))).toBe(false);
  }
  expect(modeOf(path.join(root, 'usr/bin/ecn'))).toBe(0o755);

  const passwd = (await inRoot(['getent', 'passwd', 'ecn'])).stdout.trim().split(':');
  expect(Number(passwd[2])).toBeLessThan(1000); // a system user
  expect(passwd[5]).toBe('/var/lib/ecn');
  expect(passwd[6]).toBe('/usr/sbin/nologin');
  const { uid, gid } = ecnIds();

  const data = path.join(root, 'var/lib/ecn');
  expect(modeOf(data)).toBe(0o700);
  expect([statSync(data).uid, statSync(data).gid]).toEqual([uid, gid]);

  const config = path.join(root, 'etc/ecn/config.yaml');
  expect(modeOf(config)).toBe(0o640);
  expect([statSync(config).uid, statSync(config).gid]).toEqual([0, gid]);
  expect(readFileSync(config, 'utf8')).toMatch(/^dataDir: \/var\/lib\/ecn /m);
  const conffiles = (await inRoot(['dpkg-query', '-W', '-f=${Conffiles}', 'ecn-gateway'])).stdout;
  expect(conffiles).toMatch(/^ \/etc\/ecn\/config\.yaml [0-9a-f]{32}$/m);
  // The installed command reads the box's configuration by default.
  const check = await ecnInRoot(['config', 'check']);
  expect(check.stderr).toBe('');
  expect(check.stdout).toMatch(/^Configuration OK: space roubaix-demo, store embedded/);
});

test('every unit of deploy/systemd is installed, points at the installed paths, and systemd-analyze verify passes', async () => {
  const installed = readdirSync(path.join(root, UNIT_DIR.slice(1))).filter((f) => f.startsWith('ecn-'));
  expect(installed.sort()).toEqual(REPO_UNITS);
  for (const unit of REPO_UNITS) {
    const text = readFileSync(path.join(root, UNIT_DIR, unit), 'utf8');
    expect(text).toBe(readFileSync(path.join(REPO, 'deploy/systemd', unit), 'utf8'));
    expect(text).not.toContain('/opt/ecn');
    for (const exec of text.match(/^Exec\w+=\S+/gm) ?? []) {
      const program = exec.split('=')[1]!.replace(/^[-@!+:]+/, '');
      expect(existsSync(path.join(root, program))).toBe(true);
    }
    if (/^ExecStart=/m.test(text)) {
      expect(text).toMatch(/^User=ecn$/m);
      expect(text).toMatch(/^ExecStart=\/usr\/bin\/(node \/usr\/lib\/ecn-gateway\/|ecn )/m);
    }
  }
  const verify = await run(
    'chroot',
    [root, 'systemd-analyze', 'verify', ...REPO_UNITS.map((u) => `${UNIT_DIR}/${u}`)],
    {
      env: { PATH: PATH_ENV, LANG: 'C.UTF-8', SYSTEMD_LOG_LEVEL: 'warning' },
    },
  );
  expect(`${verify.stdout}${verify.stderr}`).toBe('');
  expect(verify.status).toBe(0);
  // Enabled at install: the plain service; the router variant and the DNS front-end are chosen.
  const wants = path.join(root, 'etc/systemd/system/multi-user.target.wants');
  expect(readlinkSync(path.join(wants, 'ecn-gateway.service'))).toBe(`${UNIT_DIR}/ecn-gateway.service`);
  expect(existsSync(path.join(wants, 'ecn-gateway-router.service'))).toBe(false);
  expect(existsSync(path.join(wants, 'ecn-dns.service'))).toBe(false);
  // The filter lists' daily update runs from the start; the nightly backup waits for its passphrase.
  const timers = path.join(root, 'etc/systemd/system/timers.target.wants');
  expect(readlinkSync(path.join(timers, 'ecn-filter-update.timer'))).toBe(
    `${UNIT_DIR}/ecn-filter-update.timer`,
  );
  expect(existsSync(path.join(timers, 'ecn-backup.timer'))).toBe(false);
});

test('the installed service starts from /usr/lib/ecn-gateway as user ecn and answers; the installed ecn issues a ticket', async () => {
  // The operator's own configuration (the conffile edited): loopback ports the system picks.
  writeFileSync(path.join(root, 'etc/ecn/clock-synced.sh'), '#!/bin/sh\necho yes\n', { mode: 0o755 });
  writeFileSync(
    path.join(root, 'etc/ecn/config.yaml'),
    [
      '# edited by the operator',
      'space: { id: roubaix-paquet, name: "Espace du paquet" }',
      'dataDir: /var/lib/ecn',
      'portal: { listen: "127.0.0.1:0" }',
      'console: { listen: "127.0.0.1:0" }',
      'metrics: { listen: "127.0.0.1:0" }',
      'radius: { enabled: false }',
      'clock: { source: command, command: /etc/ecn/clock-synced.sh }',
      'log: { level: info }',
      '',
    ].join('\n'),
  );
  service = await startInstalledService();
  const pid = service.child.pid!;
  const health = await fetch(`${service.url}/healthz`);
  expect(health.status).toBe(200);
  const version = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string })
    .version;
  expect(await health.json()).toMatchObject({ status: 'ok', space: 'roubaix-paquet', version });
  // chroot, env and sh each exec the next: the process is node itself, running as ecn.
  expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toBe('node');
  const uidLine = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^Uid:\s+(\d+)/m)![1];
  expect(Number(uidLine)).toBe(ecnIds().uid);

  const created = await ecnInRoot(['tickets', 'create', '--count', '1']);
  expect(created.status).toBe(0);
  expect(created.stderr).not.toContain('not reached'); // through the service's control socket
  ticketCode = created.stdout.trim();
  expect(ticketCode).toMatch(/^[A-Z0-9-]{6,}$/);

  // A resident logs in with it: the journal gets the session.
  const resident = request.agent(service.url);
  const form = await resident.get(`/t/${ticketCode}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
  await resident
    .post('/login')
    .type('form')
    .send({ _csrf: csrf, charter: 'yes', code: ticketCode })
    .expect(303);
  const verify = await ecnInRoot(['journal', 'verify']);
  expect(verify.stdout).toMatch(/^Journal intact: [1-9]\d* entries\./);
});

test('an upgrade to the next build keeps the ticket, the journal and its key, and the configuration', async () => {
  // The service stops before the upgrade, as prerm has systemd do on a box.
  await stopService();
  const key = path.join(root, 'var/lib/ecn/journal.key');
  const config = path.join(root, 'etc/ecn/config.yaml');
  const before = { key: sha256(key), keyMode: modeOf(key), config: readFileSync(config, 'utf8') };
  const journalBefore = (await ecnInRoot(['journal', 'verify'])).stdout;

  const upgrade = await inRoot(['apt-get', 'install', '-y', '-q', `/tmp/${path.basename(debs.second)}`]);
  expect(upgrade.stdout).toMatch(/Unpacking ecn-gateway \(.*-2\) over \(.*-1\)/);
  expect(upgrade.stdout).toMatch(/Store up to date at schema \d+: \/var\/lib\/ecn\/ecn\.db/);
  expect(await status()).toMatch(/^ii {2}.*-2$/);

  expect(sha256(key)).toBe(before.key);
  expect(modeOf(key)).toBe(0o600);
  expect(statSync(key).uid).toBe(ecnIds().uid);
  expect(readFileSync(config, 'utf8')).toBe(before.config);
  expect(modeOf(config)).toBe(0o640);
  expect((await ecnInRoot(['journal', 'verify'])).stdout).toBe(journalBefore);
  const list = await ecnInRoot(['tickets', 'list']);
  expect(list.stdout).toMatch(new RegExp(`^${ticketCode}\\s+active\\b`, 'm'));

  service = await startInstalledService();
  expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  await stopService();
});

test('remove keeps the data and the configuration; purge says what it deletes and deletes it', async () => {
  const remove = await inRoot(['apt-get', 'remove', '-y', '-q', 'ecn-gateway']);
  expect(remove.stdout).toMatch(/Removing ecn-gateway/);
  expect(await status()).toMatch(/^rc /);
  expect(existsSync(path.join(root, 'usr/lib/ecn-gateway'))).toBe(false);
  expect(existsSync(path.join(root, 'usr/bin/ecn'))).toBe(false);
  for (const kept of [
    'var/lib/ecn/ecn.db',
    'var/lib/ecn/journal.db',
    'var/lib/ecn/journal.key',
    'etc/ecn/config.yaml',
  ]) {
    expect(existsSync(path.join(root, kept))).toBe(true);
  }

  const purge = await inRoot(['apt-get', 'purge', '-y', '-q', 'ecn-gateway']);
  expect(purge.stdout).toContain('ecn-gateway: purging: deleting /var/lib/ecn');
  expect(purge.stdout).toMatch(/the legal connection journal and its key/);
  expect(purge.stdout).toContain('and /etc/ecn (the configuration');
  expect(existsSync(path.join(root, 'var/lib/ecn'))).toBe(false);
  expect(existsSync(path.join(root, 'etc/ecn'))).toBe(false);
  expect(existsSync(path.join(root, 'etc/systemd/system/multi-user.target.wants/ecn-gateway.service'))).toBe(
    false,
  );
  expect((await inRoot(['dpkg-statoverride', '--list'])).stdout).not.toContain('/etc/ecn');
  expect(
    (await run('chroot', [root, 'dpkg-query', '-W', 'ecn-gateway'], { env: { PATH: PATH_ENV } })).status,
  ).not.toBe(0);
  // As the purge said: the user stays.
  expect((await inRoot(['getent', 'passwd', 'ecn'])).stdout).toMatch(/^ecn:/);
});
