// Ticket codes: CSPRNG output mapped to an alphabet without look-alike characters,
// printed in groups, read back case-insensitively with or without separators.

import { EcnError } from './errors';
import type { RandomBytes } from './clock';

/** 31 symbols: digits 2-9 and letters without I, L, O (no 0/O, 1/I/L confusion). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_GROUP = 4;
export const CODE_GROUPS = 3;
export const CODE_LENGTH = CODE_GROUP * CODE_GROUPS;
/** log2(31) * 12 ≈ 59.4 bits. */
export const CODE_ENTROPY_BITS = Math.log2(CODE_ALPHABET.length) * CODE_LENGTH;

const MAX_INPUT = 40;

/** Draws one code, rejection-sampling bytes so that every symbol is equally likely. */
export function generateCode(random: RandomBytes): string {
  const n = CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < CODE_LENGTH) {
    for (const b of random(CODE_LENGTH * 2)) {
      if (b < limit) out += CODE_ALPHABET[b % n];
      if (out.length === CODE_LENGTH) break;
    }
  }
  return out;
}

/** `K7QMX4TR9WPA` → `K7QM-X4TR-9WPA`. */
export function formatCode(code: string): string {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += CODE_GROUP) groups.push(code.slice(i, i + CODE_GROUP));
  return groups.join('-');
}

/**
 * Reads what a resident typed or scanned: any case, spaces, dashes or dots between groups.
 * Throws ECN_ERR_TICKET_CODE_MALFORMED with the reason; never echoes the input back.
 */
export function normalizeCode(input: string): string {
  if (typeof input !== 'string' || input.length > MAX_INPUT) {
    throw new EcnError('ECN_ERR_TICKET_CODE_MALFORMED', 'The ticket code is too long.', { reason: 'length' });
  }
  const compact = input.replace(/[\s.\-_]/g, '').toUpperCase();
  if (compact.length !== CODE_LENGTH) {
    throw new EcnError('ECN_ERR_TICKET_CODE_MALFORMED', `A ticket code has ${CODE_LENGTH} characters.`, {
      reason: 'length',
    });
  }
  for (const ch of compact) {
    if (!CODE_ALPHABET.includes(ch)) {
      throw new EcnError(
        'ECN_ERR_TICKET_CODE_MALFORMED',
        'The ticket code has a character that tickets never use (0, O, 1, I or L, or a symbol).',
        { reason: 'alphabet' },
      );
    }
  }
  return compact;
}

export function isWellFormedCode(input: string): boolean {
  try {
    normalizeCode(input);
    return true;
  } catch {
    return false;
  }
}
