// Holds the filter policy the DNS server reads, and replaces it whole when the table file
// changes (`ecn filter update` renames a new one into place) or on SIGHUP, and its own lists
// when the console rewrites `custom.json`. A table or lists file that does not load keeps the
// previous one; queries never wait for a load.

import { existsSync, mkdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { EventBus } from '../domain/events';
import type { Logger } from '../log';
import { buildTableInWorker } from './build-worker';
import type { BuildSpec } from './build-table';
import { NameTable } from './name-table';
import { readCustomLists } from './custom-lists';
import { customTable, emptyMeta, FilterPolicy } from './policy';
import { loadTableFile } from './table-file';

export interface FilterEngineOptions {
  tableFile: string;
  build: BuildSpec;
  allow: readonly string[];
  block: readonly string[];
  /**
   * The lists managers set in the console; when present they replace `allow`/`block` (the
   * configuration's), and a change of the file applies at once.
   */
  customFile?: string;
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
  private custom: NameTable;
  private watcher: FSWatcher | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private customDebounce: NodeJS.Timeout | null = null;
  private loading: Promise<boolean> | null = null;
  private again = false;
  private building: Promise<unknown> | null = null;

  constructor(private readonly opts: FilterEngineOptions) {
    this.custom = this.ownTable(opts.allow, opts.block, 'filter.allow/filter.block');
    this.current = new FilterPolicy(NameTable.empty(), emptyMeta(), this.custom);
    if (opts.customFile) this.reloadCustom();
  }

  private ownTable(allow: readonly string[], block: readonly string[], from: string): NameTable {
    const { table, bad } = customTable(allow, block);
    if (bad.length)
      this.opts.logger.warn({ names: bad, from }, 'own list entries that are not domain names are ignored');
    return table;
  }

  /**
   * Reads the console's lists file (the configuration's lists when there is none) and puts
   * them in force; a file that cannot be read keeps the lists in force. Returns whether the
   * lists in force changed.
   */
  reloadCustom(): boolean {
    const file = this.opts.customFile;
    if (!file) return false;
    let lists;
    try {
      lists = readCustomLists(file);
    } catch (err) {
      this.opts.logger.warn({ err, file }, 'own lists file not usable; keeping the lists in force');
      return false;
    }
    this.custom = lists
      ? this.ownTable(lists.allow, lists.block, file)
      : this.ownTable(this.opts.allow, this.opts.block, 'filter.allow/filter.block');
    this.current = this.current.withCustom(this.custom);
    this.opts.logger.info(
      {
        allow: lists ? lists.allow.length : this.opts.allow.length,
        block: lists ? lists.block.length : this.opts.block.length,
        from: lists ? 'console' : 'config',
      },
      'own lists loaded',
    );
    return true;
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
    if (this.customDebounce) clearTimeout(this.customDebounce);
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
    const custom = this.opts.customFile;
    const customBase = custom && path.dirname(custom) === dir ? path.basename(custom) : null;
    try {
      mkdirSync(dir, { recursive: true });
      this.watcher = watch(dir, (_event, file) => {
        if (customBase !== null && file === customBase) {
          if (this.customDebounce) clearTimeout(this.customDebounce);
          this.customDebounce = setTimeout(() => {
            this.customDebounce = null;
            this.reloadCustom();
          }, 100);
          return;
        }
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
