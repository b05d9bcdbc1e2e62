// Reads one line of a block or allow list in any of the formats operators meet: plain names
// (UT1 `domains`), hosts files, and adblock-style `||name^` / `@@||name^` rules.

import { normalizeName } from './normalize';

export type ListFormat = 'auto' | 'plain' | 'hosts' | 'adblock';

/** A name to add, something to skip silently (blank, comment), or a bad line. */
export type LineResult = { name: string; allow: boolean } | 'skip' | 'bad';

const HOSTS_ADDRESS = /^(0\.0\.0\.0|127\.\d+\.\d+\.\d+|::1?|0:0:0:0:0:0:0:[01]|255\.255\.255\.255)$/;
const HOSTS_LOCAL_NAMES = new Set([
  'localhost',
  'localhost.localdomain',
  'local',
  'broadcasthost',
  'ip6-localhost',
  'ip6-loopback',
  '0.0.0.0',
]);
const ADBLOCK = /^(@@)?\|\|([^/^$|*]+)\^(\$[a-z0-9,=~_-]*)?$/i;

export function parseListLine(raw: string, format: ListFormat): LineResult {
  const line = raw.trim();
  if (line === '' || line.startsWith('#') || line.startsWith('!') || line.startsWith('[')) return 'skip';
  if (format === 'adblock' || (format === 'auto' && (line.startsWith('||') || line.startsWith('@@')))) {
    const m = ADBLOCK.exec(line);
    if (!m) return 'bad';
    // Rules limited to some request types or pages are not name rules: counted as bad.
    if (m[3] !== undefined && m[3] !== '$important' && m[3] !== '$all') return 'bad';
    const name = normalizeName(m[2]!);
    return name === null ? 'bad' : { name, allow: m[1] === '@@' };
  }
  const fields = line.split('#', 1)[0]!.trim().split(/\s+/);
  if (format === 'hosts' || (format === 'auto' && fields.length >= 2 && HOSTS_ADDRESS.test(fields[0]!))) {
    if (fields.length < 2 || !HOSTS_ADDRESS.test(fields[0]!)) return 'bad';
    // "0.0.0.0 a.example b.example": the first name counts; more than one is rare and legal.
    const host = fields[1]!.toLowerCase();
    if (HOSTS_LOCAL_NAMES.has(host)) return 'skip';
    const name = normalizeName(host);
    return name === null ? 'bad' : { name, allow: false };
  }
  if (fields.length !== 1) return 'bad';
  const name = normalizeName(fields[0]!);
  return name === null ? 'bad' : { name, allow: false };
}
