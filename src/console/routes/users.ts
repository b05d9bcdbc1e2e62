// The managers' accounts pages: the list of console accounts, creating one, and for each its
// role, a new password, disabling or enabling it. The last active manager always stays.
// Requisition accounts are only listed and can be disabled: the rest is done on the box.
// Only accounts that act on this space are shown; one that acts beyond the manager's own
// spaces (a city staff account) is shown read-only (issue #13, item 2).

import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { changeAccount, createAccount, spaceAccounts, type AccountChange } from '../../services/accounts';
import { staff } from '../../services/audit-trail';
import { parseForm, textField } from '../forms';
import { ROLES, spacesWithin, type ConsoleUser } from '../../domain/console';
import { EcnError, isEcnError } from '../../domain/errors';
import { errorText, page, renderPage, type PageHandler, type SignedIn } from '../context';
import type { ConsoleDeps } from '../deps';
import type { ConsoleKey } from '../i18n';
import { intlLocale, type ConsoleLanguage } from '../../domain/languages';

/** Every field of the accounts forms; each form sends some of them. */
const accountSchema = z.object({
  username: textField(64),
  role: textField(20),
  password: textField(300),
  password2: textField(300),
});
type AccountForm = z.output<typeof accountSchema>;

/** A malformed field answers as a bad value of it would: the same message, on the same field. */
const MALFORMED: Record<keyof AccountForm, () => EcnError> = {
  username: () => new EcnError('ECN_ERR_USERNAME_INVALID', 'The username field is malformed.'),
  role: () => new EcnError('ECN_ERR_ROLE_UNKNOWN', 'The role field is malformed.'),
  password: () => new EcnError('ECN_ERR_PASSWORD_WEAK', 'The password field is malformed.'),
  password2: () => new EcnError('ECN_ERR_PASSWORD_WEAK', 'The password field is malformed.'),
};

/** The form read at the edge; a malformed one throws the refusal its first bad field gets. */
function readAccountForm(body: unknown): AccountForm {
  const parsed = parseForm(accountSchema, body, MALFORMED, () => MALFORMED.username());
  if (!parsed.ok) throw parsed.message;
  return parsed.value;
}

/** A refusal of this page's own rules (passwords that differ, the last manager). */
class AccountRefusal extends Error {
  constructor(
    readonly field: string,
    readonly key: ConsoleKey,
  ) {
    super(key);
  }
}

const NOTICES = {
  created: 'users.saved.created',
  role: 'users.saved.role',
  password: 'users.saved.password',
  disable: 'users.saved.disable',
  enable: 'users.saved.enable',
} as const;

/** The roles a manager may give from the console (requisition accounts come from the box). */
const CONSOLE_ROLES = ROLES.filter((r) => r !== 'requisition');

const statusOf = (err: unknown) =>
  isEcnError(err, 'ECN_ERR_REQUISITION_ON_BOX') || isEcnError(err, 'ECN_ERR_SPACES_ON_BOX') ? 403 : 400;

const FIELD_OF: Record<string, string> = {
  ECN_ERR_USERNAME_INVALID: 'user-name',
  ECN_ERR_USER_EXISTS: 'user-name',
  ECN_ERR_ROLE_UNKNOWN: 'user-role',
  ECN_ERR_PASSWORD_WEAK: 'user-password',
};

function isRefusal(err: unknown): boolean {
  return (
    err instanceof AccountRefusal ||
    (isEcnError(err) &&
      err.status < 500 &&
      !['ECN_ERR_CSRF', 'ECN_ERR_FORBIDDEN', 'ECN_ERR_NOT_FOUND'].includes(err.code))
  );
}

export function registerUsers(app: Express, deps: ConsoleDeps): void {
  app.get(
    '/users',
    page('users.write', (req, res, ctx) => showList(deps, req, res, ctx)),
  );
  app.post('/users', page('users.write', create(deps)));
  app.get(
    '/users/:name',
    page('users.write', async (req, res, ctx) =>
      showAccount(deps, req, res, ctx, await findUser(deps, String(req.params.name))),
    ),
  );
  for (const kind of ['role', 'password', 'disable', 'enable'] as const)
    app.post(`/users/:name/${kind}`, page('users.write', change(deps, kind)));
}

function time(deps: ConsoleDeps, lang: ConsoleLanguage, ms: number): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: deps.settings.timeZone,
  }).format(ms);
}

/** The refusal's sentence and the field it is about. */
function problem(ctx: SignedIn, err: unknown) {
  return err instanceof AccountRefusal
    ? { error: ctx.t(err.key), field: err.field }
    : { error: errorText(ctx.t, err), field: isEcnError(err) ? (FIELD_OF[err.code] ?? null) : null };
}

function spacesLabel(ctx: SignedIn, u: ConsoleUser): string {
  return u.spaces === 'all' ? ctx.t('users.spaces.all') : (u.spaces ?? []).join(', ');
}

/** An account as the list and its own page show it. */
function accountView(deps: ConsoleDeps, ctx: SignedIn, u: ConsoleUser) {
  return { ...u, created: time(deps, ctx.lang, u.createdAt), spacesLabel: spacesLabel(ctx, u) };
}

async function showList(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  ctx: SignedIn,
  err?: unknown,
  input?: Partial<AccountForm>,
) {
  const users = (await spaceAccounts(deps.services, deps.spaceId)).sort((a, b) =>
    a.username.localeCompare(b.username),
  );
  const msg = typeof req.query.msg === 'string' ? req.query.msg : '';
  return renderPage(
    deps,
    req,
    res,
    'users',
    ctx.t('users.title'),
    {
      notice: msg in NOTICES ? ctx.t(NOTICES[msg as keyof typeof NOTICES]) : null,
      accounts: users.map((u) => accountView(deps, ctx, u)),
      roles: CONSOLE_ROLES,
      form: { username: input?.username ?? '', role: input ? (input.role ?? '') : 'animator' },
      ...(err ? problem(ctx, err) : { field: null }),
    },
    err ? statusOf(err) : 200,
  );
}

async function findUser(deps: ConsoleDeps, name: string): Promise<ConsoleUser> {
  const user = (await spaceAccounts(deps.services, deps.spaceId)).find((u) => u.username === name);
  if (!user) throw new EcnError('ECN_ERR_NOT_FOUND', 'No console account has this name.');
  return user;
}

function showAccount(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  ctx: SignedIn,
  user: ConsoleUser,
  err?: unknown,
) {
  return renderPage(
    deps,
    req,
    res,
    'users-account',
    ctx.t('users.account.title', { user: user.username }),
    {
      account: {
        ...accountView(deps, ctx, user),
        self: user.username === ctx.user.username,
        readOnly: !spacesWithin(user.spaces, ctx.user.spaces),
      },
      roles: CONSOLE_ROLES,
      ...(err ? problem(ctx, err) : { field: null }),
    },
    err ? statusOf(err) : 200,
  );
}

/** POST /users: a new account of this space (the passwords must match). */
function create(deps: ConsoleDeps): PageHandler {
  return async (req, res, ctx) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    let form: AccountForm | undefined;
    try {
      form = readAccountForm(body);
      if (form.password !== form.password2) throw new AccountRefusal('user-password', 'users.err.mismatch');
      // The form has no spaces field: a request that brings one asks for what only the box gives.
      const asked = 'spaces' in body || 'allSpaces' in body;
      await createAccount(deps.services, {
        username: form.username,
        role: form.role,
        password: form.password,
        createdBy: staff(ctx.user.username),
        via: 'console',
        spaces: asked ? 'all' : [deps.spaceId],
      });
    } catch (err) {
      if (!isRefusal(err)) throw err;
      return showList(deps, req, res, ctx, err, form);
    }
    return res.redirect(303, '/users?msg=created');
  };
}

type ChangeKind = Exclude<AccountChange['kind'], 'spaces'>;

/** The change the form asks for (the new password twice the same). */
function changeOf(kind: ChangeKind, form: AccountForm): AccountChange {
  if (kind === 'role') return { kind, role: form.role };
  if (kind !== 'password') return { kind };
  if (form.password !== form.password2) throw new AccountRefusal('user-password', 'users.err.mismatch');
  return { kind, password: form.password };
}

/** Refuses a change that would leave this space without an active manager. */
async function keepAManager(deps: ConsoleDeps, user: ConsoleUser, c: AccountChange): Promise<void> {
  const demoted = (c.kind === 'role' && c.role !== 'manager') || c.kind === 'disable';
  if (!demoted || user.role !== 'manager' || user.disabledAt !== null) return;
  const another = (await spaceAccounts(deps.services, deps.spaceId)).some(
    (u) => u.username !== user.username && u.role === 'manager' && u.disabledAt === null,
  );
  if (!another)
    throw new AccountRefusal(c.kind === 'disable' ? 'user-disable' : 'user-role', 'users.err.lastManager');
}

/** POST /users/<name>/<kind>: a role, a new password, disabled or enabled again. */
function change(deps: ConsoleDeps, kind: ChangeKind): PageHandler {
  return async (req, res, ctx) => {
    const user = await findUser(deps, String(req.params.name));
    try {
      const c = changeOf(kind, readAccountForm(req.body));
      await keepAManager(deps, user, c);
      await changeAccount(deps.services, {
        username: user.username,
        change: c,
        changedBy: staff(ctx.user.username),
        via: 'console',
        actorSpaces: ctx.user.spaces,
      });
    } catch (err) {
      if (!isRefusal(err)) throw err;
      return showAccount(deps, req, res, ctx, user, err);
    }
    return res.redirect(303, `/users?msg=${kind}`);
  };
}
