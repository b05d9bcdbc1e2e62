// CHAP authentication (RFC 2865 §2.2, §5.3, §5.40; RFC 1994): the NAS sends the CHAP ident and
// MD5(ident + password + challenge); the challenge is CHAP-Challenge when present, otherwise
// the Request Authenticator.

import { timingSafeEqual } from 'node:crypto';
import { md5 } from './md5';
import { AttributeType } from './attribute-types';
import type { RadiusPacket } from './packet';
import { RadiusDecodeError } from './radius-decode-error';

export interface ChapCredentials {
  readonly ident: number;
  /** The 16-octet MD5 response. */
  readonly response: Buffer;
  readonly challenge: Buffer;
}

/**
 * Reads the CHAP inputs of an Access-Request; undefined when it has no CHAP-Password. Repeated or
 * wrongly sized CHAP attributes are malformed, not a wrong password.
 */
export function readChapCredentials(request: RadiusPacket): ChapCredentials | undefined {
  const passwords = request.attributes.filter((a) => a.type === AttributeType.ChapPassword);
  const challenges = request.attributes.filter((a) => a.type === AttributeType.ChapChallenge);
  const [password, ...morePasswords] = passwords;
  if (password === undefined) return undefined;
  if (morePasswords.length > 0) throw new RadiusDecodeError('bad_value', 'more than one CHAP-Password');
  if (password.value.length !== 17) {
    throw new RadiusDecodeError('bad_value', `CHAP-Password of ${password.value.length} octets`);
  }
  const [challenge, ...moreChallenges] = challenges;
  if (moreChallenges.length > 0) throw new RadiusDecodeError('bad_value', 'more than one CHAP-Challenge');
  if (challenge !== undefined && challenge.value.length < 5) {
    throw new RadiusDecodeError('bad_value', `CHAP-Challenge of ${challenge.value.length} octets`);
  }
  return {
    ident: password.value.readUInt8(0),
    response: Buffer.from(password.value.subarray(1)),
    challenge: Buffer.from(challenge?.value ?? request.authenticator),
  };
}

export function computeChapResponse(ident: number, password: Buffer | string, challenge: Buffer): Buffer {
  if (!Number.isInteger(ident) || ident < 0 || ident > 255) throw new RangeError(`CHAP ident ${ident}`);
  return md5(
    Buffer.of(ident),
    typeof password === 'string' ? Buffer.from(password, 'utf8') : password,
    challenge,
  );
}

export function verifyChapPassword(credentials: ChapCredentials, password: Buffer | string): boolean {
  const expected = computeChapResponse(credentials.ident, password, credentials.challenge);
  return credentials.response.length === 16 && timingSafeEqual(expected, credentials.response);
}
