// Opens a SQLite file the way every durable file of the gateway needs it: the file and its
// folder private (0600 / 0700), WAL journal, synchronous=FULL (a commit that returned survives a power cut),
// a busy timeout so the service and the `ecn` command can share it, and its schema.

import Database from 'better-sqlite3';
import { privateSqliteFile } from './private-files';

export function openDurableSqlite(file: string, schema: string): Database.Database {
  privateSqliteFile(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(schema);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
