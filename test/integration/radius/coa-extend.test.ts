// Issue #15, item 4: time an animator adds to a session that came through RADIUS reaches the
// access point in a CoA-Request (RFC 5176) carrying the new Session-Timeout; its NAK or its
// silence comes back to the animator and into the audit trail. radclient plays the access
// point's Access-Request and accounting; a small UDP listener in this test plays its CoA port.
// That listener is the only stand-in: no access point runs on this machine.

import { RadiusCode, getString, loadDictionaryFile } from '../../../src/radius/index';
import { SHIPPED_DICTIONARY } from '../../../src/radius/radius-components';
import type { AccessDeps } from '../../../src/services/client-access';
import type { OperatorAction } from '../../../src/domain/events';
import { extendSessionAs } from '../../../src/services/staff-sessions';
import { NoopGateway } from '../../../src/gateway/noop-gateway';
import { NAS_MAC, SECRET, papLines, radclient, startHarness, type Harness } from './radius-harness';
import { FakeNas } from '../../helpers/fake-nas';

jest.setTimeout(30_000);

const dictionary = loadDictionaryFile(SHIPPED_DICTIONARY);

let h: Harness;
let nas: FakeNas;

async function start(kind: 'chilli' | 'unifi'): Promise<void> {
  nas = await FakeNas.start(SECRET);
  h = await startHarness({
    clients: [{ name: 'ap-hall', address: '127.0.0.1', secret: SECRET, kind, coaPort: nas.port }],
    disconnectTimeout: 1,
    disconnectRetries: 1,
  });
}

afterEach(async () => {
  await h.stop();
  await nas.stop();
});

function accessDeps(): AccessDeps {
  return {
    ...h.deps,
    gateway: new NoopGateway(),
    nasSessions: h.radius.disconnect,
    policy: {
      charterVersion: '2026-11',
      throttle: { maxTries: 5, waitSeconds: 60, maxWaitSeconds: 3600 },
      freeAccess: { enabled: false, dailyAllowanceSeconds: 3600 },
      dayOf: (ms) => new Date(ms).toISOString().slice(0, 10),
    },
  };
}

/** A resident logs in on the access point (a « 1 h » ticket) and its accounting starts. */
async function nasSession(): Promise<{ sessionId: string; ticketId: string }> {
  const t = await h.ticket();
  const accept = await radclient(h.authPort, 'auth', papLines(t.code));
  expect(accept.code).toBe('Access-Accept');
  expect(accept.attributes['Session-Timeout']).toEqual(['3600']);
  const start = await radclient(h.acctPort, 'acct', [
    'Acct-Status-Type = Start',
    'Acct-Session-Id = "sess-coa"',
    `User-Name = "${t.code}"`,
    `Calling-Station-Id = "${NAS_MAC}"`,
    'Framed-IP-Address = 10.42.0.17',
    `Class = ${accept.attributes['Class']![0]!}`,
  ]);
  expect(start.code).toBe('Accounting-Response');
  const [open] = await h.deps.store.listOpenSessions();
  return { sessionId: open!.id, ticketId: t.id };
}

async function addHour(deps: AccessDeps, sessionId: string) {
  const audit: OperatorAction[] = [];
  const off = deps.events.on('operator.acted', (e) => void audit.push(e));
  const result = await extendSessionAs(
    deps,
    { kind: 'staff', account: 'claire' },
    {
      spaceId: 'roubaix-demo',
      sessionId,
      addSeconds: 3600,
      policy: { maxPerDaySeconds: 7200 },
    },
  );
  off();
  return { result, audit };
}

it('sends the access point a CoA-Request with the new Session-Timeout, and records its ACK', async () => {
  await start('chilli');
  const { sessionId } = await nasSession();
  h.deps.clock.advance(10 * 60_000); // ten minutes used: 50 left, plus one hour
  const { result, audit } = await addHour(accessDeps(), sessionId);

  expect(nas.received).toHaveLength(1);
  expect(nas.received[0]!.code).toBe(RadiusCode.CoaRequest);
  expect(getString(dictionary, nas.received[0]!, 'Acct-Session-Id')).toBe('sess-coa');
  expect(getString(dictionary, nas.received[0]!, 'Calling-Station-Id')).toBe(NAS_MAC);
  const timeout = nas.received[0]!.attributes.find((a) => a.type === 27)!;
  expect(timeout.value.readUInt32BE(0)).toBe(50 * 60 + 3600);
  expect(result.nasUpdates).toEqual([{ sessionId, nas: '127.0.0.1', outcome: 'ack' }]);
  expect(audit[0]).toMatchObject({ action: 'session.extended', details: { accessPoint: '127.0.0.1: ack' } });
});

it("shows the access point's NAK to the animator and audits it", async () => {
  await start('chilli');
  nas.answer = () => 'nak';
  const { sessionId } = await nasSession();
  const { result, audit } = await addHour(accessDeps(), sessionId);
  expect(nas.received.map((p) => p.code)).toEqual([RadiusCode.CoaRequest]);
  expect(result.nasUpdates).toEqual([{ sessionId, nas: '127.0.0.1', outcome: 'nak' }]);
  expect(audit[0]).toMatchObject({ details: { accessPoint: '127.0.0.1: nak' } });
  // The ticket has its time all the same: a new login gets it.
  expect(result.ticket.expiresAt).toBe(h.deps.clock.now() + 2 * 3600_000);
});

it('retries once, then reports that the access point did not answer', async () => {
  await start('chilli');
  nas.answer = () => 'ignore';
  const { sessionId } = await nasSession();
  const { result, audit } = await addHour(accessDeps(), sessionId);
  expect(nas.received.map((p) => p.code)).toEqual([RadiusCode.CoaRequest, RadiusCode.CoaRequest]);
  expect(result.nasUpdates).toEqual([{ sessionId, nas: '127.0.0.1', outcome: 'timeout' }]);
  expect(audit[0]).toMatchObject({ details: { accessPoint: '127.0.0.1: timeout' } });
});

it('sends nothing to a kind of access point that does not apply a CoA Session-Timeout, and says so', async () => {
  await start('unifi');
  const { sessionId } = await nasSession();
  const { result } = await addHour(accessDeps(), sessionId);
  expect(nas.received).toEqual([]);
  expect(result.nasUpdates).toEqual([{ sessionId, nas: '127.0.0.1', outcome: 'unsupported' }]);
});
