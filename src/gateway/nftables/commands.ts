// Runs the network tools (nft, conntrack, ip) with execFile: an argument vector, never a shell,
// so no address or name is ever interpreted by one. A batch for `nft -f -` goes on stdin.

import { execFile } from 'node:child_process';

export interface CommandResult {
  stdout: string;
  stderr: string;
}

/** Runs a program; rejects with its stderr when it exits non-zero. */
export type RunCommand = (file: string, args: readonly string[], stdin?: string) => Promise<CommandResult>;

export class CommandFailed extends Error {
  constructor(
    readonly file: string,
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`${file} ${args.join(' ')} failed (exit ${exitCode}): ${stderr.trim().slice(0, 2000)}`);
    this.name = 'CommandFailed';
  }
}

export const execCommand: RunCommand = (file, args, stdin) =>
  new Promise((resolve, reject) => {
    const child = execFile(
      file,
      [...args],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 60_000, windowsHide: true },
      (err, stdout, stderr) => {
        if (err) {
          const code = typeof err.code === 'number' ? err.code : null;
          reject(new CommandFailed(file, args, code, stderr || err.message));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
    child.stdin?.on('error', () => {});
    child.stdin?.end(stdin ?? '');
  });
