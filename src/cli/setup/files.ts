// Writing the box's files: whole or not at all (temporary file, then rename), the previous
// version kept as `.bak`, untouched when the content is the same.

import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { EcnError } from '../../domain/errors';

export type FileOutcome = 'created' | 'changed' | 'unchanged';

export interface PlannedFile {
  /** The path on the box, e.g. /etc/nftables.conf (written under `--root`). */
  target: string;
  content: string;
  mode: number;
  /** Group owner (gid), or null to leave it. */
  gid: number | null;
}

export interface WrittenFile {
  target: string;
  written: string;
  outcome: FileOutcome;
  backup: string | null;
}

/** The path of a box file under the root folder (`/` on a real box). */
export function underRoot(root: string, target: string): string {
  return path.join(root, target);
}

export function readIfThere(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The uid and gid of a user in `<root>/etc/passwd`, or null when there is no such user. */
export function userIds(root: string, name: string): { uid: number; gid: number } | null {
  const text = readIfThere(underRoot(root, '/etc/passwd'));
  for (const line of (text ?? '').split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid && gid && /^\d+$/.test(uid) && /^\d+$/.test(gid)) {
      return { uid: Number(uid), gid: Number(gid) };
    }
  }
  return null;
}

/**
 * Gives back to the service's user what this command (as root) made in its data folder: the
 * store, the journal and their WAL files, which the service could not open otherwise.
 */
export function handOver(dir: string, owner: { uid: number; gid: number }): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  const chownIfRoot = (p: string) => {
    const st = lstatSync(p);
    if (st.uid === 0 && !st.isSymbolicLink()) chownSync(p, owner.uid, owner.gid);
    return st;
  };
  chownIfRoot(dir);
  for (const name of entries) {
    const p = path.join(dir, name);
    if (chownIfRoot(p).isDirectory()) handOver(p, owner);
  }
}

/** The gid of a group in `<root>/etc/group`, or null when there is no such group. */
export function groupId(root: string, name: string): number | null {
  const text = readIfThere(underRoot(root, '/etc/group'));
  for (const line of (text ?? '').split('\n')) {
    const [group, , gid] = line.split(':');
    if (group === name && gid !== undefined && /^\d+$/.test(gid)) return Number(gid);
  }
  return null;
}

export function writeBoxFile(root: string, file: PlannedFile): WrittenFile {
  const written = underRoot(root, file.target);
  const current = readIfThere(written);
  if (current === file.content) return { target: file.target, written, outcome: 'unchanged', backup: null };
  const tmp = `${written}.ecn-setup-${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(written), { recursive: true, mode: 0o755 });
    writeFileSync(tmp, file.content, { mode: file.mode, flag: 'wx' });
    // The mode again: the umask may have narrowed or (never) widened it.
    chmodSync(tmp, file.mode);
    if (file.gid !== null) chownSync(tmp, 0, file.gid);
    let backup: string | null = null;
    if (current !== null) {
      backup = `${written}.bak`;
      copyFileSync(written, backup);
      // The old version may hold the same secrets: never more readable than it was.
      chmodSync(backup, statSync(written).mode & 0o777);
    }
    renameSync(tmp, written);
    return { target: file.target, written, outcome: current === null ? 'created' : 'changed', backup };
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new EcnError('ECN_ERR_SETUP_WRITE_FAILED', `Cannot write ${written}: ${(err as Error).message}`, {
      file: written,
    });
  }
}

export function exists(root: string, target: string): boolean {
  return existsSync(underRoot(root, target));
}
