import { randomBytes } from 'node:crypto';
import {
  CODE_ALPHABET,
  CODE_ENTROPY_BITS,
  formatCode,
  generateCode,
  normalizeCode,
} from '../../../src/domain/ticket-code';
import { isEcnError } from '../../../src/domain/errors';

describe('ticket codes', () => {
  it('carry at least 50 bits of entropy and no look-alike characters', () => {
    expect(CODE_ENTROPY_BITS).toBeGreaterThanOrEqual(50);
    for (const ch of '01OIL') expect(CODE_ALPHABET).not.toContain(ch);
  });

  it('are 12 symbols of the alphabet, and 10 000 draws never repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const c = generateCode((n) => randomBytes(n));
      expect(c).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$/);
      seen.add(c);
    }
    expect(seen.size).toBe(10_000);
  });

  it('uses every symbol about equally (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++)
      for (const ch of generateCode((n) => randomBytes(n))) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const expected = (5000 * 12) / CODE_ALPHABET.length;
    expect(counts.size).toBe(CODE_ALPHABET.length);
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.15);
  });

  it('rejects bytes beyond the largest multiple of 31 instead of folding them', () => {
    // 248 = 8 * 31: bytes 248..255 would bias the first symbols, so they are skipped.
    const bytes = [255, 250, 248, ...Array.from({ length: 30 }, (_, i) => i)];
    let offset = 0;
    const code = generateCode((n) => {
      const out = Uint8Array.from(bytes.slice(offset, offset + n));
      offset += n;
      return out;
    });
    expect(code).toBe(CODE_ALPHABET.slice(0, 12));
  });

  it('are printed in groups of four', () => {
    expect(formatCode('K7QMX4TR9WPA')).toBe('K7QM-X4TR-9WPA');
  });

  it.each(['K7QM-X4TR-9WPA', 'k7qm-x4tr-9wpa', 'K7QMX4TR9WPA', ' k7qm x4tr 9wpa ', 'K7QM.X4TR.9WPA'])(
    'are read back from %p',
    (typed) => {
      expect(normalizeCode(typed)).toBe('K7QMX4TR9WPA');
    },
  );

  it.each([
    ['K7QM-X4TR-9WP', 'length'],
    ['K7QM-X4TR-9WPAA', 'length'],
    ['K7QM-X4TR-9WP0', 'alphabet'],
    ['K7QM-X4TR-9WPO', 'alphabet'],
    ['K7QM-X4TR-9WPI', 'alphabet'],
    ['K7QM-X4TR-9WP1', 'alphabet'],
    ["K7QM-X4TR-9WP'", 'alphabet'],
    ['x'.repeat(1000), 'length'],
  ])('refuses %p with a reason (%s)', (typed, reason) => {
    try {
      normalizeCode(typed);
      throw new Error('accepted');
    } catch (err) {
      expect(isEcnError(err, 'ECN_ERR_TICKET_CODE_MALFORMED')).toBe(true);
      expect((err as { details: { reason: string } }).details.reason).toBe(reason);
      expect((err as Error).message).not.toContain(typed.trim());
    }
  });
});
