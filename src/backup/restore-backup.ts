// `ecn restore`: puts a decrypted backup back where the configuration in force says (data
// folder, journal file and key), only into an empty place unless forced (the old one is then
// kept aside), never while the service runs, private modes throughout, and checks what it put
// back (the store opens, the journal verifies with its key) before it moves anything into place.

import Database from 'better-sqlite3';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { FrozenConfig } from '../config/load';
import { embeddedStoreFile } from '../compose';
import { controlSocketPath } from '../control/control-protocol';
import { EcnError } from '../domain/errors';
import { loadJournalKey } from '../journal/journal-key';
import { SqliteJournal } from '../journal/sqlite-journal';
import { privateFolder, PRIVATE_FILE_MODE } from '../store/private-files';
import type { BackupContents, BackupRole } from './backup-archive';

export interface RestoreReport {
  dataDir: string;
  roles: BackupRole[];
  journalEntries: number | null;
  /** Where the previous data went (--force), if anything was there. */
  keptAside: string[];
  notes: string[];
}

/** The backup's files that go under the data folder or beside it (not its configuration file). */
type Role = Exclude<BackupRole, 'config'>;

/** Where each file of the backup goes under the configuration in force. */
function targets(cfg: FrozenConfig): Record<Role, string> {
  return {
    store: embeddedStoreFile(cfg),
    journal: cfg.journal.file,
    'journal-key': cfg.journal.keyFile,
    stats: path.join(cfg.dataDir, 'stats.db'),
  };
}

/** Whether the gateway service answers on its control socket (it holds the files open). */
export function serviceRunning(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const conn = net.createConnection(socket);
    conn.once('connect', () => {
      conn.destroy();
      resolve(true);
    });
    // No socket, or nobody listening: stopped. Not allowed to connect (EACCES): someone else's
    // service is there; counted as running, since its files may be open.
    conn.once('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code !== 'ENOENT' && err.code !== 'ECONNREFUSED' && err.code !== 'ENOTSOCK'),
    );
  });
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function occupied(file: string): boolean {
  try {
    const s = statSync(file);
    return !s.isDirectory() || readdirSync(file).length > 0;
  } catch {
    return false;
  }
}

/** What one restore works from: the backup, the configuration in force, and where each file goes. */
interface RestorePlan {
  contents: BackupContents;
  cfg: FrozenConfig;
  dataDir: string;
  where: Record<Role, string>;
  /** The roles of the backup's files, its configuration file aside (restoreConfigFile). */
  roles: Role[];
  /** The backup's journal key, if it holds one. */
  key: Buffer | undefined;
  /** Targets outside the data folder (a journal or key file configured elsewhere). */
  outside: string[];
}

export async function restoreBackup(opts: {
  contents: BackupContents;
  cfg: FrozenConfig;
  force: boolean;
  now: Date;
}): Promise<RestoreReport> {
  const plan = planRestore(opts.contents, opts.cfg);
  const notes: string[] = [];
  // 1. Checks; nothing is written before they pass.
  await refuseWhileRunning(plan.dataDir);
  checkJournalKey(plan);
  const inTheWay = placesInTheWay(plan, opts.force);
  notes.push(...storeKindNotes(plan));
  // 2. Everything is written into a private folder beside the data folder and checked there.
  const staging = makeStaging(plan.dataDir);
  let journalEntries: number | null;
  try {
    writeStaged(plan, staging);
    checkStagedDatabases(plan, staging);
    journalEntries = verifyStagedJournal(plan, staging);
    notes.push(...giveToOwner(plan.dataDir, staging));
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  // 3. Into place: the old data aside (--force), then one rename of the staged folder.
  const keptAside = keepAside(inTheWay, opts.now);
  moveIntoPlace(plan, staging);
  return { dataDir: plan.dataDir, roles: [...opts.contents.files.keys()], journalEntries, keptAside, notes };
}

function planRestore(contents: BackupContents, cfg: FrozenConfig): RestorePlan {
  const dataDir = cfg.dataDir;
  const where = targets(cfg);
  const roles = [...contents.files.keys()].filter((r): r is Role => r !== 'config');
  const outside = roles
    .filter((r) => !isInside(dataDir, where[r]) && !(r === 'journal-key' && cfg.journal.key))
    .map((r) => where[r]);
  return { contents, cfg, dataDir, where, roles, key: contents.files.get('journal-key'), outside };
}

async function refuseWhileRunning(dataDir: string): Promise<void> {
  if (await serviceRunning(controlSocketPath(dataDir))) {
    throw refused(
      `the gateway service is running on ${dataDir}: stop it first (systemctl stop ecn-gateway ecn-dns)`,
    );
  }
}

/** A key set in the configuration wins over the key file: it must be the backup's. */
function checkJournalKey({ key, cfg }: RestorePlan): void {
  if (!key || !cfg.journal.key) return;
  const configured = loadJournalKey({ key: cfg.journal.key, keyFile: '' }).key;
  if (configured.toString('base64') !== key.toString('utf8').trim()) {
    throw refused(
      "the configuration sets `journal.key` (or ECN_JOURNAL_KEY) to another key than the backup's: the restored journal could not be read. Remove it and restore again; the key file is restored",
    );
  }
}

/** The places that already hold something; refused unless forced, then kept aside. */
function placesInTheWay(plan: RestorePlan, force: boolean): string[] {
  const inTheWay = [plan.dataDir, ...plan.outside].filter(occupied);
  if (inTheWay.length > 0 && !force) {
    throw refused(
      `${inTheWay.join(', ')} ${inTheWay.length > 1 ? 'are' : 'is'} not empty; restore into an empty data folder, or give --force to keep the current data aside and restore`,
    );
  }
  return inTheWay;
}

function storeKindNotes({ contents, cfg, where }: RestorePlan): string[] {
  const notes: string[] = [];
  if (contents.storeKind === 'embedded' && cfg.store.kind === 'redis') {
    notes.push(
      `The backup's embedded store was restored to ${where.store}, but this configuration uses Redis (store.kind): set store.kind to embedded to use it.`,
    );
  }
  if (contents.storeKind === 'redis') {
    notes.push(
      'The backup was made on a box whose store is the shared Redis: it holds no tickets or accounts.',
    );
  }
  return notes;
}

/** A private folder beside the data folder, so that the final move is one rename. */
function makeStaging(dataDir: string): string {
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(dataDir)}.restoring-${randomBytes(6).toString('hex')}`);
  privateFolder(staging);
  return staging;
}

/** Where a file waits in the staging folder: at its place under the data folder, or aside. */
function staged(plan: RestorePlan, staging: string, role: Role): string {
  return isInside(plan.dataDir, plan.where[role])
    ? path.join(staging, path.relative(plan.dataDir, plan.where[role]))
    : path.join(staging, '.outside', role);
}

function writeStaged(plan: RestorePlan, staging: string): void {
  for (const role of plan.roles) {
    if (role === 'journal-key' && plan.cfg.journal.key) continue;
    const file = staged(plan, staging, role);
    privateFolder(path.dirname(file));
    writeFileSync(file, plan.contents.files.get(role)!, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  }
}

function checkStagedDatabases(plan: RestorePlan, staging: string): void {
  for (const role of ['store', 'stats'] as const) {
    if (plan.contents.files.has(role)) checkSqlite(staged(plan, staging, role), role);
  }
}

/** The restored journal opened with the backup's key and verified; its entry count, or null. */
function verifyStagedJournal(plan: RestorePlan, staging: string): number | null {
  if (!plan.contents.files.has('journal')) return null;
  if (!plan.key) throw corrupt('it holds a journal without its key');
  const journal = new SqliteJournal(
    staged(plan, staging, 'journal'),
    loadJournalKey({ key: plan.key.toString('utf8').trim(), keyFile: '' }).key,
  );
  journal.start();
  try {
    const r = journal.verify();
    if (!r.ok) throw corrupt(`its journal does not verify (entry ${r.failure!.seq}, ${r.failure!.reason})`);
    return r.entries;
  } finally {
    journal.stop();
  }
}

/** Run as root, the files go to whoever owns the data folder (the service's user). */
function giveToOwner(dataDir: string, staging: string): string[] {
  if (process.getuid?.() !== 0) return [];
  const owner = ownerOf(dataDir) ?? ownerOf(path.dirname(dataDir));
  if (owner && owner.uid !== 0) {
    chownTree(staging, owner);
    return [];
  }
  return [
    `The restored files belong to root: the service's unit gives them to its user when it starts (StateDirectory=); otherwise chown -R ecn:ecn ${dataDir}.`,
  ];
}

/** The old data renamed with the restore's time (--force); where each went. */
function keepAside(inTheWay: string[], now: Date): string[] {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return inTheWay.map((file) => {
    const aside = `${file}.before-restore-${stamp}`;
    renameSync(file, aside);
    return aside;
  });
}

function moveIntoPlace(plan: RestorePlan, staging: string): void {
  const { dataDir, where } = plan;
  if (existsSync(dataDir)) rmdirSync(dataDir);
  for (const role of plan.roles) {
    if (plan.outside.includes(where[role])) {
      mkdirSync(path.dirname(where[role]), { recursive: true, mode: 0o700 });
      moveFile(staged(plan, staging, role), where[role]);
    }
  }
  rmSync(path.join(staging, '.outside'), { recursive: true, force: true });
  renameSync(staging, dataDir);
}

/**
 * The configuration file of the backup: written where the configuration is read when there is
 * none yet; beside it as `<file>.restored` when one is there and differs (an operator compares
 * and chooses: it may name other paths or secrets than this box's).
 */
export function restoreConfigFile(contents: BackupContents, configFile: string): string | null {
  const text = contents.files.get('config');
  if (!text) return null;
  if (existsSync(configFile)) {
    if (readFileSync(configFile).equals(text)) return null;
    const beside = `${configFile}.restored`;
    const temp = `${beside}.${randomBytes(6).toString('hex')}`;
    writeFileSync(temp, text, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    renameSync(temp, beside);
    return beside;
  }
  mkdirSync(path.dirname(configFile), { recursive: true });
  writeFileSync(configFile, text, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  return configFile;
}

function checkSqlite(file: string, role: string): void {
  let ok: unknown;
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      ok = db.pragma('quick_check', { simple: true });
    } finally {
      db.close();
    }
  } catch (err) {
    throw corrupt(`its ${role} database cannot be opened (${(err as Error).message})`);
  }
  if (ok !== 'ok') throw corrupt(`its ${role} database fails SQLite's check`);
}

function ownerOf(dir: string): { uid: number; gid: number } | null {
  try {
    const s = statSync(dir);
    return { uid: s.uid, gid: s.gid };
  } catch {
    return null;
  }
}

function chownTree(dir: string, owner: { uid: number; gid: number }): void {
  chownSync(dir, owner.uid, owner.gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, owner);
    else chownSync(p, owner.uid, owner.gid);
  }
}

function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    copyFileSync(from, to);
    rmSync(from);
  }
}

function refused(why: string): EcnError {
  return new EcnError('ECN_ERR_RESTORE_TARGET', `Restore refused: ${why}. Nothing was written.`);
}

function corrupt(why: string): EcnError {
  return new EcnError('ECN_ERR_BACKUP_CORRUPT', `Not a usable backup: ${why}; nothing was written.`);
}
