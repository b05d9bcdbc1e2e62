// Issue #12 item 9: what the `ecn` command does reaches the running service at once, through
// its local control socket. The real service (dist) and the real command (bin/ecn): a revoked
// ticket's sessions are cut well before the sweep (the gateway lets the portal session go, the
// access point gets a Disconnect-Request), tickets issued from the command count in /metrics,
// and both show in the console's audit trail under the operator's system user name. The
// socket is 0600, refuses another local user and bad requests, and the command still works
// (falling back to the sweep) when the service is down.

import dgram from 'node:dgram';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { signInAt } from '../helpers/console';
import {
  ecn,
  run,
  radiusOnLoopbackYaml,
  startService,
  tempSetup,
  type RunningService,
} from '../helpers/processes';
import { papLines, radclient } from './radius/radius-harness';
import { SqliteStore } from '../../src/store/sqlite-store';
import { waitFor } from '../helpers/wait-for';
import { msgHtml } from '../helpers/messages';

jest.setTimeout(120_000);

const SECRET = 'control-test-secret';
/** Far longer than the test. */
const SWEEP_SECONDS = 600;
/** How long a cut may take to be seen (polled): a small fraction of the sweep interval. */
const CUT_WITHIN_MS = 5_000;
const OPERATOR = { SUDO_USER: 'camille' };

let nas: dgram.Socket;
let setup: { dir: string; config: string };
let svc: RunningService | null = null;
const socketPath = () => path.join(setup.dir, 'data', 'control.sock');

beforeAll(async () => {
  nas = dgram.createSocket('udp4');
  await new Promise<void>((r) => nas.bind(0, '127.0.0.1', r));
  setup = tempSetup(radiusOnLoopbackYaml(SECRET, { coaPort: nas.address().port, disconnectTimeout: 1 }));
  // A sweep far away: whatever is cut during the test, the sweep did not cut it.
  const yaml = readFileSync(setup.config, 'utf8');
  writeFileSync(
    setup.config,
    yaml.replace(
      'portal: { listen: "127.0.0.1:0" }',
      `portal: { listen: "127.0.0.1:0", sweepInterval: ${SWEEP_SECONDS} }`,
    ),
  );
});

afterAll(async () => {
  svc?.child.kill('SIGTERM');
  await svc?.exited;
  nas.close();
  rmSync(setup.dir, { recursive: true, force: true });
});

/** Polls `check` every 50 ms until it holds or `withinMs` passes; returns how long it took. */
async function within(withinMs: number, check: () => boolean | Promise<boolean>): Promise<number> {
  const t0 = Date.now();
  await waitFor(check, { what: 'the condition', timeout: withinMs });
  return Date.now() - t0;
}

async function issuedCount(metricsUrl: string): Promise<number> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('ecn_tickets_issued_total{'))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

/** A resident who accepts the charter and types the code on the portal (the box's gateway). */
async function residentLogin(url: string, code: string) {
  const resident = request.agent(url);
  const form = await resident.get(`/t/${code}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
  await resident.post('/login').type('form').send({ _csrf: csrf, charter: 'yes', code }).expect(303);
  return resident;
}

/** How many times the service's gateway (no-op, logging at debug) was told to let a device go. */
const cutsIn = (s: RunningService) => (s.logs().match(/deauthorize \(no-op\)/g) ?? []).length;

describe('the ecn command and the running service', () => {
  it('cuts a revoked ticket at once, counts issued tickets and audits both with the system user', async () => {
    const add = await ecn(
      setup.config,
      ['users', 'add', '-u', 'marie', '-r', 'manager'],
      OPERATOR,
      'un mot de passe solide\n',
    );
    expect(add.status).toBe(0);
    svc = await startService(setup.config, { ECN_LOG_LEVEL: 'debug' });
    const started = JSON.parse(
      svc
        .logs()
        .split('\n')
        .find((l) => l.includes('ECN gateway started'))!,
    ) as {
      radiusAuthPort: number;
      radiusAcctPort: number;
    };

    // The socket belongs to the service user alone.
    const mode = await run('stat', ['-c', '%a', socketPath()]);
    expect(mode.stdout.trim()).toBe('600');

    // Issued from the command, counted by the service at once.
    const before = await issuedCount(svc.metricsUrl);
    const created = await ecn(
      setup.config,
      ['tickets', 'create', '--count', '2', '--note', 'atelier'],
      OPERATOR,
    );
    expect(created.status).toBe(0);
    expect(created.stderr).not.toContain('not reached');
    const [local, viaNas] = created.stdout.trim().split('\n');
    expect(await issuedCount(svc.metricsUrl)).toBe(before + 2);
    const batchId = /Batch (\S+):/.exec(created.stderr)![1]!;

    // A resident on the portal (the box's own gateway) ...
    const resident = await residentLogin(svc.url, local!);
    // ... and one behind an access point (RADIUS).
    expect((await radclient(started.radiusAuthPort, 'auth', papLines(viaNas!), SECRET)).code).toBe(
      'Access-Accept',
    );
    const acct = await radclient(
      started.radiusAcctPort,
      'acct',
      [
        'Acct-Status-Type = Start',
        'Acct-Session-Id = "s1"',
        `User-Name = "${viaNas}"`,
        'Calling-Station-Id = "AA-BB-CC-00-00-01"',
      ],
      SECRET,
    );
    expect(acct.code).toBe('Accounting-Response');
    const cuts = () => cutsIn(svc!);
    const cutsBefore = cuts();

    // Revoking the portal ticket from the command: the gateway lets the device go now.
    const revoked = await ecn(setup.config, ['tickets', 'revoke', local!], OPERATOR);
    expect(revoked.status).toBe(0);
    expect(revoked.stderr).not.toContain('not reached');
    await within(CUT_WITHIN_MS, () => cuts() > cutsBefore);
    // The resident's status page says so.
    expect((await resident.get('/status').expect(200)).text).toContain(msgHtml('fr', 'status.offTitle'));

    // Revoking the batch: the access point gets a Disconnect-Request for the other ticket.
    const disconnect = new Promise<Buffer>((resolve) => nas.once('message', (m) => resolve(m)));
    const batch = await ecn(setup.config, ['tickets', 'revoke', '--batch', batchId], OPERATOR);
    expect(batch.status).toBe(0);
    expect(batch.stdout).toContain('Revoked 1 ticket(s)');
    const packet = await Promise.race([
      disconnect,
      new Promise<null>((r) => setTimeout(() => r(null), CUT_WITHIN_MS)),
    ]);
    expect(packet?.[0]).toBe(40); // Disconnect-Request (RFC 5176)

    // The console's audit trail names the operator's system user for each action.
    const { agent } = await signInAt(svc.consoleUrl, 'marie', 'un mot de passe solide');
    const audit = (await agent.get('/audit').expect(200)).text;
    const rows = audit.split('<tr').filter((r) => r.includes('system:camille'));
    expect(rows.some((r) => r.includes('Tickets créés'))).toBe(true);
    expect(rows.filter((r) => r.includes('Tickets bloqués'))).toHaveLength(2);
    expect(rows.some((r) => r.includes('Compte créé'))).toBe(true);
    // Neither code travels into the service's log.
    expect(svc.logs()).not.toContain(local!.replace(/-/g, ''));
    expect(svc.logs()).not.toContain(viaNas!);
  });

  it('answers a bad request with a specific error and changes nothing', async () => {
    const ask = (line: string) =>
      new Promise<string>((resolve, reject) => {
        const c = net.createConnection(socketPath());
        let out = '';
        c.on('data', (d) => (out += d));
        c.on('end', () => resolve(out));
        c.on('error', reject);
        c.end(line);
      });
    const before = (await ecn(setup.config, ['tickets', 'list'])).stdout;
    for (const line of [
      'not json\n',
      '{"op":"tickets.issue","actor":"marie","count":1,"note":null}\n',
      '{"op":"tickets.issue","actor":"system:x","count":1,"note":null,"extra":1}\n',
      '{"op":"tickets.revoke","actor":"system:x","ticketId":"../../etc"}\n',
      '{"op":"shutdown","actor":"system:x"}\n',
      'x'.repeat(20_000),
    ]) {
      expect(JSON.parse(await ask(line))).toMatchObject({ ok: false, code: 'ECN_ERR_CONTROL_INVALID' });
    }
    // A valid request the use case refuses gets the use case's own code.
    expect(
      JSON.parse(await ask('{"op":"tickets.issue","actor":"system:x","count":0,"note":null}\n')),
    ).toMatchObject({ ok: false, code: 'ECN_ERR_BATCH_SIZE' });
    expect((await ecn(setup.config, ['tickets', 'list'])).stdout).toBe(before);
  });

  it('cannot be used by another local user', async () => {
    // Open the folders to everyone, so only the socket's own mode stands in the way.
    chmodSync(setup.dir, 0o755);
    chmodSync(path.join(setup.dir, 'data'), 0o755);
    try {
      const script = `require('net').createConnection(${JSON.stringify(socketPath())}).on('connect', () => { console.log('connected'); process.exit(0); }).on('error', (e) => { console.log(e.code); process.exit(0); })`;
      const r = await run('setpriv', [
        '--reuid=nobody',
        '--regid=nogroup',
        '--clear-groups',
        process.execPath,
        '-e',
        script,
      ]);
      expect(r.stdout.trim()).toBe('EACCES');
      // The same user gets in once the socket's mode lets it: the mode is what refused it.
      chmodSync(socketPath(), 0o666);
      const open = await run('setpriv', [
        '--reuid=nobody',
        '--regid=nogroup',
        '--clear-groups',
        process.execPath,
        '-e',
        script,
      ]);
      chmodSync(socketPath(), 0o600);
      expect(open.stdout.trim()).toBe('connected');
    } finally {
      chmodSync(path.join(setup.dir, 'data'), 0o750);
      chmodSync(setup.dir, 0o700);
    }
  });

  it('still works when the service is down, says so, and audits it', async () => {
    svc!.child.kill('SIGTERM');
    expect(await svc!.exited).toBe(0);
    svc = null;
    const created = await ecn(setup.config, ['tickets', 'create', '--count', '1'], OPERATOR);
    expect(created.status).toBe(0);
    expect(created.stderr).toContain('The gateway service was not reached');
    const revoked = await ecn(setup.config, ['tickets', 'revoke', created.stdout.trim()], OPERATOR);
    expect(revoked.status).toBe(0);
    expect(revoked.stderr).toContain('not reached');
    const store = new SqliteStore({ file: path.join(setup.dir, 'data', 'ecn.db'), spaceId: 'roubaix-test' });
    await store.start();
    try {
      const entries = await store.listAudit({ limit: 2 });
      expect(entries.map((e) => [e.actor, e.action])).toEqual([
        ['system:camille', 'tickets.revoked'],
        ['system:camille', 'tickets.issued'],
      ]);
    } finally {
      await store.stop();
    }
  });
});

describe('the same with the Redis store', () => {
  it('counts tickets issued with ecn and cuts a revoked ticket at once', async () => {
    const redis = tempSetup();
    const yaml = readFileSync(redis.config, 'utf8');
    writeFileSync(
      redis.config,
      yaml.replace(
        'portal: { listen: "127.0.0.1:0" }',
        `portal: { listen: "127.0.0.1:0", sweepInterval: ${SWEEP_SECONDS} }`,
      ),
    );
    const env = {
      ECN_STORE_KIND: 'redis',
      ECN_STORE_REDIS_URL: process.env.ECN_TEST_REDIS_URL!,
      ECN_STORE_KEY_PREFIX: `control-it-${process.pid}:`,
    };
    const running = await startService(redis.config, { ...env, ECN_LOG_LEVEL: 'debug' });
    try {
      const before = await issuedCount(running.metricsUrl);
      const created = await ecn(redis.config, ['tickets', 'create', '--count', '1'], { ...env, ...OPERATOR });
      expect(created.status).toBe(0);
      expect(created.stderr).not.toContain('not reached');
      expect(await issuedCount(running.metricsUrl)).toBe(before + 1);
      const code = created.stdout.trim();
      const resident = await residentLogin(running.url, code);
      const cutsBefore = cutsIn(running);
      const revoked = await ecn(redis.config, ['tickets', 'revoke', code], { ...env, ...OPERATOR });
      expect(revoked.status).toBe(0);
      await within(CUT_WITHIN_MS, () => cutsIn(running) > cutsBefore);
      expect((await resident.get('/status').expect(200)).text).toContain(msgHtml('fr', 'status.offTitle'));
    } finally {
      running.child.kill('SIGTERM');
      await running.exited;
      rmSync(redis.dir, { recursive: true, force: true });
    }
  });
});
