// `ecn backup` and `ecn restore` (issue #16, item 4): one encrypted file holds the box's own
// state; the passphrase comes from a file or is typed on a terminal, never from an argument.

import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { loadConfig, type FrozenConfig } from '../config/load';
import { EcnError } from '../domain/errors';
import { packageVersion } from '../package-info';
import { MIN_PASSPHRASE_LENGTH, openBackup } from '../backup/backup-file';
import { unpackBackup } from '../backup/backup-archive';
import { makeBackup, makeScheduledBackup } from '../backup/make-backup';
import { restoreBackup, restoreConfigFile } from '../backup/restore-backup';
import { consoleTranslator } from '../console/i18n';
import type { CliIo } from './main';

export function registerBackupCommands(
  program: Command,
  io: CliIo,
  configFile: () => string,
  config: () => FrozenConfig,
): void {
  program
    .command('backup')
    .description(
      'write one encrypted file with the store, the legal journal and its key, the statistics and the configuration (the service may run)',
    )
    .option(
      '-o, --out <file>',
      'the file to write (default: a new file in `backup.folder`, oldest ones rotated)',
    )
    .option(
      '--passphrase-file <file>',
      'read the passphrase from this file (default: `backup.passphraseFile`, else ask)',
    )
    .action(async (opts: { out?: string; passphraseFile?: string }) => {
      const cfg = config();
      const passphrase = await newPassphrase(
        io,
        opts.passphraseFile ?? (cfg.backup.passphraseFile || undefined),
      );
      const common = {
        cfg,
        configFile: configFile(),
        passphrase,
        version: packageVersion(),
        now: new Date(),
      };
      const r = opts.out ? await makeBackup({ ...common, out: opts.out }) : await makeScheduledBackup(common);
      for (const note of r.notes) io.err(`note: ${note}\n`);
      for (const gone of r.removed) io.err(`Removed the old backup ${gone}.\n`);
      io.out(`Backup written to ${r.file} (${r.bytes} bytes: ${r.roles.join(', ')}).\n`);
    });

  program
    .command('restore')
    .description(
      'restore a backup into an empty data folder (the service stopped); the configuration file comes back too, or beside the current one',
    )
    .argument('<file>', 'the backup file')
    .option('--passphrase-file <file>', 'read the passphrase from this file (default: ask on the terminal)')
    .option('--force', 'restore even if the data folder is not empty, keeping the current data aside')
    .action((file: string, opts: RestoreOptions) => restoreCommand(io, configFile(), file, opts));
}

interface RestoreOptions {
  passphraseFile?: string;
  force?: boolean;
}

/** Restores FILE where the configuration in force says (a box without one gets the backup's). */
async function restoreCommand(io: CliIo, target: string, file: string, opts: RestoreOptions): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new CommanderError(1, 'ecn.usage', `Cannot read ${file}: ${(err as Error).message}`);
  }
  const passphrase = await existingPassphrase(io, opts.passphraseFile);
  const contents = unpackBackup(await openBackup(bytes, passphrase));
  const hadConfig = existsSync(target);
  const writtenConfig = hadConfig ? null : restoreConfigFile(contents, target);
  let r;
  try {
    r = await restoreBackup({
      contents,
      cfg: loadConfig({ file: target, env: io.env }),
      force: !!opts.force,
      now: new Date(),
    });
  } catch (err) {
    if (writtenConfig) rmSync(writtenConfig, { force: true });
    throw err;
  }
  const beside = hadConfig ? restoreConfigFile(contents, target) : null;
  for (const aside of r.keptAside) io.err(`The previous data was kept aside in ${aside}.\n`);
  if (writtenConfig) io.err(`Configuration restored to ${writtenConfig}.\n`);
  if (beside) {
    io.err(
      `The backup's configuration differs from ${target}: it was written beside it as ${path.basename(beside)}; compare them (diff) and keep what this box needs.\n`,
    );
  }
  for (const note of r.notes) io.err(`note: ${note}\n`);
  io.out(
    `Restored ${r.roles.join(', ')} of space ${contents.spaceId} (backup of ${contents.createdAt}) into ${r.dataDir}` +
      (r.journalEntries === null ? '.\n' : `; journal intact: ${r.journalEntries} entries.\n`),
  );
}

/** For a new backup: from the file, else typed twice on a terminal. */
async function newPassphrase(io: CliIo, file: string | undefined): Promise<string> {
  if (file !== undefined) return checked(readPassphraseFile(io, file));
  const first = await askOnTerminal(io, consoleTranslator('fr')('cli.backup.passphrasePrompt'));
  checked(first);
  const second = await askOnTerminal(io, consoleTranslator('fr')('cli.backup.passphraseAgain'));
  if (first !== second) throw noPassphrase('the two entries differ');
  return first;
}

/** For a restore: from the file, else typed once on a terminal. */
async function existingPassphrase(io: CliIo, file: string | undefined): Promise<string> {
  if (file !== undefined) return readPassphraseFile(io, file);
  const typed = await askOnTerminal(io, 'Phrase de passe de la sauvegarde : ');
  if (!typed) throw noPassphrase('nothing was typed');
  return typed;
}

async function askOnTerminal(io: CliIo, prompt: string): Promise<string> {
  if (!io.terminal || !io.readSecret) {
    throw noPassphrase(
      'give --passphrase-file FILE (or set `backup.passphraseFile`), or run it on a terminal to type it',
    );
  }
  return (await io.readSecret(prompt)).replace(/\r?\n$/, '');
}

function readPassphraseFile(io: CliIo, file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
    if ((statSync(file).mode & 0o077) !== 0) {
      io.err(`warning: ${file} can be read by other users; make it 0600.\n`);
    }
  } catch (err) {
    throw noPassphrase(`cannot read ${file}: ${(err as Error).message}`);
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (!line) throw noPassphrase(`${file} is empty`);
  return line;
}

function checked(passphrase: string): string {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw noPassphrase(`a passphrase needs ${MIN_PASSPHRASE_LENGTH} characters at least`);
  }
  return passphrase;
}

function noPassphrase(why: string): EcnError {
  return new EcnError('ECN_ERR_BACKUP_NO_PASSPHRASE', `No usable passphrase: ${why}.`);
}
