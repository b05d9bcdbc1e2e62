// How each kind of profile limit is written by people (configuration file, settings form) and
// shown back: one parser and one formatter per kind of domain/profile-fields.ts.

import type { ProfileFieldKind } from '../domain/profile-fields';
import { parseDuration, parseRate, parseSize } from './units';

export interface KindText {
  /** The value, or null when the text cannot be read. */
  parse(text: string): number | null;
  /** The text that parses back to the value. */
  format(value: number): string;
}

/** Epoch ms from an ISO-8601 date or date-time ("2026-12-01", "2026-12-01T18:00:00+01:00"). */
export function parseInstant(text: string): number | null {
  const t = Date.parse(text);
  return /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(t) ? t : null;
}

/** The largest unit that divides the value exactly, else the plain number. */
function inUnits(units: readonly (readonly [string, number])[]) {
  return (value: number): string => {
    for (const [unit, n] of units) if (value % n === 0) return `${value / n}${unit}`;
    return String(value);
  };
}

/** The amounts' texts (a yes/no option is a box the form ticks, not a text). */
export const KIND_TEXT: Record<Exclude<ProfileFieldKind, 'flag'>, KindText> = {
  duration: {
    parse: parseDuration,
    format: inUnits([
      ['w', 604800],
      ['d', 86400],
      ['h', 3600],
      ['m', 60],
    ]),
  },
  bytes: {
    parse: parseSize,
    format: inUnits([
      ['GB', 1e9],
      ['MB', 1e6],
      ['kB', 1e3],
    ]),
  },
  rate: {
    parse: parseRate,
    format: inUnits([
      ['Gbit', 1e9],
      ['Mbit', 1e6],
      ['kbit', 1e3],
    ]),
  },
  count: {
    parse: (text) => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null),
    format: (value) => String(value),
  },
  instant: {
    parse: parseInstant,
    // A day (`2026-12-01`) when the instant is a UTC midnight, the full instant otherwise.
    format: (ms) => {
      const iso = new Date(ms).toISOString();
      return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
    },
  },
};
