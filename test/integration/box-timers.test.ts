// The box's own timers (issue #16, items 3 and 4): the systemd units are valid, the timers are
// spread and catch up after a night switched off, and the command each service runs does what
// it says when run exactly as the unit runs it: the filter lists update from a URL (a tiny HTTP
// server on 127.0.0.1), and a download or a build that fails leaves the table in force and the
// DNS answering from it; the nightly backup lands in `backup.folder`.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { dig, startEcnDns, type RunningProcess } from '../helpers/dns';
import { cleanEnv, ecn, run, ROOT, tempSetup, type RunResult } from '../helpers/processes';
import { freePort } from '../helpers/redis-server';
import { writeUt1Tarball } from '../helpers/ut1-fixture';

jest.setTimeout(120_000);

const UNITS = path.join(ROOT, 'deploy', 'systemd');
const TIMERS = ['ecn-filter-update', 'ecn-backup'];

/** The value of `key=` in a unit file (the last one, as systemd reads it). */
function directive(unit: string, key: string): string | undefined {
  const lines = readFileSync(path.join(UNITS, unit), 'utf8').split('\n');
  return lines
    .filter((l) => l.startsWith(`${key}=`))
    .map((l) => l.slice(key.length + 1))
    .pop();
}

/**
 * Runs a unit's ExecStart as the unit does (its Environment= lines), with the installed paths
 * (/usr/bin/node, /usr/lib/ecn-gateway) pointing at this checkout and the configuration at a test's.
 */
function runLikeUnit(unit: string, config: string): Promise<RunResult> {
  const [cmd, ...args] = directive(unit, 'ExecStart')!
    .replace('/usr/bin/node', process.execPath)
    .replace(/\/usr\/lib\/ecn-gateway/g, ROOT)
    .split(' ');
  const env: Record<string, string> = {};
  for (const line of readFileSync(path.join(UNITS, unit), 'utf8').split('\n')) {
    const m = /^Environment=([A-Z_]+)=(.*)$/.exec(line);
    if (m) env[m[1]!] = m[2]!;
  }
  // The test's configuration names its own data folder.
  delete env.ECN_DATA_DIR;
  return run(cmd!, args, { env: cleanEnv({ ...env, ECN_CONFIG: config }) });
}

describe('systemd units of the timers', () => {
  it('pass systemd-analyze verify', () => {
    // Verified in a copy whose ExecStart names this machine's node: systemd-analyze checks that
    // the program exists (node; /usr/lib/ecn-gateway/bin/ecn is only its argument).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-units-'));
    try {
      const files = TIMERS.flatMap((t) => [`${t}.service`, `${t}.timer`]);
      for (const f of files) {
        writeFileSync(
          path.join(dir, f),
          readFileSync(path.join(UNITS, f), 'utf8').replace(/\/usr\/bin\/node/g, process.execPath),
        );
      }
      const r = spawnSync('systemd-analyze', ['verify', ...files.map((f) => path.join(dir, f))], {
        encoding: 'utf8',
      });
      // It exits 0 on a line it could not parse, and says so on standard error.
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(TIMERS)('%s.timer starts its service at a random moment and catches up after a night off', (t) => {
    expect(readdirSync(UNITS)).toContain(`${t}.service`);
    expect(directive(`${t}.timer`, 'Persistent')).toBe('true');
    expect(directive(`${t}.timer`, 'RandomizedDelaySec')).toMatch(/^\d+(min|h)$/);
    expect(directive(`${t}.timer`, 'OnCalendar')).toBeDefined();
    expect(directive(`${t}.timer`, 'WantedBy')).toBe('timers.target');
    expect(directive(`${t}.service`, 'Type')).toBe('oneshot');
    expect(directive(`${t}.service`, 'User')).toBe('ecn');
  });

  it('the backup service writes a backup into backup.folder', async () => {
    const setup = tempSetup();
    const folder = path.join(setup.dir, 'backups');
    const pass = path.join(setup.dir, 'passphrase');
    writeFileSync(pass, 'la phrase de la nuit, gardée ailleurs\n', { mode: 0o600 });
    writeFileSync(
      setup.config,
      readFileSync(setup.config, 'utf8') +
        `backup: { folder: ${JSON.stringify(folder)}, passphraseFile: ${JSON.stringify(pass)} }\n`,
    );
    expect((await ecn(setup.config, ['tickets', 'create', '-n', '1'])).status).toBe(0);
    const r = await runLikeUnit('ecn-backup.service', setup.config);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const files = readdirSync(folder);
    expect(files).toEqual([expect.stringMatching(/^ecn-backup-roubaix-test-.*\.ecnbak$/)]);
    expect(statSync(path.join(folder, files[0]!)).mode & 0o777).toBe(0o600);
  });
});

describe('the filter update service', () => {
  let dir: string;
  let config: string;
  let table: string;
  let server: http.Server;
  let base: string;
  let dns: RunningProcess;
  /** What the tiny list server answers, by path. */
  const served = new Map<string, Buffer>();

  const sha = () => createHash('sha256').update(readFileSync(table)).digest('hex');
  const writeConfig = (url: string) =>
    writeFileSync(
      config,
      `dataDir: ${JSON.stringify(path.join(dir, 'data'))}
log: { level: info }
filter:
  listen: 127.0.0.1:0
  categories: [adult, malware]
  blockAddress: 10.42.0.1
  sources:
    - { kind: ut1, url: ${JSON.stringify(url)} }
`,
    );
  const blockedAnswer = () => dig(dns.port, ['+short', 'adult-site-77.example12.test']).trim();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-filter-timer-'));
    config = path.join(dir, 'config.yaml');
    table = path.join(dir, 'data', 'filter', 'table.bin');
    const { tarball } = writeUt1Tarball(path.join(dir, 'fixture'));
    const good = readFileSync(tarball);
    served.set('/ut1/blacklists.tar.gz', good);
    // Cut in the middle of the gzip stream: the download is whole, the archive is not.
    served.set('/ut1/broken.tar.gz', good.subarray(0, Math.floor(good.length / 2)));
    // A real archive with almost nothing in it: the build works but the table would shrink.
    const small = path.join(dir, 'small');
    writeFileSync(
      path.join(dir, 'fixture', 'src', 'blacklists', 'adult', 'domains'),
      'adult-site-1.example1.test\n',
    );
    writeFileSync(
      path.join(dir, 'fixture', 'src', 'blacklists', 'malware', 'domains'),
      'malware-site-1.example1.test\n',
    );
    spawnSync('tar', ['-czf', small, '-C', path.join(dir, 'fixture', 'src'), 'blacklists']);
    served.set('/ut1/tiny.tar.gz', readFileSync(small));
    server = http.createServer((req, res) => {
      const body = served.get(req.url ?? '');
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    writeConfig(`${base}/ut1/blacklists.tar.gz`);
    const first = await runLikeUnit('ecn-filter-update.service', config);
    expect(first.stdout).toMatch(/Filter table: \d+ names/);
    expect(first.status).toBe(0);
    dns = await startEcnDns(config);
    expect(blockedAnswer()).toBe('10.42.0.1');
  });

  afterAll(async () => {
    await dns?.stop();
    await new Promise((r) => server?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['a broken tarball', () => `${base}/ut1/broken.tar.gz`, /ECN_ERR_FILTER_SOURCE/],
    [
      'a URL nobody answers on (loopback)',
      async () => `http://127.0.0.1:${await freePort()}/ut1.tar.gz`,
      /cannot download.*ECN_ERR_FILTER_SOURCE/,
    ],
    ['an HTTP error', () => `${base}/ut1/missing.tar.gz`, /404.*ECN_ERR_FILTER_SOURCE/],
    [
      'a build that would shrink the table',
      () => `${base}/ut1/tiny.tar.gz`,
      /less than half.*ECN_ERR_FILTER_SHRUNK/,
    ],
  ])(
    '%s: exits non-zero with the reason, the table in force stays, DNS answers from it',
    async (_what, url, message) => {
      const before = sha();
      writeConfig(await url());
      const r = await runLikeUnit('ecn-filter-update.service', config);
      expect(r.stderr).toMatch(/previous (one|table) stays/);
      expect(r.stderr).toMatch(message);
      expect(r.status).toBe(1);
      expect(sha()).toBe(before);
      expect(readdirSync(path.dirname(table)).filter((f) => f.endsWith('.new'))).toEqual([]);
      expect(blockedAnswer()).toBe('10.42.0.1');
    },
  );
});
