// Issue #15, item 2: `ecn devices trust|list|untrust` as an operator runs it (real process, store
// on disk): a MAC in any usual notation is stored normalised; bad input has its own code and
// changes nothing; every change is in the console's audit trail.

import { rmSync } from 'node:fs';
import { SqliteStore } from '../../src/store/sqlite-store';
import path from 'node:path';
import { ecn, tempSetup } from '../helpers/processes';

// Each case runs `ecn` two to four times; on a loaded 2-core machine one run can take seconds.
jest.setTimeout(120_000);

const setup = tempSetup();

afterAll(() => {
  rmSync(setup.dir, { recursive: true, force: true });
});

async function listed(): Promise<string[]> {
  const r = await ecn(setup.config, ['devices', 'list']);
  expect(r.status).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t').slice(0, 2).join(' '));
}

describe('ecn devices', () => {
  it('trusts devices in any usual notation, lists them normalised by label, and relabels one', async () => {
    const a = await ecn(setup.config, ['devices', 'trust', '--mac', 'AA-BB-CC-00-00-0A', '--label', 'PC 10']);
    expect(a.status).toBe(0);
    expect(a.stderr).toContain('Trusted: aa:bb:cc:00:00:0a "PC 10".');
    expect(
      (await ecn(setup.config, ['devices', 'trust', '--mac', 'aabb.cc00.0002', '--label', 'PC 2'])).status,
    ).toBe(0);
    expect(await listed()).toEqual(['aa:bb:cc:00:00:02 PC 2', 'aa:bb:cc:00:00:0a PC 10']);
    const again = await ecn(setup.config, [
      'devices',
      'trust',
      '--mac',
      'aa:bb:cc:00:00:0a',
      '--label',
      'Accueil',
    ]);
    expect(again.stderr).toContain('Relabelled: aa:bb:cc:00:00:0a "Accueil".');
    expect(await listed()).toEqual(['aa:bb:cc:00:00:0a Accueil', 'aa:bb:cc:00:00:02 PC 2']);
  });

  it.each([
    [['--mac', 'aa:bb:cc:00:00', '--label', 'PC 4'], 'ECN_ERR_MAC_MALFORMED'],
    [['--mac', 'ff:ff:ff:ff:ff:ff', '--label', 'PC 4'], 'ECN_ERR_MAC_MALFORMED'],
    [['--mac', 'aa:bb:cc:00:00:04', '--label', ' '], 'ECN_ERR_DEVICE_LABEL_INVALID'],
  ])('refuses trust %j with %s and changes nothing', async (args, code) => {
    const before = await listed();
    const r = await ecn(setup.config, ['devices', 'trust', ...args]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(code);
    expect(await listed()).toEqual(before);
  });

  it('untrusts a device by any notation of its MAC, and says when it was not trusted', async () => {
    const r = await ecn(setup.config, ['devices', 'untrust', 'AABBCC000002']);
    expect(r.status).toBe(0);
    expect(await listed()).toEqual(['aa:bb:cc:00:00:0a Accueil']);
    const none = await ecn(setup.config, ['devices', 'untrust', 'aa:bb:cc:00:00:02']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('ECN_ERR_DEVICE_NOT_TRUSTED');
    const bad = await ecn(setup.config, ['devices', 'untrust', 'PC 10']);
    expect(bad.stderr).toContain('ECN_ERR_MAC_MALFORMED');
  });

  it('wrote each change to the audit trail as the box operator', async () => {
    const store = new SqliteStore({ file: path.join(setup.dir, 'data', 'ecn.db'), spaceId: 'roubaix-test' });
    await store.start();
    try {
      const audit = await store.listAudit({ limit: 50 });
      const actions = audit.map((e) => `${e.action} ${e.target}`).reverse();
      expect(actions).toEqual([
        'device.trusted aa:bb:cc:00:00:0a',
        'device.trusted aa:bb:cc:00:00:02',
        'device.trusted aa:bb:cc:00:00:0a',
        'device.untrusted aa:bb:cc:00:00:02',
      ]);
      expect(audit.every((e) => e.actor.startsWith('system:'))).toBe(true);
    } finally {
      await store.stop();
    }
  });
});
