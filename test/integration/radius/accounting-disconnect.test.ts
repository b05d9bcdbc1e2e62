// Accounting (radclient as the NAS) and the Disconnect client (a dgram socket as the NAS):
// sessions open, count traffic once, end once; revocation, kicks and quotas send a
// Disconnect-Request that the NAS acknowledges or refuses.

import { RadiusCode, getString, loadDictionaryFile, makeAttribute } from '../../../src/radius/index';
import { SHIPPED_DICTIONARY } from '../../../src/radius/radius-components';
import { disconnectSession } from '../../../src/services/disconnect-session';
import { revokeTicket } from '../../../src/services/revoke-tickets';
import forged from '../../fixtures/radius/forged-accounting-request.json';
import {
  NAS_MAC,
  SECRET,
  papLines,
  radclient,
  startHarness,
  udpExchange,
  type Harness,
} from './radius-harness';
import { FakeNas } from '../../helpers/fake-nas';

jest.setTimeout(30_000);

const dictionary = loadDictionaryFile(SHIPPED_DICTIONARY);

function acctLines(status: string, code: string, classHex: string, extra: string[] = []): string[] {
  return [
    `Acct-Status-Type = ${status}`,
    'Acct-Session-Id = "sess-1"',
    `User-Name = "${code}"`,
    `Calling-Station-Id = "${NAS_MAC}"`,
    'Framed-IP-Address = 10.42.0.17',
    `Class = ${classHex}`,
    ...extra,
  ];
}

describe('RADIUS accounting and Disconnect', () => {
  let h: Harness;
  let nas: FakeNas;
  beforeEach(async () => {
    nas = await FakeNas.start(SECRET);
    h = await startHarness({
      clients: [{ name: 'ap-test', address: '127.0.0.1', secret: SECRET, kind: 'chilli', coaPort: nas.port }],
      disconnectTimeout: 1,
      disconnectRetries: 2,
    });
  });
  afterEach(async () => {
    await h.stop();
    await nas.stop();
    // Every request the gateway sent was signed with the access point's secret.
    expect(nas.unsigned).toBe(0);
  });

  async function login(profileName?: string) {
    const t = await h.ticket(profileName);
    const accept = await radclient(h.authPort, 'auth', papLines(t.code));
    expect(accept.code).toBe('Access-Accept');
    return { t, classHex: accept.attributes['Class']![0]! };
  }

  it('opens the session on Start, counts Interim traffic once, ends it on Stop, and ignores a retransmitted Stop', async () => {
    const { t, classHex } = await login();
    const start = await radclient(h.acctPort, 'acct', acctLines('Start', t.code, classHex));
    expect(start.code).toBe('Accounting-Response');
    expect(h.events['session.started']).toMatchObject([
      { ticketId: t.id, origin: { kind: 'nas', nas: '127.0.0.1' } },
    ]);
    const sessionId = h.events['session.started'][0]!.sessionId;

    const interim = acctLines('Interim-Update', t.code, classHex, [
      'Acct-Input-Octets = 1000',
      'Acct-Output-Octets = 2000',
    ]);
    expect((await radclient(h.acctPort, 'acct', interim)).code).toBe('Accounting-Response');
    // The NAS sends the same totals again (a retransmission with a new identifier).
    expect((await radclient(h.acctPort, 'acct', interim)).code).toBe('Accounting-Response');
    expect((await h.deps.store.getTicket(t.id))!.bytesUsed).toBe(3000);

    const stop = acctLines('Stop', t.code, classHex, [
      'Acct-Input-Octets = 1500',
      'Acct-Output-Octets = 2500',
      'Acct-Terminate-Cause = User-Request',
    ]);
    expect((await radclient(h.acctPort, 'acct', stop)).code).toBe('Accounting-Response');
    expect((await radclient(h.acctPort, 'acct', stop)).code).toBe('Accounting-Response');
    expect((await h.deps.store.getTicket(t.id))!.bytesUsed).toBe(4000);
    const session = (await h.deps.store.getSession(sessionId))!;
    expect(session).toMatchObject({
      bytesIn: 2500,
      bytesOut: 1500,
      endCause: 'logout',
      nasSessionId: 'sess-1',
    });
    expect(session.device).toEqual({ mac: 'aa:bb:cc:00:00:01', ip: '10.42.0.17' });
    expect(h.events['session.ended']).toHaveLength(1);
    expect(h.events['radius.accounting_recorded'].map((e) => `${e.status}:${e.outcome}`)).toEqual([
      'start:recorded',
      'interim:recorded',
      'interim:recorded',
      'stop:recorded',
      'stop:duplicate',
    ]);
    await h.radius.disconnect.idle();
    expect(nas.received).toHaveLength(0);
  });

  it('counts Gigawords and finds the ticket by User-Name when the NAS does not echo Class', async () => {
    const { t } = await login();
    const lines = (status: string, extra: string[] = []) => [
      `Acct-Status-Type = ${status}`,
      'Acct-Session-Id = "sess-9"',
      `User-Name = "${t.code}"`,
      `Calling-Station-Id = "${NAS_MAC}"`,
      ...extra,
    ];
    expect((await radclient(h.acctPort, 'acct', lines('Start'))).code).toBe('Accounting-Response');
    const interim = lines('Interim-Update', ['Acct-Output-Octets = 5', 'Acct-Output-Gigawords = 1']);
    expect((await radclient(h.acctPort, 'acct', interim)).code).toBe('Accounting-Response');
    expect((await h.deps.store.getTicket(t.id))!.bytesUsed).toBe(2 ** 32 + 5);
  });

  it('answers a byte-identical retransmission from the duplicate cache', async () => {
    const { t, classHex } = await login();
    const start = await radclient(h.acctPort, 'acct', acctLines('Start', t.code, classHex));
    const sent = /Sent Accounting-Request/.test(start.output);
    expect(sent).toBe(true);
    expect(h.events['radius.accounting_recorded']).toHaveLength(1);
    // radclient -c would pick new identifiers; a NAS retransmission keeps the same bytes.
    const { buildRequest } = await import('../../../src/radius/index');
    const packet = buildRequest({
      code: RadiusCode.AccountingRequest,
      identifier: 3,
      secret: SECRET,
      attributes: [
        makeAttribute(dictionary, 'Acct-Status-Type', 'Interim-Update'),
        makeAttribute(dictionary, 'Acct-Session-Id', 'sess-1'),
        makeAttribute(dictionary, 'User-Name', t.code),
        makeAttribute(dictionary, 'Calling-Station-Id', NAS_MAC),
        makeAttribute(dictionary, 'Acct-Output-Octets', 700),
      ],
    });
    const replies = await udpExchange(h.acctPort, [packet, packet], (r) => r.length >= 2);
    expect(replies).toHaveLength(2);
    expect(replies[1]).toEqual(replies[0]);
    expect(h.events['radius.accounting_recorded']).toHaveLength(2);
    expect(h.events['radius.duplicate_answered']).toEqual([{ server: 'acct', nas: 'ap-test' }]);
    expect((await h.deps.store.getTicket(t.id))!.bytesUsed).toBe(700);
  });

  it('sends a Disconnect-Request when the ticket is revoked, and records the ACK', async () => {
    const { t, classHex } = await login();
    await radclient(h.acctPort, 'acct', acctLines('Start', t.code, classHex));
    await revokeTicket(h.deps, t.id, 'animateur');
    await h.radius.disconnect.idle();
    expect(nas.received).toHaveLength(1);
    const request = nas.received[0]!;
    expect(request.code).toBe(RadiusCode.DisconnectRequest);
    expect(getString(dictionary, request, 'Acct-Session-Id')).toBe('sess-1');
    expect(getString(dictionary, request, 'Calling-Station-Id')).toBe('AA-BB-CC-00-00-01');
    expect(getString(dictionary, request, 'Framed-IP-Address')).toBe('10.42.0.17');
    expect(h.events['radius.disconnect_finished']).toEqual([{ nas: 'ap-test', outcome: 'ack', attempts: 1 }]);
  });

  it('disconnects a session whose Start arrives after its ticket was revoked', async () => {
    const { t, classHex } = await login();
    await revokeTicket(h.deps, t.id, 'animateur');
    expect((await radclient(h.acctPort, 'acct', acctLines('Start', t.code, classHex))).code).toBe(
      'Accounting-Response',
    );
    await h.radius.disconnect.idle();
    expect(h.events['session.ended']).toMatchObject([{ ticketId: t.id, cause: 'revoked' }]);
    expect(h.events['radius.accounting_recorded']).toMatchObject([
      { status: 'start', outcome: 'limit_reached' },
    ]);
    expect(nas.received).toHaveLength(1);
    expect(h.events['radius.disconnect_finished']).toEqual([{ nas: 'ap-test', outcome: 'ack', attempts: 1 }]);
  });

  it('records a NAK from the access point', async () => {
    nas.answer = () => 'nak';
    const { t, classHex } = await login();
    await radclient(h.acctPort, 'acct', acctLines('Start', t.code, classHex));
    const sessionId = h.events['session.started'][0]!.sessionId;
    await disconnectSession(h.deps, sessionId);
    await h.radius.disconnect.idle();
    expect(h.events['radius.disconnect_finished']).toEqual([{ nas: 'ap-test', outcome: 'nak', attempts: 1 }]);
  });

  it('retries when the access point does not answer, then gives up with a timeout', async () => {
    nas.answer = (n) => (n === 2 ? 'ack' : 'ignore');
    const { t, classHex } = await login();
    await radclient(h.acctPort, 'acct', acctLines('Start', t.code, classHex));
    await disconnectSession(h.deps, h.events['session.started'][0]!.sessionId);
    await h.radius.disconnect.idle();
    expect(h.events['radius.disconnect_finished']).toEqual([{ nas: 'ap-test', outcome: 'ack', attempts: 2 }]);
    // The retry is the same packet: same identifier and authenticator.
    expect(nas.received[1]!.identifier).toBe(nas.received[0]!.identifier);
    expect(nas.received[1]!.authenticator).toEqual(nas.received[0]!.authenticator);

    nas.answer = () => 'ignore';
    const other = await login();
    await radclient(h.acctPort, 'acct', [
      'Acct-Status-Type = Start',
      'Acct-Session-Id = "sess-2"',
      `User-Name = "${other.t.code}"`,
      'Calling-Station-Id = "AA-BB-CC-00-00-02"',
    ]);
    await revokeTicket(h.deps, other.t.id, 'animateur');
    await h.radius.disconnect.idle();
    expect(h.events['radius.disconnect_finished'].at(-1)).toEqual({
      nas: 'ap-test',
      outcome: 'timeout',
      attempts: 3,
    });
  });

  it('ends the session and disconnects it when an Interim-Update shows the quota used up', async () => {
    const { t, classHex } = await login('small');
    await radclient(h.acctPort, 'acct', acctLines('Start', t.code, classHex));
    const interim = acctLines('Interim-Update', t.code, classHex, ['Acct-Output-Octets = 20000']);
    expect((await radclient(h.acctPort, 'acct', interim)).code).toBe('Accounting-Response');
    await h.radius.disconnect.idle();
    expect(h.events['session.ended']).toMatchObject([{ ticketId: t.id, cause: 'quota' }]);
    expect(h.events['radius.accounting_recorded'].at(-1)).toMatchObject({ outcome: 'limit_reached' });
    expect(nas.received).toHaveLength(1);
    expect(h.events['radius.disconnect_finished']).toEqual([{ nas: 'ap-test', outcome: 'ack', attempts: 1 }]);
    // And the ticket is now refused.
    expect((await radclient(h.authPort, 'auth', papLines(t.code))).code).toBe('Access-Reject');
  });

  it('ends every session of the access point on Accounting-On, without disconnecting', async () => {
    const { t, classHex } = await login();
    await radclient(h.acctPort, 'acct', acctLines('Start', t.code, classHex));
    const on = await radclient(h.acctPort, 'acct', [
      'Acct-Status-Type = Accounting-On',
      'NAS-Identifier = "ap-test"',
    ]);
    expect(on.code).toBe('Accounting-Response');
    expect(h.events['session.ended']).toMatchObject([{ cause: 'nas-reboot' }]);
    await h.radius.disconnect.idle();
    expect(nas.received).toHaveLength(0);
  });

  it('drops an Accounting-Request with a wrong authenticator (wrong secret), and counts it', async () => {
    const { t, classHex } = await login();
    const r = await radclient(h.acctPort, 'acct', acctLines('Start', t.code, classHex), 'not-the-secret');
    expect(r.code).toBeNull();
    expect(h.events['radius.request_dropped']).toContainEqual({
      server: 'acct',
      reason: 'bad_authenticator',
      nas: 'ap-test',
    });
    expect(h.events['session.started']).toEqual([]);
  });
});

describe('forged Accounting-Request (the radius@1.1.4 UTF-8 comparison attack)', () => {
  it('is dropped by our accounting server as a bad authenticator', async () => {
    const h = await startHarness({
      clients: [{ name: 'ap-test', address: '127.0.0.1', secret: forged.secret }],
    });
    try {
      const replies = await udpExchange(
        h.acctPort,
        [Buffer.from(forged.forgedPacketHex, 'hex')],
        () => h.events['radius.request_dropped'].length > 0,
      );
      expect(replies).toEqual([]);
      expect(h.events['radius.request_dropped']).toEqual([
        { server: 'acct', reason: 'bad_authenticator', nas: 'ap-test' },
      ]);
      expect(h.events['radius.accounting_recorded']).toEqual([]);
    } finally {
      await h.stop();
    }
  });
});
