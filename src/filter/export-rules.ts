// Exports the same rules for operators who keep their own resolver: an RPZ zone (blocked
// names point to the portal, allowed ones pass through) or dnsmasq lines (`local=/name/`
// blocks, `server=/name/#` lets an allowed name through). Each name is decided by the same
// policy as the DNS front-end, so the custom lists and the precedence rules apply.

import type { BuildSpec } from './build-table';
import { readSources } from './build-table';
import { NameTableBuilder } from './name-table';
import { normalizeName } from './normalize';
import { customTable, FilterPolicy, type Verdict } from './policy';
import { loadTableFile } from './table-file';

export type ExportFormat = 'rpz' | 'dnsmasq';

export interface ExportOptions {
  build: BuildSpec;
  allow: readonly string[];
  block: readonly string[];
  blockAddress: string | null;
  ttl: number;
  format: ExportFormat;
}

export async function exportRules(
  opts: ExportOptions,
  write: (text: string) => void,
): Promise<{ blocked: number; allowed: number }> {
  const { table, meta } = await loadTableFile(opts.build.tableFile);
  const policy = new FilterPolicy(table, meta, customTable(opts.allow, opts.block).table);
  const seen = new NameTableBuilder();
  let blocked = 0;
  let allowed = 0;
  let out = '';
  const flush = () => {
    write(out);
    out = '';
  };
  const emit = (name: string, verdict: Verdict) => {
    if (verdict.action === 'none' || !seen.addIfAbsent(name)) return;
    if (verdict.action === 'block') blocked++;
    else allowed++;
    out += line(opts, name, verdict);
    if (out.length > 1 << 16) flush();
  };
  if (opts.format === 'rpz') {
    write(
      `; ECN gateway filter as a response policy zone, built ${new Date().toISOString()}.\n` +
        `; Lists: UT1 blacklists, Université Toulouse Capitole (CC BY-SA).\n` +
        `$TTL ${opts.ttl}\n@ SOA localhost. hostmaster.localhost. 1 3600 600 86400 ${opts.ttl}\n@ NS localhost.\n`,
    );
  } else {
    write(`# ECN gateway filter for dnsmasq (UT1 blacklists, Université Toulouse Capitole, CC BY-SA).\n`);
  }
  for (const raw of [...opts.allow, ...opts.block]) {
    const n = normalizeName(raw);
    if (n !== null) emit(n, policy.decide(n));
  }
  await readSources(opts.build, (name) => emit(name, policy.decide(name)));
  flush();
  return { blocked, allowed };
}

function line(opts: ExportOptions, name: string, v: Verdict): string {
  if (opts.format === 'dnsmasq') return v.action === 'block' ? `local=/${name}/\n` : `server=/${name}/#\n`;
  if (v.action === 'allow') return `${name} CNAME rpz-passthru.\n*.${name} CNAME rpz-passthru.\n`;
  if (opts.blockAddress) return `${name} A ${opts.blockAddress}\n*.${name} A ${opts.blockAddress}\n`;
  return `${name} CNAME .\n*.${name} CNAME .\n`;
}
