// The audit trail as a subscriber (issue #14, item 4): whoever publishes `operator.acted` gets
// one entry with the actor's stored text, and the action counted for the metrics.

import { SqliteStore } from '../../../src/store/sqlite-store';
import { actorText, announce, cliActor } from '../../../src/services/audit-trail';
import { makeDeps } from '../../helpers/fakes';

describe('audit trail', () => {
  it('reads each kind of actor as the trail has always written it', () => {
    expect(actorText({ kind: 'staff', account: 'marie' })).toBe('marie');
    expect(actorText({ kind: 'cli', user: 'root' })).toBe('system:root');
    expect(actorText({ kind: 'system', task: 'upgrade' })).toBe('system:upgrade');
    expect(cliActor('system:camille')).toEqual({ kind: 'cli', user: 'camille' });
  });

  it('writes one entry per published action, before announce resolves, and counts it', async () => {
    const store = new SqliteStore({ file: ':memory:', spaceId: 'roubaix-demo' });
    await store.start();
    try {
      const deps = makeDeps(store);
      const counted: string[] = [];
      deps.events.on('console.action_recorded', (e) => counted.push(e.action));
      await announce(deps, { kind: 'cli', user: 'camille' }, 'device.trusted', 'aa:bb:cc:00:00:01', {
        label: 'PC 1',
      });
      const [entry, ...rest] = await store.listAudit({ limit: 10 });
      expect(rest).toEqual([]);
      expect(entry).toMatchObject({
        actor: 'system:camille',
        action: 'device.trusted',
        target: 'aa:bb:cc:00:00:01',
        details: { label: 'PC 1' },
      });
      expect(counted).toEqual(['device.trusted']);
    } finally {
      await store.stop();
    }
  });
});
