// Text for the PDF's built-in fonts, which only know Windows-1252 (WinAnsi).

/** Windows-1252 (WinAnsi) characters beyond Latin-1 that the built-in PDF fonts can draw. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * The built-in fonts only know WinAnsi: anything else (an emoji or Arabic letters in an SSID)
 * prints as "?" instead of a wrong glyph. The QR codes still carry the exact text.
 */
export function pdfSafeText(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x09 || c === 0x0a || c === 0x0d) out += ' ';
    else if ((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (c === 0x202f || c === 0x2007) out += '\u00a0';
    else out += '?';
  }
  return out;
}
