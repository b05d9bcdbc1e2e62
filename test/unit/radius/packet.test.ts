// Packet framing: round trips and every malformed shape a NAS or an attacker can send.

import {
  RADIUS_DECODE_REASONS,
  RadiusDecodeError,
  type RadiusDecodeReason,
  decodePacket,
  encodePacket,
  encodeVendorSpecific,
  findAttributeOffsets,
} from '../../../src/radius/index';
import { hex } from './radius-test-helpers';

const AUTH = hex('00112233445566778899aabbccddeeff');

function header(code: number, id: number, length: number): Buffer {
  const out = Buffer.alloc(20);
  out.writeUInt8(code, 0);
  out.writeUInt8(id, 1);
  out.writeUInt16BE(length, 2);
  AUTH.copy(out, 4);
  return out;
}

function withAttributes(attributeBytes: Buffer, lengthField?: number): Buffer {
  const length = lengthField ?? 20 + attributeBytes.length;
  return Buffer.concat([header(1, 7, length), attributeBytes]);
}

function reasonOf(datagram: Buffer): RadiusDecodeReason | 'decoded' {
  try {
    decodePacket(datagram);
    return 'decoded';
  } catch (error) {
    if (error instanceof RadiusDecodeError) return error.reason;
    throw error;
  }
}

describe('decodePacket / encodePacket round trip', () => {
  it('keeps code, identifier, authenticator and attributes in order, duplicates included', () => {
    const packet = {
      code: 4,
      identifier: 200,
      authenticator: AUTH,
      attributes: [
        { type: 1, value: Buffer.from('user') },
        { type: 33, value: Buffer.from('proxy-1') },
        { type: 33, value: Buffer.from('proxy-2') },
        { type: 25, value: Buffer.alloc(0) },
        { type: 255, value: Buffer.alloc(253, 0xab) },
      ],
    };
    const bytes = encodePacket(packet);
    expect(bytes.readUInt16BE(2)).toBe(bytes.length);
    const decoded = decodePacket(bytes);
    expect(decoded.code).toBe(4);
    expect(decoded.identifier).toBe(200);
    expect(decoded.authenticator).toEqual(AUTH);
    expect(decoded.attributes).toEqual(packet.attributes);
    expect(encodePacket(decoded)).toEqual(bytes);
  });

  it('decodes a header-only packet', () => {
    expect(decodePacket(header(5, 1, 20)).attributes).toEqual([]);
  });

  it('splits Vendor-Specific attributes into sub-attributes and keeps the raw attribute', () => {
    const vsa = encodeVendorSpecific(14122, [
      { vendorType: 7, value: hex('000f4240') },
      { vendorType: 8, value: hex('001e8480') },
    ]);
    const decoded = decodePacket(
      encodePacket({ code: 2, identifier: 1, authenticator: AUTH, attributes: [vsa] }),
    );
    expect(decoded.attributes).toEqual([vsa]);
    expect(decoded.vendorAttributes).toEqual([
      { vendorId: 14122, vendorType: 7, value: hex('000f4240') },
      { vendorId: 14122, vendorType: 8, value: hex('001e8480') },
    ]);
  });

  it('keeps a vendor it has never heard of, as raw sub-attributes', () => {
    const vsa = encodeVendorSpecific(0xabcdef, [{ vendorType: 0, value: Buffer.from('opaque') }]);
    const decoded = decodePacket(
      encodePacket({ code: 1, identifier: 1, authenticator: AUTH, attributes: [vsa] }),
    );
    expect(decoded.vendorAttributes).toEqual([
      { vendorId: 0xabcdef, vendorType: 0, value: Buffer.from('opaque') },
    ]);
  });

  it('ignores octets after the Length field (RFC 2865 §3 padding)', () => {
    const bytes = withAttributes(hex('0106 6e656d6f'));
    const padded = Buffer.concat([bytes, hex('deadbeef')]);
    expect(decodePacket(padded)).toEqual(decodePacket(bytes));
  });

  it('accepts the largest packet, 4096 octets', () => {
    const attributes = Array.from({ length: 15 }, () => ({ type: 18, value: Buffer.alloc(253) }));
    attributes.push({ type: 18, value: Buffer.alloc(4096 - 20 - 15 * 255 - 2) });
    const bytes = encodePacket({ code: 2, identifier: 0, authenticator: AUTH, attributes });
    expect(bytes.length).toBe(4096);
    expect(decodePacket(bytes).attributes).toHaveLength(16);
  });

  it('returns copies, so reusing the datagram does not change a decoded packet', () => {
    const bytes = withAttributes(hex('0106 6e656d6f'));
    const decoded = decodePacket(bytes);
    bytes.fill(0);
    expect(decoded.authenticator).toEqual(AUTH);
    expect(decoded.attributes[0]?.value.toString()).toBe('nemo');
  });
});

describe('decodePacket rejects malformed packets with a stable reason', () => {
  it.each<[string, Buffer, RadiusDecodeReason]>([
    ['an empty datagram', Buffer.alloc(0), 'too_short'],
    ['a datagram of 19 octets', header(1, 1, 20).subarray(0, 19), 'too_short'],
    ['a Length field of 19', header(1, 1, 19), 'bad_length'],
    ['a Length field of 0', header(1, 1, 0), 'bad_length'],
    [
      'a Length field longer than the datagram (truncated)',
      withAttributes(hex('0106 6e656d6f'), 27),
      'bad_length',
    ],
    ['a Length field of 4097', Buffer.concat([header(1, 1, 4097), Buffer.alloc(4077)]), 'too_long'],
    ['a Length field of 65535', Buffer.concat([header(1, 1, 65535), Buffer.alloc(100)]), 'too_long'],
    ['an attribute of length 0', withAttributes(hex('0100')), 'bad_attribute'],
    ['an attribute of length 1', withAttributes(hex('0101')), 'bad_attribute'],
    ['an attribute overflowing the packet', withAttributes(hex('0108 6e656d6f')), 'bad_attribute'],
    ['a lone attribute type octet', withAttributes(hex('01')), 'bad_attribute'],
    ['an attribute of type 0', withAttributes(hex('0003 61')), 'bad_attribute'],
    ['an attribute cut by the Length field', withAttributes(hex('0106 6e656d6f'), 24), 'bad_attribute'],
    ['a Vendor-Specific shorter than a vendor id', withAttributes(hex('1a05 000000')), 'bad_vsa'],
    ['a Vendor-Specific with a vendor id only', withAttributes(hex('1a06 00003f2a')), 'bad_vsa'],
    [
      'a Vendor-Specific with half a sub-attribute header',
      withAttributes(hex('1a07 00003f2a 07')),
      'bad_vsa',
    ],
    ['a vendor sub-attribute of length 1', withAttributes(hex('1a08 00003f2a 0701')), 'bad_vsa'],
    ['a vendor sub-attribute overflowing its VSA', withAttributes(hex('1a0a 00003f2a 0705 0000')), 'bad_vsa'],
    ['a vendor id with a non-zero high octet', withAttributes(hex('1a0c 01003f2a 0706 00000001')), 'bad_vsa'],
  ])('%s', (_name, datagram, reason) => {
    expect(reasonOf(datagram)).toBe(reason);
  });

  it('uses only reasons from the fixed list', () => {
    expect(RADIUS_DECODE_REASONS).toEqual([
      'too_short',
      'too_long',
      'bad_length',
      'bad_attribute',
      'bad_vsa',
      'bad_value',
    ]);
    const error = new RadiusDecodeError('bad_length', 'detail');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RadiusDecodeError');
    expect(error.message).toBe('bad_length: detail');
  });
});

describe('encodePacket refuses what it cannot frame', () => {
  const base = { code: 1, identifier: 1, authenticator: AUTH, attributes: [] };

  it.each([
    ['a code above 255', { ...base, code: 256 }],
    ['a negative identifier', { ...base, identifier: -1 }],
    ['a fractional identifier', { ...base, identifier: 1.5 }],
    ['a short authenticator', { ...base, authenticator: Buffer.alloc(15) }],
    ['attribute type 0', { ...base, attributes: [{ type: 0, value: Buffer.alloc(1) }] }],
    ['attribute type 256', { ...base, attributes: [{ type: 256, value: Buffer.alloc(1) }] }],
    ['a value of 254 octets', { ...base, attributes: [{ type: 1, value: Buffer.alloc(254) }] }],
    [
      'more than 4096 octets',
      { ...base, attributes: Array.from({ length: 17 }, () => ({ type: 1, value: Buffer.alloc(253) })) },
    ],
  ])('%s', (_name, packet) => {
    expect(() => encodePacket(packet)).toThrow(RangeError);
  });
});

describe('encodeVendorSpecific', () => {
  it('refuses vendor ids above 24 bits, empty lists and values that do not fit', () => {
    expect(() => encodeVendorSpecific(0x1000000, [{ vendorType: 1, value: Buffer.alloc(1) }])).toThrow(
      RangeError,
    );
    expect(() => encodeVendorSpecific(14122, [])).toThrow(RangeError);
    expect(() => encodeVendorSpecific(14122, [{ vendorType: 256, value: Buffer.alloc(1) }])).toThrow(
      RangeError,
    );
    expect(() => encodeVendorSpecific(14122, [{ vendorType: 1, value: Buffer.alloc(248) }])).toThrow(
      RangeError,
    );
    expect(encodeVendorSpecific(14122, [{ vendorType: 1, value: Buffer.alloc(247) }]).value).toHaveLength(
      253,
    );
  });
});

describe('findAttributeOffsets', () => {
  it('finds every occurrence and gives up on broken framing', () => {
    const bytes = withAttributes(hex('5003 00 0103 61 5003 00'));
    expect(findAttributeOffsets(bytes, 0x50)).toEqual([20, 26]);
    expect(findAttributeOffsets(bytes, 0x02)).toEqual([]);
    expect(findAttributeOffsets(withAttributes(hex('0100')), 1)).toBeNull();
    expect(findAttributeOffsets(Buffer.alloc(3), 1)).toBeNull();
  });
});
