// Reading and making attributes by name with typed values, over the shipped dictionaries.

import {
  RadiusDecodeError,
  decodePacket,
  encodePacket,
  encodeVendorSpecific,
  getAttribute,
  getAttributeValues,
  getNumber,
  getOctets,
  getString,
  getValueName,
  makeAttribute,
} from '../../../src/radius/index';
import { hex, shippedDictionary } from './radius-test-helpers';

const dictionary = shippedDictionary();
const AUTH = Buffer.alloc(16, 1);

function packetOf(attributes: ReturnType<typeof makeAttribute>[]) {
  return decodePacket(encodePacket({ code: 2, identifier: 1, authenticator: AUTH, attributes }));
}

describe('makeAttribute and getAttribute', () => {
  it('round-trip standard attributes of each kind', () => {
    const packet = packetOf([
      makeAttribute(dictionary, 'User-Name', 'ticket-7KQ2'),
      makeAttribute(dictionary, 'Session-Timeout', 3600),
      makeAttribute(dictionary, 'Framed-IP-Address', '10.0.0.42'),
      makeAttribute(dictionary, 'Class', hex('c0ffee')),
      makeAttribute(dictionary, 'Event-Timestamp', new Date('2025-03-01T10:00:00Z')),
      makeAttribute(dictionary, 'Framed-IPv6-Prefix', '2001:db8:1::/48'),
      makeAttribute(dictionary, 'Reply-Message', 'Code invalide'),
      makeAttribute(dictionary, 'Reply-Message', 'Merci'),
    ]);
    expect(getString(dictionary, packet, 'user-name')).toBe('ticket-7KQ2');
    expect(getNumber(dictionary, packet, 'Session-Timeout')).toBe(3600);
    expect(getString(dictionary, packet, 'Framed-IP-Address')).toBe('10.0.0.42');
    expect(getOctets(dictionary, packet, 'Class')).toEqual(hex('c0ffee'));
    expect(getAttribute(dictionary, packet, 'Event-Timestamp')).toEqual(new Date('2025-03-01T10:00:00Z'));
    expect(getString(dictionary, packet, 'Framed-IPv6-Prefix')).toBe('2001:db8:1::/48');
    expect(getAttributeValues(dictionary, packet, 'Reply-Message')).toEqual(['Code invalide', 'Merci']);
    expect(getAttribute(dictionary, packet, 'Idle-Timeout')).toBeUndefined();
    expect(getAttributeValues(dictionary, packet, 'Idle-Timeout')).toEqual([]);
  });

  it('wrap vendor attributes in Vendor-Specific and find them again', () => {
    const attribute = makeAttribute(dictionary, 'WISPr-Bandwidth-Max-Down', 8_000_000);
    expect(attribute).toEqual({ type: 26, value: hex('0000372a 0806 007a1200') });
    const packet = packetOf([
      attribute,
      makeAttribute(dictionary, 'ChilliSpot-Max-Total-Gigawords', 1),
      makeAttribute(dictionary, 'Mikrotik-Rate-Limit', '2M/8M'),
    ]);
    expect(getNumber(dictionary, packet, 'WISPr-Bandwidth-Max-Down')).toBe(8_000_000);
    expect(getNumber(dictionary, packet, 'ChilliSpot-Max-Total-Gigawords')).toBe(1);
    expect(getString(dictionary, packet, 'Mikrotik-Rate-Limit')).toBe('2M/8M');
    expect(getNumber(dictionary, packet, 'WISPr-Bandwidth-Max-Up')).toBeUndefined();
  });

  it('find a vendor attribute among several in one Vendor-Specific', () => {
    const vsa = encodeVendorSpecific(14122, [
      { vendorType: 7, value: hex('000003e8') },
      { vendorType: 8, value: hex('000007d0') },
    ]);
    const packet = packetOf([vsa]);
    expect(getNumber(dictionary, packet, 'WISPr-Bandwidth-Max-Up')).toBe(1000);
    expect(getNumber(dictionary, packet, 'WISPr-Bandwidth-Max-Down')).toBe(2000);
  });

  it('take and give VALUE names for enumerated attributes', () => {
    const packet = packetOf([
      makeAttribute(dictionary, 'Acct-Status-Type', 'Interim-Update'),
      makeAttribute(dictionary, 'Service-Type', 2),
      makeAttribute(dictionary, 'Acct-Terminate-Cause', 999),
    ]);
    expect(getNumber(dictionary, packet, 'Acct-Status-Type')).toBe(3);
    expect(getValueName(dictionary, packet, 'Acct-Status-Type')).toBe('Interim-Update');
    expect(getValueName(dictionary, packet, 'Service-Type')).toBe('Framed-User');
    expect(getValueName(dictionary, packet, 'Acct-Terminate-Cause')).toBeUndefined();
    expect(getValueName(dictionary, packet, 'NAS-Port-Type')).toBeUndefined();
    expect(() => makeAttribute(dictionary, 'Acct-Status-Type', 'Sometimes')).toThrow(/not a VALUE/);
  });

  it('treat encrypted attributes as their hidden octets', () => {
    const hidden = Buffer.alloc(16, 7);
    const packet = packetOf([makeAttribute(dictionary, 'User-Password', hidden)]);
    expect(getOctets(dictionary, packet, 'User-Password')).toEqual(hidden);
    expect(() => makeAttribute(dictionary, 'User-Password', 'plain')).toThrow(TypeError);
  });

  it('refuse unknown names, the wrong kind of getter and values that do not fit', () => {
    const packet = packetOf([makeAttribute(dictionary, 'Session-Timeout', 1)]);
    expect(() => getAttribute(dictionary, packet, 'No-Such-Attribute')).toThrow(/no attribute/);
    expect(() => makeAttribute(dictionary, 'No-Such-Attribute', 1)).toThrow(/no attribute/);
    expect(() => getString(dictionary, packet, 'Session-Timeout')).toThrow(TypeError);
    expect(() => makeAttribute(dictionary, 'Vendor-Specific', Buffer.alloc(6))).toThrow(TypeError);
    expect(() => makeAttribute(dictionary, 'Reply-Message', 'x'.repeat(254))).toThrow(RangeError);
    expect(() => makeAttribute(dictionary, 'Mikrotik-Rate-Limit', 'x'.repeat(248))).toThrow(RangeError);
    expect(makeAttribute(dictionary, 'Mikrotik-Rate-Limit', 'x'.repeat(247)).value).toHaveLength(253);
  });

  it('report a malformed value as bad_value', () => {
    const packet = packetOf([{ type: 27, value: hex('0001') }]);
    expect(() => getNumber(dictionary, packet, 'Session-Timeout')).toThrow(RadiusDecodeError);
    const badUtf8 = packetOf([{ type: 1, value: hex('c328') }]);
    expect(() => getString(dictionary, badUtf8, 'User-Name')).toThrow(
      expect.objectContaining({ reason: 'bad_value' }),
    );
  });
});
