// Parity with the `radius` npm package (1.1.4, BSD-3-Clause), our test oracle: packets we encode
// decode the same with it, packets it encodes decode the same with us, and every place where
// the two differ on purpose is pinned down below with the reason.

import { join } from 'node:path';
import radius from 'radius';
import {
  RadiusDecodeError,
  buildRequest,
  buildResponse,
  decodePacket,
  encodePacket,
  encodeVendorSpecific,
  getAttribute,
  getNumber,
  getString,
  getValueName,
  hideUserPassword,
  makeAttribute,
  verifyMessageAuthenticator,
  verifyRequestAuthenticator,
  type RadiusAttribute,
} from '../../../src/radius/index';
import {
  SHIPPED_DICTIONARY_DIR,
  hex,
  randomBytes,
  randomInt,
  seededRandom,
  shippedDictionary,
  radiusEncode,
} from './radius-test-helpers';

// The package ships the RFC dictionaries itself; it learns the vendors from our files.
for (const vendor of ['wispr', 'chillispot', 'mikrotik']) {
  radius.add_dictionary(join(SHIPPED_DICTIONARY_DIR, `dictionary.${vendor}`));
}

const dictionary = shippedDictionary();
const SECRET = 'ecn-test-secret';
const AUTHENTICATOR = hex('f0e1d2c3b4a5968778695a4b3c2d1e0f');

type RawPair = [number, Buffer];
function theirRaw(packet: Buffer): RawPair[] {
  return (radius.decode({ packet, secret: SECRET }) as unknown as { raw_attributes: RawPair[] })
    .raw_attributes;
}
function ourRaw(packet: Buffer): RawPair[] {
  return decodePacket(packet).attributes.map((a) => [a.type, a.value]);
}

describe('what we encode, the radius package decodes the same', () => {
  it('an Access-Accept with every kind of reply attribute the gateway sends', () => {
    const reply = buildResponse({
      code: 2,
      identifier: 17,
      requestAuthenticator: AUTHENTICATOR,
      secret: SECRET,
      attributes: [
        makeAttribute(dictionary, 'Session-Timeout', 2700),
        makeAttribute(dictionary, 'Idle-Timeout', 600),
        makeAttribute(dictionary, 'Acct-Interim-Interval', 300),
        makeAttribute(dictionary, 'Class', Buffer.from('ecn:7f3a')),
        makeAttribute(dictionary, 'Reply-Message', 'Bienvenue à l’ECN — أهلا'),
        makeAttribute(dictionary, 'Framed-IP-Address', '10.42.0.7'),
        makeAttribute(dictionary, 'Event-Timestamp', new Date('2025-03-01T10:00:00Z')),
        makeAttribute(dictionary, 'Service-Type', 'Framed-User'),
        makeAttribute(dictionary, 'WISPr-Bandwidth-Max-Up', 2_000_000),
        makeAttribute(dictionary, 'WISPr-Bandwidth-Max-Down', 8_000_000),
        makeAttribute(dictionary, 'ChilliSpot-Max-Total-Octets', 1_073_741_824),
        makeAttribute(dictionary, 'ChilliSpot-Max-Total-Gigawords', 1),
        makeAttribute(dictionary, 'Mikrotik-Rate-Limit', '2M/8M'),
      ],
    });
    const theirs = radius.decode({ packet: reply, secret: SECRET });
    expect(theirs.code).toBe('Access-Accept');
    expect(theirs.identifier).toBe(17);
    expect(theirs.attributes).toMatchObject({
      'Session-Timeout': 2700,
      'Idle-Timeout': 600,
      'Acct-Interim-Interval': 300,
      Class: Buffer.from('ecn:7f3a'),
      'Reply-Message': 'Bienvenue à l’ECN — أهلا',
      'Framed-IP-Address': '10.42.0.7',
      'Event-Timestamp': new Date('2025-03-01T10:00:00Z'),
      'Service-Type': 'Framed-User',
      'Vendor-Specific': {
        'WISPr-Bandwidth-Max-Up': 2_000_000,
        'WISPr-Bandwidth-Max-Down': 8_000_000,
        'ChilliSpot-Max-Total-Octets': 1_073_741_824,
        'ChilliSpot-Max-Total-Gigawords': 1,
        'Mikrotik-Rate-Limit': '2M/8M',
      },
    });
    expect(theirRaw(reply)).toEqual(ourRaw(reply));
  });
});

describe('what the radius package encodes, we decode the same', () => {
  it('an Accounting-Request with standard and vendor attributes', () => {
    const theirs = radius.encode({
      code: 'Accounting-Request',
      identifier: 99,
      secret: SECRET,
      attributes: [
        ['Acct-Status-Type', 'Interim-Update'],
        ['Acct-Session-Id', '5f3a-0001'],
        ['User-Name', '7KQ2-M9XD'],
        ['Calling-Station-Id', 'AA-BB-CC-DD-EE-FF'],
        ['NAS-IP-Address', '192.0.2.10'],
        ['Acct-Input-Octets', 123456789],
        ['Acct-Input-Gigawords', 2],
        ['Event-Timestamp', new Date('2025-03-01T10:05:00Z')],
        ['Vendor-Specific', 14559, [['ChilliSpot-Max-Total-Octets', 1000]]],
      ],
    });
    const ours = decodePacket(theirs);
    expect(ours.code).toBe(4);
    expect(ours.identifier).toBe(99);
    expect(verifyRequestAuthenticator(theirs, SECRET)).toBe(true);
    expect(getValueName(dictionary, ours, 'Acct-Status-Type')).toBe('Interim-Update');
    expect(getString(dictionary, ours, 'Acct-Session-Id')).toBe('5f3a-0001');
    expect(getString(dictionary, ours, 'Calling-Station-Id')).toBe('AA-BB-CC-DD-EE-FF');
    expect(getString(dictionary, ours, 'NAS-IP-Address')).toBe('192.0.2.10');
    expect(getNumber(dictionary, ours, 'Acct-Input-Octets')).toBe(123456789);
    expect(getNumber(dictionary, ours, 'Acct-Input-Gigawords')).toBe(2);
    expect(getAttribute(dictionary, ours, 'Event-Timestamp')).toEqual(new Date('2025-03-01T10:05:00Z'));
    expect(getNumber(dictionary, ours, 'ChilliSpot-Max-Total-Octets')).toBe(1000);
    expect(ours.vendorAttributes).toEqual([{ vendorId: 14559, vendorType: 3, value: hex('000003e8') }]);
  });

  it('an Access-Request with PAP and Message-Authenticator', () => {
    const theirs = radiusEncode({
      code: 'Access-Request',
      identifier: 4,
      authenticator: AUTHENTICATOR,
      secret: SECRET,
      add_message_authenticator: true,
      attributes: [
        ['User-Name', '7KQ2-M9XD'],
        ['User-Password', '7KQ2-M9XD'],
      ],
    });
    const ours = decodePacket(theirs);
    expect(ours.authenticator).toEqual(AUTHENTICATOR);
    expect(verifyMessageAuthenticator(theirs, SECRET)).toBe('valid');
    expect(ours.attributes.find((a) => a.type === 2)?.value).toEqual(
      hideUserPassword('7KQ2-M9XD', SECRET, AUTHENTICATOR),
    );
  });
});

describe('random well-formed packets: same attributes both ways, same bytes both ways', () => {
  // Types the package decodes without interpreting, or reads as 4-octet values; no 2 (it
  // decrypts), 26 (built apart), 79/80 (it adds a Message-Authenticator), no tagged types.
  const TEXT_OR_OCTETS = [1, 11, 18, 24, 25, 30, 31, 32, 33, 44, 60, 87, 88];
  const FOUR_OCTETS = [4, 5, 8, 27, 28, 41, 42, 46, 55, 85];
  const VENDORS: Array<[number, number[]]> = [
    [14122, [1, 2, 7, 8]],
    [14559, [1, 2, 3, 23]],
    [14988, [8, 17]],
  ];

  function randomAttribute(random: () => number): RadiusAttribute {
    const kind = randomInt(random, 4);
    if (kind === 0)
      return {
        type: TEXT_OR_OCTETS[randomInt(random, TEXT_OR_OCTETS.length)] ?? 1,
        value: randomBytes(random, randomInt(random, 60)),
      };
    if (kind === 1)
      return { type: FOUR_OCTETS[randomInt(random, FOUR_OCTETS.length)] ?? 5, value: randomBytes(random, 4) };
    if (kind === 2)
      return { type: 145 + randomInt(random, 100), value: randomBytes(random, randomInt(random, 80)) };
    const [vendorId, types] = VENDORS[randomInt(random, VENDORS.length)] ?? [14122, [7]];
    const subs = Array.from({ length: 1 + randomInt(random, 3) }, () => ({
      vendorType: types[randomInt(random, types.length)] ?? 7,
      value: randomBytes(random, 4),
    }));
    return encodeVendorSpecific(vendorId, subs);
  }

  it('500 packets, seed 20250301', () => {
    const random = seededRandom(20250301);
    for (let n = 0; n < 500; n++) {
      const attributes = Array.from({ length: randomInt(random, 20) }, () => randomAttribute(random));
      const identifier = randomInt(random, 256);
      const ours = encodePacket({ code: 1, identifier, authenticator: AUTHENTICATOR, attributes });
      const theirs = radiusEncode({
        code: 'Access-Request',
        identifier,
        authenticator: AUTHENTICATOR,
        secret: SECRET,
        attributes: attributes.map((a) => [a.type, a.value]),
      });
      expect(theirs).toEqual(ours);
      expect(theirRaw(ours)).toEqual(ourRaw(ours));
    }
  });
});

describe('known differences, on purpose', () => {
  function ourReason(packet: Buffer): string {
    try {
      decodePacket(packet);
      return 'decoded';
    } catch (error) {
      return error instanceof RadiusDecodeError ? error.reason : 'other error';
    }
  }

  it('an attribute overflowing the packet: the package truncates it silently, we drop the packet', () => {
    const packet = hex('01010018 f0e1d2c3b4a5968778695a4b3c2d1e0f 0108 6162');
    expect(radius.decode({ packet, secret: SECRET }).attributes['User-Name']).toBe('ab');
    expect(ourReason(packet)).toBe('bad_attribute');
  });

  it('a Length field below 20 or a datagram shorter than the header: the package accepts, we drop', () => {
    const lengthTen = hex('0101000a f0e1d2c3b4a5968778695a4b3c2d1e0f');
    expect(radius.decode({ packet: lengthTen, secret: SECRET }).code).toBe('Access-Request');
    expect(ourReason(lengthTen)).toBe('bad_length');
    const tenOctets = hex('0101000a f0e1d2c3b4a5');
    expect(radius.decode({ packet: tenOctets, secret: SECRET }).code).toBe('Access-Request');
    expect(ourReason(tenOctets)).toBe('too_short');
  });

  it('a Length field above 4096: the package accepts, we drop', () => {
    const attribute = (length: number) => Buffer.concat([Buffer.of(200, length), Buffer.alloc(length - 2)]);
    const body = Buffer.concat([...Array.from({ length: 20 }, () => attribute(200)), attribute(77)]);
    const packet = Buffer.concat([hex('01011001 f0e1d2c3b4a5968778695a4b3c2d1e0f'), body]);
    expect(packet).toHaveLength(4097);
    expect(radius.decode({ packet, secret: SECRET }).code).toBe('Access-Request');
    expect(ourReason(packet)).toBe('too_long');
  });

  it('attribute type 0: the package accepts, we drop', () => {
    const packet = hex('01010017 f0e1d2c3b4a5968778695a4b3c2d1e0f 000361');
    expect(() => radius.decode({ packet, secret: SECRET })).not.toThrow();
    expect(ourReason(packet)).toBe('bad_attribute');
  });

  it('padding after the Length field: the package hashes it and rejects a genuine Accounting-Request, we accept', () => {
    const request = buildRequest({
      code: 4,
      identifier: 1,
      secret: SECRET,
      attributes: [makeAttribute(dictionary, 'Acct-Status-Type', 'Start')],
    });
    const padded = Buffer.concat([request, Buffer.alloc(4)]);
    expect(() => radius.decode({ packet: padded, secret: SECRET })).toThrow(/authenticator mismatch/);
    expect(verifyRequestAuthenticator(padded, SECRET)).toBe(true);
    expect(decodePacket(padded).attributes).toEqual(decodePacket(request).attributes);
  });

  it('Accounting-Request with Message-Authenticator: the package signs in the wrong order (RFC 5176 §3.3), so neither it nor we accept its packets', () => {
    const theirs = radiusEncode({
      code: 'Accounting-Request',
      identifier: 1,
      secret: SECRET,
      add_message_authenticator: true,
      attributes: [['Acct-Status-Type', 'Start']],
    });
    expect(verifyRequestAuthenticator(theirs, SECRET)).toBe(false);
    expect(verifyMessageAuthenticator(theirs, SECRET)).toBe('invalid');
    expect(() => radius.decode({ packet: theirs, secret: SECRET })).toThrow(/authenticator mismatch/);
    // Ours, signed HMAC first with a zero authenticator, then the authenticator over it:
    const ours = buildRequest({
      code: 4,
      identifier: 1,
      secret: SECRET,
      messageAuthenticator: true,
      attributes: [makeAttribute(dictionary, 'Acct-Status-Type', 'Start')],
    });
    expect(verifyRequestAuthenticator(ours, SECRET)).toBe(true);
    expect(verifyMessageAuthenticator(ours, SECRET)).toBe('valid');
  });

  it('an empty User-Password: the package sends 0 octets, we send one hidden block as RFC 2865 §5.2 pads to 16', () => {
    const theirs = radiusEncode({
      code: 'Access-Request',
      identifier: 1,
      authenticator: AUTHENTICATOR,
      secret: SECRET,
      attributes: [['User-Password', '']],
    });
    expect(decodePacket(theirs).attributes[0]?.value).toHaveLength(0);
    expect(hideUserPassword('', SECRET, AUTHENTICATOR)).toHaveLength(16);
  });

  it('an unknown packet code: the package throws, we decode and leave the policy to the server', () => {
    const packet = hex('63010014 f0e1d2c3b4a5968778695a4b3c2d1e0f');
    expect(() => radius.decode({ packet, secret: SECRET })).toThrow(/invalid packet code/);
    expect(decodePacket(packet).code).toBe(99);
  });
});
