// The `ecn` command: tickets, charter and configuration, from the same configuration as the
// service. It opens the store itself (SQLite allows the service and the command side by side).

import { Command, CommanderError } from 'commander';
import { loadConfig, resolveConfigFile, type FrozenConfig } from '../config/load';
import { errorsReference } from '../domain/errors-reference';
import { isEcnError } from '../domain/errors';
import { registerAttendanceCommands } from './attendance';
import { registerBackupCommands } from './backup';
import { registerCharterAndConfigCommands } from './config';
import { registerDeviceCommands } from './devices';
import { registerFilterCommands } from './filter';
import { registerJournalCommands } from './journal';
import { operator } from './operator';
import { registerSetupCommand } from './setup/command';
import { terminalPrompter, type Prompter } from './setup/prompter';
import { registerStatsCommand } from './stats';
import { registerStoreCommands } from './store';
import { registerTicketCommands } from './tickets';
import { registerTlsCommands } from './tls';
import { readSecretFromStdin, registerUserCommands } from './users';
import { serviceRunner } from './with-services';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: Record<string, string | undefined>;
  /** One line of secret input (a password): standard input, hidden on a terminal. */
  readSecret?: (prompt: string) => Promise<string>;
  /** Whether standard input is a terminal (a backup passphrase is only ever typed on one). */
  terminal?: boolean;
  /** Questions on a terminal (`ecn setup`), or null when standard input is not one. */
  prompter?: () => Prompter | null;
}

export function buildProgram(io: CliIo): Command {
  const program = new Command('ecn')
    .description('ECN gateway command line: tickets, charter, configuration, legal journal.')
    .option('-c, --config <file>', 'configuration file (default: $ECN_CONFIG, else config/default.yaml)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError();

  const configFile = () => resolveConfigFile(program.opts<{ config?: string }>().config, io.env);
  const config = (): FrozenConfig => loadConfig({ file: configFile(), env: io.env });

  const withServices = serviceRunner(config);

  registerTicketCommands(program, io, withServices, operator(io.env));
  registerCharterAndConfigCommands(program, io, config, withServices);
  registerJournalCommands(program, io, config, withServices, operator(io.env));

  registerStoreCommands(program, io, config, withServices);

  registerStatsCommand(program, io, config, withServices);
  // --- filter: content filter lists and the DNS front-end (issue 6) ---
  registerFilterCommands(program, io, config);
  registerTlsCommands(program, io);
  registerBackupCommands(program, io, configFile, config);
  registerUserCommands(program, io, withServices, operator(io.env));

  registerSetupCommand(program, {
    io,
    configFlag: () => program.opts<{ config?: string }>().config,
    withServices: (cfg, fn) => withServices((deps) => fn(deps), cfg),
    prompter: () => io.prompter?.() ?? null,
  });
  registerDeviceCommands(program, io, withServices, operator(io.env));
  registerAttendanceCommands(program, io, withServices, operator(io.env));

  program
    .command('errors')
    .description('print the error code reference (docs/errors.md)')
    .action(() => io.out(errorsReference()));

  return program;
}

/** Runs the command line; resolves to the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      if (err.code === 'ecn.usage') io.err(`ecn: ${err.message}\n`);
      return err.exitCode || 2;
    }
    if (isEcnError(err)) {
      io.err(`ecn: ${err.message} [${err.code}]\n`);
      return 1;
    }
    io.err(`ecn: unexpected failure: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

/** Entry point of bin/ecn. */
export function main(): void {
  void runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    env: process.env,
    readSecret: readSecretFromStdin,
    terminal: process.stdin.isTTY === true,
    prompter: () =>
      process.stdin.isTTY
        ? terminalPrompter(
            process.stdin,
            (s) => process.stdout.write(s),
            () => process.exit(130),
          )
        : null,
  }).then((code) => {
    process.exitCode = code;
  });
}
