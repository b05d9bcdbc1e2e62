// Finds keys in a configuration file that the schema does not know (a typo such as
// `portal: {lisen: …}` would otherwise be dropped silently and the default used), and
// names the nearest known key. A walk over the schema, so the schema itself stays as it is.

import { z } from 'zod';

type AnyZod = z.core.$ZodType;

export interface UnknownKey {
  /** Path of the unknown key, e.g. ['portal', 'lisen'] or ['profiles', 0, 'nmae']. */
  path: (string | number)[];
  /** The nearest key known at the same place, when one is close enough to be a typo. */
  suggestion: string | null;
}

function def(s: AnyZod): Record<string, unknown> & { type: string } {
  return (s as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object schemas a value at this place may be checked against (several for a union). */
function objectShapes(s: AnyZod): Record<string, AnyZod>[] {
  const d = def(s);
  switch (d.type) {
    case 'object':
      return [d.shape as Record<string, AnyZod>];
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'catch':
      return objectShapes(d.innerType as AnyZod);
    case 'pipe': {
      // z.preprocess(fn, schema) is a pipe whose input is a transform: the value is read by
      // the output side; otherwise the input side reads the raw value.
      const input = d.in as AnyZod;
      return objectShapes(def(input).type === 'transform' ? (d.out as AnyZod) : input);
    }
    case 'union':
      return (d.options as AnyZod[]).flatMap(objectShapes);
    default:
      return [];
  }
}

/** The element schema when the value at this place is a list. */
function arrayElement(s: AnyZod): AnyZod | null {
  const d = def(s);
  switch (d.type) {
    case 'array':
      return d.element as AnyZod;
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'catch':
      return arrayElement(d.innerType as AnyZod);
    case 'pipe': {
      const input = d.in as AnyZod;
      return arrayElement(def(input).type === 'transform' ? (d.out as AnyZod) : input);
    }
    default:
      return null;
  }
}

/** Every key of `value` that `schema` does not declare, depth first, in file order. */
export function findUnknownKeys(
  value: unknown,
  schema: AnyZod,
  prefix: (string | number)[] = [],
): UnknownKey[] {
  if (Array.isArray(value)) {
    const element = arrayElement(schema);
    if (!element) return [];
    return value.flatMap((item, i) => findUnknownKeys(item, element, [...prefix, i]));
  }
  if (!isPlainObject(value)) return [];
  const shapes = objectShapes(schema);
  if (shapes.length === 0) return [];
  const known = new Set(shapes.flatMap((s) => Object.keys(s)));
  const out: UnknownKey[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (!known.has(key)) {
      out.push({ path: [...prefix, key], suggestion: nearestKey(key, [...known]) });
      continue;
    }
    // A key known to several union members is walked against the first that declares it.
    const childSchema = shapes.find((s) => key in s)![key]!;
    out.push(...findUnknownKeys(child, childSchema, [...prefix, key]));
  }
  return out;
}

/** The known key closest by edit distance, if close enough to be a slip of the fingers. */
export function nearestKey(key: string, known: string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const lower = key.toLowerCase();
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  // A third of the key's length (at least 2): `lisen` → `listen`, `nmae` → `name`, but a key
  // with nothing in common gets no suggestion rather than a misleading one.
  return best !== null && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : null;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
