// Request and Response Authenticators: RFC known answers, the radius package as an oracle, and
// the tampering each check must catch.

import { createHash } from 'node:crypto';
import radius from 'radius';
import {
  buildRequest,
  computeRequestAuthenticator,
  computeResponseAuthenticator,
  encodePacket,
  verifyRequestAuthenticator,
  verifyResponseAuthenticator,
} from '../../../src/radius/index';
import { hex } from './radius-test-helpers';

// RFC 2865 §7.1 and RFC 5997 §6 (with its erratum: the accounting reply code is 5).
const RFC_SECRET = 'xyzzy5461';
const RFC_ACCESS_REQUEST = hex(
  '01000038 0f403f9473978057bd83d5cb98f4227a 01066e656d6f 02120dbe708d93d413ce3196e43f782a0aee 0406c0a80110 050600000003',
);
const RFC_ACCESS_ACCEPT = hex(
  '02000026 86fe220e7624ba2a1005f6bf9b55e0b2 060600000001 0f0600000000 0e06c0a80103',
);
const RFC_STATUS_SERVER = hex(
  '0cda0026 8a54f4686fb394c52866e302185d0623 50125a665e2e1e8411f3e243822097c84fa3',
);
const RFC_STATUS_ACCEPT = hex('02da0014 ef0d552a4bf2d693ec2b6fe8b5411d66');
const RFC_STATUS_ACCT = hex('0cb30026 925f6b66dd5fed571fcb1db7ad388260 5012e8d6eabda910875cd91fdade26367858');
const RFC_STATUS_ACCT_RESPONSE = hex('05b30014 0f6f92145f107e2f504e860a4860669c');

const SECRET = 'ecn-test-secret';

describe('Response Authenticator', () => {
  it('matches RFC 2865 §7.1', () => {
    const requestAuthenticator = RFC_ACCESS_REQUEST.subarray(4, 20);
    expect(computeResponseAuthenticator(RFC_ACCESS_ACCEPT, requestAuthenticator, RFC_SECRET)).toEqual(
      RFC_ACCESS_ACCEPT.subarray(4, 20),
    );
    expect(verifyResponseAuthenticator(RFC_ACCESS_ACCEPT, requestAuthenticator, RFC_SECRET)).toBe(true);
  });

  it('matches both RFC 5997 §6 replies to Status-Server', () => {
    expect(
      verifyResponseAuthenticator(RFC_STATUS_ACCEPT, RFC_STATUS_SERVER.subarray(4, 20), RFC_SECRET),
    ).toBe(true);
    expect(
      verifyResponseAuthenticator(RFC_STATUS_ACCT_RESPONSE, RFC_STATUS_ACCT.subarray(4, 20), RFC_SECRET),
    ).toBe(true);
  });

  it('fails on a wrong secret, another request, one flipped bit or broken framing', () => {
    const requestAuthenticator = RFC_ACCESS_REQUEST.subarray(4, 20);
    expect(verifyResponseAuthenticator(RFC_ACCESS_ACCEPT, requestAuthenticator, 'xyzzy5462')).toBe(false);
    expect(verifyResponseAuthenticator(RFC_ACCESS_ACCEPT, Buffer.alloc(16), RFC_SECRET)).toBe(false);
    for (let bit = 0; bit < RFC_ACCESS_ACCEPT.length * 8; bit += 7) {
      const flipped = Buffer.from(RFC_ACCESS_ACCEPT);
      flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      expect(verifyResponseAuthenticator(flipped, requestAuthenticator, RFC_SECRET)).toBe(false);
    }
    expect(
      verifyResponseAuthenticator(RFC_ACCESS_ACCEPT.subarray(0, 30), requestAuthenticator, RFC_SECRET),
    ).toBe(false);
    expect(
      verifyResponseAuthenticator(RFC_ACCESS_ACCEPT, requestAuthenticator.subarray(0, 8), RFC_SECRET),
    ).toBe(false);
    expect(() => computeResponseAuthenticator(RFC_ACCESS_ACCEPT, Buffer.alloc(8), RFC_SECRET)).toThrow(
      RangeError,
    );
  });

  it('ignores padding after the Length field', () => {
    const padded = Buffer.concat([RFC_ACCESS_ACCEPT, hex('00000000')]);
    expect(verifyResponseAuthenticator(padded, RFC_ACCESS_REQUEST.subarray(4, 20), RFC_SECRET)).toBe(true);
  });
});

describe('Accounting, Disconnect and CoA Request Authenticators', () => {
  it('agree with the radius package for an Accounting-Request it encodes', () => {
    const theirs = radius.encode({
      code: 'Accounting-Request',
      identifier: 9,
      secret: SECRET,
      attributes: [
        ['Acct-Status-Type', 'Start'],
        ['Acct-Session-Id', '5f3a-0001'],
        ['User-Name', '7KQ2-M9XD'],
      ],
    });
    expect(verifyRequestAuthenticator(theirs, SECRET)).toBe(true);
    expect(computeRequestAuthenticator(theirs, SECRET)).toEqual(theirs.subarray(4, 20));
    expect(verifyRequestAuthenticator(theirs, 'wrong')).toBe(false);
  });

  it.each([
    [4, 'Accounting-Request'],
    [40, 'Disconnect-Request'],
    [43, 'CoA-Request'],
  ])('code %i (%s) built by us is accepted by the radius package', (code, name) => {
    const ours = buildRequest({
      code,
      identifier: 77,
      secret: SECRET,
      attributes: [
        { type: 1, value: Buffer.from('7KQ2-M9XD') },
        { type: 44, value: Buffer.from('5f3a-0001') },
      ],
    });
    expect(verifyRequestAuthenticator(ours, SECRET)).toBe(true);
    const decoded = radius.decode({ packet: Buffer.from(ours), secret: SECRET });
    expect(decoded.code).toBe(name);
    expect(decoded.attributes['Acct-Session-Id']).toBe('5f3a-0001');
  });

  it('fails on a zero authenticator, a flipped bit, a wrong secret or broken framing', () => {
    const request = buildRequest({
      code: 4,
      identifier: 1,
      secret: SECRET,
      attributes: [{ type: 44, value: Buffer.from('s') }],
    });
    const zeroed = Buffer.from(request);
    zeroed.fill(0, 4, 20);
    expect(verifyRequestAuthenticator(zeroed, SECRET)).toBe(false);
    for (let i = 0; i < request.length; i++) {
      const flipped = Buffer.from(request);
      flipped[i] = (flipped[i] ?? 0) ^ 0x01;
      expect(verifyRequestAuthenticator(flipped, SECRET)).toBe(false);
    }
    expect(verifyRequestAuthenticator(request, `${SECRET} `)).toBe(false);
    expect(verifyRequestAuthenticator(request.subarray(0, 19), SECRET)).toBe(false);
    expect(() => computeRequestAuthenticator(request.subarray(0, 19), SECRET)).toThrow(RangeError);
  });

  it('is an MD5 over code, identifier, length, zeros, attributes and secret', () => {
    const body = encodePacket({ code: 4, identifier: 5, authenticator: Buffer.alloc(16), attributes: [] });
    const expected = createHash('md5').update(body).update(SECRET).digest();
    expect(computeRequestAuthenticator(body, SECRET)).toEqual(expected);
  });
});
