// Staff use case: console accounts. Creating one (from `ecn users add` or a manager's form),
// changing its role, password or spaces, disabling it. Every change is published for the audit trail; a disabled account's sessions stop at once.
// Requisition accounts open the legal journal: they are made and given access only on the box.
// Accounts belong to spaces (issue #13, item 2): the console makes accounts of its own space;
// several spaces or the whole city are given only on the box.

import { EcnError } from '../domain/errors';
import {
  coversSpace,
  isRole,
  SPACE_ID_RE,
  spacesWithin,
  USERNAME_RE,
  type AccountSpaces,
  type ConsoleUser,
  type Role,
} from '../domain/console';
import { checkPasswordRules, hashPassword } from './passwords';
import { actorOf, actorText, announce, type AuditDeps, type By } from './audit-trail';

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
 * The spaces of `ecn users add/spaces`: `--space ID` (repeatable) or `--all-spaces`, never both.
 * Without either, `fallback` (the box's own space for `add`; `spaces` needs one of them).
 */
export function spacesFromOptions(
  opts: { space?: readonly string[]; allSpaces?: boolean },
  fallback: string | null,
): AccountSpaces {
  const ids = [...new Set((opts.space ?? []).map((s) => s.trim()))];
  if (opts.allSpaces && ids.length > 0) {
    throw new EcnError('ECN_ERR_SPACES_OPTIONS', 'Give either --space or --all-spaces, not both.');
  }
  if (opts.allSpaces) return 'all';
  if (ids.length === 0) {
    if (fallback !== null) return [fallback];
    throw new EcnError('ECN_ERR_SPACES_OPTIONS', 'Give --space ID (repeatable) or --all-spaces.');
  }
  const bad = ids.find((id) => !SPACE_ID_RE.test(id) || id.length > 64);
  if (bad !== undefined) {
    throw new EcnError(
      'ECN_ERR_SPACES_OPTIONS',
      `"${bad.slice(0, 64)}" is not a space id (a slug: lower-case letters, digits and single dashes).`,
    );
  }
  return ids;
}

/** How an account's spaces read in `ecn users list`, the audit trail and the console. */
export function spacesText(spaces: AccountSpaces | null): string {
  if (spaces === 'all') return 'all';
  return spaces === null ? '-' : spaces.join(',');
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
  by: By,
  username: string,
  attempt: RequisitionAttempt,
): Promise<never> {
  await announce(deps, actorOf(by), 'user.refused', username, { attempt, role: 'requisition' });
  throw new EcnError(
    'ECN_ERR_REQUISITION_ON_BOX',
    'Requisition accounts are managed on the box only, with `ecn users`.',
    { username },
  );
}

/**
 * Whoever sets an account's spaces decides where it acts, so only the box does; a manager
 * changes only accounts that act within the manager's own spaces (a city-wide account is
 * read-only to a space's manager). Audited like the requisition refusals.
 */
async function refuseSpacesFromConsole(
  deps: AuditDeps,
  by: By,
  username: string,
  attempt: string,
): Promise<never> {
  await announce(deps, actorOf(by), 'user.refused', username, { attempt });
  throw new EcnError(
    'ECN_ERR_SPACES_ON_BOX',
    "An account's spaces are given on the box only, with `ecn users`; this account acts beyond yours.",
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
  req: {
    username: string;
    role: string;
    password: string;
    createdBy: By;
    via: AccountVia;
    /** From the console, exactly the box's own space. */
    spaces: AccountSpaces;
  },
): Promise<ConsoleUser> {
  const username = normaliseUsername(req.username);
  const role = parseRole(req.role);
  if (role === 'requisition' && req.via === 'console') {
    await refuseRequisitionFromConsole(deps, req.createdBy, username, 'create');
  }
  if (req.via === 'console' && (req.spaces === 'all' || req.spaces.length !== 1)) {
    await refuseSpacesFromConsole(deps, req.createdBy, username, 'create-wide');
  }
  checkPasswordRules(req.password);
  const user: ConsoleUser = {
    username,
    role,
    spaces: req.spaces === 'all' ? 'all' : [...req.spaces],
    passwordHash: await hashPassword(req.password),
    createdAt: deps.clock.now(),
    createdBy: actorText(actorOf(req.createdBy)),
    disabledAt: null,
    sessionEpoch: 0,
    version: 0,
  };
  if (!(await deps.store.createUser(user))) {
    throw new EcnError('ECN_ERR_USER_EXISTS', `An account named "${username}" already exists.`, { username });
  }
  await announce(deps, actorOf(req.createdBy), 'user.created', username, {
    role,
    spaces: spacesText(user.spaces),
  });
  return user;
}

export type AccountChange =
  | { kind: 'role'; role: string }
  | { kind: 'password'; password: string }
  | { kind: 'disable' }
  | { kind: 'enable' }
  /** Box only (`ecn users spaces`). */
  | { kind: 'spaces'; spaces: AccountSpaces };

/** Applies one change to an account; a new password or a disable ends its sessions. */
export async function changeAccount(
  deps: AuditDeps,
  req: {
    username: string;
    change: AccountChange;
    changedBy: By;
    via: AccountVia;
    /** From the console: the manager's own spaces, which the account must lie within. */
    actorSpaces?: AccountSpaces | null;
  },
): Promise<ConsoleUser> {
  const c = req.change;
  const role = c.kind === 'role' ? parseRole(c.role) : null;
  const fromConsole = req.via === 'console';
  const actorSpaces = req.actorSpaces ?? null;
  if (fromConsole) {
    const current = await deps.store.getUser(req.username);
    const attempt = requisitionAttempt(current?.role ?? null, c, role);
    if (attempt) await refuseRequisitionFromConsole(deps, req.changedBy, req.username, attempt);
    if (c.kind === 'spaces') await refuseSpacesFromConsole(deps, req.changedBy, req.username, 'spaces');
    if (current && !spacesWithin(current.spaces, actorSpaces)) {
      await refuseSpacesFromConsole(deps, req.changedBy, req.username, c.kind);
    }
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
    if (fromConsole && (c.kind === 'spaces' || !spacesWithin(u.spaces, actorSpaces))) {
      throw new EcnError('ECN_ERR_SPACES_ON_BOX', "An account's spaces are given on the box only.");
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
      case 'spaces':
        // Sessions on a space taken away are refused at once (the check is on every request).
        return { ...u, spaces: c.spaces === 'all' ? 'all' : [...c.spaces] };
    }
  });
  if (!next) throw new EcnError('ECN_ERR_USER_UNKNOWN', `No account is named "${req.username}".`);
  await announce(deps, actorOf(req.changedBy), 'user.changed', next.username, {
    change: c.kind,
    ...(role ? { role } : {}),
    ...(c.kind === 'spaces' ? { spaces: spacesText(c.spaces) } : {}),
  });
  return next;
}

/**
 * On the embedded store (one box), accounts made before accounts belonged to spaces become
 * this box's own. A shared store (Redis) cannot tell which box made them, so there they act
 * nowhere until city staff give them their spaces (`ecn users spaces`). Returns how many.
 */
export async function adoptAccountsWithoutSpace(deps: AuditDeps, spaceId: string): Promise<number> {
  let adopted = 0;
  for (const u of await deps.store.listUsers()) {
    if (u.spaces !== null) continue;
    const next = await deps.store.updateUser(u.username, (cur) =>
      cur.spaces === null ? { ...cur, spaces: [spaceId] } : cur,
    );
    if (!next) continue;
    adopted++;
    await announce(deps, { kind: 'system', task: 'upgrade' }, 'user.changed', u.username, {
      change: 'spaces',
      spaces: spaceId,
    });
  }
  return adopted;
}

/** The accounts that act on this space (a shared store holds other spaces' too). */
export async function spaceAccounts(deps: Pick<AuditDeps, 'store'>, spaceId: string): Promise<ConsoleUser[]> {
  return (await deps.store.listUsers()).filter((u) => coversSpace(u, spaceId));
}
