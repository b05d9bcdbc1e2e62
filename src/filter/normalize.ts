// Turns one name from a list or a DNS question into its canonical form: lower case, ASCII
// (IDNA via node:url), no trailing dot, labels of 1–63 characters, at most 253 characters.

import { domainToASCII } from 'node:url';

export const MAX_NAME_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;

const PLAIN = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;
/** Any ASCII character that cannot be in a name (only letters, digits, '-', '_', '.' can). */
function hasAsciiNotName(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      c < 0x80 &&
      !((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x5f)
    ) {
      return true;
    }
  }
  return false;
}

/** The canonical name, or null when the text is not a usable domain name. */
export function normalizeName(raw: string): string | null {
  let s = raw.trim();
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (s.startsWith('*.')) s = s.slice(2);
  if (s.length === 0 || s.length > 4 * MAX_NAME_LENGTH) return null;
  s = s.toLowerCase();
  if (!PLAIN.test(s)) {
    // Only non-ASCII letters may need IDNA; other ASCII punctuation is never part of a name
    // (domainToASCII would read "a/b" as a URL host "a").
    if (hasAsciiNotName(s)) return null;
    // Internationalised names (UTF-8 in the lists) become their xn-- form.
    const ascii = domainToASCII(s);
    if (ascii === '' || !PLAIN.test(ascii)) return null;
    s = ascii;
  }
  return validLabels(s) ? s : null;
}

function validLabels(s: string): boolean {
  if (s.length > MAX_NAME_LENGTH) return false;
  let start = 0;
  for (;;) {
    const dot = s.indexOf('.', start);
    const end = dot === -1 ? s.length : dot;
    const len = end - start;
    if (len < 1 || len > MAX_LABEL_LENGTH) return false;
    if (s.charCodeAt(start) === 45 || s.charCodeAt(end - 1) === 45) return false; // no leading/trailing '-'
    if (dot === -1) break;
    start = dot + 1;
  }
  // A bare IPv4 address is not a name (UT1 lists some; they belong to an IP filter).
  return !/^\d+\.\d+\.\d+\.\d+$/.test(s);
}
