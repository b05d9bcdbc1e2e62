// Walks the zod schema's object tree to list every key with its type, default, description
// and environment variable. Used for ECN_* overrides and for docs/configuration.md.

import { z } from 'zod';
import { docMeta } from './schema/fields';

export interface KeyInfo {
  path: string[];
  env: string;
  /** Shape used to read an environment value: JSON for lists and nested records. */
  kind: 'string' | 'number' | 'boolean' | 'enum' | 'json';
  type: string;
  description: string;
  default: unknown;
  hasDefault: boolean;
}

export function envName(path: string[]): string {
  return 'ECN_' + path.map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_');
}

type AnyZod = z.core.$ZodType;

function def(s: AnyZod): z.core.$ZodTypeDef & Record<string, unknown> {
  return (s as unknown as { _zod: { def: z.core.$ZodTypeDef & Record<string, unknown> } })._zod.def;
}

/** Strips default/optional/nullable/prefault wrappers, remembering the default and description. */
function unwrap(s: AnyZod): {
  inner: AnyZod;
  description: string;
  default: unknown;
  hasDefault: boolean;
  nullable: boolean;
  docType: string | null;
} {
  let cur = s;
  let docType = docMeta.get(s as z.ZodType)?.type ?? null;
  let description = (s as z.ZodType).description ?? '';
  let dflt: unknown = undefined;
  let hasDefault = false;
  let nullable = false;
  for (;;) {
    const d = def(cur);
    if (d.type === 'default' || d.type === 'prefault') {
      if (!hasDefault) {
        dflt = (d as unknown as { defaultValue: unknown }).defaultValue;
        hasDefault = true;
      }
    } else if (d.type === 'nullable') {
      nullable = true;
    } else if (d.type !== 'optional') {
      break;
    }
    cur = (d as unknown as { innerType: AnyZod }).innerType;
    description ||= (cur as z.ZodType).description ?? '';
    docType ??= docMeta.get(cur as z.ZodType)?.type ?? null;
  }
  return { inner: cur, description, default: dflt, hasDefault, nullable, docType };
}

function typeOf(s: AnyZod): { kind: KeyInfo['kind']; type: string } {
  const meta = docMeta.get(s as z.ZodType);
  const d = def(s);
  if (meta) return { kind: 'string', type: meta.type };
  switch (d.type) {
    case 'string':
      return { kind: 'string', type: 'string' };
    case 'number':
      return { kind: 'number', type: 'number' };
    case 'boolean':
      return { kind: 'boolean', type: 'boolean' };
    case 'enum': {
      const values = Object.values((d as unknown as { entries: Record<string, string> }).entries);
      return { kind: 'enum', type: values.map((v) => `\`${v}\``).join(' \\| ') };
    }
    case 'array':
      return { kind: 'json', type: 'list' };
    case 'pipe':
      return typeOf((d as unknown as { in: AnyZod }).in);
    default:
      return { kind: 'json', type: d.type };
  }
}

function objectShape(s: AnyZod): Record<string, AnyZod> | null {
  let cur = s;
  for (;;) {
    const d = def(cur);
    if (d.type === 'object') return (d as unknown as { shape: Record<string, AnyZod> }).shape;
    if (d.type === 'pipe') cur = (d as unknown as { in: AnyZod }).in;
    else return null;
  }
}

/** Every leaf key of the schema, in declaration order. */
export function listKeys(schema: AnyZod, prefix: string[] = []): KeyInfo[] {
  const shape = objectShape(schema);
  if (!shape) return [];
  const out: KeyInfo[] = [];
  for (const [key, child] of Object.entries(shape)) {
    const path = [...prefix, key];
    const u = unwrap(child);
    if (objectShape(u.inner)) {
      out.push(...listKeys(u.inner, path));
      continue;
    }
    const t = typeOf(u.inner);
    if (u.docType) t.type = u.docType;
    out.push({
      path,
      env: envName(path),
      kind: t.kind,
      type: u.nullable ? `${t.type} or null` : t.type,
      description: u.description,
      default: u.default,
      hasDefault: u.hasDefault,
    });
  }
  return out;
}

/** Fields of each list item (e.g. profiles[]), for the reference. */
export function listItemKeys(schema: AnyZod, path: string[]): KeyInfo[] {
  let cur: AnyZod = schema;
  for (const p of path) {
    const shape = objectShape(cur);
    if (!shape || !shape[p]) return [];
    cur = unwrap(shape[p]).inner;
  }
  const d = def(cur);
  if (d.type !== 'array') return [];
  return listKeys((d as unknown as { element: AnyZod }).element);
}
