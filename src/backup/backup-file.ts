// The encrypted backup file: a small header (format version, scrypt parameters, salt, nonce,
// a key check), the payload sealed with AES-256-GCM under a key from scrypt(passphrase, salt),
// and a SHA-256 of everything before it, so a damaged file is told apart from a wrong passphrase.
//
//   0  "ECNBAK"  6 bytes
//   6  version   1 byte (1)
//   7  log2 N, r, p of scrypt, 1 byte each
//  10  salt      16 bytes
//  26  nonce     12 bytes
//  38  check     16 bytes: HMAC-SHA-256(check key, bytes 0..37), first 16 bytes
//  54  ciphertext of the payload (the header is the associated data)
//  -48 GCM tag   16 bytes
//  -32 SHA-256   of bytes 0..-33 (no secret: it only finds damage)

import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { EcnError } from '../domain/errors';

const MAGIC = Buffer.from('ECNBAK', 'latin1');
export const BACKUP_FORMAT_VERSION = 1;
const HEADER_LENGTH = 54;
const TAG_LENGTH = 16;
const HASH_LENGTH = 32;
/** N = 2^15, r = 8: 32 MiB and about a tenth of a second on a small box, per attempt. */
const DEFAULT_KDF = { log2N: 15, r: 8, p: 1 };
export const MIN_PASSPHRASE_LENGTH = 12;

interface KdfParams {
  log2N: number;
  r: number;
  p: number;
}

/** Encrypts a payload into the bytes of a backup file. */
export async function sealBackup(
  payload: Buffer,
  passphrase: string,
  kdf: KdfParams = DEFAULT_KDF,
): Promise<Buffer> {
  const header = Buffer.alloc(HEADER_LENGTH);
  MAGIC.copy(header, 0);
  header[6] = BACKUP_FORMAT_VERSION;
  header[7] = kdf.log2N;
  header[8] = kdf.r;
  header[9] = kdf.p;
  randomBytes(16).copy(header, 10);
  randomBytes(12).copy(header, 26);
  const keys = await deriveKeys(passphrase, header.subarray(10, 26), kdf);
  keyCheck(keys.check, header).copy(header, 38);
  const cipher = createCipheriv('aes-256-gcm', keys.encrypt, header.subarray(26, 38));
  cipher.setAAD(header);
  const body = Buffer.concat([header, cipher.update(payload), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/**
 * Decrypts the bytes of a backup file. Damage (truncation, a flipped byte, not a backup at all)
 * is `ECN_ERR_BACKUP_CORRUPT`; an intact file with the wrong passphrase is
 * `ECN_ERR_BACKUP_PASSPHRASE`.
 */
export async function openBackup(file: Buffer, passphrase: string): Promise<Buffer> {
  if (file.length < MAGIC.length || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw corrupt('this is not an ECN backup file');
  }
  if (file.length < HEADER_LENGTH + TAG_LENGTH + HASH_LENGTH) throw corrupt('the file is truncated');
  if (file[6] !== BACKUP_FORMAT_VERSION) {
    throw corrupt(`format version ${file[6]}, which this version of the gateway does not know`);
  }
  const body = file.subarray(0, file.length - HASH_LENGTH);
  const hash = createHash('sha256').update(body).digest();
  if (!hash.equals(file.subarray(file.length - HASH_LENGTH))) {
    throw corrupt('its checksum does not match (truncated or altered)');
  }
  const header = body.subarray(0, HEADER_LENGTH);
  const kdf = { log2N: header[7]!, r: header[8]!, p: header[9]! };
  if (kdf.log2N < 14 || kdf.log2N > 20 || kdf.r < 1 || kdf.r > 16 || kdf.p < 1 || kdf.p > 4) {
    throw corrupt('its key derivation parameters are out of bounds');
  }
  const keys = await deriveKeys(passphrase, header.subarray(10, 26), kdf);
  if (!timingSafeEqual(keyCheck(keys.check, header), header.subarray(38, 54))) {
    throw new EcnError('ECN_ERR_BACKUP_PASSPHRASE', 'Wrong passphrase for this backup; nothing was written.');
  }
  const decipher = createDecipheriv('aes-256-gcm', keys.encrypt, header.subarray(26, 38));
  decipher.setAAD(header);
  decipher.setAuthTag(body.subarray(body.length - TAG_LENGTH));
  try {
    return Buffer.concat([
      decipher.update(body.subarray(HEADER_LENGTH, body.length - TAG_LENGTH)),
      decipher.final(),
    ]);
  } catch {
    throw corrupt('its content does not authenticate (altered)');
  }
}

function corrupt(why: string): EcnError {
  return new EcnError('ECN_ERR_BACKUP_CORRUPT', `Not a usable backup: ${why}; nothing was written.`);
}

async function deriveKeys(
  passphrase: string,
  salt: Buffer,
  kdf: KdfParams,
): Promise<{ encrypt: Buffer; check: Buffer }> {
  const N = 2 ** kdf.log2N;
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      64,
      { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r * kdf.p },
      (err, k) => (err ? reject(err) : resolve(k)),
    ),
  );
  return { encrypt: key.subarray(0, 32), check: key.subarray(32) };
}

function keyCheck(checkKey: Buffer, header: Buffer): Buffer {
  return createHmac('sha256', checkKey).update(header.subarray(0, 38)).digest().subarray(0, 16);
}
