// Regression: radius@1.1.4 checks the Request Authenticator of an Accounting-Request (and of
// Disconnect/CoA requests, Message-Authenticator, and Response Authenticators in verify_response)
// by comparing `Buffer.toString()` results, i.e. UTF-8 decodings. Every invalid UTF-8 sequence
// decodes to U+FFFD, so different bytes compare equal. An attacker without the secret who sends
// 16 x 0xFF succeeds whenever the genuine MD5 decodes to 16 U+FFFD: about 1 packet in 5.1 million
// (1.98e-7, measured over 40 million random digests; no single forged value does better than
// 1 in 4.7 million). Each try is a packet sent to the server, not offline work. The fixture is
// one such packet, found with the secret known (make-forged-accounting-request.js).

import radius from 'radius';
import { decodePacket, getString, getValueName, verifyRequestAuthenticator } from '../../../src/radius/index';
import forged from '../../fixtures/radius/forged-accounting-request.json';
import { hex, shippedDictionary } from './radius-test-helpers';

const packet = hex(forged.forgedPacketHex);
const genuineAuthenticator = hex(forged.genuineAuthenticatorHex);
const forgedAuthenticator = hex(forged.forgedAuthenticatorHex);

function withAuthenticator(authenticator: Buffer): Buffer {
  const copy = Buffer.from(packet);
  authenticator.copy(copy, 4);
  return copy;
}

describe('forged Accounting-Request authenticator (radius@1.1.4 compares UTF-8 strings)', () => {
  it('uses two different authenticators that decode to the same UTF-8 string', () => {
    expect(packet.subarray(4, 20)).toEqual(forgedAuthenticator);
    expect(genuineAuthenticator.equals(forgedAuthenticator)).toBe(false);
    expect(genuineAuthenticator.toString('utf8')).toBe('\uFFFD'.repeat(16));
    expect(forgedAuthenticator.toString('utf8')).toBe(genuineAuthenticator.toString('utf8'));
  });

  it('is accepted by radius.decode with the secret, as an authentic Stop', () => {
    const decoded = radius.decode({ packet: Buffer.from(packet), secret: forged.secret });
    expect(decoded.code).toBe('Accounting-Request');
    expect(decoded.attributes['Acct-Status-Type']).toBe('Stop');
    expect(decoded.attributes['User-Name']).toBe('ticket-7KQ2-M9XD');
  });

  it('is not a general failure of the package: other wrong authenticators and secrets are refused', () => {
    expect(() =>
      radius.decode({ packet: withAuthenticator(Buffer.alloc(16)), secret: forged.secret }),
    ).toThrow(/authenticator mismatch/);
    expect(() => radius.decode({ packet: Buffer.from(packet), secret: 'another-secret' })).toThrow(
      /authenticator mismatch/,
    );
    expect(() =>
      radius.decode({ packet: withAuthenticator(genuineAuthenticator), secret: forged.secret }),
    ).not.toThrow();
  });

  it('is refused by our byte-level check, which accepts only the genuine authenticator', () => {
    expect(verifyRequestAuthenticator(packet, forged.secret)).toBe(false);
    expect(verifyRequestAuthenticator(withAuthenticator(genuineAuthenticator), forged.secret)).toBe(true);
    // The framing itself is fine: only the authenticator check can stop it.
    const decoded = decodePacket(packet);
    expect(getValueName(shippedDictionary(), decoded, 'Acct-Status-Type')).toBe('Stop');
    expect(getString(shippedDictionary(), decoded, 'Acct-Session-Id')).toMatch(/^ecn-forge-\d+$/);
  });

  it('comes from a comparison under which any two all-invalid byte strings are equal', () => {
    expect(hex('80'.repeat(16)).toString()).toBe(hex('ff'.repeat(16)).toString());
    expect(verifyRequestAuthenticator(withAuthenticator(hex('80'.repeat(16))), forged.secret)).toBe(false);
    expect(() =>
      radius.decode({ packet: withAuthenticator(hex('80'.repeat(16))), secret: forged.secret }),
    ).not.toThrow();
  });
});
