// The login and logout use cases against an in-memory embedded store and a gateway that can
// fail: no session is left open when the gateway refuses, and the sweeper runs as a component.

import { MemoryStore } from '../../../src/store/memory-store';
import { NoopGateway } from '../../../src/gateway/noop-gateway';
import { login } from '../../../src/services/login';
import { logout } from '../../../src/services/logout';
import { SessionSweeper } from '../../../src/services/expire-sessions';
import { issueTickets } from '../../../src/services/issue-tickets';
import { makeDevice } from '../../../src/domain/device';
import { createLogger } from '../../../src/log';
import type { AccessDeps } from '../../../src/services/client-access';
import type { ClientGrant } from '../../../src/domain/ports';
import { makeDeps, recordEvents, HOUR } from '../../helpers/fakes';
import { waitFor } from '../../helpers/wait-for';

class FlakyGateway extends NoopGateway {
  failing = false;
  override async authorize(grant: ClientGrant): Promise<void> {
    if (this.failing) throw new Error('nft: Operation not permitted');
    return super.authorize(grant);
  }
}

async function setup() {
  const store = new MemoryStore('roubaix-demo');
  await store.start();
  const gateway = new FlakyGateway();
  const deps: AccessDeps & ReturnType<typeof makeDeps> = {
    ...makeDeps(store),
    gateway,
    policy: {
      charterVersion: '2026-11',
      throttle: { maxTries: 5, waitSeconds: 60, maxWaitSeconds: 3600 },
      freeAccess: { enabled: false, dailyAllowanceSeconds: 3600 },
      dayOf: (ms) => new Date(ms).toISOString().slice(0, 10),
    },
  };
  const { tickets } = await issueTickets(deps, { count: 1, createdBy: 'test' });
  return { store, gateway, deps, code: tickets[0]!.code };
}

const device = makeDevice({ mac: 'aa:bb:cc:dd:ee:01', ip: '10.42.0.20' });

describe('login use case', () => {
  it('ends the new session and says so when the gateway cannot let the device through', async () => {
    const { store, gateway, deps, code } = await setup();
    gateway.failing = true;
    await expect(login(deps, { form: { charter: 'yes', code }, device, lang: 'fr' })).rejects.toMatchObject({
      code: 'ECN_ERR_GATEWAY_FAILED',
    });
    expect(await store.listOpenSessions()).toEqual([]);
    gateway.failing = false;
    const ok = await login(deps, { form: { charter: 'yes', code }, device, lang: 'fr' });
    expect(ok.secondsLeft).toBe(3600);
    expect(gateway.authorized.get(ok.session.id)).toMatchObject({ device, secondsLeft: 3600 });
    await store.stop();
  });

  it('publishes the refusal of an unknown code and of a revoked ticket for the metrics', async () => {
    const { store, deps } = await setup();
    const seen = recordEvents(deps.events);
    await expect(
      login(deps, { form: { charter: 'yes', code: 'ZZZZZZZZZZZZ' }, device, lang: 'en' }),
    ).rejects.toMatchObject({
      code: 'ECN_ERR_TICKET_UNKNOWN',
      details: { triesLeft: 4 },
    });
    expect(seen['ticket.refused']).toEqual([{ code: 'ECN_ERR_TICKET_UNKNOWN', via: 'portal' }]);
    expect(seen['charter.accepted']).toBeUndefined();
    await store.stop();
  });

  it('refuses a form of the wrong shape before anything else', async () => {
    const { store, deps } = await setup();
    await expect(
      login(deps, { form: { charter: ['yes'], code: 5 }, device, lang: 'fr' }),
    ).rejects.toMatchObject({
      code: 'ECN_ERR_INPUT_INVALID',
    });
    await expect(login(deps, { form: null, device, lang: 'fr' })).rejects.toMatchObject({
      code: 'ECN_ERR_INPUT_INVALID',
    });
    await store.stop();
  });

  it('logs out every open session of the device, and twice is harmless', async () => {
    const { store, gateway, deps, code } = await setup();
    await login(deps, { form: { charter: 'yes', code }, device, lang: 'ar' });
    expect(await logout(deps, device)).toBe(1);
    expect(await logout(deps, device)).toBe(0);
    expect(gateway.authorized.size).toBe(0);
    await store.stop();
  });
});

describe('session sweeper component', () => {
  it('sweeps on its interval and stops cleanly', async () => {
    const { store, gateway, deps, code } = await setup();
    await login(deps, { form: { charter: 'yes', code }, device, lang: 'fr' });
    deps.clock.advance(HOUR);
    const sweeper = new SessionSweeper(deps, 20, createLogger('silent'));
    await sweeper.start();
    await waitFor(() => gateway.authorized.size === 0, { what: 'the sweep', timeout: 5000, interval: 10 });
    await sweeper.stop();
    expect(gateway.authorized.size).toBe(0);
    expect(await store.listOpenSessions()).toEqual([]);
    await store.stop();
  });
});
