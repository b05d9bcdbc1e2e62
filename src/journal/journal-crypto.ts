// Encryption at rest (AES-256-GCM, a fresh IV per entry) and the chain's keyed hash
// (HMAC-SHA-256), both derived from one 32-byte journal key. Someone who steals the box's
// disk without the key reads nothing, and cannot rewrite the chain without detection.

import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

export interface JournalKeys {
  encryption: Buffer;
  chain: Buffer;
}

export function deriveKeys(master: Buffer): JournalKeys {
  if (master.length !== 32) throw new Error('the journal key must be 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { encryption: derive('ecn-journal-encryption-v1'), chain: derive('ecn-journal-chain-v1') };
}

export interface Sealed {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** Throws when the ciphertext, its tag or its associated data were altered. */
export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}

/** The chain link: HMAC(prev ‖ seq ‖ at ‖ ciphertext-digest-material). */
export function chainHash(key: Buffer, prev: Buffer, seq: number, at: number, body: Buffer): Buffer {
  const h = createHmac('sha256', key);
  const head = Buffer.alloc(16);
  head.writeBigUInt64BE(BigInt(seq), 0);
  head.writeBigUInt64BE(BigInt(at), 8);
  return h.update(prev).update(head).update(body).digest();
}

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export const GENESIS = Buffer.alloc(32);
