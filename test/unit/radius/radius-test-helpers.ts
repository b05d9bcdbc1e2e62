// Shared bits of the RADIUS codec tests: the shipped dictionary, hex literals, a seeded PRNG.

import { join } from 'node:path';
import radius from 'radius';
import { type Dictionary, loadDictionaryFile } from '../../../src/radius/index';
import { newTicket, type Ticket } from '../../../src/domain/ticket';

export const SHIPPED_DICTIONARY_DIR = join(__dirname, '../../../config/radius/dictionaries');

export function shippedDictionary(): Dictionary {
  return loadDictionaryFile(join(SHIPPED_DICTIONARY_DIR, 'dictionary'));
}

/** Hex with optional spaces, as the RFCs print packets. */
export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

// Jest runs tests in a vm context where every global lookup (Math, Buffer) goes through an
// interceptor; in the fuzz loop that alone costs a hundredfold, so hold them in module bindings.
const { imul, floor } = Math;
const NodeBuffer = Buffer;

/** mulberry32: small, fast and reproducible; a failing seed can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: () => number, maxExclusive: number): number {
  return floor(random() * maxExclusive);
}

export function randomBytes(random: () => number, length: number): Buffer {
  const out = NodeBuffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = floor(random() * 256);
  return out;
}

/** radius.encode also takes a fixed `authenticator` (for Access-Request), which @types/radius leaves out. */
export function radiusEncode(args: Parameters<typeof radius.encode>[0] & { authenticator?: Buffer }): Buffer {
  return radius.encode(args);
}

/** A ticket with every limit a reply carries: 2 h, a quota past 2^32 bytes, both rates, idle. */
export function ticketWithEveryLimit(createdAt: number): Ticket {
  return newTicket({
    id: 'tk-1',
    code: 'K7QMX4TR9WPA',
    batchId: 'b',
    profileName: 'p',
    createdAt,
    limits: {
      durationSeconds: 7200,
      validFrom: null,
      validUntil: null,
      quotaBytes: 3 * 2 ** 32 + 10,
      bandwidthUpBps: 512_000,
      bandwidthDownBps: 2_000_000,
      maxDevices: 1,
      idleTimeoutSeconds: 900,
    },
  });
}
