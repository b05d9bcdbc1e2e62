// The import graph of src/ between parts (the folders under src/), read from the sources with
// TypeScript's own scanner, so a test can hold the parts to one direction of their imports.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface PartImport {
  from: string;
  to: string;
  /** The importing file and the specifier, relative to the source root. */
  file: string;
  specifier: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.isFile() && /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * The part a source file belongs to: its first folder under the root, or `root` for the entry
 * files beside them (main.ts, compose.ts). The console's message catalogs (console/i18n) are
 * catalogs, not the console: the documents' words live there until they move to src/i18n.
 */
export function partOf(relative: string): string {
  const parts = relative.split(/[\\/]/);
  if (parts.length === 1) return parts[0]!.replace(/\.ts$/, '');
  if (parts[0] === 'console' && parts[1] === 'i18n') return 'i18n';
  return parts[0]!;
}

/** The packages (non-relative specifiers) each file under `folder` of the root imports. */
export function packageImports(root: string, folder: string): { file: string; specifier: string }[] {
  return sourceFiles(path.join(root, folder)).flatMap((file) =>
    ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.flatMap(({ fileName }) =>
        fileName.startsWith('.') ? [] : [{ file: path.relative(root, file), specifier: fileName }],
      ),
  );
}

/** Every relative import (`import`, `export … from`, `import()`, `require`) between two parts. */
export function partImports(root: string): PartImport[] {
  const out: PartImport[] = [];
  for (const file of sourceFiles(root)) {
    const rel = path.relative(root, file);
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of info.importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const target = path.relative(root, path.resolve(path.dirname(file), specifier));
      if (target.startsWith('..')) continue;
      const [from, to] = [partOf(rel), partOf(target)];
      if (from !== to) out.push({ from, to, file: rel, specifier });
    }
  }
  return out;
}

/** The cycles between parts: each strongly connected group of more than one part, sorted. */
export function partCycles(imports: readonly PartImport[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const i of imports) {
    if (!next.has(i.from)) next.set(i.from, new Set());
    if (!next.has(i.to)) next.set(i.to, new Set());
    next.get(i.from)!.add(i.to);
  }
  // Tarjan's algorithm: parts that reach each other form one group.
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!order.has(v)) visit(v);
  return groups.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
