// Issue #15, item 1 on access points: at the space's closing time the sweeper ends the sessions
// an access point holds (cause `closed`) and the Disconnect client sends their NAS a
// Disconnect-Request, as for a revocation; radclient plays the NAS's accounting, a dgram socket
// its Disconnect listener. While the space is open, nothing is sent.

import { RadiusCode, getString, loadDictionaryFile } from '../../../src/radius/index';
import { SHIPPED_DICTIONARY } from '../../../src/radius/radius-components';
import { parseOpeningHours } from '../../../src/domain/opening-hours';
import { expireSessions } from '../../../src/services/expire-sessions';
import type { AccessDeps } from '../../../src/services/client-access';
import { NoopGateway } from '../../../src/gateway/noop-gateway';
import { NAS_MAC, SECRET, papLines, radclient, startHarness, type Harness } from './radius-harness';
import { FakeNas } from '../../helpers/fake-nas';

jest.setTimeout(30_000);

const dictionary = loadDictionaryFile(SHIPPED_DICTIONARY);
/** Saturday 28 November 2026, 11:00 in Paris (10:00 UTC); the space opens 10:00–12:00. */
const SAT_11 = Date.parse('2026-11-28T10:00:00Z');
const SAT_NOON = Date.parse('2026-11-28T11:00:00Z');

let h: Harness;
let nas: FakeNas;

beforeEach(async () => {
  nas = await FakeNas.start(SECRET);
  h = await startHarness({
    clients: [{ name: 'ap-test', address: '127.0.0.1', secret: SECRET, kind: 'chilli', coaPort: nas.port }],
    disconnectTimeout: 1,
    disconnectRetries: 1,
  });
});

afterEach(async () => {
  await h.stop();
  await nas.stop();
});

function accessDeps(): AccessDeps {
  const hours = parseOpeningHours({ openingHours: { sat: ['10:00-12:00'] }, closures: [] }, 'Europe/Paris');
  return {
    ...h.deps,
    gateway: new NoopGateway(),
    policy: {
      charterVersion: '2026-11',
      throttle: { maxTries: 5, waitSeconds: 60, maxWaitSeconds: 3600 },
      freeAccess: { enabled: false, dailyAllowanceSeconds: 3600 },
      dayOf: (ms) => new Date(ms).toISOString().slice(0, 10),
      openingHours: () => hours,
    },
  };
}

it("ends the access point's sessions at closing time and sends it a Disconnect-Request", async () => {
  h.deps.clock.t = SAT_11;
  const t = await h.ticket();
  const accept = await radclient(h.authPort, 'auth', papLines(t.code));
  expect(accept.code).toBe('Access-Accept');
  const start = await radclient(h.acctPort, 'acct', [
    'Acct-Status-Type = Start',
    'Acct-Session-Id = "sess-closing"',
    `User-Name = "${t.code}"`,
    `Calling-Station-Id = "${NAS_MAC}"`,
    'Framed-IP-Address = 10.42.0.17',
    `Class = ${accept.attributes['Class']![0]!}`,
  ]);
  expect(start.code).toBe('Accounting-Response');
  const deps = accessDeps();

  // Open: the sweep leaves the access point's session alone.
  await expireSessions(deps, new Map());
  await h.radius.disconnect.idle();
  expect(nas.received).toHaveLength(0);
  expect(await h.deps.store.listOpenSessions()).toHaveLength(1);

  // Noon in Paris: closed. The session ends as `closed` and its NAS is told to cut it.
  h.deps.clock.t = SAT_NOON;
  await expireSessions(deps, new Map());
  await h.radius.disconnect.idle();
  expect(h.events['session.ended']).toMatchObject([{ ticketId: t.id, cause: 'closed' }]);
  expect(await h.deps.store.listOpenSessions()).toEqual([]);
  expect(nas.received).toHaveLength(1);
  expect(nas.received[0]!.code).toBe(RadiusCode.DisconnectRequest);
  expect(getString(dictionary, nas.received[0]!, 'Acct-Session-Id')).toBe('sess-closing');
  expect(getString(dictionary, nas.received[0]!, 'Calling-Station-Id')).toBe(NAS_MAC);
  expect(h.events['radius.disconnect_finished']).toEqual([{ nas: 'ap-test', outcome: 'ack', attempts: 1 }]);

  // A later sweep sends nothing more: the session ended once.
  await expireSessions(deps, new Map());
  await h.radius.disconnect.idle();
  expect(nas.received).toHaveLength(1);
});
