// Message-Authenticator (RFC 2869 §5.14, RFC 3579 §3.2, RFC 5176 §3.3): HMAC-MD5 keyed with the
// shared secret over the packet with the attribute's value zeroed. The authenticator field that
// goes into the HMAC depends on the packet: its own random one for Access-Request and
// Status-Server, the request's for responses, zeros for Accounting, Disconnect and CoA requests.

import { timingSafeEqual } from 'node:crypto';
import { hmacMd5 } from './md5';
import { AttributeType } from './attribute-types';
import { framedLength } from './authenticators';
import { hasComputedRequestAuthenticator, isResponseCode } from './packet-codes';
import { findAttributeOffsets } from './packet';
import { type RadiusSecret, secretBytes } from './secret';

export const MESSAGE_AUTHENTICATOR_LENGTH = 16;

/** `missing` is its own answer so the server can drop it by policy (BlastRADIUS) and count it apart. */
export type MessageAuthenticatorCheck = 'valid' | 'invalid' | 'missing';

/**
 * Computes the value the packet's single Message-Authenticator must hold. For a response,
 * `requestAuthenticator` is the authenticator of the request it answers.
 */
export function computeMessageAuthenticator(
  packet: Buffer,
  secret: RadiusSecret,
  requestAuthenticator?: Buffer,
): Buffer {
  const offset = singleMessageAuthenticator(packet);
  if (typeof offset !== 'number') throw new RangeError(`cannot compute Message-Authenticator: ${offset}`);
  return hmac(packet, offset, secret, requestAuthenticator);
}

export function verifyMessageAuthenticator(
  packet: Buffer,
  secret: RadiusSecret,
  requestAuthenticator?: Buffer,
): MessageAuthenticatorCheck {
  const offset = singleMessageAuthenticator(packet);
  if (offset === 'missing') return 'missing';
  if (typeof offset !== 'number') return 'invalid';
  const expected = hmac(packet, offset, secret, requestAuthenticator);
  return timingSafeEqual(expected, packet.subarray(offset + 2, offset + 18)) ? 'valid' : 'invalid';
}

function singleMessageAuthenticator(
  packet: Buffer,
): number | 'missing' | 'malformed' | 'duplicated' | 'bad length' {
  const offsets = findAttributeOffsets(packet, AttributeType.MessageAuthenticator);
  if (offsets === null) return 'malformed';
  const [offset, ...others] = offsets;
  if (offset === undefined) return 'missing';
  if (others.length > 0) return 'duplicated';
  if (packet.readUInt8(offset + 1) !== 2 + MESSAGE_AUTHENTICATOR_LENGTH) return 'bad length';
  return offset;
}

function hmac(packet: Buffer, offset: number, secret: RadiusSecret, requestAuthenticator?: Buffer): Buffer {
  const length = framedLength(packet);
  if (length === null) throw new RangeError('not a framed RADIUS packet');
  // The packet as hashed: its own bytes with the basis authenticator and a zeroed value, given
  // as slices so that no copy of the packet is made.
  return hmacMd5(
    secretBytes(secret),
    packet.subarray(0, 4),
    basisAuthenticator(packet, requestAuthenticator),
    packet.subarray(20, offset + 2),
    ZERO_VALUE,
    packet.subarray(offset + 2 + MESSAGE_AUTHENTICATOR_LENGTH, length),
  );
}

const ZERO_VALUE = Buffer.alloc(MESSAGE_AUTHENTICATOR_LENGTH);
const ZERO_AUTHENTICATOR = Buffer.alloc(16);

function basisAuthenticator(packet: Buffer, requestAuthenticator?: Buffer): Buffer {
  const code = packet.readUInt8(0);
  if (isResponseCode(code)) {
    if (requestAuthenticator?.length !== 16) {
      throw new TypeError(`code ${code} is a response: pass the 16-octet Request Authenticator`);
    }
    return requestAuthenticator;
  }
  if (hasComputedRequestAuthenticator(code)) return ZERO_AUTHENTICATOR;
  return packet.subarray(4, 20);
}
