// The embedded store's one database handle, shared by its tables' modules: opening it durably
// (WAL, synchronous=FULL) and migrated, the prepared statements reused across calls, and the
// one place where SQLite failures become typed errors.

import Database from 'better-sqlite3';
import { EcnError, isEcnError } from '../../domain/errors';
import { privateSqliteFile } from '../private-files';
import { migrate } from './schema';

export interface SqliteStoreOptions {
  /** Database file; its folder is created if needed. `:memory:` for throw-away tests. */
  file: string;
  /** The box's space (`space.id`): the scope of the space-scoped reads (see `Store`). */
  spaceId: string;
  busyTimeoutMs?: number;
}

export class SqliteConnection {
  readonly spaceId: string;
  private db: Database.Database | null = null;
  // Prepared once per database and reused: preparing costs more than running a lookup.
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly options: SqliteStoreOptions) {
    this.spaceId = options.spaceId;
  }

  /** Opens the file (made private first) and brings its schema up to date. */
  open(): void {
    if (this.db) return;
    try {
      if (this.options.file !== ':memory:') privateSqliteFile(this.options.file);
      const db = new Database(this.options.file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${this.options.busyTimeoutMs ?? 5000}`);
      this.db = db;
      migrate(db, this.spaceId);
    } catch (err) {
      this.db?.close();
      this.db = null;
      if (isEcnError(err)) throw err;
      throw new EcnError(
        'ECN_ERR_STORE_UNAVAILABLE',
        `Cannot open the embedded store at ${this.options.file}: ${(err as Error).message}`,
        {},
        { cause: err },
      );
    }
  }

  close(): void {
    this.statements.clear();
    this.db?.close();
    this.db = null;
  }

  /** The open database; a typed error once the store is stopped. */
  handle(): Database.Database {
    if (!this.db) throw new EcnError('ECN_ERR_STORE_UNAVAILABLE', 'The embedded store is not open.');
    return this.db;
  }

  /** The statement for `sql`, prepared on its first use and kept until the store stops. */
  prepare(db: Database.Database, sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `fn`, mapping SQLite failures to typed errors; other errors (bugs) pass through. */
  run<T>(fn: (db: Database.Database) => T): Promise<T> {
    try {
      return Promise.resolve(fn(this.handle()));
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (isEcnError(err) || typeof code !== 'string' || !code.startsWith('SQLITE'))
        return Promise.reject(err);
      const message = `Embedded store failure (${code}): ${(err as Error).message}`;
      // A full disk is the space's to fix, not an outage of the store: say which it is.
      const full = code === 'SQLITE_FULL';
      return Promise.reject(
        new EcnError(
          full ? 'ECN_ERR_STORE_FULL' : 'ECN_ERR_STORE_UNAVAILABLE',
          full ? "The box's data disk is full: nothing was written." : message,
          { sqlite: code },
          { cause: err },
        ),
      );
    }
  }
}
