// The embedded store's schema version: reading it from a file or an open database, and bringing
// a database up to date with the ordered migrations (each in its own immediate transaction).

import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { EcnError } from '../../domain/errors';
import { MIGRATIONS } from './migrations';

/**
 * The schema version of an embedded store file as it is on disk, without migrating it; null
 * when there is no file yet. For `ecn store migrate`, which says what it changed.
 */
export function storedSchemaVersion(file: string): number | null {
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return schemaVersionOf(db);
  } finally {
    db.close();
  }
}

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs the migrations the database has not had yet; refuses a database newer than this code. */
export function migrate(db: Database.Database, spaceId: string): void {
  const current = schemaVersionOf(db);
  if (current > MIGRATIONS.length) {
    throw new EcnError(
      'ECN_ERR_STORE_SCHEMA_TOO_NEW',
      `The embedded store is at schema ${current}, newer than this gateway knows (${MIGRATIONS.length}).`,
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    const migration = MIGRATIONS[v]!;
    db.transaction(() => {
      if (typeof migration === 'string') db.exec(migration);
      else {
        db.exec(migration.sql);
        migration.backfill(db, { spaceId });
      }
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
