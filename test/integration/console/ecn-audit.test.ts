// Issue #14, item 4: what `ecn` does on the box goes through the same staff use cases as the
// console, whose events the one audit trail records: the managers' audit page shows each
// command with the Unix user behind it, as « ecn (camille) ».

import { rmSync } from 'node:fs';
import path from 'node:path';
import { SqliteStore } from '../../../src/store/sqlite-store';
import { consoleFixture, type ConsoleFixture } from '../../helpers/console';
import { ecn, tempSetup } from '../../helpers/processes';

// Each `ecn` run starts Node and opens the store, on a loaded CI box.
jest.setTimeout(240_000);

const setup = tempSetup();
let f: ConsoleFixture | null = null;

afterAll(async () => {
  await f?.close();
  rmSync(setup.dir, { recursive: true, force: true });
});

/** As if run with `sudo` by camille (the audit names the person behind sudo). */
const AS_CAMILLE = { SUDO_USER: 'camille' };

it('audits ecn users add, tickets create, tickets revoke and devices trust as « ecn (camille) »', async () => {
  const add = await ecn(
    setup.config,
    ['users', 'add', '-u', 'claire', '-r', 'manager'],
    AS_CAMILLE,
    'claire-mot-de-passe\n',
  );
  expect(add.status).toBe(0);
  const created = await ecn(setup.config, ['tickets', 'create', '--count', '2'], AS_CAMILLE);
  expect(created.status).toBe(0);
  const code = created.stdout.trim().split('\n')[0]!.split(/\s+/)[0]!;
  const revoked = await ecn(setup.config, ['tickets', 'revoke', code], AS_CAMILLE);
  expect(revoked.status).toBe(0);
  const trusted = await ecn(
    setup.config,
    ['devices', 'trust', '--mac', 'aa:bb:cc:00:00:0a', '--label', 'PC 10'],
    AS_CAMILLE,
  );
  expect(trusted.status).toBe(0);

  // The box's console, on the same store file, as a manager reads it.
  const store = new SqliteStore({ file: path.join(setup.dir, 'data', 'ecn.db'), spaceId: 'roubaix-test' });
  f = await consoleFixture({ ECN_SPACE_ID: 'roubaix-test' }, { store });
  const entries = (await f.store.listAudit({ limit: 50 })).filter((e) => e.actor === 'system:camille');
  expect(entries.map((e) => e.action).sort()).toEqual(
    ['device.trusted', 'tickets.issued', 'tickets.revoked', 'user.created'].sort(),
  );
  // Never a ticket code in the trail.
  expect(JSON.stringify(entries)).not.toContain(code.replace(/-/g, ''));

  const manager = await f.signIn('marie', 'manager');
  const page = await manager.agent.get('/audit').expect(200);
  const cells = page.text.match(/<td title="system:camille">ecn \(camille\)<\/td>/g) ?? [];
  expect(cells).toHaveLength(4);
});
