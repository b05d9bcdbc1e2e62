// Holds the filter policy the DNS server reads, and replaces it whole when the table file
// changes (`ecn filter update` renames a new one into place) or on SIGHUP. A table that does
// not load keeps the previous one; queries never wait for a load.

import { existsSync, mkdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { EventBus } from '../domain/events';
import type { Logger } from '../log';
import { buildTableInWorker } from './build-worker';
import type { BuildSpec } from './build-table';
import { NameTable } from './name-table';
import { customTable, emptyMeta, FilterPolicy } from './policy';
import { loadTableFile } from './table-file';

export interface FilterEngineOptions {
  tableFile: string;
  build: BuildSpec;
  allow: readonly string[];
  block: readonly string[];
  /** Build the table in a worker thread when none exists yet. */
  buildIfMissing: boolean;
  /** Reload when the table file is replaced. */
  watch: boolean;
  events: EventBus;
  logger: Logger;
}

export class FilterEngine {
  readonly name = 'filter-table';
  private current: FilterPolicy;
  private readonly custom: NameTable;
  private watcher: FSWatcher | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private loading: Promise<boolean> | null = null;
  private again = false;
  private building: Promise<unknown> | null = null;

  constructor(private readonly opts: FilterEngineOptions) {
    const { table, bad } = customTable(opts.allow, opts.block);
    this.custom = table;
    if (bad.length)
      opts.logger.warn(
        { names: bad },
        'filter.allow/filter.block entries that are not domain names are ignored',
      );
    this.current = new FilterPolicy(NameTable.empty(), emptyMeta(), this.custom);
  }

  /** The policy in force; the server calls this for each query. */
  policy = (): FilterPolicy => this.current;

  async start(): Promise<void> {
    if (existsSync(this.opts.tableFile)) {
      await this.reload();
    } else {
      this.opts.events.emit('filter.table_rejected', { reason: 'missing' });
      this.opts.logger.warn(
        { table: this.opts.tableFile },
        'no filter table yet: only the custom lists apply',
      );
      if (this.opts.buildIfMissing) this.building = this.buildInBackground();
    }
    if (this.opts.watch) this.watchTable();
  }

  async stop(): Promise<void> {
    this.watcher?.close();
    this.watcher = null;
    if (this.debounce) clearTimeout(this.debounce);
    await this.loading;
    await this.building;
  }

  /** Loads the table file; resolves to false (keeping the previous table) when it cannot. */
  reload(): Promise<boolean> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = this.load().finally(() => {
      this.loading = null;
      if (this.again) {
        this.again = false;
        void this.reload();
      }
    });
    return this.loading;
  }

  private async load(): Promise<boolean> {
    const t0 = process.hrtime.bigint();
    try {
      const { table, meta } = await loadTableFile(this.opts.tableFile);
      this.current = new FilterPolicy(table, meta, this.custom);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      this.opts.events.emit('filter.table_loaded', {
        names: table.count,
        categories: meta.categories.length,
        bytes: table.byteSize,
        seconds,
        from: 'file',
        builtAt: Date.parse(meta.builtAt) || 0,
      });
      this.opts.logger.info(
        {
          names: table.count,
          categories: meta.categories.map((c) => c.name),
          bytes: table.byteSize,
          seconds,
        },
        'filter table loaded',
      );
      return true;
    } catch (err) {
      this.opts.events.emit('filter.table_rejected', { reason: 'invalid' });
      this.opts.logger.error(
        { err, table: this.opts.tableFile },
        'filter table not loaded; keeping the previous one',
      );
      return false;
    }
  }

  private async buildInBackground(): Promise<void> {
    try {
      const report = await buildTableInWorker(this.opts.build);
      this.opts.logger.info({ names: report.names, warnings: report.warnings }, 'filter table built');
      await this.reload();
    } catch (err) {
      this.opts.events.emit('filter.table_rejected', { reason: 'build_failed' });
      this.opts.logger.error({ err }, 'cannot build the filter table; run `ecn filter update`');
    }
  }

  private watchTable(): void {
    const dir = path.dirname(this.opts.tableFile);
    const base = path.basename(this.opts.tableFile);
    try {
      mkdirSync(dir, { recursive: true });
      this.watcher = watch(dir, (_event, file) => {
        if (file !== base) return;
        if (this.debounce) clearTimeout(this.debounce);
        this.debounce = setTimeout(() => {
          this.debounce = null;
          if (existsSync(this.opts.tableFile)) void this.reload();
        }, 200);
      });
    } catch (err) {
      this.opts.logger.warn({ err, dir }, 'cannot watch the table folder; reload with SIGHUP');
    }
  }
}
