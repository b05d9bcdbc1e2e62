// Typed values: a round trip for every data type, and the bytes each type refuses.

import {
  type AttributeDataType,
  type AttributeValue,
  RadiusDecodeError,
  decodeAttributeValue,
  encodeAttributeValue,
} from '../../../src/radius/index';
import { hex } from './radius-test-helpers';

describe('round trip for every data type', () => {
  it.each<[AttributeDataType, AttributeValue, string]>([
    ['string', 'ticket-7KQ2', '7469636b65742d374b5132'],
    ['string', 'Accès refusé — مرحبا', Buffer.from('Accès refusé — مرحبا').toString('hex')],
    ['string', '', ''],
    ['octets', hex('00ff10'), '00ff10'],
    ['vsa', hex('00003f2a0706000f4240'), '00003f2a0706000f4240'],
    ['integer', 0, '00000000'],
    ['integer', 4294967295, 'ffffffff'],
    ['signed', -2, 'fffffffe'],
    ['signed', 2147483647, '7fffffff'],
    ['byte', 255, 'ff'],
    ['short', 3799, '0ed7'],
    ['integer64', 5368709120n, '0000000140000000'],
    ['integer64', 18446744073709551615n, 'ffffffffffffffff'],
    ['date', new Date('2025-03-01T10:00:00Z'), '67c2daa0'],
    ['ipaddr', '192.168.1.16', 'c0a80110'],
    ['ipaddr', '0.0.0.0', '00000000'],
    ['ipv6addr', '2001:db8::1', '20010db8000000000000000000000001'],
    ['ipv6addr', '::', '00000000000000000000000000000000'],
    ['ipv6addr', '::ffff:c000:201', '00000000000000000000ffffc0000201'],
    ['ipv6addr', '2001:db8:0:1:1:1:1:1', '20010db8000000010001000100010001'],
    ['ipv6addr', '2001:0:0:1::1', '20010000000000010000000000000001'],
    ['ifid', '0011:2233:4455:6677', '0011223344556677'],
    ['ipv6prefix', '2001:db8::/32', '002020010db8'],
    ['ipv6prefix', '::/0', '0000'],
    ['ipv6prefix', '2001:db8:0:1::/64', '004020010db800000001'],
    ['ipv6prefix', '2001:db8::1/128', '008020010db8000000000000000000000001'],
  ])('%s %p', (type, value, wire) => {
    expect(encodeAttributeValue(type, value).toString('hex')).toBe(wire);
    expect(decodeAttributeValue(type, hex(wire))).toEqual(value);
  });

  it('accepts other IPv6 spellings and prints the RFC 5952 one', () => {
    expect(decodeAttributeValue('ipv6addr', encodeAttributeValue('ipv6addr', '2001:DB8:0:0:0:0:0:1'))).toBe(
      '2001:db8::1',
    );
    expect(decodeAttributeValue('ipv6addr', encodeAttributeValue('ipv6addr', '::ffff:192.0.2.1'))).toBe(
      '::ffff:c000:201',
    );
    expect(decodeAttributeValue('ipv6addr', encodeAttributeValue('ipv6addr', '1::'))).toBe('1::');
  });

  it('reads an IPv6 prefix sent with trailing octets left out or bits past its length set', () => {
    expect(decodeAttributeValue('ipv6prefix', hex('00402001'))).toBe('2001::/64');
    expect(decodeAttributeValue('ipv6prefix', hex('001020010db8'))).toBe('2001::/16');
  });

  it('encodes integer64 from a safe number too', () => {
    expect(encodeAttributeValue('integer64', 42)).toEqual(hex('000000000000002a'));
  });
});

describe('decoding refuses bytes that do not fit the type', () => {
  it.each<[AttributeDataType, string]>([
    ['integer', '000001'],
    ['integer', '0000000001'],
    ['signed', ''],
    ['byte', '0001'],
    ['short', '01'],
    ['integer64', '00000000'],
    ['date', '000000'],
    ['ipaddr', 'c0a801'],
    ['ipv6addr', '20010db8'],
    ['ifid', '00112233'],
    ['ipv6prefix', '00'],
    ['ipv6prefix', '0081'],
    ['ipv6prefix', '01402001'],
    ['ipv6prefix', '0080' + '00'.repeat(17)],
    ['string', 'c3'],
    ['string', 'ff'],
  ])('%s from %s', (type, wire) => {
    let caught: unknown;
    try {
      decodeAttributeValue(type, hex(wire));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RadiusDecodeError);
    expect((caught as RadiusDecodeError).reason).toBe('bad_value');
  });
});

describe('encoding refuses values of the wrong kind', () => {
  it.each<[AttributeDataType, AttributeValue]>([
    ['string', 5],
    ['octets', 'text'],
    ['integer', -1],
    ['integer', 4294967296],
    ['integer', 1.5],
    ['integer', '5'],
    ['signed', 2147483648],
    ['byte', 256],
    ['short', 65536],
    ['integer64', -1n],
    ['integer64', 2n ** 64n],
    ['date', new Date(Number.NaN)],
    ['date', new Date(-1000)],
    ['date', 5],
    ['ipaddr', '192.168.1'],
    ['ipaddr', '192.168.1.256'],
    ['ipaddr', '192.168.01.1'],
    ['ipaddr', ' 192.168.1.1'],
    ['ipv6addr', '2001:db8::1::1'],
    ['ipv6addr', '2001:db8:1:2:3:4:5:6:7'],
    ['ipv6addr', '1.2.3.4::'],
    ['ipv6addr', '12345::'],
    ['ipv6addr', ':1'],
    ['ipv6addr', '1:2:3:4:5:6:7::8'],
    ['ifid', '0011:2233:4455'],
    ['ipv6prefix', '2001:db8::'],
    ['ipv6prefix', '2001:db8::/129'],
    ['ipv6prefix', '2001:db8::/032'],
  ])('%s from %p', (type, value) => {
    expect(() => encodeAttributeValue(type, value)).toThrow(/./);
  });
});
