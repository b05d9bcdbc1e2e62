// Loads the configuration: YAML file, then ECN_* environment overrides, validated once by
// the schema and deep-frozen. Every problem is reported at once, with its path.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { EcnError } from '../domain/errors';
import { PACKAGE_ROOT } from '../package-info';
import { configSchema, type Config } from './schema';
import { listKeys, type KeyInfo } from './schema-walk';

export const DEFAULT_CONFIG_FILE = path.join(PACKAGE_ROOT, 'config', 'default.yaml');

export interface LoadOptions {
  /** Path of the YAML file; `null` for none (defaults and environment only). */
  file: string | null;
  env?: Record<string, string | undefined>;
}

export interface ConfigProblem {
  path: string;
  message: string;
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
  const raw = opts.file === null ? {} : readYaml(opts.file);
  const problems: ConfigProblem[] = [];
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
      `Invalid configuration (${where}):\n` + problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n'),
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

function readYaml(file: string): unknown {
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
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new EcnError(
      'ECN_ERR_CONFIG_UNREADABLE',
      `The configuration file ${file} is not valid YAML:\n` +
        doc.errors.map((e) => `  - ${e.message}`).join('\n'),
      { file },
    );
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new EcnError(
      'ECN_ERR_CONFIG_UNREADABLE',
      `The configuration file ${file} must hold a mapping of keys.`,
      { file },
    );
  }
  return value;
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
