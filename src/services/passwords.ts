// Console passwords: scrypt (Node's own, memory-hard) with a random salt per account, the
// parameters kept in the hash so they can be raised later, checked in constant time.

import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { EcnError } from '../domain/errors';
import { PASSWORD_MAX, PASSWORD_MIN } from '../domain/console';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Refuses a password that is too short or too long, with the reason. */
export function checkPasswordRules(password: string): void {
  if (password.length < PASSWORD_MIN) {
    throw new EcnError(
      'ECN_ERR_PASSWORD_WEAK',
      `The password must have at least ${PASSWORD_MIN} characters.`,
      { min: PASSWORD_MIN },
    );
  }
  if (password.length > PASSWORD_MAX) {
    throw new EcnError(
      'ECN_ERR_PASSWORD_WEAK',
      `The password must have at most ${PASSWORD_MAX} characters.`,
      {
        max: PASSWORD_MAX,
      },
    );
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** A hash of a random password, checked when the account is unknown so both paths cost the same. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword(randomBytes(18).toString('base64url')));
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (!n || !r || !p || n > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (password.length > PASSWORD_MAX || expected.length < 16) return false;
  const key = await scrypt(password, salt, expected.length, {
    N: n,
    r,
    p,
    maxmem: 256 * n * r + 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}
