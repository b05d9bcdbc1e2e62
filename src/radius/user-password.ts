// User-Password hiding (RFC 2865 §5.2): the password, NUL-padded to 16-octet blocks, XORed with
// a chain of MD5(secret + previous block), starting from the Request Authenticator.

import { md5 } from './md5';
import { RadiusDecodeError } from './radius-decode-error';
import { type RadiusSecret, secretBytes } from './secret';

/** RFC 2865 §5.2 limits the hidden value to 128 octets. */
export const MAX_USER_PASSWORD_LENGTH = 128;

export function hideUserPassword(
  password: Buffer | string,
  secret: RadiusSecret,
  requestAuthenticator: Buffer,
): Buffer {
  const plain = typeof password === 'string' ? Buffer.from(password, 'utf8') : password;
  if (plain.length > MAX_USER_PASSWORD_LENGTH) {
    throw new RangeError(`User-Password of ${plain.length} octets exceeds ${MAX_USER_PASSWORD_LENGTH}`);
  }
  const padded = Buffer.alloc(Math.max(16, Math.ceil(plain.length / 16) * 16));
  plain.copy(padded);
  return xorChain(padded, secretBytes(secret), requestAuthenticator, 'hide');
}

/**
 * Returns the password octets with the NUL padding removed. A hidden value that is not a whole
 * number of blocks between 16 and 128 octets is malformed.
 */
export function unhideUserPassword(
  hidden: Buffer,
  secret: RadiusSecret,
  requestAuthenticator: Buffer,
): Buffer {
  if (hidden.length < 16 || hidden.length > MAX_USER_PASSWORD_LENGTH || hidden.length % 16 !== 0) {
    throw new RadiusDecodeError('bad_value', `User-Password of ${hidden.length} octets`);
  }
  const plain = xorChain(hidden, secretBytes(secret), requestAuthenticator, 'unhide');
  let end = plain.length;
  while (end > 0 && plain.readUInt8(end - 1) === 0) end--;
  return plain.subarray(0, end);
}

function xorChain(
  input: Buffer,
  secret: Buffer,
  requestAuthenticator: Buffer,
  direction: 'hide' | 'unhide',
): Buffer {
  if (requestAuthenticator.length !== 16) throw new RangeError('the Request Authenticator must be 16 octets');
  const out = Buffer.alloc(input.length);
  let previous = requestAuthenticator;
  for (let offset = 0; offset < input.length; offset += 16) {
    const pad = md5(secret, previous);
    for (let i = 0; i < 16; i++) out[offset + i] = input.readUInt8(offset + i) ^ pad.readUInt8(i);
    // The chain always continues from the hidden block, whichever way we go.
    previous = direction === 'hide' ? out.subarray(offset, offset + 16) : input.subarray(offset, offset + 16);
  }
  return out;
}
