// `ecn users add` makes the first manager (password from standard input, never an argument);
// the running service's console then lets that account in on its own address.

import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import Redis from 'ioredis';
import { ecn, startService, tempSetup, type RunningService } from '../../helpers/processes';
import { signInAt } from '../../helpers/console';
import { consoleMsgHtml } from '../../helpers/messages';

// Each `ecn` run starts Node and opens the store; a test that runs eight of them needs room on a
// loaded CI box (a timeout is not a speed assertion).
jest.setTimeout(120_000);

const setup = tempSetup();
let service: RunningService | null = null;

afterAll(async () => {
  service?.child.kill('SIGTERM');
  await service?.exited;
  rmSync(setup.dir, { recursive: true, force: true });
});

describe('ecn users', () => {
  it('creates a manager from a password on standard input', async () => {
    const r = await ecn(
      setup.config,
      ['users', 'add', '--username', 'Claire', '--role', 'manager'],
      {},
      'claire-mot-de-passe\n',
    );
    expect(r.stderr).toContain('Account "claire" created with the role manager, acting on roubaix-test.');
    expect(r.status).toBe(0);
    const list = await ecn(setup.config, ['users', 'list']);
    expect(list.stdout).toMatch(/^claire\tmanager\troubaix-test\tactive\t/m);
    expect(list.stdout + list.stderr).not.toContain('claire-mot-de-passe');
  });

  it.each([
    [['--username', 'claire', '--role', 'manager'], 'x'.repeat(12), 'ECN_ERR_USER_EXISTS'],
    [['--username', 'bob', '--role', 'chef'], 'x'.repeat(12), 'ECN_ERR_ROLE_UNKNOWN'],
    [['--username', 'bob', '--role', 'animator'], 'court', 'ECN_ERR_PASSWORD_WEAK'],
    [['--username', 'bob', '--role', 'animator'], '', 'ECN_ERR_PASSWORD_WEAK'],
    [['--username', 'Bob Smith', '--role', 'animator'], 'x'.repeat(12), 'ECN_ERR_USERNAME_INVALID'],
    // Issue #13, item 2: a list of spaces or the whole city, never both; space ids are slugs.
    [
      ['-u', 'bob', '-r', 'animator', '--space', 'roubaix-a', '--all-spaces'],
      'x'.repeat(12),
      'ECN_ERR_SPACES_OPTIONS',
    ],
    [['-u', 'bob', '-r', 'animator', '--space', 'Roubaix A'], 'x'.repeat(12), 'ECN_ERR_SPACES_OPTIONS'],
  ])('refuses %j with %s and changes nothing', async (args, password, code) => {
    const r = await ecn(setup.config, ['users', 'add', ...args], {}, `${password}\n`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(code);
    const list = await ecn(setup.config, ['users', 'list']);
    expect(list.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('gives an account several spaces or the whole city, and changes them with `ecn users spaces`', async () => {
    const add = await ecn(
      setup.config,
      ['users', 'add', '-u', 'karim', '-r', 'animator', '--space', 'roubaix-a', '--space', 'roubaix-test'],
      {},
      'karim-mot-de-passe\n',
    );
    expect(add.status).toBe(0);
    const justice = await ecn(
      setup.config,
      ['users', 'add', '-u', 'justice', '-r', 'requisition', '--all-spaces'],
      {},
      'justice-mot-de-passe\n',
    );
    expect(justice.stderr).toContain('acting on all');
    let list = await ecn(setup.config, ['users', 'list']);
    expect(list.stdout).toMatch(/^karim\tanimator\troubaix-a,roubaix-test\tactive\t/m);
    expect(list.stdout).toMatch(/^justice\trequisition\tall\tactive\t/m);

    for (const bad of [[], ['--space', 'roubaix-a', '--all-spaces'], ['--space', '-x-']]) {
      const r = await ecn(setup.config, ['users', 'spaces', 'karim', ...bad]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('ECN_ERR_SPACES_OPTIONS');
    }
    const unknown = await ecn(setup.config, ['users', 'spaces', 'personne', '--all-spaces']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('ECN_ERR_USER_UNKNOWN');
    const narrowed = await ecn(setup.config, ['users', 'spaces', 'karim', '--space', 'roubaix-a']);
    expect(narrowed.stderr).toContain('Account "karim" now acts on roubaix-a.');
    list = await ecn(setup.config, ['users', 'list']);
    expect(list.stdout).toMatch(/^karim\tanimator\troubaix-a\tactive\t/m);
  });

  it("gives accounts made before accounts had spaces the box's space (embedded store)", async () => {
    const db = new Database(path.join(setup.dir, 'data', 'ecn.db'));
    const row = db
      .prepare("SELECT data FROM console_users WHERE username = 'claire'")
      .pluck()
      .get() as string;
    const { spaces: _dropped, ...old } = JSON.parse(row) as Record<string, unknown>;
    db.prepare("UPDATE console_users SET data = ? WHERE username = 'claire'").run(JSON.stringify(old));
    db.close();
    const list = await ecn(setup.config, ['users', 'list']);
    expect(list.stdout).toMatch(/^claire\tmanager\troubaix-test\tactive\t/m);
  });

  it('lets that account into the running console, on its own address', async () => {
    service = await startService(setup.config);
    expect(service.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(service.consoleUrl).not.toBe(service.url);
    const { agent } = await signInAt(service.consoleUrl, 'claire', 'claire-mot-de-passe');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Connecté : claire (responsable)');
    // The portal does not serve the console.
    await request(service.url)
      .get('/login')
      .expect((res) => expect(res.text).not.toContain(consoleMsgHtml('fr', 'login.title')));
    expect(service.logs()).not.toContain('claire-mot-de-passe');
  });
});

describe('the console on the Redis store', () => {
  it('keeps accounts and sessions in Redis: a signed-in browser stays signed in across a restart', async () => {
    const redis = tempSetup();
    const env = {
      ECN_STORE_KIND: 'redis',
      ECN_STORE_REDIS_URL: process.env.ECN_TEST_REDIS_URL!,
      ECN_STORE_KEY_PREFIX: `console-${process.pid}:`,
    };
    let svc: RunningService | null = null;
    try {
      const add = await ecn(
        redis.config,
        ['users', 'add', '-u', 'nadia', '-r', 'animator'],
        env,
        'nadia-mot-de-passe\n',
      );
      expect(add.status).toBe(0);
      const r = new Redis(env.ECN_STORE_REDIS_URL);
      expect(await r.exists(`${env.ECN_STORE_KEY_PREFIX}user:nadia`)).toBe(1);
      await r.quit();
      svc = await startService(redis.config, env);
      const { agent } = await signInAt(svc.consoleUrl, 'nadia', 'nadia-mot-de-passe');
      const cookie = agent.jar.getCookie('ecn_console', {
        domain: '127.0.0.1',
        path: '/',
        secure: false,
        script: false,
      });
      expect(cookie).toBeDefined();
      svc.child.kill('SIGTERM');
      await svc.exited;
      svc = await startService(redis.config, env);
      // Same cookie, new process (and a new port): the session comes from Redis.
      const again = await request(svc.consoleUrl)
        .get('/')
        .set('Cookie', `ecn_console=${cookie!.value}`)
        .expect(200);
      expect(again.text).toContain('Connecté : nadia (animateur)');
    } finally {
      svc?.child.kill('SIGTERM');
      await svc?.exited;
      rmSync(redis.dir, { recursive: true, force: true });
    }
  });
});
