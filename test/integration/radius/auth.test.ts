// Access-Request handling with radclient as the access point: PAP and CHAP accept and reject,
// Message-Authenticator policy, reply attributes, duplicates, MAC authentication.

import { randomBytes } from 'node:crypto';
import { formatCode } from '../../../src/domain/ticket-code';
import {
  RadiusCode,
  buildRequest,
  decodePacket,
  getNumber,
  hideUserPassword,
  loadDictionaryFile,
  makeAttribute,
  verifyResponseAuthenticator,
  verifyMessageAuthenticator,
} from '../../../src/radius/index';
import { SHIPPED_DICTIONARY } from '../../../src/radius/radius-components';
import { revokeTicket } from '../../../src/services/revoke-tickets';
import { issueTickets } from '../../../src/services/issue-tickets';
import {
  NAS_MAC,
  SECRET,
  papLines,
  radclient,
  startHarness,
  udpExchange,
  type Harness,
} from './radius-harness';

jest.setTimeout(30_000);

const dictionary = loadDictionaryFile(SHIPPED_DICTIONARY);

describe('RADIUS authentication (radclient as the NAS)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('accepts a valid ticket over PAP with Session-Timeout, Interim, Class and Message-Authenticator first', async () => {
    const t = await h.ticket();
    const r = await radclient(h.authPort, 'auth', papLines(t.code));
    expect(r.code).toBe('Access-Accept');
    expect(r.attributes['Session-Timeout']).toEqual(['3600']);
    expect(r.attributes['Acct-Interim-Interval']).toEqual(['300']);
    expect(r.attributes['Class']?.[0]).toBe('0x' + Buffer.from(`ecn:${t.id}`).toString('hex'));
    expect(r.attributes['Message-Authenticator']).toHaveLength(1);
    expect(h.events['radius.access_accepted']).toEqual([{ nas: 'ap-test', method: 'pap' }]);
    expect(h.events['ticket.redeemed']).toMatchObject([{ ticketId: t.id, via: 'radius', firstUse: true }]);
  });

  it('answers with the time left, not the full duration, when the device comes back', async () => {
    const t = await h.ticket();
    expect((await radclient(h.authPort, 'auth', papLines(t.code))).code).toBe('Access-Accept');
    h.deps.clock.advance(20 * 60_000);
    const again = await radclient(h.authPort, 'auth', papLines(t.code.toLowerCase()));
    expect(again.code).toBe('Access-Accept');
    expect(again.attributes['Session-Timeout']).toEqual(['2400']);
  });

  it('sends bandwidth and quota in the dictionary of the access point kind', async () => {
    const t = await h.ticket('limited');
    const r = await radclient(h.authPort, 'auth', papLines(t.code));
    expect(r.code).toBe('Access-Accept');
    expect(r.attributes['WISPr-Bandwidth-Max-Up']).toEqual(['1000000']);
    expect(r.attributes['WISPr-Bandwidth-Max-Down']).toEqual(['4000000']);
    expect(r.attributes['ChilliSpot-Bandwidth-Max-Up']).toEqual(['1000']);
    expect(r.attributes['ChilliSpot-Max-Total-Octets']).toEqual([String(5_000_000_000 % 2 ** 32)]);
    // FreeRADIUS's dictionary lacks CoovaChilli's Gigawords attributes; radclient shows the number.
    expect(r.attributes['Attr-26.14559.23']).toEqual(['0x00000001']);
    expect(r.attributes['Idle-Timeout']).toEqual(['600']);
  });

  it('accepts CHAP with the ticket code as the password, and rejects a wrong CHAP response', async () => {
    const t = await h.ticket();
    const ok = await radclient(h.authPort, 'auth', [
      `User-Name = "${t.code}"`,
      `CHAP-Password = "${t.code}"`,
      `Calling-Station-Id = "${NAS_MAC}"`,
      'Message-Authenticator = 0x00',
    ]);
    expect(ok.code).toBe('Access-Accept');
    const other = await h.ticket();
    const wrong = await radclient(h.authPort, 'auth', [
      `User-Name = "${other.code}"`,
      `CHAP-Password = "${t.code}"`,
      `Calling-Station-Id = "${NAS_MAC}"`,
      'Message-Authenticator = 0x00',
    ]);
    expect(wrong.code).toBe('Access-Reject');
    expect(h.events['radius.access_accepted']).toEqual([{ nas: 'ap-test', method: 'chap' }]);
    expect(h.events['radius.access_rejected']).toEqual([
      { nas: 'ap-test', method: 'chap', reason: 'ECN_ERR_RADIUS_BAD_PASSWORD' },
    ]);
  });

  it.each([
    ['expired', 'ECN_ERR_TICKET_EXPIRED'],
    ['revoked', 'ECN_ERR_TICKET_REVOKED'],
    ['used on too many devices', 'ECN_ERR_TICKET_DEVICE_LIMIT'],
  ])('rejects over CHAP a ticket %s', async (what, reason) => {
    const t = await h.ticket();
    const chap = (mac: string) => [
      `User-Name = "${t.code}"`,
      `CHAP-Password = "${t.code}"`,
      `Calling-Station-Id = "${mac}"`,
      'Message-Authenticator = 0x00',
    ];
    expect((await radclient(h.authPort, 'auth', chap(NAS_MAC))).code).toBe('Access-Accept');
    if (what === 'expired') h.deps.clock.advance(3601_000);
    if (what === 'revoked') await revokeTicket(h.deps, t.id, 'animateur');
    const r = await radclient(
      h.authPort,
      'auth',
      chap(what === 'used on too many devices' ? 'AA-BB-CC-00-00-09' : NAS_MAC),
    );
    expect(r.code).toBe('Access-Reject');
    expect(h.events['radius.access_rejected']).toEqual([{ nas: 'ap-test', method: 'chap', reason }]);
  });

  it('accepts CHAP typed with the printed dashes too', async () => {
    const t = await h.ticket();
    const ok = await radclient(h.authPort, 'auth', [
      `User-Name = "${formatCode(t.code)}"`,
      `CHAP-Password = "${formatCode(t.code)}"`,
      `Calling-Station-Id = "${NAS_MAC}"`,
      'Message-Authenticator = 0x00',
    ]);
    expect(ok.code).toBe('Access-Accept');
  });

  it.each([
    ['an unknown code', 'ECN_ERR_TICKET_UNKNOWN', 'Ce ticket n’existe pas'],
    ['a malformed code', 'ECN_ERR_TICKET_CODE_MALFORMED', 'pas valide'],
    ['a password that is not the code', 'ECN_ERR_RADIUS_BAD_PASSWORD', 'Ce ticket n’existe pas'],
  ])('rejects %s over PAP with a French Reply-Message', async (what, reason, text) => {
    const t = await h.ticket();
    const lines =
      what === 'an unknown code'
        ? papLines('ABCDEFGHJKMN')
        : what === 'a malformed code'
          ? papLines('0000', { password: '0000' })
          : papLines(t.code, { password: 'ABCDEFGHJKMN' });
    const r = await radclient(h.authPort, 'auth', lines);
    expect(r.code).toBe('Access-Reject');
    expect(r.attributes['Reply-Message']?.[0]).toContain(text);
    expect(r.attributes['Message-Authenticator']).toHaveLength(1);
    expect(h.events['radius.access_rejected']).toEqual([{ nas: 'ap-test', method: 'pap', reason }]);
  });

  it('rejects an expired ticket', async () => {
    const t = await h.ticket();
    expect((await radclient(h.authPort, 'auth', papLines(t.code))).code).toBe('Access-Accept');
    h.deps.clock.advance(3601_000);
    const r = await radclient(h.authPort, 'auth', papLines(t.code));
    expect(r.code).toBe('Access-Reject');
    expect(r.attributes['Reply-Message']?.[0]).toContain('plus de temps');
    expect(h.events['radius.access_rejected'].at(-1)?.reason).toBe('ECN_ERR_TICKET_EXPIRED');
  });

  it('rejects a workshop ticket before its window, then bounds Session-Timeout by the window end', async () => {
    // A one-hour ticket for a three-hour workshop two days ahead, used 30 minutes before it ends.
    const validFrom = h.deps.clock.now() + 48 * 3600_000;
    const validUntil = validFrom + 3 * 3600_000;
    const {
      tickets: [t],
    } = await issueTickets(h.deps, { count: 1, validFrom, validUntil, createdBy: 'test' });
    const early = await radclient(h.authPort, 'auth', papLines(t!.code));
    expect(early.code).toBe('Access-Reject');
    expect(early.attributes['Reply-Message']?.[0]).toContain('pas encore valable');
    expect(h.events['radius.access_rejected'].at(-1)?.reason).toBe('ECN_ERR_TICKET_NOT_YET_VALID');
    h.deps.clock.t = validUntil - 30 * 60_000;
    const inside = await radclient(h.authPort, 'auth', papLines(t!.code));
    expect(inside.code).toBe('Access-Accept');
    expect(inside.attributes['Session-Timeout']).toEqual(['1800']);
    h.deps.clock.t = validUntil;
    const late = await radclient(h.authPort, 'auth', papLines(t!.code));
    expect(late.code).toBe('Access-Reject');
    expect(late.attributes['Reply-Message']?.[0]).toContain('plus de temps');
  });

  it('rejects a revoked ticket', async () => {
    const t = await h.ticket();
    await revokeTicket(h.deps, t.id, 'animateur');
    const r = await radclient(h.authPort, 'auth', papLines(t.code));
    expect(r.code).toBe('Access-Reject');
    expect(r.attributes['Reply-Message']?.[0]).toContain('annulé');
    expect(h.events['radius.access_rejected'].at(-1)?.reason).toBe('ECN_ERR_TICKET_REVOKED');
  });

  it('rejects a device coming back after its ticket was revoked (no stale answer)', async () => {
    const t = await h.ticket();
    expect((await radclient(h.authPort, 'auth', papLines(t.code))).code).toBe('Access-Accept');
    expect((await radclient(h.authPort, 'auth', papLines(t.code))).code).toBe('Access-Accept');
    await revokeTicket(h.deps, t.id, 'animateur');
    const r = await radclient(h.authPort, 'auth', papLines(t.code));
    expect(r.code).toBe('Access-Reject');
    expect(h.events['radius.access_rejected']).toEqual([
      { nas: 'ap-test', method: 'pap', reason: 'ECN_ERR_TICKET_REVOKED' },
    ]);
  });

  it('rejects a second device past the ticket limit, and lets the first one back', async () => {
    const t = await h.ticket();
    expect((await radclient(h.authPort, 'auth', papLines(t.code, { mac: 'aa:bb:cc:00:00:01' }))).code).toBe(
      'Access-Accept',
    );
    const second = await radclient(h.authPort, 'auth', papLines(t.code, { mac: 'aa:bb:cc:00:00:02' }));
    expect(second.code).toBe('Access-Reject');
    expect(second.attributes['Reply-Message']?.[0]).toContain('appareils');
    expect(h.events['radius.access_rejected'].at(-1)?.reason).toBe('ECN_ERR_TICKET_DEVICE_LIMIT');
    // Same device, another spelling of its MAC.
    expect((await radclient(h.authPort, 'auth', papLines(t.code, { mac: 'AABBCC000001' }))).code).toBe(
      'Access-Accept',
    );
  });

  it('drops an Access-Request without Message-Authenticator by default, and counts it', async () => {
    const t = await h.ticket();
    const r = await radclient(h.authPort, 'auth', papLines(t.code, { messageAuthenticator: false }));
    expect(r.code).toBeNull();
    expect(r.output).toMatch(/No reply from server/);
    expect(h.events['radius.request_dropped']).toContainEqual({
      server: 'auth',
      reason: 'missing_message_authenticator',
      nas: 'ap-test',
    });
    expect(h.events['ticket.redeemed']).toEqual([]);
  });

  it('drops a request signed with another secret (bad Message-Authenticator)', async () => {
    const t = await h.ticket();
    const r = await radclient(h.authPort, 'auth', papLines(t.code), 'not-the-secret');
    expect(r.code).toBeNull();
    expect(h.events['radius.request_dropped']).toContainEqual({
      server: 'auth',
      reason: 'bad_message_authenticator',
      nas: 'ap-test',
    });
  });
});

describe('RADIUS authentication policies and duplicates', () => {
  let h: Harness;
  afterEach(async () => {
    await h.stop();
  });

  it('accepts without Message-Authenticator for a NAS configured not to require it', async () => {
    h = await startHarness({
      clients: [
        {
          name: 'old-ap',
          address: '127.0.0.0/8',
          secret: SECRET,
          kind: 'mikrotik',
          requireMessageAuthenticator: false,
        },
      ],
    });
    const t = await h.ticket('limited');
    const r = await radclient(h.authPort, 'auth', papLines(t.code, { messageAuthenticator: false }));
    expect(r.code).toBe('Access-Accept');
    expect(r.attributes['Mikrotik-Rate-Limit']).toEqual(['1000k/4000k']);
    expect(r.attributes['Mikrotik-Total-Limit-Gigawords']).toEqual(['1']);
    expect(h.events['radius.access_accepted']).toEqual([{ nas: 'old-ap', method: 'pap' }]);
  });

  it('drops packets from a source that is not a configured client', async () => {
    h = await startHarness({ clients: [{ name: 'elsewhere', address: '192.0.2.0/24', secret: SECRET }] });
    const t = await h.ticket();
    const r = await radclient(h.authPort, 'auth', papLines(t.code));
    expect(r.code).toBeNull();
    expect(h.events['radius.request_dropped']).toContainEqual({
      server: 'auth',
      reason: 'unknown_client',
      nas: null,
    });
  });

  it('answers a retransmission with the same bytes and redeems once, copying Proxy-State back', async () => {
    h = await startHarness();
    const t = await h.ticket();
    const authenticator = randomBytes(16);
    const request = buildRequest({
      code: RadiusCode.AccessRequest,
      identifier: 7,
      authenticator,
      secret: SECRET,
      attributes: [
        makeAttribute(dictionary, 'User-Name', t.code),
        { type: 2, value: hideUserPassword(t.code, SECRET, authenticator) },
        makeAttribute(dictionary, 'Calling-Station-Id', NAS_MAC),
        makeAttribute(dictionary, 'Proxy-State', Buffer.from('hop-1')),
        makeAttribute(dictionary, 'Proxy-State', Buffer.from('hop-2')),
      ],
    });
    const replies = await udpExchange(h.authPort, [request, request, request], (r) => r.length >= 3);
    expect(replies).toHaveLength(3);
    expect(replies[1]).toEqual(replies[0]);
    expect(replies[2]).toEqual(replies[0]);
    const reply = replies[0]!;
    expect(verifyResponseAuthenticator(reply, authenticator, SECRET)).toBe(true);
    expect(verifyMessageAuthenticator(reply, SECRET, authenticator)).toBe('valid');
    const decoded = decodePacket(reply);
    expect(decoded.code).toBe(RadiusCode.AccessAccept);
    expect(decoded.attributes[0]?.type).toBe(80);
    expect(decoded.attributes.filter((a) => a.type === 33).map((a) => a.value.toString())).toEqual([
      'hop-1',
      'hop-2',
    ]);
    expect(getNumber(dictionary, decoded, 'Session-Timeout')).toBe(3600);
    expect(h.events['ticket.redeemed']).toHaveLength(1);
    expect(h.events['radius.duplicate_answered']).toHaveLength(2);
  });

  it('MAC authentication: accepts a MAC bound to a live ticket in any spelling, rejects an unknown one', async () => {
    h = await startHarness({
      clients: [{ name: 'unifi', address: '127.0.0.1', secret: SECRET, kind: 'unifi' }],
    });
    const t = await h.ticket();
    expect((await radclient(h.authPort, 'auth', papLines(t.code, { mac: 'aa:bb:cc:dd:ee:0f' }))).code).toBe(
      'Access-Accept',
    );
    const mac = (userName: string, calling: string) => [
      `User-Name = "${userName}"`,
      `User-Password = "${userName}"`,
      `Calling-Station-Id = "${calling}"`,
      'Message-Authenticator = 0x00',
    ];
    const known = await radclient(h.authPort, 'auth', mac('AABBCCDDEE0F', 'AA-BB-CC-DD-EE-0F'));
    expect(known.code).toBe('Access-Accept');
    expect(Number(known.attributes['Session-Timeout']?.[0])).toBeLessThanOrEqual(3600);
    const cisco = await radclient(h.authPort, 'auth', mac('aabb.ccdd.ee0f', 'aa:bb:cc:dd:ee:0f'));
    expect(cisco.code).toBe('Access-Accept');
    const unknown = await radclient(h.authPort, 'auth', mac('aabbccddee99', 'AA-BB-CC-DD-EE-99'));
    expect(unknown.code).toBe('Access-Reject');
    expect(h.events['radius.access_rejected']).toEqual([
      { nas: 'unifi', method: 'mac', reason: 'ECN_ERR_RADIUS_MAC_UNKNOWN' },
    ]);
    await revokeTicket(h.deps, t.id, 'animateur');
    expect((await radclient(h.authPort, 'auth', mac('AABBCCDDEE0F', 'AA-BB-CC-DD-EE-0F'))).code).toBe(
      'Access-Reject',
    );
  });
});
