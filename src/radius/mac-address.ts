// MAC addresses as NAS send them in User-Name or Calling-Station-Id, in whichever common
// spelling, normalised to lower-case colon form so one device has one key.

const SPELLINGS = [
  /^([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i,
  /^([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2})$/i,
  /^([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})$/i,
  // Cisco, and the same grouping some switches print with ':' or '-'
  /^([0-9a-f]{2})([0-9a-f]{2})\.([0-9a-f]{2})([0-9a-f]{2})\.([0-9a-f]{2})([0-9a-f]{2})$/i,
  /^([0-9a-f]{2})([0-9a-f]{2}):([0-9a-f]{2})([0-9a-f]{2}):([0-9a-f]{2})([0-9a-f]{2})$/i,
  /^([0-9a-f]{2})([0-9a-f]{2})-([0-9a-f]{2})([0-9a-f]{2})-([0-9a-f]{2})([0-9a-f]{2})$/i,
  // HP/Aruba
  /^([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})-([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i,
  /^([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2}):([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i,
];

/**
 * `aa:bb:cc:dd:ee:ff` for any of the spellings above, null otherwise. Purely syntactic: whether
 * the address is a plausible client (not broadcast, not multicast) is for the caller to decide.
 */
export function normalizeMacAddress(input: string): string | null {
  if (input.length < 12 || input.length > 17) return null;
  for (const spelling of SPELLINGS) {
    const match = spelling.exec(input);
    if (match !== null) return match.slice(1, 7).join(':').toLowerCase();
  }
  return null;
}
