// Console accounts: creating one (from `ecn users add` or a manager's form), changing its role
// or password, disabling it. Every change is audited; a disabled account's sessions stop at once.

import { EcnError } from '../domain/errors';
import { isRole, USERNAME_RE, type ConsoleUser, type Role } from '../domain/console';
import { checkPasswordRules, hashPassword } from './passwords';
import { recordAudit, type AuditDeps } from './audit';

export function normaliseUsername(raw: string): string {
  const username = raw.trim().toLowerCase();
  if (!USERNAME_RE.test(username)) {
    throw new EcnError(
      'ECN_ERR_USERNAME_INVALID',
      'A username has 2 to 32 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter or digit.',
    );
  }
  return username;
}

export function parseRole(raw: unknown): Role {
  if (!isRole(raw)) {
    throw new EcnError(
      'ECN_ERR_ROLE_UNKNOWN',
      'The role must be animator, manager, auditor or requisition.',
      {
        role: typeof raw === 'string' ? raw.slice(0, 40) : null,
      },
    );
  }
  return raw;
}

export async function createAccount(
  deps: AuditDeps,
  req: { username: string; role: string; password: string; createdBy: string },
): Promise<ConsoleUser> {
  const username = normaliseUsername(req.username);
  const role = parseRole(req.role);
  checkPasswordRules(req.password);
  const user: ConsoleUser = {
    username,
    role,
    passwordHash: await hashPassword(req.password),
    createdAt: deps.clock.now(),
    createdBy: req.createdBy,
    disabledAt: null,
    sessionEpoch: 0,
    version: 0,
  };
  if (!(await deps.store.createUser(user))) {
    throw new EcnError('ECN_ERR_USER_EXISTS', `An account named "${username}" already exists.`, { username });
  }
  await recordAudit(deps, req.createdBy, 'user.created', username, { role });
  return user;
}

export type AccountChange =
  | { kind: 'role'; role: string }
  | { kind: 'password'; password: string }
  | { kind: 'disable' }
  | { kind: 'enable' };

/** Applies one change to an account; a new password or a disable ends its sessions. */
export async function changeAccount(
  deps: AuditDeps,
  req: { username: string; change: AccountChange; changedBy: string },
): Promise<ConsoleUser> {
  const c = req.change;
  const role = c.kind === 'role' ? parseRole(c.role) : null;
  if (c.kind === 'password') checkPasswordRules(c.password);
  const passwordHash = c.kind === 'password' ? await hashPassword(c.password) : null;
  const now = deps.clock.now();
  const next = await deps.store.updateUser(req.username, (u) => {
    switch (c.kind) {
      case 'role':
        return { ...u, role: role!, sessionEpoch: u.sessionEpoch + 1 };
      case 'password':
        return { ...u, passwordHash: passwordHash!, sessionEpoch: u.sessionEpoch + 1 };
      case 'disable':
        return { ...u, disabledAt: u.disabledAt ?? now, sessionEpoch: u.sessionEpoch + 1 };
      case 'enable':
        return { ...u, disabledAt: null };
    }
  });
  if (!next) throw new EcnError('ECN_ERR_USER_UNKNOWN', `No account is named "${req.username}".`);
  await recordAudit(deps, req.changedBy, 'user.changed', next.username, {
    change: c.kind,
    ...(role ? { role } : {}),
  });
  return next;
}
