// The `ecn` command: tickets, charter and configuration, from the same configuration as the
// service. It opens the store itself (SQLite allows the service and the command side by side).

import { Command, CommanderError } from 'commander';
import { loadConfig, resolveConfigFile, type FrozenConfig } from '../config/load';
import { errorsReference } from '../domain/errors-reference';
import { isEcnError } from '../domain/errors';
import { operator } from './operator';
import type { Prompter } from './setup/prompter';
import type { WithConfiguredServices } from './with-services';

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

/** What a command module needs to add its commands to the program. */
interface CommandContext {
  program: Command;
  io: CliIo;
  config: () => FrozenConfig;
  configFile: () => string;
  withServices: WithConfiguredServices;
  actor: string;
}

/**
 * Every module of `ecn`, with the top-level commands it adds. A module is required only when
 * one of its commands is run (or for the full help): `ecn dns` and `ecn filter update` then
 * never load pdfkit, the console or Redis, about 20 MiB less each on a box (issue #17, item 5).
 * `test/integration/cli-lazy-load.test.ts` checks the names against what each module adds.
 */
export const COMMAND_MODULES: readonly { names: readonly string[]; register: (c: CommandContext) => void }[] =
  [
    {
      names: ['tickets'],
      register: (c) =>
        (require('./tickets') as typeof import('./tickets')).registerTicketCommands(
          c.program,
          c.io,
          c.withServices,
          c.actor,
        ),
    },
    {
      names: ['charter', 'config'],
      register: (c) =>
        (require('./config') as typeof import('./config')).registerCharterAndConfigCommands(
          c.program,
          c.io,
          c.config,
          c.withServices,
        ),
    },
    {
      names: ['journal'],
      register: (c) =>
        (require('./journal') as typeof import('./journal')).registerJournalCommands(
          c.program,
          c.io,
          c.config,
          c.withServices,
          c.actor,
        ),
    },
    {
      names: ['store'],
      register: (c) =>
        (require('./store') as typeof import('./store')).registerStoreCommands(
          c.program,
          c.io,
          c.config,
          c.withServices,
        ),
    },
    {
      names: ['stats'],
      register: (c) =>
        (require('./stats') as typeof import('./stats')).registerStatsCommand(
          c.program,
          c.io,
          c.config,
          c.withServices,
        ),
    },
    {
      names: ['filter', 'dns'],
      register: (c) =>
        (require('./filter') as typeof import('./filter')).registerFilterCommands(c.program, c.io, c.config),
    },
    {
      names: ['tls'],
      register: (c) => (require('./tls') as typeof import('./tls')).registerTlsCommands(c.program, c.io),
    },
    {
      names: ['backup', 'restore'],
      register: (c) =>
        (require('./backup') as typeof import('./backup')).registerBackupCommands(
          c.program,
          c.io,
          c.configFile,
          c.config,
        ),
    },
    {
      names: ['users'],
      register: (c) =>
        (require('./users') as typeof import('./users')).registerUserCommands(
          c.program,
          c.io,
          c.withServices,
          c.actor,
        ),
    },
    {
      names: ['setup'],
      register: (c) =>
        (require('./setup/command') as typeof import('./setup/command')).registerSetupCommand(c.program, {
          io: c.io,
          configFlag: () => c.program.opts<{ config?: string }>().config,
          withServices: (cfg, fn) => c.withServices((deps) => fn(deps), cfg),
          prompter: () => c.io.prompter?.() ?? null,
        }),
    },
    {
      names: ['devices'],
      register: (c) =>
        (require('./devices') as typeof import('./devices')).registerDeviceCommands(
          c.program,
          c.io,
          c.withServices,
          c.actor,
        ),
    },
    {
      names: ['attendance'],
      register: (c) =>
        (require('./attendance') as typeof import('./attendance')).registerAttendanceCommands(
          c.program,
          c.io,
          c.withServices,
          c.actor,
        ),
    },
  ];

/** The command named on the line (`ecn -c FILE dns` → `dns`), or null for none. */
export function commandName(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-c' || a === '--config') i++;
    else if (!a.startsWith('-')) return a;
  }
  return null;
}

/**
 * The `ecn` program. Given the command line, only the module of the command it names is loaded;
 * without one (help, an unknown name, tests listing every command) all of them are.
 */
export function buildProgram(io: CliIo, argv?: readonly string[]): Command {
  const program = new Command('ecn')
    .description('ECN gateway command line: tickets, charter, configuration, legal journal.')
    .option('-c, --config <file>', 'configuration file (default: $ECN_CONFIG, else config/default.yaml)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError();

  const configFile = () => resolveConfigFile(program.opts<{ config?: string }>().config, io.env);
  const config = (): FrozenConfig => loadConfig({ file: configFile(), env: io.env });
  const withServices: WithConfiguredServices = (fn, cfg) =>
    (require('./with-services') as typeof import('./with-services')).serviceRunner(config)(fn, cfg);
  const context: CommandContext = { program, io, config, configFile, withServices, actor: operator(io.env) };

  const name = argv ? commandName(argv) : null;
  const named = COMMAND_MODULES.filter((m) => name !== null && m.names.includes(name));
  for (const m of named.length > 0 ? named : COMMAND_MODULES) m.register(context);

  program
    .command('errors')
    .description('print the error code reference (docs/errors.md)')
    .action(() => io.out(errorsReference()));

  return program;
}

/** Runs the command line; resolves to the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io, argv);
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
    readSecret: (prompt) => (require('./users') as typeof import('./users')).readSecretFromStdin(prompt),
    terminal: process.stdin.isTTY === true,
    prompter: () =>
      process.stdin.isTTY
        ? (require('./setup/prompter') as typeof import('./setup/prompter')).terminalPrompter(
            process.stdin,
            (s) => process.stdout.write(s),
            () => process.exit(130),
          )
        : null,
  }).then((code) => {
    process.exitCode = code;
  });
}
