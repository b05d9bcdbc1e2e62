// Builds the compiled table from the configured sources: UT1 (folder or tarball, local or
// downloaded), hosts files, plain and adblock lists. Bad lines are counted and sampled, never
// fatal; a source that cannot be read or downloaded whole fails the build (the caller keeps
// the previous table).

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseListLine, type ListFormat } from './list-line';
import { ALLOW_BIT, MAX_CATEGORIES, NameTableBuilder } from './name-table';
import { forEachLine } from './read-lines';
import { extractTar } from './tar-extract';
import { writeTableFile, type CategoryInfo, type TableMeta } from './table-file';

export interface SourceSpec {
  /** `ut1`: a UT1 folder or tarball (one category per folder); `list`: one file, one category. */
  kind: 'ut1' | 'list';
  /** Local file or folder (absolute); ignored when `url` is set. */
  path: string;
  /** http(s) URL to download first; empty for none. */
  url: string;
  /** Category of a `list` source. */
  category: string;
  format: ListFormat;
}

export interface BuildSpec {
  sources: SourceSpec[];
  /** Categories whose names are blocked, in bit order. */
  categories: string[];
  /** Categories whose names are allowed (UT1 `usage` white), e.g. a school whitelist. */
  allowCategories: string[];
  tableFile: string;
  /** Scratch folder for downloads and extracted archives. */
  workDir: string;
  downloadTimeoutMs?: number;
}

export interface SourceReport {
  source: string;
  category: string;
  names: number;
  bad: number;
}

export interface BuildReport {
  names: number;
  bytes: number;
  seconds: number;
  categories: CategoryInfo[];
  sources: SourceReport[];
  /** Bad lines, a few per source, to show the operator. */
  badSamples: string[];
  /** Things the operator should know (a category found nowhere, usage mismatch). */
  warnings: string[];
}

export class SourceError extends Error {}

const BAD_SAMPLES_PER_SOURCE = 5;

export interface SourceNames {
  categories: CategoryInfo[];
  sources: SourceReport[];
  badSamples: string[];
  warnings: string[];
}

/**
 * Reads every configured source and calls `onName` for each good name of a selected category,
 * with its rule word. Shared by the table builder and the exports, so both see the same rules.
 */
export async function readSources(
  spec: BuildSpec,
  onName: (name: string, word: number, category: string) => void,
): Promise<SourceNames> {
  const categories = assignCategories(spec);
  const bitOf = new Map(categories.map((c, i) => [c.name, i]));
  const reports: SourceReport[] = [];
  const badSamples: string[] = [];
  const warnings: string[] = [];
  const found = new Set<string>();
  const extractRoot = path.join(spec.workDir, 'extract');
  rmSync(extractRoot, { recursive: true, force: true });
  try {
    for (const [i, source] of spec.sources.entries()) {
      const label = source.url || source.path;
      const local = source.url
        ? await download(source.url, spec.workDir, i, spec.downloadTimeoutMs ?? 120_000)
        : source.path;
      if (!local || !existsSync(local)) throw new SourceError(`source not found: ${local || '(no path)'}`);
      const files =
        source.kind === 'ut1'
          ? await ut1Categories(local, path.join(extractRoot, String(i)), bitOf)
          : [{ category: source.category, file: local, usage: null as string[] | null }];
      for (const { category, file, usage } of files) {
        const bit = bitOf.get(category);
        if (bit === undefined) continue;
        found.add(category);
        const role = categories[bit]!.role;
        if (usage && !usage.includes(role === 'block' ? 'black' : 'white')) {
          warnings.push(
            `category ${category} is meant for ${usage.join('/')} lists (its usage file) but is configured to ${role}; skipped`,
          );
          continue;
        }
        const word = role === 'allow' ? (ALLOW_BIT | (1 << bit)) >>> 0 : (1 << bit) >>> 0;
        const allowWord = (ALLOW_BIT | (1 << bit)) >>> 0;
        const report: SourceReport = { source: label, category, names: 0, bad: 0 };
        const format = source.kind === 'ut1' ? 'plain' : source.format;
        let lineNo = 0;
        await forEachLine(file, (line) => {
          lineNo++;
          const r = parseListLine(line, format);
          if (r === 'skip') return;
          if (r === 'bad') {
            report.bad++;
            if (report.bad <= BAD_SAMPLES_PER_SOURCE)
              badSamples.push(`${file}:${lineNo}: ${line.slice(0, 120)}`);
            return;
          }
          onName(r.name, r.allow ? allowWord : word, category);
          report.names++;
        });
        reports.push(report);
      }
    }
  } finally {
    rmSync(extractRoot, { recursive: true, force: true });
  }
  for (const c of categories) if (!found.has(c.name)) warnings.push(`category ${c.name} is in no source`);
  return { categories, sources: reports, badSamples, warnings };
}

export async function buildTable(spec: BuildSpec): Promise<BuildReport> {
  const started = process.hrtime.bigint();
  const builder = new NameTableBuilder();
  const read = await readSources(spec, (name, word) => builder.add(name, word));
  const table = builder.compile();
  const meta: TableMeta = {
    builtAt: new Date().toISOString(),
    categories: read.categories,
    sources: read.sources,
  };
  const bytes = writeTableFile(spec.tableFile, table, meta);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { names: table.count, bytes, seconds, ...read };
}

function assignCategories(spec: BuildSpec): CategoryInfo[] {
  const out: CategoryInfo[] = [];
  const seen = new Set<string>();
  const add = (name: string, role: CategoryInfo['role']) => {
    if (seen.has(name)) return;
    out.push({ name, role });
    seen.add(name);
  };
  // A name in both lists blocks: it was configured to block first.
  for (const name of spec.categories) add(name, 'block');
  for (const name of spec.allowCategories) add(name, 'allow');
  if (out.length > MAX_CATEGORIES)
    throw new SourceError(`at most ${MAX_CATEGORIES} categories may be selected`);
  return out;
}

/** The `domains` files of a UT1 folder or tarball, with their `usage`. */
async function ut1Categories(
  local: string,
  extractDir: string,
  wanted: Map<string, number>,
): Promise<{ category: string; file: string; usage: string[] | null }[]> {
  let root = local;
  if (statSync(local).isFile()) {
    const want = (name: string) => {
      const parts = name.split('/');
      const base = parts[parts.length - 1];
      const cat = parts[parts.length - 2];
      return (base === 'domains' || base === 'usage') && cat !== undefined && wanted.has(cat);
    };
    try {
      await extractTar(local, extractDir, want);
    } catch (err) {
      throw new SourceError(`cannot read the archive ${local}: ${(err as Error).message}`);
    }
    root = extractDir;
  }
  const out: { category: string; file: string; usage: string[] | null }[] = [];
  const visit = (dir: string, depth: number) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const sub = path.join(dir, entry.name);
      const domains = path.join(sub, 'domains');
      if (existsSync(domains)) {
        const usageFile = path.join(sub, 'usage');
        const usage = existsSync(usageFile)
          ? readFileSync(usageFile, 'utf8')
              .split(/\s+/)
              .map((s) => s.toLowerCase())
              .filter((s) => s === 'black' || s === 'white')
          : null;
        out.push({ category: entry.name, file: domains, usage: usage && usage.length ? usage : null });
      } else if (depth < 2) {
        visit(sub, depth + 1);
      }
    }
  };
  visit(root, 0);
  return out;
}

/** Downloads to a `.part` file, checks the announced length, then renames. */
async function download(url: string, workDir: string, i: number, timeoutMs: number): Promise<string> {
  const dir = path.join(workDir, 'downloads');
  mkdirSync(dir, { recursive: true });
  const name = `${i}-${path.basename(new URL(url).pathname) || 'list'}`.replace(/[^A-Za-z0-9._-]/g, '_');
  const target = path.join(dir, name);
  const part = `${target}.part`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    if (!res.ok || !res.body) throw new SourceError(`HTTP ${res.status}`);
    await pipeline(Readable.fromWeb(res.body as never), createWriteStream(part));
    const announced = Number(res.headers.get('content-length') ?? NaN);
    const got = statSync(part).size;
    if (Number.isFinite(announced) && announced !== got) {
      throw new SourceError(`truncated download (${got} of ${announced} bytes)`);
    }
    if (got === 0) throw new SourceError('empty download');
    renameSync(part, target);
    return target;
  } catch (err) {
    rmSync(part, { force: true });
    throw new SourceError(`cannot download ${url}: ${(err as Error).message}`);
  }
}
