// User-Password hiding (RFC 2865 §5.2): the RFC's own example, every block count, the limits,
// and byte-for-byte agreement with the `radius` package.

import {
  MAX_USER_PASSWORD_LENGTH,
  RadiusDecodeError,
  decodePacket,
  hideUserPassword,
  unhideUserPassword,
} from '../../../src/radius/index';
import { hex, radiusEncode } from './radius-test-helpers';

const RFC_SECRET = 'xyzzy5461';
const RFC_AUTHENTICATOR = hex('0f403f9473978057bd83d5cb98f4227a');
const SECRET = 'ecn-test-secret';
const AUTHENTICATOR = hex('4d0e5a1b9f3c7d2e8a6b1c0d5e4f3a29');

describe('hideUserPassword / unhideUserPassword', () => {
  it('reproduces RFC 2865 §7.1: "arctangent" hidden with secret xyzzy5461', () => {
    const hidden = hideUserPassword('arctangent', RFC_SECRET, RFC_AUTHENTICATOR);
    expect(hidden).toEqual(hex('0dbe708d93d413ce3196e43f782a0aee'));
    expect(unhideUserPassword(hidden, RFC_SECRET, RFC_AUTHENTICATOR).toString()).toBe('arctangent');
  });

  it.each([
    ['empty', 0, 16],
    ['1 block', 10, 16],
    ['exactly 1 block', 16, 16],
    ['2 blocks', 17, 32],
    ['2 full blocks', 32, 32],
    ['8 blocks, the 128-octet maximum', 128, 128],
    ['8 blocks', 113, 128],
  ])('%s (%i octets → %i hidden)', (_name, length, hiddenLength) => {
    const password = Buffer.from('Zx9'.repeat(50).slice(0, length));
    const hidden = hideUserPassword(password, SECRET, AUTHENTICATOR);
    expect(hidden).toHaveLength(hiddenLength);
    expect(unhideUserPassword(hidden, SECRET, AUTHENTICATOR)).toEqual(password);
  });

  it('chains blocks: changing the first block changes every later block', () => {
    const a = hideUserPassword('a'.repeat(48), SECRET, AUTHENTICATOR);
    const b = hideUserPassword('b' + 'a'.repeat(47), SECRET, AUTHENTICATOR);
    for (let block = 0; block < 3; block++) {
      expect(a.subarray(block * 16, block * 16 + 16).equals(b.subarray(block * 16, block * 16 + 16))).toBe(
        false,
      );
    }
  });

  it('takes UTF-8 text and raw bytes alike', () => {
    const hidden = hideUserPassword('mot-de-passe-été', SECRET, AUTHENTICATOR);
    expect(unhideUserPassword(hidden, Buffer.from(SECRET), AUTHENTICATOR).toString('utf8')).toBe(
      'mot-de-passe-été',
    );
  });

  it('gives garbage, not the password, with the wrong secret or authenticator', () => {
    const hidden = hideUserPassword('7KQ2-M9XD', SECRET, AUTHENTICATOR);
    expect(unhideUserPassword(hidden, 'other', AUTHENTICATOR).toString()).not.toBe('7KQ2-M9XD');
    expect(unhideUserPassword(hidden, SECRET, Buffer.alloc(16)).toString()).not.toBe('7KQ2-M9XD');
  });

  it(`refuses to hide more than ${MAX_USER_PASSWORD_LENGTH} octets, an empty secret or a short authenticator`, () => {
    expect(() => hideUserPassword(Buffer.alloc(129, 0x61), SECRET, AUTHENTICATOR)).toThrow(RangeError);
    expect(() => hideUserPassword('x', '', AUTHENTICATOR)).toThrow(RangeError);
    expect(() => hideUserPassword('x', SECRET, Buffer.alloc(15))).toThrow(RangeError);
  });

  it.each([0, 1, 15, 17, 31, 144])('calls a hidden value of %i octets malformed', (length) => {
    expect(() => unhideUserPassword(Buffer.alloc(length), SECRET, AUTHENTICATOR)).toThrow(RadiusDecodeError);
  });
});

describe('parity with the radius package', () => {
  it.each([1, 9, 16, 17, 40, 100, 128])('a %i-octet password hides to the same bytes', (length) => {
    const password = 'p4Ss'.repeat(40).slice(0, length);
    const theirs = radiusEncode({
      code: 'Access-Request',
      identifier: 3,
      authenticator: AUTHENTICATOR,
      secret: SECRET,
      attributes: [['User-Password', password]],
    });
    const attribute = decodePacket(theirs).attributes.find((a) => a.type === 2);
    expect(attribute?.value).toEqual(hideUserPassword(password, SECRET, AUTHENTICATOR));
    expect(unhideUserPassword(attribute?.value ?? Buffer.alloc(0), SECRET, AUTHENTICATOR).toString()).toBe(
      password,
    );
  });
});
