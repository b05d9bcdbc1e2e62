// Property test: 100 000 random and mutated datagrams through the decoder and the checks a
// server runs on them. Nothing may throw except RadiusDecodeError, and whatever decodes must
// re-encode to the same bytes. Seeded, so a failure names the seed and iteration to replay.

import {
  RADIUS_DECODE_REASONS,
  RadiusDecodeError,
  buildRequest,
  buildResponse,
  decodePacket,
  encodePacket,
  encodeVendorSpecific,
  getAttributeValues,
  readChapCredentials,
  verifyMessageAuthenticator,
  verifyRequestAuthenticator,
  verifyResponseAuthenticator,
  type RadiusAttribute,
} from '../../../src/radius/index';
import { randomBytes, randomInt, seededRandom, shippedDictionary } from './radius-test-helpers';

const SEED = 0x0ec02025;
const ITERATIONS = 100_000;
const SECRET = 'ecn-fuzz-secret';
const REQUEST_AUTHENTICATOR = Buffer.alloc(16, 0x5a);
const dictionary = shippedDictionary();
const NAMES = [
  'User-Name',
  'User-Password',
  'NAS-IP-Address',
  'Session-Timeout',
  'Acct-Status-Type',
  'Event-Timestamp',
  'NAS-IPv6-Address',
  'Framed-Interface-Id',
  'Framed-IPv6-Prefix',
  'WISPr-Bandwidth-Max-Up',
  'ChilliSpot-Max-Total-Octets',
  'Mikrotik-Rate-Limit',
];

function randomAttribute(random: () => number): RadiusAttribute {
  if (random() < 0.2) {
    const vendorId = [14122, 14559, 14988, randomInt(random, 0x1000000)][randomInt(random, 4)] ?? 14122;
    const subs = Array.from({ length: 1 + randomInt(random, 3) }, () => ({
      vendorType: randomInt(random, 30),
      value: randomBytes(random, randomInt(random, 20)),
    }));
    return encodeVendorSpecific(vendorId, subs);
  }
  const type = 1 + randomInt(random, 255);
  const length = random() < 0.5 ? 4 : randomInt(random, 40);
  return { type: type === 26 || type === 80 ? 1 : type, value: randomBytes(random, length) };
}

function validPacket(random: () => number): Buffer {
  const attributes = Array.from({ length: randomInt(random, 25) }, () => randomAttribute(random));
  const code = [1, 2, 3, 4, 5, 11, 12, 40, 41, 42, 43, 44, 45][randomInt(random, 13)] ?? 1;
  const identifier = randomInt(random, 256);
  const choice = randomInt(random, 3);
  if (choice === 0)
    return encodePacket({ code, identifier, authenticator: randomBytes(random, 16), attributes });
  if (choice === 1 && [2, 3, 5, 11, 41, 42, 44, 45].includes(code)) {
    return buildResponse({
      code,
      identifier,
      requestAuthenticator: REQUEST_AUTHENTICATOR,
      attributes,
      secret: SECRET,
    });
  }
  const requestCode = [1, 4, 12, 40, 43][randomInt(random, 5)] ?? 1;
  const authenticator = requestCode === 1 || requestCode === 12 ? randomBytes(random, 16) : undefined;
  return buildRequest({
    code: requestCode,
    identifier,
    attributes,
    secret: SECRET,
    authenticator,
    messageAuthenticator: random() < 0.5,
  });
}

function mutate(random: () => number, packet: Buffer): Buffer {
  const out = Buffer.from(packet);
  switch (randomInt(random, 8)) {
    case 0: // bit flips
      for (let n = 1 + randomInt(random, 8); n > 0; n--) {
        const i = randomInt(random, out.length);
        out[i] = (out[i] ?? 0) ^ (1 << randomInt(random, 8));
      }
      return out;
    case 1: // truncation
      return out.subarray(0, randomInt(random, out.length + 1));
    case 2: // Length field: anything, or a small step either way
      out.writeUInt16BE(
        random() < 0.5
          ? randomInt(random, 65536)
          : Math.max(0, Math.min(65535, out.length + randomInt(random, 9) - 4)),
        2,
      );
      return out;
    case 3: // an attribute length octet, or any octet after the header
      if (out.length > 21)
        out[20 + randomInt(random, out.length - 20)] =
          [0, 1, 2, 3, 255, randomInt(random, 256)][randomInt(random, 6)] ?? 0;
      return out;
    case 4: // trailing bytes
      return Buffer.concat([out, randomBytes(random, randomInt(random, 64))]);
    case 5: // insert or delete a run
      if (random() < 0.5) {
        const at = randomInt(random, out.length + 1);
        return Buffer.concat([
          out.subarray(0, at),
          randomBytes(random, 1 + randomInt(random, 8)),
          out.subarray(at),
        ]);
      } else {
        const at = randomInt(random, out.length + 1);
        return Buffer.concat([out.subarray(0, at), out.subarray(at + 1 + randomInt(random, 8))]);
      }
    case 6: // turn something into a Vendor-Specific
      if (out.length > 20) out[20 + randomInt(random, out.length - 20)] = 26;
      return out;
    default: {
      // pure noise, sometimes with a plausible Length field
      const noise = randomBytes(random, randomInt(random, 4200));
      if (noise.length >= 4 && random() < 0.5) noise.writeUInt16BE(Math.min(noise.length, 65535), 2);
      return noise;
    }
  }
}

function exerciseServerChecks(datagram: Buffer): void {
  const packet = decodePacket(datagram);
  const length = datagram.readUInt16BE(2);
  if (!encodePacket(packet).equals(datagram.subarray(0, length)))
    throw new Error('re-encoding changed the bytes');
  verifyRequestAuthenticator(datagram, SECRET);
  verifyResponseAuthenticator(datagram, REQUEST_AUTHENTICATOR, SECRET);
  verifyMessageAuthenticator(datagram, SECRET, REQUEST_AUTHENTICATOR);
  for (const name of NAMES) {
    try {
      getAttributeValues(dictionary, packet, name);
    } catch (error) {
      if (!(error instanceof RadiusDecodeError)) throw error;
    }
  }
  readChapCredentials(packet);
}

describe('decode fuzz', () => {
  it(`${ITERATIONS} random and mutated datagrams throw nothing but RadiusDecodeError (seed ${SEED})`, () => {
    const random = seededRandom(SEED);
    const failures: string[] = [];
    const outcomes = new Map<string, number>();
    const count = (key: string): void => void outcomes.set(key, (outcomes.get(key) ?? 0) + 1);

    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const valid = validPacket(random);
      const datagram = random() < 0.1 ? valid : mutate(random, valid);
      try {
        exerciseServerChecks(datagram);
        count('decoded');
      } catch (error) {
        if (error instanceof RadiusDecodeError) {
          count(error.reason);
        } else if (failures.length < 5) {
          failures.push(
            `seed ${SEED} iteration ${iteration}: ${String(error)} on ${datagram.toString('hex')}`,
          );
        }
      }
    }

    expect(failures).toEqual([]);
    // The mutations must reach every framing check, and plenty of packets must still decode.
    for (const reason of RADIUS_DECODE_REASONS.filter((r) => r !== 'bad_value')) {
      expect(outcomes.get(reason) ?? 0).toBeGreaterThan(0);
    }
    expect(outcomes.get('decoded') ?? 0).toBeGreaterThan(ITERATIONS / 10);
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(ITERATIONS);
  }, 300_000);
});
