// Issue #15, item 7 for the command: a batch made by `ecn tickets create` keeps the charter
// version in force, as the console's do, whether the running service issues it (control
// socket) or the command does (service down). Its tickets then print the charter line, and a
// device's first RADIUS use records an acceptance via 'ticket' with that version. The real
// command (bin/ecn), the real service (dist) and radclient as the access point.

import path from 'node:path';
import { rmSync } from 'node:fs';
import { signInAt } from '../helpers/console';
import {
  ecn,
  radiusOnLoopbackYaml,
  startService,
  tempSetup,
  type RunningService,
} from '../helpers/processes';
import { papLines, radclient } from './radius/radius-harness';
import { SqliteStore } from '../../src/store/sqlite-store';
import { deviceKey, makeDevice } from '../../src/domain/device';
import { consoleMsgHtml } from '../helpers/messages';

jest.setTimeout(120_000);

const SECRET = 'charter-cli-test-secret';
/** A version a manager published in the console: the one in force, not the file's. */
const PUBLISHED = '2026-12-published';
const PASSWORD = 'un mot de passe solide';
const key = (mac: string) => deviceKey(makeDevice({ mac }));

let setup: { dir: string; config: string };
let svc: RunningService | null = null;

beforeAll(() => {
  setup = tempSetup(radiusOnLoopbackYaml(SECRET));
});

afterAll(async () => {
  svc?.child.kill('SIGTERM');
  await svc?.exited;
  rmSync(setup.dir, { recursive: true, force: true });
});

async function withStore<T>(fn: (store: SqliteStore) => Promise<T>): Promise<T> {
  const store = new SqliteStore({ file: path.join(setup.dir, 'data', 'ecn.db'), spaceId: 'roubaix-test' });
  await store.start();
  try {
    return await fn(store);
  } finally {
    await store.stop();
  }
}

const batchOf = (stderr: string) => /Batch (\S+):/.exec(stderr)![1]!;

describe('ecn tickets create and the charter printed on tickets', () => {
  it('records the charter version in force on batches made by the command, with or without the service', async () => {
    // A user for the console, and a charter a manager published (stored settings).
    expect(
      (await ecn(setup.config, ['users', 'add', '-u', 'marie', '-r', 'manager'], {}, `${PASSWORD}\n`)).status,
    ).toBe(0);
    await withStore((store) =>
      store.updateSettings(() => ({
        charter: { version: PUBLISHED, publishedAt: Date.now(), texts: {} },
        updatedAt: Date.now(),
        updatedBy: 'marie',
        version: 0,
      })),
    );

    // Service down: the command issues, and reads the version in force from the store.
    const alone = await ecn(setup.config, ['tickets', 'create', '--count', '1']);
    expect(alone.status).toBe(0);
    expect(alone.stderr).toContain('not reached');
    const aloneBatch = batchOf(alone.stderr);

    // Service up: the command asks it through the control socket.
    svc = await startService(setup.config);
    const asked = await ecn(setup.config, ['tickets', 'create', '--count', '1']);
    expect(asked.status).toBe(0);
    expect(asked.stderr).not.toContain('not reached');
    const askedBatch = batchOf(asked.stderr);

    await withStore(async (store) => {
      expect((await store.getBatch(aloneBatch))?.charterVersion).toBe(PUBLISHED);
      expect((await store.getBatch(askedBatch))?.charterVersion).toBe(PUBLISHED);
    });

    // The console prints the charter line on both batches' tickets.
    const { agent } = await signInAt(svc.consoleUrl, 'marie', PASSWORD);
    for (const batch of [aloneBatch, askedBatch]) {
      const page = (await agent.get(`/tickets/batches/${batch}/print`).expect(200)).text;
      expect(page).toContain(consoleMsgHtml('fr', 'print.charter', { version: PUBLISHED }));
    }

    // A device's first RADIUS use of each ticket records the acceptance via the printed ticket.
    const started = JSON.parse(
      svc
        .logs()
        .split('\n')
        .find((l) => l.includes('ECN gateway started'))!,
    ) as { radiusAuthPort: number };
    const codes = [alone.stdout.trim(), asked.stdout.trim()];
    const macs = ['AA-BB-CC-00-00-11', 'AA-BB-CC-00-00-12'];
    for (const [i, code] of codes.entries()) {
      const reply = await radclient(started.radiusAuthPort, 'auth', papLines(code, { mac: macs[i] }), SECRET);
      expect(reply.code).toBe('Access-Accept');
    }
    await withStore(async (store) => {
      for (const mac of macs) {
        expect(await store.latestAcceptance(key(mac))).toMatchObject({
          charterVersion: PUBLISHED,
          via: 'ticket',
        });
      }
    });
  });
});
