// CHAP: reading the NAS's inputs and checking the response, with the challenge taken from
// CHAP-Challenge or, when absent, from the Request Authenticator.

import { createHash } from 'node:crypto';
import {
  AttributeType,
  RadiusDecodeError,
  computeChapResponse,
  decodePacket,
  encodePacket,
  readChapCredentials,
  verifyChapPassword,
} from '../../../src/radius/index';
import { hex } from './radius-test-helpers';

const AUTHENTICATOR = hex('2aee86f08d0d55969ca5978e0d3367a2');
const CHALLENGE = hex('8c5e7a1f0b3d4e6f9a2b1c0d3e4f5a6b');

function request(attributes: { type: number; value: Buffer }[]) {
  return decodePacket(encodePacket({ code: 1, identifier: 1, authenticator: AUTHENTICATOR, attributes }));
}

function chapPassword(ident: number, password: string, challenge: Buffer) {
  return {
    type: AttributeType.ChapPassword,
    value: Buffer.concat([Buffer.of(ident), computeChapResponse(ident, password, challenge)]),
  };
}

describe('CHAP', () => {
  it('computes MD5(ident + password + challenge) (RFC 1994 §4.1)', () => {
    const expected = createHash('md5').update(Buffer.of(0x16)).update('7KQ2-M9XD').update(CHALLENGE).digest();
    expect(computeChapResponse(0x16, '7KQ2-M9XD', CHALLENGE)).toEqual(expected);
  });

  it('checks a response against CHAP-Challenge when the NAS sends one', () => {
    const packet = request([
      chapPassword(7, '7KQ2-M9XD', CHALLENGE),
      { type: AttributeType.ChapChallenge, value: CHALLENGE },
    ]);
    const credentials = readChapCredentials(packet);
    expect(credentials).toEqual({ ident: 7, response: expect.any(Buffer), challenge: CHALLENGE });
    expect(verifyChapPassword(credentials!, '7KQ2-M9XD')).toBe(true);
    expect(verifyChapPassword(credentials!, '7KQ2-M9XE')).toBe(false);
  });

  it('uses the Request Authenticator as the challenge when CHAP-Challenge is absent', () => {
    const credentials = readChapCredentials(request([chapPassword(200, 'code', AUTHENTICATOR)]));
    expect(credentials?.challenge).toEqual(AUTHENTICATOR);
    expect(verifyChapPassword(credentials!, 'code')).toBe(true);
  });

  it('rejects a response made with another ident', () => {
    const attribute = chapPassword(1, 'code', CHALLENGE);
    attribute.value[0] = 2;
    const credentials = readChapCredentials(
      request([attribute, { type: AttributeType.ChapChallenge, value: CHALLENGE }]),
    );
    expect(verifyChapPassword(credentials!, 'code')).toBe(false);
  });

  it('returns undefined without CHAP-Password', () => {
    expect(readChapCredentials(request([{ type: 1, value: Buffer.from('user') }]))).toBeUndefined();
  });

  it.each([
    ['a CHAP-Password of 16 octets', [{ type: 3, value: Buffer.alloc(16) }]],
    ['a CHAP-Password of 18 octets', [{ type: 3, value: Buffer.alloc(18) }]],
    [
      'two CHAP-Passwords',
      [
        { type: 3, value: Buffer.alloc(17) },
        { type: 3, value: Buffer.alloc(17) },
      ],
    ],
    [
      'a CHAP-Challenge of 4 octets',
      [
        { type: 3, value: Buffer.alloc(17) },
        { type: 60, value: Buffer.alloc(4) },
      ],
    ],
    [
      'two CHAP-Challenges',
      [
        { type: 3, value: Buffer.alloc(17) },
        { type: 60, value: CHALLENGE },
        { type: 60, value: CHALLENGE },
      ],
    ],
  ])('calls %s malformed', (_name, attributes) => {
    expect(() => readChapCredentials(request(attributes))).toThrow(RadiusDecodeError);
  });

  it('refuses an ident outside one octet', () => {
    expect(() => computeChapResponse(256, 'x', CHALLENGE)).toThrow(RangeError);
  });
});
