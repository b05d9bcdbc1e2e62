// The shared secret as bytes. Config hands it over as a string (UTF-8); tests may use raw bytes.

export type RadiusSecret = string | Buffer;

export function secretBytes(secret: RadiusSecret): Buffer {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  // An empty secret would make every authenticator computable by anyone (RFC 2865 §3).
  if (bytes.length === 0) throw new RangeError('the RADIUS shared secret must not be empty');
  return bytes;
}
