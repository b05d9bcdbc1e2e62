// The gateway's data files (embedded store, journal, statistics, journal key) hold ticket
// codes, password hashes and connection records: only the service's own user may read them,
// whatever the umask and whatever mode a folder made by someone else (a Dockerfile, an older
// version) already had.

import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Makes the folder (and its missing parents) and sets it to 0700 even if it already existed. */
export function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  chmodSync(dir, PRIVATE_FOLDER_MODE);
}

/**
 * Prepares a SQLite file before the library opens it: its folder private, the file created
 * 0600 if missing and set to 0600 if not, its WAL and shared-memory files too. SQLite gives the
 * WAL and SHM files it creates later the mode of the database file, so they stay 0600.
 */
export function privateSqliteFile(file: string): void {
  privateFolder(path.dirname(file));
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
  for (const side of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (existsSync(side)) chmodSync(side, PRIVATE_FILE_MODE);
  }
}

/**
 * Sets an existing secret file (the journal key) to 0600 when it is the service's own. A key
 * the operator hands in from elsewhere (a root-owned secret mount) is read as it is: its
 * mode is the operator's choice, and changing it would fail.
 */
export function privateFileIfOwned(file: string): void {
  if (process.getuid && statSync(file).uid === process.getuid()) chmodSync(file, PRIVATE_FILE_MODE);
}
