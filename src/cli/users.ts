// `ecn users`: console accounts from the command line. The first manager is made here (there
// is no default password anywhere); the password comes from standard input, never an argument.

import type { Command } from 'commander';
import { ROLES } from '../domain/console';
import { EcnError } from '../domain/errors';
import { createAccount, changeAccount, spacesFromOptions, spacesText } from '../services/accounts';
import type { ServiceDeps } from '../services/deps';
import type { FrozenConfig } from '../config/load';
import { consoleTranslator } from '../console/i18n';
import type { CliIo } from './main';

export type WithServices = <T>(fn: (deps: ServiceDeps, cfg: FrozenConfig) => Promise<T>) => Promise<T>;

/** `--space` may be given several times. */
const collect = (value: string, previous: string[]) => [...previous, value];

interface SpaceOptions {
  space: string[];
  allSpaces?: boolean;
}

/** What every subcommand needs. */
interface UsersCli {
  io: CliIo;
  withServices: WithServices;
  operator: string;
}

export function registerUserCommands(
  program: Command,
  io: CliIo,
  withServices: WithServices,
  operator: string,
): void {
  const users = program.command('users').description("the animators' console accounts");
  const cli: UsersCli = { io, withServices, operator };
  for (const add of [addAdd, addSpaces, addList, addPasswd, addDisable, addEnable]) add(users, cli);
}

function addAdd(users: Command, { io, withServices, operator }: UsersCli): void {
  users
    .command('add')
    .description('create a console account; the password is read from standard input')
    .requiredOption('-u, --username <name>', 'login name (lower-case letters, digits, . _ -)')
    .requiredOption('-r, --role <role>', `one of ${ROLES.join(', ')}`)
    .option('--space <id>', "a space it acts on (repeatable); default: this box's space", collect, [])
    .option('--all-spaces', 'city staff: it acts on every space of the pool')
    .action(async (opts: { username: string; role: string } & SpaceOptions) => {
      // Checked before the password is asked for: a wrong flag costs nothing.
      spacesFromOptions(opts, 'unchecked');
      const password = await readPassword(
        io,
        consoleTranslator('fr')('cli.users.passwordPrompt', { username: opts.username }),
      );
      await withServices(async (deps, cfg) => {
        const user = await createAccount(deps, {
          username: opts.username,
          role: opts.role,
          password,
          createdBy: operator,
          via: 'box',
          spaces: spacesFromOptions(opts, cfg.space.id),
        });
        io.err(
          `Account "${user.username}" created with the role ${user.role}, acting on ${spacesText(user.spaces)}.\n`,
        );
      });
    });
}

function addSpaces(users: Command, { io, withServices, operator }: UsersCli): void {
  users
    .command('spaces')
    .description('set the spaces an account acts on (city staff); sessions elsewhere end')
    .argument('<username>')
    .option('--space <id>', 'a space it acts on (repeatable)', collect, [])
    .option('--all-spaces', 'it acts on every space of the pool')
    .action(async (username: string, opts: SpaceOptions) => {
      const spaces = spacesFromOptions(opts, null);
      await withServices(async (deps) => {
        const user = await changeAccount(deps, {
          username,
          change: { kind: 'spaces', spaces },
          changedBy: operator,
          via: 'box',
        });
        io.err(`Account "${user.username}" now acts on ${spacesText(user.spaces)}.\n`);
      });
    });
}

function addList(users: Command, { io, withServices }: UsersCli): void {
  users
    .command('list')
    .description('list the console accounts')
    .action(async () => {
      await withServices(async (deps) => {
        for (const u of await deps.store.listUsers()) {
          const state = u.disabledAt === null ? 'active' : 'disabled';
          io.out(
            `${u.username}\t${u.role}\t${spacesText(u.spaces)}\t${state}\t${new Date(u.createdAt).toISOString()}\n`,
          );
        }
      });
    });
}

function addPasswd(users: Command, { io, withServices, operator }: UsersCli): void {
  users
    .command('passwd')
    .description("set a new password (read from standard input); the account's sessions end")
    .argument('<username>')
    .action(async (username: string) => {
      const password = await readPassword(io, `Nouveau mot de passe pour ${username} : `);
      await withServices(async (deps) => {
        await changeAccount(deps, {
          username,
          change: { kind: 'password', password },
          changedBy: operator,
          via: 'box',
        });
        io.err(`Password of "${username}" changed; its open sessions ended.\n`);
      });
    });
}

function addDisable(users: Command, { io, withServices, operator }: UsersCli): void {
  users
    .command('disable')
    .description('disable an account; its open sessions end at once')
    .argument('<username>')
    .action(async (username: string) => {
      await withServices(async (deps) => {
        await changeAccount(deps, { username, change: { kind: 'disable' }, changedBy: operator, via: 'box' });
        io.err(`Account "${username}" disabled.\n`);
      });
    });
}

// Only here for requisition accounts: the console may disable one but never let it in again.
function addEnable(users: Command, { io, withServices, operator }: UsersCli): void {
  users
    .command('enable')
    .description('enable a disabled account again')
    .argument('<username>')
    .action(async (username: string) => {
      await withServices(async (deps) => {
        await changeAccount(deps, { username, change: { kind: 'enable' }, changedBy: operator, via: 'box' });
        io.err(`Account "${username}" enabled.\n`);
      });
    });
}

/** The first line of standard input, or a hidden prompt on a terminal. */
async function readPassword(io: CliIo, prompt: string): Promise<string> {
  const line = io.readSecret ? await io.readSecret(prompt) : '';
  const password = line.replace(/\r?\n$/, '');
  if (!password) {
    throw new EcnError(
      'ECN_ERR_PASSWORD_WEAK',
      'No password on standard input. Type it when asked, or pipe it: `printf "%s\\n" "$PASSWORD" | ecn users add …`.',
    );
  }
  return password;
}

/** Reads one line from the process's standard input; on a terminal, without echoing it. */
export function readSecretFromStdin(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return new Promise((resolve, reject) => {
      let data = '';
      stdin.setEncoding('utf8');
      const onData = (chunk: string) => {
        data += chunk;
        const nl = data.indexOf('\n');
        if (nl >= 0 || data.length > 4096) finish(data.slice(0, nl >= 0 ? nl : 4096));
      };
      const finish = (s: string) => {
        stdin.off('data', onData);
        stdin.off('end', onEnd);
        stdin.pause();
        resolve(s);
      };
      const onEnd = () => finish(data);
      stdin.on('data', onData);
      stdin.on('end', onEnd);
      stdin.once('error', reject);
    });
  }
  return new Promise((resolve) => {
    let data = '';
    // Echo off before the prompt shows: what is typed as soon as it appears stays hidden.
    stdin.setRawMode(true);
    process.stderr.write(prompt);
    stdin.setEncoding('utf8');
    stdin.resume();
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(data);
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          process.stderr.write('\n');
          process.exit(130);
        }
        if (ch === '\u007f' || ch === '\b') data = data.slice(0, -1);
        else data += ch;
      }
    };
    stdin.on('data', onData);
  });
}
