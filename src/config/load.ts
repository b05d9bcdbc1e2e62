// Loads the configuration: YAML file, then ECN_* environment overrides, validated once by
// the schema and deep-frozen. Every problem is reported at once, with its path.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML, { isMap, isScalar, isSeq, LineCounter, type Document } from 'yaml';
import { EcnError } from '../domain/errors';
import { PACKAGE_ROOT } from '../package-info';
import { configSchema, type Config } from './schema';
import { listKeys, type KeyInfo } from './schema-walk';
import { findUnknownKeys } from './unknown-keys';

export const DEFAULT_CONFIG_FILE = path.join(PACKAGE_ROOT, 'config', 'default.yaml');

export interface LoadOptions {
  /** Path of the YAML file; `null` for none (defaults and environment only). */
  file: string | null;
  env?: Record<string, string | undefined>;
}

export interface ConfigProblem {
  path: string;
  message: string;
  /** Line in the configuration file, when the problem is a key written there. */
  line?: number;
}

export type FrozenConfig = DeepReadonly<Config>;
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The file named by --config, else ECN_CONFIG, else the shipped default. */
export function resolveConfigFile(
  argPath: string | undefined,
  env: Record<string, string | undefined>,
): string {
  return path.resolve(argPath ?? env.ECN_CONFIG ?? DEFAULT_CONFIG_FILE);
}

export function loadConfig(opts: LoadOptions): FrozenConfig {
  const parsed = opts.file === null ? null : readYaml(opts.file);
  const raw = parsed?.value ?? {};
  const problems: ConfigProblem[] = parsed ? unknownKeyProblems(parsed) : [];
  const merged = applyEnv(raw, opts.env ?? {}, problems);
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ path: issue.path.join('.') || '(root)', message: issue.message });
    }
  }
  if (problems.length > 0 || !result.success) {
    const where = opts.file ?? 'environment';
    throw new EcnError(
      'ECN_ERR_CONFIG_INVALID',
      `Invalid configuration (${where}):\n` +
        problems.map((p) => `  - ${p.path}${p.line ? ` (line ${p.line})` : ''}: ${p.message}`).join('\n'),
      { problems, file: opts.file },
    );
  }
  const config = result.data;
  config.dataDir = path.resolve(config.dataDir);
  config.charter.dir = config.charter.dir
    ? path.resolve(config.charter.dir)
    : path.join(PACKAGE_ROOT, 'config', 'charter');
  config.journal.file = path.resolve(config.journal.file || path.join(config.dataDir, 'journal.db'));
  config.journal.keyFile = path.resolve(config.journal.keyFile || path.join(config.dataDir, 'journal.key'));
  return deepFreeze(config);
}

interface ParsedYaml {
  value: object;
  doc: Document;
  lines: LineCounter;
}

function readYaml(file: string): ParsedYaml {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new EcnError(
      'ECN_ERR_CONFIG_UNREADABLE',
      `Cannot read the configuration file ${file}: ${(err as Error).message}`,
      {
        file,
      },
    );
  }
  const lines = new LineCounter();
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new EcnError(
      'ECN_ERR_CONFIG_UNREADABLE',
      `The configuration file ${file} is not valid YAML:\n` +
        doc.errors.map((e) => `  - ${e.message}`).join('\n'),
      { file },
    );
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return { value: {}, doc, lines };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new EcnError(
      'ECN_ERR_CONFIG_UNREADABLE',
      `The configuration file ${file} must hold a mapping of keys.`,
      { file },
    );
  }
  return { value, doc, lines };
}

/** A key the schema does not know is an error, not a silent default (issue 12, item 10). */
function unknownKeyProblems(parsed: ParsedYaml): ConfigProblem[] {
  return findUnknownKeys(parsed.value, configSchema).map((u) => ({
    path: u.path.join('.'),
    message: 'unknown key' + (u.suggestion ? `; did you mean \`${u.suggestion}\`?` : ''),
    line: keyLine(parsed, u.path),
  }));
}

/** 1-based line of the key at `keyPath` in the file, from the YAML syntax tree. */
function keyLine(parsed: ParsedYaml, keyPath: (string | number)[]): number | undefined {
  let node: unknown = parsed.doc.contents;
  for (const [i, step] of keyPath.entries()) {
    if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
    } else if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === step);
      if (!pair) return undefined;
      if (i === keyPath.length - 1) {
        const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
        return offset === undefined ? undefined : parsed.lines.linePos(offset).line;
      }
      node = pair.value;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** Copies `raw` and sets every key that has an ECN_* variable; reports unreadable values. */
export function applyEnv(
  raw: unknown,
  env: Record<string, string | undefined>,
  problems: ConfigProblem[],
): unknown {
  const out = structuredClone(raw) as Record<string, unknown>;
  const keys = listKeys(configSchema);
  const known = new Set(keys.map((k) => k.env));
  for (const name of Object.keys(env)) {
    if (name.startsWith('ECN_') && name !== 'ECN_CONFIG' && !known.has(name) && env[name] !== undefined) {
      problems.push({ path: name, message: 'unknown environment variable (see docs/configuration.md)' });
    }
  }
  for (const key of keys) {
    const value = env[key.env];
    if (value === undefined) continue;
    const parsed = parseEnvValue(key, value);
    if (parsed.ok) setPath(out, key.path, parsed.value);
    else problems.push({ path: `${key.env} (${key.path.join('.')})`, message: parsed.message });
  }
  return out;
}

function parseEnvValue(
  key: KeyInfo,
  value: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  switch (key.kind) {
    case 'number': {
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, message: 'expected a number' };
    }
    case 'boolean':
      if (/^(true|1|yes|on)$/i.test(value)) return { ok: true, value: true };
      if (/^(false|0|no|off)$/i.test(value)) return { ok: true, value: false };
      return { ok: false, message: 'expected true or false' };
    case 'json':
      try {
        return { ok: true, value: JSON.parse(value) };
      } catch {
        return { ok: false, message: 'expected a JSON value' };
      }
    default:
      return { ok: true, value: value === 'null' && key.type.endsWith('or null') ? null : value };
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = target;
  for (const p of path.slice(0, -1)) {
    const next = cur[p];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}

export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value as DeepReadonly<T>;
}
