// `ecn backup` and `ecn restore` as an operator uses them (issue #16, item 4): a backup taken
// while the service runs and writes, restored on an empty data folder of a "new box", gives the
// space back: the tickets log in, the console account signs in, the journal verifies and its
// export has the records. Bad files and bad targets get their own error and write nothing.

import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { cleanEnv, ecn, ECN_BIN, startService, tempSetup, type RunningService } from '../helpers/processes';
import { csrfOf, signInAt } from '../helpers/console';
import { startRedis } from '../helpers/redis-server';

jest.setTimeout(180_000);

const PASSPHRASE = 'une phrase de passe pour la sauvegarde';
const PASSWORD = 'mot de passe de Marie';

/** A box whose portal tells residents apart by X-Forwarded-For (each test resident an address). */
function box(extra = ''): { dir: string; config: string } {
  const setup = tempSetup(extra);
  const text = readFileSync(setup.config, 'utf8').replace(
    'portal: { listen: "127.0.0.1:0" }',
    'portal: { listen: "127.0.0.1:0", trustProxy: loopback }',
  );
  writeFileSync(setup.config, text);
  return setup;
}

function passphraseFile(dir: string, text = PASSPHRASE): string {
  const file = path.join(dir, `pass-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, text + '\n', { mode: 0o600 });
  return file;
}

/** A resident on `ip` accepts the charter and logs in with `code`; the portal's answer status. */
async function residentLogin(svc: RunningService, code: string, ip: string): Promise<number> {
  const phone = request.agent(svc.url);
  const page = await phone.get('/?lang=fr').set('X-Forwarded-For', ip).expect(200);
  const res = await phone
    .post('/login')
    .set('X-Forwarded-For', ip)
    .type('form')
    .send({ _csrf: csrfOf(page.text), charter: 'yes', code });
  return res.status;
}

async function stop(svc: RunningService): Promise<void> {
  svc.child.kill('SIGTERM');
  await svc.exited;
}

/** Every file under a folder with its size and modification time, to see that nothing changed. */
function listing(dir: string): string {
  if (!existsSync(dir)) return '(none)';
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => {
      const p = path.join(e.parentPath, e.name);
      const s = statSync(p);
      return `${path.relative(dir, p)} ${s.size} ${s.mtimeMs}`;
    })
    .sort()
    .join('\n');
}

describe('backup while the service runs, restore on a new box', () => {
  const old = box();
  const pass = passphraseFile(old.dir);
  const backupFile = path.join(old.dir, 'space.ecnbak');
  let used: string;
  let unused: string;
  const batchesDuring: string[] = [];

  beforeAll(async () => {
    const svc = await startService(old.config);
    try {
      const add = await ecn(
        old.config,
        ['users', 'add', '--username', 'marie', '--role', 'manager'],
        {},
        PASSWORD + '\n',
      );
      expect(add.status).toBe(0);
      const issued = await ecn(old.config, ['tickets', 'create', '-n', '2']);
      expect(issued.status).toBe(0);
      const codes = issued.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]!);
      [used, unused] = [codes[0]!, codes[1]!];
      expect(await residentLogin(svc, used, '10.42.0.11')).toBe(303);

      // Writes go on during the backup: batches of 5 tickets issued by the service itself.
      let writing = true;
      const writer = (async () => {
        while (writing) {
          const r = await ecn(old.config, ['tickets', 'create', '-n', '5', '--note', 'pendant']);
          expect(r.status).toBe(0);
          batchesDuring.push(/Batch (\S+):/.exec(r.stderr)![1]!);
        }
      })();
      const r = await ecn(old.config, ['backup', '--out', backupFile, '--passphrase-file', pass]);
      writing = false;
      await writer;
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(
        /Backup written to .*space\.ecnbak \(\d+ bytes: store, journal, journal-key, stats, config\)/,
      );
      expect(r.status).toBe(0);
    } finally {
      await stop(svc);
    }
  });

  it('writes one file, 0600, in which nothing is readable', () => {
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(backupFile);
    expect(bytes.subarray(0, 6).toString()).toBe('ECNBAK');
    expect(bytes.includes('SQLite format 3')).toBe(false);
    expect(bytes.includes(used.replace(/-/g, ''))).toBe(false);
    expect(bytes.includes('marie')).toBe(false);
    expect(bytes.includes('roubaix-test')).toBe(false);
    // Nothing in clear was left beside it.
    expect(readdirSync(old.dir).filter((f) => f.includes('space.ecnbak'))).toEqual(['space.ecnbak']);
  });

  it('restores into an empty data folder: tickets, console account, journal, statistics', async () => {
    const fresh = box();
    const r = await ecn(fresh.config, ['restore', backupFile, '--passphrase-file', pass]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /Restored store, journal, journal-key, stats, config of space roubaix-test .*journal intact: 1 entries/,
    );
    // The new box has its own configuration: the backup's is put beside it to compare.
    expect(r.stderr).toMatch(/written beside it as config\.yaml\.restored/);
    expect(readFileSync(fresh.config + '.restored', 'utf8')).toBe(readFileSync(old.config, 'utf8'));
    const data = path.join(fresh.dir, 'data');
    expect(statSync(data).mode & 0o777).toBe(0o700);
    for (const f of ['ecn.db', 'journal.db', 'journal.key', 'stats.db']) {
      expect(statSync(path.join(data, f)).mode & 0o777).toBe(0o600);
    }
    expect(statSync(fresh.config + '.restored').mode & 0o777).toBe(0o600);

    // A batch issued during the backup is either whole in the restored store or not there.
    expect(batchesDuring.length).toBeGreaterThan(0);
    const list = await ecn(fresh.config, ['tickets', 'list', '--csv']);
    const rows = list.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    for (const batch of batchesDuring) {
      const n = rows.filter((row) => row.includes(batch)).length;
      expect([0, 5]).toContain(n);
    }

    const svc = await startService(fresh.config);
    try {
      // The resident connected before the backup is still connected, can log out, and the
      // ticket logs in again; the unused ticket logs a new device in.
      const phone = request.agent(svc.url);
      const status = await phone.get('/status').set('X-Forwarded-For', '10.42.0.11').expect(200);
      await phone
        .post('/logout')
        .set('X-Forwarded-For', '10.42.0.11')
        .type('form')
        .send({ _csrf: csrfOf(status.text) })
        .expect(303);
      expect(await residentLogin(svc, used, '10.42.0.11')).toBe(303);
      expect(await residentLogin(svc, unused, '10.42.0.12')).toBe(303);
      const marie = await signInAt(svc.consoleUrl, 'marie', PASSWORD);
      expect(marie.username).toBe('marie');
    } finally {
      await stop(svc);
    }
    const verify = await ecn(fresh.config, ['journal', 'verify']);
    // The start from before the backup, then its end (logout), two starts after the restore.
    expect(verify.stdout).toMatch(/Journal intact: 4 entries/);
    expect(verify.status).toBe(0);
    const out = path.join(fresh.dir, 'requisition');
    const exported = await ecn(fresh.config, [
      'journal',
      'export',
      '--reference',
      'PV-2026-77',
      '--ticket',
      used,
      '--out',
      out,
    ]);
    expect(exported.status).toBe(0);
    // The connection made before the backup and the one made after the restore.
    expect(exported.stdout).toMatch(/^2 connection\(s\) written/);
    expect(readFileSync(path.join(out, 'connections.csv'), 'utf8')).toMatch(/10\.42\.0\.11/);
  });

  it('restores a configuration file too when the new box has none', async () => {
    const fresh = box();
    const config = path.join(fresh.dir, 'etc', 'config.yaml');
    // The backup's configuration names the old data folder: this box takes it over, emptied.
    const oldData = path.join(old.dir, 'data');
    const moved = `${oldData}.moved-${Date.now()}`;
    renameSync(oldData, moved);
    try {
      const r = await ecn(config, ['restore', backupFile, '--passphrase-file', pass]);
      expect(r.stderr).toMatch(/Configuration restored to .*etc\/config\.yaml/);
      expect(r.status).toBe(0);
      expect(readFileSync(config, 'utf8')).toBe(readFileSync(old.config, 'utf8'));
      expect(statSync(config).mode & 0o777).toBe(0o600);
      expect((await ecn(config, ['journal', 'verify'])).stdout).toMatch(/Journal intact: 1 entries/);
    } finally {
      rmSync(oldData, { recursive: true, force: true });
      renameSync(moved, oldData);
    }
  });

  describe('refusals: a specific error, and nothing written', () => {
    const damaged = (name: string, change: (b: Buffer) => Buffer) => {
      const file = path.join(old.dir, name);
      writeFileSync(file, change(Buffer.from(readFileSync(backupFile))));
      return file;
    };

    it.each([
      ['a wrong passphrase', () => backupFile, 'une autre phrase de passe', /ECN_ERR_BACKUP_PASSPHRASE/],
      [
        'a truncated file',
        () => damaged('cut.ecnbak', (b) => b.subarray(0, b.length - 100)),
        PASSPHRASE,
        /truncated or altered.*ECN_ERR_BACKUP_CORRUPT/,
      ],
      [
        'a flipped byte',
        () =>
          damaged('flipped.ecnbak', (b) => {
            b[Math.floor(b.length / 2)]! ^= 0x01;
            return b;
          }),
        PASSPHRASE,
        /ECN_ERR_BACKUP_CORRUPT/,
      ],
      [
        'not a backup',
        () => damaged('other.ecnbak', () => Buffer.from('hello')),
        PASSPHRASE,
        /not an ECN backup.*ECN_ERR_BACKUP_CORRUPT/,
      ],
    ])('%s', async (_what, file, passphrase, message) => {
      const fresh = box();
      const before = listing(fresh.dir);
      const r = await ecn(fresh.config, [
        'restore',
        file(),
        '--passphrase-file',
        passphraseFile(old.dir, passphrase),
      ]);
      expect(r.stderr).toMatch(message);
      expect(r.status).toBe(1);
      expect(listing(fresh.dir)).toBe(before);
    });

    it('a data folder that is not empty, unless --force (then the old data is kept aside)', async () => {
      const fresh = box();
      const data = path.join(fresh.dir, 'data');
      const issued = await ecn(fresh.config, ['tickets', 'create', '-n', '1']);
      const mine = issued.stdout.trim().split(/\s+/)[0]!;
      const before = listing(fresh.dir);
      const r = await ecn(fresh.config, ['restore', backupFile, '--passphrase-file', pass]);
      expect(r.stderr).toMatch(/data is not empty.*--force.*ECN_ERR_RESTORE_TARGET/);
      expect(r.status).toBe(1);
      expect(listing(fresh.dir)).toBe(before);

      const forced = await ecn(fresh.config, ['restore', backupFile, '--passphrase-file', pass, '--force']);
      expect(forced.status).toBe(0);
      const aside = /kept aside in (\S+)\.\n/.exec(forced.stderr)![1]!;
      expect(aside.startsWith(`${data}.before-restore-`)).toBe(true);
      expect(existsSync(path.join(aside, 'ecn.db'))).toBe(true);
      const list = (await ecn(fresh.config, ['tickets', 'list'])).stdout;
      expect(list).toContain(used);
      expect(list).not.toContain(mine);
    });

    it('a running service, even with --force', async () => {
      const fresh = box();
      const svc = await startService(fresh.config);
      try {
        const before = listing(path.join(fresh.dir, 'data'));
        const r = await ecn(fresh.config, ['restore', backupFile, '--passphrase-file', pass, '--force']);
        expect(r.stderr).toMatch(/service is running.*ECN_ERR_RESTORE_TARGET/);
        expect(r.status).toBe(1);
        expect(readdirSync(fresh.dir).filter((f) => f.includes('before-restore'))).toEqual([]);
        expect(
          listing(path.join(fresh.dir, 'data'))
            .split('\n')
            .map((l) => l.split(' ')[0]),
        ).toEqual(before.split('\n').map((l) => l.split(' ')[0]));
      } finally {
        await stop(svc);
      }
    });

    it('no passphrase file and no terminal', async () => {
      const fresh = box();
      const b = await ecn(old.config, ['backup', '--out', path.join(fresh.dir, 'x.ecnbak')]);
      expect(b.stderr).toMatch(/--passphrase-file.*terminal.*ECN_ERR_BACKUP_NO_PASSPHRASE/);
      expect(b.status).toBe(1);
      const r = await ecn(fresh.config, ['restore', backupFile]);
      expect(r.stderr).toMatch(/ECN_ERR_BACKUP_NO_PASSPHRASE/);
      expect(readdirSync(fresh.dir).sort()).toEqual(['clock-synced.sh', 'config.yaml']);
    });

    it('a passphrase shorter than 12 characters for a new backup', async () => {
      const out = path.join(old.dir, 'short.ecnbak');
      const r = await ecn(old.config, [
        'backup',
        '--out',
        out,
        '--passphrase-file',
        passphraseFile(old.dir, 'court'),
      ]);
      expect(r.stderr).toMatch(/12 characters.*ECN_ERR_BACKUP_NO_PASSPHRASE/);
      expect(existsSync(out)).toBe(false);
    });
  });

  it('asks the passphrase twice on a terminal, without showing it', async () => {
    const out = path.join(old.dir, 'typed.ecnbak');
    const typed = 'une phrase tapée au clavier';
    // `script` gives the command a real terminal; the answers are typed when the prompts show.
    const screen = await new Promise<string>((resolve) => {
      const child = spawn(
        'script',
        [
          '-qec',
          `${JSON.stringify(process.execPath)} ${JSON.stringify(ECN_BIN)} --config ${JSON.stringify(old.config)} backup --out ${JSON.stringify(out)}`,
          '/dev/null',
        ],
        { env: cleanEnv() },
      );
      let seen = '';
      let step = 0;
      child.stdout.on('data', (d: Buffer) => {
        seen += d.toString();
        if (step === 0 && seen.includes('au moins) :')) {
          step = 1;
          child.stdin.write(typed + '\r');
        } else if (step === 1 && seen.includes('encore une fois :')) {
          step = 2;
          child.stdin.write(typed + '\r');
        }
      });
      child.on('close', () => resolve(seen));
    });
    expect(screen).toMatch(/Backup written to/);
    expect(screen).not.toContain(typed);
    const fresh = box();
    const r = await ecn(fresh.config, [
      'restore',
      out,
      '--passphrase-file',
      passphraseFile(fresh.dir, typed),
    ]);
    expect(r.status).toBe(0);
  });
});

describe('nightly backups into backup.folder', () => {
  it('writes a new named file each run and keeps the newest `backup.keep`', async () => {
    const setup = tempSetup();
    const folder = path.join(setup.dir, 'backups');
    const pass = passphraseFile(setup.dir);
    writeFileSync(
      setup.config,
      readFileSync(setup.config, 'utf8') +
        `backup: { folder: ${JSON.stringify(folder)}, keep: 2, passphraseFile: ${JSON.stringify(pass)} }\n`,
    );
    expect((await ecn(setup.config, ['tickets', 'create', '-n', '1'])).status).toBe(0);
    // Someone else's file in the folder is left alone.
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'notes.txt'), 'à garder');
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await ecn(setup.config, ['backup']);
      expect(r.status).toBe(0);
      names.push(path.basename(/Backup written to (\S+) \(/.exec(r.stdout)![1]!));
    }
    for (const n of names) expect(n).toMatch(/^ecn-backup-roubaix-test-\d{8}T\d{6}\.\d{3}Z\.ecnbak$/);
    expect(readdirSync(folder).sort()).toEqual([...names.slice(1), 'notes.txt'].sort());
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const fresh = tempSetup();
    const r = await ecn(fresh.config, ['restore', path.join(folder, names[2]!), '--passphrase-file', pass]);
    expect(r.status).toBe(0);
  });
});

describe('a box on the shared Redis store', () => {
  it("backs up only the box's own parts, says so, and restores them", async () => {
    const redis = await startRedis();
    try {
      const setup = tempSetup();
      const env = { ECN_STORE_KIND: 'redis', ECN_STORE_REDIS_URL: redis.url };
      expect((await ecn(setup.config, ['tickets', 'create', '-n', '1'], env)).status).toBe(0);
      const pass = passphraseFile(setup.dir);
      const file = path.join(setup.dir, 'redis-box.ecnbak');
      const r = await ecn(setup.config, ['backup', '--out', file, '--passphrase-file', pass], env);
      expect(r.stderr).toMatch(/note: The store is the shared Redis .* it is not in this backup/);
      expect(r.stdout).toMatch(/\(\d+ bytes: journal, journal-key, stats, config\)/);
      expect(r.status).toBe(0);

      const fresh = box();
      const restored = await ecn(fresh.config, ['restore', file, '--passphrase-file', pass]);
      expect(restored.stdout).toMatch(/Restored journal, journal-key, stats, config of space roubaix-test/);
      expect(restored.stderr).toMatch(/holds no tickets or accounts/);
      expect(restored.status).toBe(0);
      expect(readdirSync(path.join(fresh.dir, 'data')).sort()).toEqual([
        'journal.db',
        'journal.key',
        'stats.db',
      ]);
    } finally {
      await redis.stop();
    }
  });
});
