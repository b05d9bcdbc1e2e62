// A consistent copy of a SQLite file while the service may be writing it: one read
// transaction in WAL mode sees one committed state, and `serialize` copies it into memory
// (never to a temporary file).

import Database from 'better-sqlite3';
import { chownSync, existsSync, statSync } from 'node:fs';

/** The database as of one committed transaction, or null when the file does not exist. */
export function sqliteSnapshot(file: string): Buffer | null {
  if (!existsSync(file)) return null;
  const sides = [`${file}-wal`, `${file}-shm`];
  const existed = sides.map((f) => existsSync(f));
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.serialize();
  } finally {
    db.close();
    // A read-only open of a WAL database creates its -wal and -shm files when the service is
    // stopped. Run as root, they would be root's, and the service (its own user) could then not
    // open its database: hand them to the database file's owner.
    if (process.getuid?.() === 0) {
      const owner = statSync(file);
      sides.forEach((side, i) => {
        if (!existed[i] && existsSync(side)) chownSync(side, owner.uid, owner.gid);
      });
    }
  }
}
