// The console's first manager account: asked once (or read from flags and a password file),
// never made twice, and made in the space being set up.

import { readFileSync } from 'node:fs';
import type { FrozenConfig } from '../../config/load';
import { normaliseUsername } from '../../services/accounts';
import { checkPasswordRules } from '../../services/passwords';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../domain/console';
import { isEcnError } from '../../domain/errors';
import type { Refusal } from './answers';
import type { Translate } from './messages';
import { effectiveConfig, invalid, type SetupDeps, type SetupOptions } from './options';
import type { Prompter } from './prompter';

const FIRST_MANAGER = 'gestionnaire';

export interface ManagerPlan {
  username: string;
  /** Null when the account exists already. */
  password: string | null;
}

export async function collectManager(
  opts: SetupOptions,
  current: { file: string; cfg: FrozenConfig } | null,
  root: string,
  deps: SetupDeps,
  t: Translate,
  prompter: Prompter | null,
): Promise<ManagerPlan | null> {
  // On a re-run the store is where the current configuration says: its accounts are kept.
  const existing =
    current === null
      ? []
      : await deps.withServices(effectiveConfig(current.file, current.cfg, root, deps.io.env), (d) =>
          d.store.listUsers(),
        );
  let username: string;
  if (opts.manager !== undefined) {
    const refusal = usernameRefusal(opts.manager);
    if (refusal) throw invalid(t, refusal);
    username = normaliseUsername(opts.manager);
  } else if (existing.some((u) => u.role === 'manager' && u.disabledAt === null)) {
    return {
      username: existing.find((u) => u.role === 'manager' && u.disabledAt === null)!.username,
      password: null,
    };
  } else if (prompter === null) {
    return null;
  } else {
    for (;;) {
      const line = await prompter.ask(`${t('q.manager')} [${FIRST_MANAGER}] : `);
      if (line === null) throw invalid(t, { key: 'bad.missing', vars: { flag: '--manager' } });
      const value = line.trim() || FIRST_MANAGER;
      const refusal = usernameRefusal(value);
      if (!refusal) {
        username = normaliseUsername(value);
        break;
      }
      prompter.say(t(refusal.key, refusal.vars));
    }
  }
  if (existing.some((u) => u.username === username)) return { username, password: null };
  if (opts.managerPasswordFile !== undefined) {
    let password: string;
    try {
      password = readFileSync(opts.managerPasswordFile, 'utf8').split(/\r?\n/)[0] ?? '';
    } catch (err) {
      throw invalid(t, {
        key: 'bad.passwordFile',
        vars: { file: opts.managerPasswordFile, reason: (err as NodeJS.ErrnoException).code ?? 'error' },
      });
    }
    if (passwordRefused(password)) throw invalid(t, passwordRefusal());
    return { username, password };
  }
  if (prompter === null) throw invalid(t, { key: 'bad.passwordNoTerminal', vars: { user: username } });
  for (;;) {
    const first = await prompter.askSecret(t('q.password', { user: username }));
    if (first === null) throw invalid(t, { key: 'bad.missing', vars: { flag: '--manager-password-file' } });
    if (passwordRefused(first)) {
      prompter.say(t('bad.password', passwordRefusal().vars));
      continue;
    }
    const second = await prompter.askSecret(t('q.password2'));
    if (second === first) return { username, password: first };
    prompter.say(t('bad.passwordMismatch'));
  }
}

function usernameRefusal(value: string): Refusal | null {
  try {
    normaliseUsername(value);
    return null;
  } catch {
    return { key: 'bad.manager', vars: { value } };
  }
}

function passwordRefused(password: string): boolean {
  try {
    checkPasswordRules(password);
    return false;
  } catch (err) {
    if (isEcnError(err, 'ECN_ERR_PASSWORD_WEAK')) return true;
    throw err;
  }
}

const passwordRefusal = (): Refusal => ({
  key: 'bad.password',
  vars: { min: String(PASSWORD_MIN), max: String(PASSWORD_MAX) },
});
