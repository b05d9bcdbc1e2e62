// The RADIUS server's small parts: NAS table matching, the duplicate cache, reply attributes per
// NAS kind, the Reply-Message catalog, and MAC spellings read by the one normaliser.

import { normalizeMac } from '../../../src/domain/device';
import { ERROR_CODES, type ErrorCode } from '../../../src/domain/errors';
import { redeem } from '../../../src/domain/ticket';
import { DuplicateCache } from '../../../src/radius/duplicate-cache';
import { NasTable, type NasClient } from '../../../src/radius/nas-table';
import { acceptAttributes, mikrotikRate, ticketIdFromClass } from '../../../src/radius/reply-attributes';
import { replyMessage } from '../../../src/radius/reply-messages';
import { getNumber, getOctets, getString } from '../../../src/radius/index';
import { shippedDictionary, ticketWithEveryLimit } from './radius-test-helpers';
import { LOCALES } from '../../../src/i18n/catalogs';

const client = (name: string, address: string): NasClient => ({
  name,
  address,
  secret: 'x'.repeat(16),
  kind: 'generic',
  requireMessageAuthenticator: true,
  coaPort: 3799,
});

describe('NasTable', () => {
  const table = new NasTable([
    client('wide', '10.0.0.0/8'),
    client('narrow', '10.42.0.0/24'),
    client('one', '10.42.0.7'),
    client('v6', 'fd00:42::/64'),
    client('v6-one', '::1'),
  ]);

  it.each([
    ['10.42.0.7', 'one'],
    ['10.42.0.8', 'narrow'],
    ['10.9.9.9', 'wide'],
    ['::ffff:10.42.0.7', 'one'],
    ['fd00:42::17', 'v6'],
    ['FD00:42:0:0::18', 'v6'],
    ['0:0::1', 'v6-one'],
  ])('matches %s to %s (longest prefix wins)', (address, name) => {
    expect(table.match(address)?.name).toBe(name);
  });

  it.each(['11.0.0.1', '192.168.1.1', 'fd00:43::1', 'not-an-ip', ''])('matches nothing for %s', (address) => {
    expect(table.match(address)).toBeNull();
  });
});

describe('DuplicateCache', () => {
  it('returns the same reply within the window, and forgets it after', async () => {
    let now = 0;
    const cache = new DuplicateCache(5000, () => now);
    const datagram = Buffer.alloc(20, 7);
    const key = DuplicateCache.key('127.0.0.1', 5000, datagram);
    expect(cache.get(key)).toBeUndefined();
    cache.set(key, Promise.resolve(Buffer.from('reply')));
    expect(await cache.get(key)).toEqual(Buffer.from('reply'));
    expect(cache.get(DuplicateCache.key('127.0.0.1', 5001, datagram))).toBeUndefined();
    now = 5000;
    expect(cache.get(key)).toBeUndefined();
  });

  it('keys on identifier and authenticator, and stays bounded', () => {
    let now = 0;
    const cache = new DuplicateCache(60_000, () => now, 100);
    const a = Buffer.alloc(20);
    const b = Buffer.from(a);
    b[1] = 1;
    expect(DuplicateCache.key('h', 1, a)).not.toBe(DuplicateCache.key('h', 1, b));
    for (let i = 0; i < 1000; i++) {
      now++;
      cache.set(`k${i}`, Promise.resolve(null));
    }
    expect(cache.size).toBeLessThanOrEqual(100);
  });
});

describe('reply attributes', () => {
  const dictionary = shippedDictionary();
  const T0 = Date.UTC(2026, 10, 28, 9);
  const ticket = ticketWithEveryLimit(T0);
  const granted = redeem(ticket, 'mac:aa:bb:cc:dd:ee:ff', T0);

  it('gives every kind the time left, the interim interval, Idle-Timeout and Class', () => {
    for (const kind of ['chilli', 'mikrotik', 'unifi', 'hostapd', 'generic'] as const) {
      const packet = {
        attributes: acceptAttributes(dictionary, kind, granted, { interimIntervalSeconds: 120 }),
      };
      expect(getNumber(dictionary, packet, 'Session-Timeout')).toBe(7200);
      expect(getNumber(dictionary, packet, 'Acct-Interim-Interval')).toBe(120);
      expect(getNumber(dictionary, packet, 'Idle-Timeout')).toBe(900);
      expect(ticketIdFromClass(getOctets(dictionary, packet, 'Class'))).toBe('tk-1');
    }
  });

  it('speaks MikroTik to MikroTik, ChilliSpot and WISPr to CoovaChilli, WISPr to UniFi', () => {
    const of = (kind: 'mikrotik' | 'chilli' | 'unifi') => ({
      attributes: acceptAttributes(dictionary, kind, granted, { interimIntervalSeconds: 300 }),
    });
    expect(getString(dictionary, of('mikrotik'), 'Mikrotik-Rate-Limit')).toBe('512k/2000k');
    expect(getNumber(dictionary, of('mikrotik'), 'Mikrotik-Total-Limit')).toBe(10);
    expect(getNumber(dictionary, of('mikrotik'), 'Mikrotik-Total-Limit-Gigawords')).toBe(3);
    expect(getNumber(dictionary, of('mikrotik'), 'WISPr-Bandwidth-Max-Up')).toBeUndefined();
    expect(getNumber(dictionary, of('chilli'), 'ChilliSpot-Max-Total-Octets')).toBe(10);
    expect(getNumber(dictionary, of('chilli'), 'ChilliSpot-Max-Total-Gigawords')).toBe(3);
    expect(getNumber(dictionary, of('chilli'), 'ChilliSpot-Bandwidth-Max-Down')).toBe(2000);
    expect(getNumber(dictionary, of('chilli'), 'WISPr-Bandwidth-Max-Down')).toBe(2_000_000);
    expect(getNumber(dictionary, of('unifi'), 'WISPr-Bandwidth-Max-Up')).toBe(512_000);
    expect(getNumber(dictionary, of('unifi'), 'ChilliSpot-Max-Total-Octets')).toBeUndefined();
  });

  it('writes 0 for the unlimited direction of a MikroTik rate', () => {
    expect(mikrotikRate(null, 8_000_000)).toBe('0/8000k');
  });

  it('ignores a Class that is not ours', () => {
    expect(ticketIdFromClass(Buffer.from('other'))).toBeNull();
    expect(ticketIdFromClass(undefined)).toBeNull();
  });
});

describe('Reply-Message catalog', () => {
  const refusals = Object.keys(ERROR_CODES).filter(
    (c) =>
      (c.startsWith('ECN_ERR_TICKET_') && c !== 'ECN_ERR_TICKET_ALREADY_REVOKED') ||
      c.startsWith('ECN_ERR_RADIUS_'),
  ) as ErrorCode[];

  it.each(['fr', 'fr-falc', 'en', 'ar'] as const)('has a short text in %s for every refusal', (lang) => {
    for (const code of refusals) {
      const text = replyMessage(code, lang);
      expect(text.length).toBeGreaterThan(10);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(253);
    }
  });

  it('speaks French by default and never echoes a code', () => {
    const french = LOCALES.get('fr')!.get('radius')!;
    expect(replyMessage('ECN_ERR_TICKET_EXPIRED', 'fr')).toBe(french['radius.ECN_ERR_TICKET_EXPIRED']);
    expect(replyMessage('ECN_ERR_TICKET_EXPIRED', 'fr')).not.toBe(
      replyMessage('ECN_ERR_TICKET_EXPIRED', 'en'),
    );
    expect(replyMessage('ECN_ERR_INTERNAL', 'fr')).toMatch(/animateur/);
  });
});

describe('MAC spellings NAS send (read by normalizeMac)', () => {
  it.each([
    'aabbccddee0f',
    'AA:BB:CC:DD:EE:0F',
    'aa-bb-cc-dd-ee-0f',
    'aabb.ccdd.ee0f',
    'aabbcc-ddee0f',
    'AABB:CCDD:EE0F',
  ])('reads %s', (spelling) => {
    expect(normalizeMac(spelling)).toBe('aa:bb:cc:dd:ee:0f');
  });

  it.each(['aabbccddee', 'aa:bb:cc:dd:ee:0g', 'K7QM-X4TR-9WPA'])('refuses %s', (spelling) => {
    expect(normalizeMac(spelling)).toBeNull();
  });
});
