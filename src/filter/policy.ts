// The filtering decision for one name. Two tiers: the space's own allow and block lists
// (config) first, then the categories of the compiled table. In each tier the most specific
// entry (the name itself, else its nearest parent) decides, and at the same name allow wins.

import { SuffixFingerprints } from './fingerprint';
import { ALLOW_BIT, NameTable, NameTableBuilder } from './name-table';
import { normalizeName } from './normalize';
import type { TableMeta } from './table-file';

export const CUSTOM_CATEGORY = 'custom';

export type Verdict =
  { action: 'block'; category: string } | { action: 'allow'; category: string | null } | { action: 'none' };

const NONE: Verdict = { action: 'none' };

export class FilterPolicy {
  private readonly fp = new SuffixFingerprints();
  private readonly verdicts: Verdict[];

  constructor(
    private readonly table: NameTable,
    private readonly meta: TableMeta,
    private readonly custom: NameTable,
  ) {
    // One verdict object per category, made once: no allocation per query.
    this.verdicts = meta.categories.map((c) => ({ action: 'block', category: c.name }) as Verdict);
  }

  get categories(): TableMeta['categories'] {
    return this.meta.categories;
  }

  get tableNames(): number {
    return this.table.count;
  }

  /** The same table with other own lists (managers changed them in the console). */
  withCustom(custom: NameTable): FilterPolicy {
    return new FilterPolicy(this.table, this.meta, custom);
  }

  /** Decides for a canonical (lower-case, ASCII, no trailing dot) name. */
  decide(name: string): Verdict {
    this.fp.compute(name);
    const own = this.custom.match(this.fp);
    if (own) return own.word & ALLOW_BIT ? ALLOW_CUSTOM : BLOCK_CUSTOM;
    const hit = this.table.match(this.fp);
    if (!hit) return NONE;
    if (hit.word & ALLOW_BIT) return ALLOW_LIST;
    const bit = 31 - Math.clz32(hit.word & -hit.word); // lowest category bit: first configured
    return this.verdicts[bit] ?? BLOCK_CUSTOM;
  }
}

const ALLOW_CUSTOM: Verdict = { action: 'allow', category: CUSTOM_CATEGORY };
const BLOCK_CUSTOM: Verdict = { action: 'block', category: CUSTOM_CATEGORY };
const ALLOW_LIST: Verdict = { action: 'allow', category: null };

/** The space's own lists as a small table; names that do not normalise are returned as bad. */
export function customTable(
  allow: readonly string[],
  block: readonly string[],
): { table: NameTable; bad: string[] } {
  const b = new NameTableBuilder();
  const bad: string[] = [];
  for (const raw of block) {
    const n = normalizeName(raw);
    if (n === null) bad.push(raw);
    else b.add(n, 1);
  }
  for (const raw of allow) {
    const n = normalizeName(raw);
    if (n === null) bad.push(raw);
    else b.add(n, ALLOW_BIT);
  }
  return { table: b.compile(), bad };
}

export function emptyMeta(): TableMeta {
  return { builtAt: new Date(0).toISOString(), categories: [], sources: [] };
}
