// `ecn backup`: gathers the box's own state (embedded store, legal journal and its key,
// statistics, configuration file), seals it with the passphrase and writes one 0600 file
// atomically; the nightly timer's run also deletes the oldest backups past `backup.keep`.

import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FrozenConfig } from '../config/load';
import { embeddedStoreFile } from '../compose';
import { EcnError, isEcnError } from '../domain/errors';
import { loadJournalKey } from '../journal/journal-key';
import { privateFolder, PRIVATE_FILE_MODE } from '../store/private-files';
import { packBackup, type BackupRole } from './backup-archive';
import { sealBackup } from './backup-file';
import { sqliteSnapshot } from './sqlite-snapshot';

export interface BackupReport {
  file: string;
  bytes: number;
  roles: BackupRole[];
  /** Backups deleted by the rotation. */
  removed: string[];
  /** What the operator should know (a Redis store is not in the backup). */
  notes: string[];
}

const NAME_RE = /^ecn-backup-(.+)-(\d{8}T\d{6}\.\d{3}Z)\.ecnbak$/;

/** The name the nightly run gives a backup: sorts by time (to the millisecond), one space per prefix. */
export function scheduledBackupName(spaceId: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '');
  return `ecn-backup-${spaceId}-${stamp}.ecnbak`;
}

/** Reads everything a backup holds; nothing is written. */
export function collectBackupFiles(
  cfg: FrozenConfig,
  configFile: string,
): { files: Map<BackupRole, Buffer>; notes: string[] } {
  const files = new Map<BackupRole, Buffer>();
  const notes: string[] = [];
  const snapshot = (role: BackupRole, file: string) => {
    let data;
    try {
      data = sqliteSnapshot(file);
    } catch (err) {
      throw failed(`cannot read ${file}: ${(err as Error).message}`);
    }
    if (data) files.set(role, data);
  };
  if (cfg.store.kind === 'embedded') snapshot('store', embeddedStoreFile(cfg));
  else {
    notes.push(
      "The store is the shared Redis (tickets, console accounts): it is not in this backup; it is backed up where it runs (docs/redis-city.md). This backup holds the box's own journal, statistics and configuration.",
    );
  }
  if (cfg.journal.enabled || existsSync(cfg.journal.file)) {
    snapshot('journal', cfg.journal.file);
    // The key is read, never created here: a backup must not invent a key for a journal.
    if (cfg.journal.key || existsSync(cfg.journal.keyFile)) {
      const { key } = loadJournalKey({ key: cfg.journal.key, keyFile: cfg.journal.keyFile });
      files.set('journal-key', Buffer.from(key.toString('base64') + '\n', 'utf8'));
    } else if (files.has('journal')) {
      throw failed(`the journal ${cfg.journal.file} is there but its key ${cfg.journal.keyFile} is not`);
    }
  }
  snapshot('stats', path.join(cfg.dataDir, 'stats.db'));
  try {
    files.set('config', readFileSync(configFile));
  } catch (err) {
    throw failed(`cannot read the configuration file ${configFile}: ${(err as Error).message}`);
  }
  return { files, notes };
}

export async function makeBackup(opts: {
  cfg: FrozenConfig;
  configFile: string;
  passphrase: string;
  /** The file to write; it must not exist yet. */
  out: string;
  version: string;
  now: Date;
}): Promise<BackupReport> {
  const { cfg } = opts;
  const out = path.resolve(opts.out);
  if (existsSync(out)) throw failed(`${out} already exists; choose another name`);
  const { files, notes } = collectBackupFiles(cfg, opts.configFile);
  const sealed = await sealBackup(
    packBackup({
      format: 1,
      createdAt: opts.now.toISOString(),
      gatewayVersion: opts.version,
      spaceId: cfg.space.id,
      storeKind: cfg.store.kind,
      configFile: opts.configFile,
      files,
    }),
    opts.passphrase,
  );
  writeNew(out, sealed);
  return { file: out, bytes: sealed.length, roles: [...files.keys()], removed: [], notes };
}

/** The nightly run: a new file in `backup.folder`, then the oldest past `backup.keep` go. */
export async function makeScheduledBackup(opts: {
  cfg: FrozenConfig;
  configFile: string;
  passphrase: string;
  version: string;
  now: Date;
}): Promise<BackupReport> {
  const { cfg } = opts;
  if (!cfg.backup.folder) {
    throw failed('no --out FILE and no `backup.folder` in the configuration: where should the backup go?');
  }
  const folder = path.resolve(cfg.backup.folder);
  try {
    privateFolder(folder);
  } catch (err) {
    throw failed(`cannot make the backup folder ${folder}: ${(err as Error).message}`);
  }
  const report = await makeBackup({
    ...opts,
    out: path.join(folder, scheduledBackupName(cfg.space.id, opts.now)),
  });
  // Only this space's backups, by the time in their name; anything else there is left alone.
  const ours = readdirSync(folder)
    .filter((name) => NAME_RE.exec(name)?.[1] === cfg.space.id)
    .sort();
  for (const name of ours.slice(0, Math.max(0, ours.length - cfg.backup.keep))) {
    rmSync(path.join(folder, name), { force: true });
    report.removed.push(path.join(folder, name));
  }
  return report;
}

/**
 * Writes a new file 0600 without ever showing a partial one: a temporary name beside it,
 * synced, then a hard link to the final name (which fails if that name appeared meanwhile),
 * then the temporary name goes.
 */
function writeNew(file: string, data: Buffer): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.part`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      for (let at = 0; at < data.length;) at += writeSync(fd, data, at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, file);
    } catch (err) {
      // A file system without hard links (a FAT USB key): rename, after checking again.
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
      if (existsSync(file)) throw failed(`${file} already exists; choose another name`);
      renameSync(temp, file);
    }
  } catch (err) {
    if (isEcnError(err)) throw err;
    throw failed(`cannot write ${file}: ${(err as Error).message}`);
  } finally {
    rmSync(temp, { force: true });
  }
}

function failed(why: string): EcnError {
  return new EcnError('ECN_ERR_BACKUP_FAILED', `Backup not made: ${why}.`);
}
