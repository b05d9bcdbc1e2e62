// MD5 and HMAC-MD5 over a few small buffers, as RADIUS uses them on every packet. One-shot
// `crypto.hash` (Node ≥ 20.12) skips building a Hash object per call, which costs more than
// hashing 100 octets; HMAC is computed from its definition (RFC 2104) with the padded keys
// prepared once per secret.

import * as crypto from 'node:crypto';

const oneShot = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;

export function md5(...parts: Buffer[]): Buffer {
  if (oneShot !== undefined)
    return oneShot('md5', parts.length === 1 ? parts[0]! : Buffer.concat(parts), 'buffer');
  const hash = crypto.createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

const BLOCK = 64;

interface Pads {
  readonly inner: Buffer;
  readonly outer: Buffer;
}

/**
 * Padded keys by secret. A memo of a pure function, bounded: a box has a handful of NAS secrets,
 * and tests that make many secrets only cause it to be cleared.
 */
const padsBySecret = new Map<string, Pads>();
const MAX_SECRETS = 256;

function padsOf(key: Buffer): Pads {
  const id = key.toString('latin1');
  let pads = padsBySecret.get(id);
  if (pads === undefined) {
    const k = key.length > BLOCK ? md5(key) : key;
    const inner = Buffer.alloc(BLOCK, 0x36);
    const outer = Buffer.alloc(BLOCK, 0x5c);
    for (let i = 0; i < k.length; i++) {
      inner[i] = inner[i]! ^ k[i]!;
      outer[i] = outer[i]! ^ k[i]!;
    }
    if (padsBySecret.size >= MAX_SECRETS) padsBySecret.clear();
    pads = { inner, outer };
    padsBySecret.set(id, pads);
  }
  return pads;
}

/** HMAC-MD5(key, concatenation of parts). */
export function hmacMd5(key: Buffer, ...parts: Buffer[]): Buffer {
  if (oneShot === undefined) {
    const hmac = crypto.createHmac('md5', key);
    for (const part of parts) hmac.update(part);
    return hmac.digest();
  }
  const pads = padsOf(key);
  return md5(pads.outer, md5(pads.inner, ...parts));
}
