// Request and Response Authenticators that are MD5 over the packet and the shared secret:
// responses (RFC 2865 §3) and Accounting, Disconnect and CoA requests (RFC 2866 §3,
// RFC 5176 §2.3). Checks compare raw bytes in constant time.

import { timingSafeEqual } from 'node:crypto';
import { md5 } from './md5';
import { RADIUS_HEADER_LENGTH, RADIUS_MAX_PACKET_LENGTH } from './packet';
import { type RadiusSecret, secretBytes } from './secret';

const ZERO_AUTHENTICATOR = Buffer.alloc(16);

/** MD5(Code + Identifier + Length + Request Authenticator + Attributes + Secret). */
export function computeResponseAuthenticator(
  response: Buffer,
  requestAuthenticator: Buffer,
  secret: RadiusSecret,
): Buffer {
  if (requestAuthenticator.length !== 16) throw new RangeError('the Request Authenticator must be 16 octets');
  return digest(response, requestAuthenticator, secret);
}

export function verifyResponseAuthenticator(
  response: Buffer,
  requestAuthenticator: Buffer,
  secret: RadiusSecret,
): boolean {
  if (framedLength(response) === null || requestAuthenticator.length !== 16) return false;
  return timingSafeEqual(digest(response, requestAuthenticator, secret), response.subarray(4, 20));
}

/** MD5(Code + Identifier + Length + 16 zero octets + Attributes + Secret). */
export function computeRequestAuthenticator(request: Buffer, secret: RadiusSecret): Buffer {
  return digest(request, ZERO_AUTHENTICATOR, secret);
}

/**
 * For Accounting-Request, Disconnect-Request and CoA-Request only; an Access-Request carries a
 * random authenticator that cannot be checked this way.
 */
export function verifyRequestAuthenticator(request: Buffer, secret: RadiusSecret): boolean {
  if (framedLength(request) === null) return false;
  return timingSafeEqual(digest(request, ZERO_AUTHENTICATOR, secret), request.subarray(4, 20));
}

function digest(packet: Buffer, authenticator: Buffer, secret: RadiusSecret): Buffer {
  const length = framedLength(packet);
  if (length === null) throw new RangeError('not a framed RADIUS packet');
  return md5(
    packet.subarray(0, 4),
    authenticator,
    packet.subarray(RADIUS_HEADER_LENGTH, length),
    secretBytes(secret),
  );
}

/** The Length field when it is usable; trailing padding in the datagram is never hashed. */
export function framedLength(packet: Buffer): number | null {
  if (packet.length < RADIUS_HEADER_LENGTH) return null;
  const length = packet.readUInt16BE(2);
  if (length < RADIUS_HEADER_LENGTH || length > packet.length || length > RADIUS_MAX_PACKET_LENGTH)
    return null;
  return length;
}
