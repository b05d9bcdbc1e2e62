// Console accounts: creating one (from `ecn users add` or a manager's form), changing its role
// or password, disabling it. Every change is audited; a disabled account's sessions stop at once.
// Requisition accounts open the legal journal: they are made and given access only on the box.

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

/**
 * Where an account change comes from: `box` is the `ecn` command (someone with a shell on the
 * box), `console` a manager's form, `self` the account's holder changing their own password
 * (the current one proven). Required, so a new caller cannot forget the rule below.
 */
export type AccountVia = 'box' | 'console' | 'self';

/** What a console manager tried on a requisition account. */
type RequisitionAttempt = 'create' | 'role-to' | 'role-from' | 'password' | 'enable';

/**
 * The legal journal is reached only by requisition accounts, so whoever can make one, give it a
 * password or let it in again can read the journal. The console refuses all of these (the
 * French guide says requisition accounts come from `ecn users add` on the box); disabling
 * one stays allowed, since it only takes access away. The refusal is audited on its own.
 */
async function refuseRequisitionFromConsole(
  deps: AuditDeps,
  actor: string,
  username: string,
  attempt: RequisitionAttempt,
): Promise<never> {
  await recordAudit(deps, actor, 'user.refused', username, { attempt, role: 'requisition' });
  throw new EcnError(
    'ECN_ERR_REQUISITION_ON_BOX',
    'Requisition accounts are managed on the box only, with `ecn users`.',
    { username },
  );
}

/** Which refused attempt a console change on this account would be, or null if allowed. */
function requisitionAttempt(
  current: Role | null,
  c: AccountChange,
  newRole: Role | null,
): RequisitionAttempt | null {
  if (current !== 'requisition') return newRole === 'requisition' ? 'role-to' : null;
  if (c.kind === 'role') return 'role-from';
  if (c.kind === 'password' || c.kind === 'enable') return c.kind;
  return null; // disabling only takes access away
}

export async function createAccount(
  deps: AuditDeps,
  req: { username: string; role: string; password: string; createdBy: string; via: AccountVia },
): Promise<ConsoleUser> {
  const username = normaliseUsername(req.username);
  const role = parseRole(req.role);
  if (role === 'requisition' && req.via === 'console') {
    await refuseRequisitionFromConsole(deps, req.createdBy, username, 'create');
  }
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
  req: { username: string; change: AccountChange; changedBy: string; via: AccountVia },
): Promise<ConsoleUser> {
  const c = req.change;
  const role = c.kind === 'role' ? parseRole(c.role) : null;
  if (req.via === 'console') {
    const current = await deps.store.getUser(req.username);
    const attempt = requisitionAttempt(current?.role ?? null, c, role);
    if (attempt) await refuseRequisitionFromConsole(deps, req.changedBy, req.username, attempt);
  }
  if (c.kind === 'password') checkPasswordRules(c.password);
  const passwordHash = c.kind === 'password' ? await hashPassword(c.password) : null;
  const now = deps.clock.now();
  const next = await deps.store.updateUser(req.username, (u) => {
    // Checked again inside the atomic update: `ecn users` may have changed the role meanwhile.
    if (
      req.via === 'console' &&
      (u.role === 'requisition' || role === 'requisition') &&
      c.kind !== 'disable'
    ) {
      throw new EcnError('ECN_ERR_REQUISITION_ON_BOX', 'Requisition accounts are managed on the box only.');
    }
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
