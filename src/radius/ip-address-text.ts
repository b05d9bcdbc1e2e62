// Strict text forms of IPv4 and IPv6 addresses for typed attribute values. Written here rather
// than borrowed from node:net so the codec stays free of I/O modules and its rules stay visible.

const IPV4_OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Parses `a.b.c.d` with decimal octets and no leading zeros; null when invalid. */
export function parseIpv4(text: string): Buffer | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out = Buffer.alloc(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] ?? '';
    if (!IPV4_OCTET.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

export function formatIpv4(bytes: Buffer): string {
  return `${bytes.readUInt8(0)}.${bytes.readUInt8(1)}.${bytes.readUInt8(2)}.${bytes.readUInt8(3)}`;
}

/** Parses RFC 4291 §2.2 text (with `::` and a trailing dotted quad); null when invalid. */
export function parseIpv6(text: string): Buffer | null {
  if (text.length === 0 || text.length > 45) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const compressed = halves.length === 2;
  const headGroups = splitGroups(halves[0] ?? '');
  const tailGroups = compressed ? splitGroups(halves[1] ?? '') : [];
  if (headGroups === null || tailGroups === null) return null;
  // A dotted quad may only be the very last group of the address.
  const head = groupsToWords(headGroups, !compressed);
  const tail = groupsToWords(tailGroups, compressed);
  if (head === null || tail === null) return null;

  const missing = 8 - head.length - tail.length;
  if (compressed ? missing < 1 : missing !== 0) return null;
  const words = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const out = Buffer.alloc(16);
  words.forEach((word, i) => out.writeUInt16BE(word, i * 2));
  return out;
}

function groupsToWords(groups: string[], mayEndWithIpv4: boolean): number[] | null {
  const words: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? '';
    if (mayEndWithIpv4 && i === groups.length - 1 && group.includes('.')) {
      const v4 = parseIpv4(group);
      if (v4 === null) return null;
      words.push(v4.readUInt16BE(0), v4.readUInt16BE(2));
    } else if (HEX_GROUP.test(group)) {
      words.push(parseInt(group, 16));
    } else {
      return null;
    }
  }
  return words;
}

function splitGroups(part: string): string[] | null {
  if (part === '') return [];
  const groups = part.split(':');
  return groups.some((g) => g === '') ? null : groups;
}

/** RFC 5952 text: lower case, no leading zeros, the first longest run of two or more zero words as `::`. */
export function formatIpv6(bytes: Buffer): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(bytes.readUInt16BE(i));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (ws: number[]): string => ws.map((w) => w.toString(16)).join(':');
  if (bestStart < 0) return hex(words);
  return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLength))}`;
}
