// Replaces the filter table with one rebuilt from the sources (in a worker thread), keeping the
// previous table when the build fails or looks truncated. `ecn filter update` runs it once; the
// gateway runs it in the background when a manager changes the blocked categories.

import { existsSync, renameSync, rmSync } from 'node:fs';
import { EcnError } from '../domain/errors';
import type { Logger } from '../log';
import type { BuildReport, BuildSpec } from './build-table';
import { buildTableInWorker } from './build-worker';
import { readTableFile } from './table-file';

/** Builds beside the table, then renames it into place (the DNS process sees the rename). */
export async function replaceTable(spec: BuildSpec, opts: { force: boolean }): Promise<BuildReport> {
  const previous = existsSync(spec.tableFile) ? safeCount(spec.tableFile) : null;
  const candidate = `${spec.tableFile}.new`;
  let report;
  try {
    report = await buildTableInWorker({ ...spec, tableFile: candidate });
  } catch (err) {
    rmSync(candidate, { force: true });
    throw new EcnError(
      'ECN_ERR_FILTER_SOURCE',
      `Filter table not updated (the previous one stays): ${(err as Error).message}`,
    );
  }
  if (previous !== null && previous > 0 && report.names < previous / 2 && !opts.force) {
    rmSync(candidate, { force: true });
    throw new EcnError(
      'ECN_ERR_FILTER_SHRUNK',
      `The new table has ${report.names} names, less than half of the previous ${previous}; ` +
        'a list was probably truncated. The previous table stays (use --force to accept it).',
    );
  }
  renameSync(candidate, spec.tableFile);
  return report;
}

function safeCount(file: string): number | null {
  try {
    return readTableFile(file).table.count;
  } catch {
    return null;
  }
}

export type RebuildResult =
  | { ok: true; at: number; names: number; categories: string[]; warnings: string[] }
  | { ok: false; at: number; message: string };

/**
 * One rebuild at a time: a request while one runs is kept (the latest wins) and runs after it,
 * so the table ends up built with the last categories asked for.
 */
export class TableRebuilder {
  private running: Promise<void> | null = null;
  private pending: string[] | null = null;
  private result: RebuildResult | null = null;

  constructor(
    private readonly build: BuildSpec,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a rebuild runs or waits. */
  get busy(): boolean {
    return this.running !== null;
  }

  get last(): RebuildResult | null {
    return this.result;
  }

  /** Starts a rebuild with these blocked categories (or queues it behind the one running). */
  request(categories: readonly string[]): void {
    this.pending = [...categories];
    if (!this.running) this.running = this.loop();
  }

  /** Resolves once no rebuild runs (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    try {
      while (this.pending) {
        const categories = this.pending;
        this.pending = null;
        await this.once(categories);
      }
    } finally {
      this.running = null;
    }
  }

  private async once(categories: string[]): Promise<void> {
    try {
      // The manager chose fewer categories: a smaller table is expected, not a truncated list.
      const report = await replaceTable({ ...this.build, categories }, { force: true });
      this.result = {
        ok: true,
        at: this.now(),
        names: report.names,
        categories: report.categories.filter((c) => c.role === 'block').map((c) => c.name),
        warnings: report.warnings,
      };
      this.logger.info(
        { names: report.names, categories, warnings: report.warnings },
        'filter table rebuilt',
      );
    } catch (err) {
      this.result = { ok: false, at: this.now(), message: (err as Error).message };
      this.logger.error({ err, categories }, 'filter table not rebuilt; the previous one stays');
    }
  }
}
