// Message-Authenticator (RFC 2869 §5.14, RFC 5176 §3.3): RFC known answers, each kind of
// packet's HMAC basis, and the shapes that must not verify.

import { createHmac } from 'node:crypto';
import radius from 'radius';
import {
  buildRequest,
  buildResponse,
  computeMessageAuthenticator,
  encodePacket,
  verifyMessageAuthenticator,
  verifyRequestAuthenticator,
} from '../../../src/radius/index';
import { hex, radiusEncode } from './radius-test-helpers';

const RFC_SECRET = 'xyzzy5461';
// RFC 5997 §6: Status-Server carrying a Message-Authenticator.
const RFC_STATUS_SERVER = hex(
  '0cda0026 8a54f4686fb394c52866e302185d0623 50125a665e2e1e8411f3e243822097c84fa3',
);
const SECRET = 'ecn-test-secret';
const REQUEST_AUTHENTICATOR = hex('a1b2c3d4e5f60718293a4b5c6d7e8f90');

describe('Message-Authenticator', () => {
  it('matches the RFC 5997 §6 Status-Server example', () => {
    expect(verifyMessageAuthenticator(RFC_STATUS_SERVER, RFC_SECRET)).toBe('valid');
    expect(computeMessageAuthenticator(RFC_STATUS_SERVER, RFC_SECRET)).toEqual(
      RFC_STATUS_SERVER.subarray(22, 38),
    );
    expect(verifyMessageAuthenticator(RFC_STATUS_SERVER, 'xyzzy5460')).toBe('invalid');
  });

  it('in an Access-Request from the radius package verifies', () => {
    const theirs = radiusEncode({
      code: 'Access-Request',
      identifier: 1,
      authenticator: REQUEST_AUTHENTICATOR,
      secret: SECRET,
      add_message_authenticator: true,
      attributes: [['User-Name', '7KQ2-M9XD']],
    });
    expect(verifyMessageAuthenticator(theirs, SECRET)).toBe('valid');
  });

  it('in a response from the radius package verifies against the request authenticator', () => {
    const request = radius.decode({
      packet: radiusEncode({
        code: 'Access-Request',
        identifier: 12,
        authenticator: REQUEST_AUTHENTICATOR,
        secret: SECRET,
        add_message_authenticator: true,
        attributes: [['User-Name', '7KQ2-M9XD']],
      }),
      secret: SECRET,
    });
    const response = radius.encode_response({
      packet: request,
      code: 'Access-Accept',
      secret: SECRET,
      attributes: [['Session-Timeout', 3600]],
    });
    expect(verifyMessageAuthenticator(response, SECRET, REQUEST_AUTHENTICATOR)).toBe('valid');
    expect(verifyMessageAuthenticator(response, SECRET, Buffer.alloc(16))).toBe('invalid');
  });

  it('is missing, not invalid, when absent', () => {
    const packet = encodePacket({
      code: 1,
      identifier: 1,
      authenticator: REQUEST_AUTHENTICATOR,
      attributes: [],
    });
    expect(verifyMessageAuthenticator(packet, SECRET)).toBe('missing');
    expect(() => computeMessageAuthenticator(packet, SECRET)).toThrow(/missing/);
  });

  it('is invalid when repeated, of the wrong size, or in a broken packet', () => {
    const twice = encodePacket({
      code: 1,
      identifier: 1,
      authenticator: REQUEST_AUTHENTICATOR,
      attributes: [
        { type: 80, value: Buffer.alloc(16) },
        { type: 80, value: Buffer.alloc(16) },
      ],
    });
    expect(verifyMessageAuthenticator(twice, SECRET)).toBe('invalid');
    const short = encodePacket({
      code: 1,
      identifier: 1,
      authenticator: REQUEST_AUTHENTICATOR,
      attributes: [{ type: 80, value: Buffer.alloc(15) }],
    });
    expect(verifyMessageAuthenticator(short, SECRET)).toBe('invalid');
    expect(
      verifyMessageAuthenticator(Buffer.concat([RFC_STATUS_SERVER.subarray(0, 20), hex('0100')]), SECRET),
    ).toBe('invalid');
    expect(verifyMessageAuthenticator(RFC_STATUS_SERVER.subarray(0, 30), RFC_SECRET)).toBe('invalid');
  });

  it('needs the request authenticator to check a response', () => {
    const response = buildResponse({
      code: 2,
      identifier: 1,
      requestAuthenticator: REQUEST_AUTHENTICATOR,
      attributes: [],
      secret: SECRET,
    });
    expect(() => verifyMessageAuthenticator(response, SECRET)).toThrow(TypeError);
  });

  it('is computed with a zero authenticator in Accounting, Disconnect and CoA requests', () => {
    for (const code of [4, 40, 43]) {
      const request = buildRequest({
        code,
        identifier: 2,
        secret: SECRET,
        attributes: [{ type: 44, value: Buffer.from('5f3a-0001') }],
        messageAuthenticator: true,
      });
      expect(verifyMessageAuthenticator(request, SECRET)).toBe('valid');
      expect(verifyRequestAuthenticator(request, SECRET)).toBe(true);
      // The same bytes with the HMAC over the real authenticator would be another value.
      const zeroed = Buffer.from(request);
      zeroed.fill(0, 4, 20);
      const hmac = createHmac('md5', SECRET);
      const copy = Buffer.from(zeroed);
      copy.fill(0, 22, 38);
      expect(request.subarray(22, 38)).toEqual(hmac.update(copy).digest());
    }
  });
});
