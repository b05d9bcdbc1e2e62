// The managers' accounts pages: the list of console accounts, creating one, and for each its
// role, a new password, disabling or enabling it. The last active manager always stays.
// Requisition accounts are only listed and can be disabled: the rest is done on the box.
// Only accounts that act on this space are shown; one that acts beyond the manager's own
// spaces (a city staff account) is shown read-only (issue #13, item 2).

import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { changeAccount, createAccount, type AccountChange } from '../../services/accounts';
import { staff } from '../../services/audit-trail';
import { parseForm, textField } from '../forms';
import { coversSpace, ROLES, spacesWithin, type ConsoleUser } from '../../domain/console';
import { EcnError, isEcnError } from '../../domain/errors';
import { errorText, page, renderPage, type SignedIn } from '../context';
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
  const services = deps.services;
  const time = (lang: ConsoleLanguage, ms: number) =>
    new Intl.DateTimeFormat(intlLocale(lang), {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: deps.settings.timeZone,
    }).format(ms);

  const problem = (ctx: SignedIn, err: unknown) =>
    err instanceof AccountRefusal
      ? { error: ctx.t(err.key), field: err.field }
      : { error: errorText(ctx.t, err), field: isEcnError(err) ? (FIELD_OF[err.code] ?? null) : null };

  /** The accounts that act on this space (a shared store holds other spaces' too). */
  const spaceUsers = async () =>
    (await services.store.listUsers()).filter((u) => coversSpace(u, deps.spaceId));

  const spacesLabel = (ctx: SignedIn, u: ConsoleUser) =>
    u.spaces === 'all' ? ctx.t('users.spaces.all') : (u.spaces ?? []).join(', ');

  const showList = async (
    req: Request,
    res: Response,
    ctx: SignedIn,
    err?: unknown,
    input?: Partial<AccountForm>,
  ) => {
    const users = (await spaceUsers()).sort((a, b) => a.username.localeCompare(b.username));
    const msg = typeof req.query.msg === 'string' ? req.query.msg : '';
    return renderPage(
      deps,
      req,
      res,
      'users',
      ctx.t('users.title'),
      {
        notice: msg in NOTICES ? ctx.t(NOTICES[msg as keyof typeof NOTICES]) : null,
        accounts: users.map((u) => ({
          ...u,
          created: time(ctx.lang, u.createdAt),
          spacesLabel: spacesLabel(ctx, u),
        })),
        roles: CONSOLE_ROLES,
        form: { username: input?.username ?? '', role: input ? (input.role ?? '') : 'animator' },
        ...(err ? problem(ctx, err) : { field: null }),
      },
      err ? statusOf(err) : 200,
    );
  };

  const findUser = async (name: string): Promise<ConsoleUser> => {
    const user = (await spaceUsers()).find((u) => u.username === name);
    if (!user) throw new EcnError('ECN_ERR_NOT_FOUND', 'No console account has this name.');
    return user;
  };

  const showAccount = async (req: Request, res: Response, ctx: SignedIn, user: ConsoleUser, err?: unknown) =>
    renderPage(
      deps,
      req,
      res,
      'users-account',
      ctx.t('users.account.title', { user: user.username }),
      {
        account: {
          ...user,
          created: time(ctx.lang, user.createdAt),
          self: user.username === ctx.user.username,
          spacesLabel: spacesLabel(ctx, user),
          readOnly: !spacesWithin(user.spaces, ctx.user.spaces),
        },
        roles: CONSOLE_ROLES,
        ...(err ? problem(ctx, err) : { field: null }),
      },
      err ? statusOf(err) : 200,
    );

  app.get(
    '/users',
    page('users.write', (req, res, ctx) => showList(req, res, ctx)),
  );

  app.post(
    '/users',
    page('users.write', async (req, res, ctx) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      let form: AccountForm | undefined;
      try {
        form = readAccountForm(body);
        if (form.password !== form.password2) throw new AccountRefusal('user-password', 'users.err.mismatch');
        // The form has no spaces field: a request that brings one asks for what only the box gives.
        const asked = 'spaces' in body || 'allSpaces' in body;
        await createAccount(services, {
          username: form.username,
          role: form.role,
          password: form.password,
          createdBy: staff(ctx.user.username),
          via: 'console',
          spaces: asked ? 'all' : [deps.spaceId],
        });
      } catch (err) {
        if (!isRefusal(err)) throw err;
        return showList(req, res, ctx, err, form);
      }
      return res.redirect(303, '/users?msg=created');
    }),
  );

  app.get(
    '/users/:name',
    page('users.write', async (req, res, ctx) =>
      showAccount(req, res, ctx, await findUser(String(req.params.name))),
    ),
  );

  /** Whether another active manager would remain if this one stopped being one. */
  const anotherManager = async (username: string) =>
    (await spaceUsers()).some(
      (u) => u.username !== username && u.role === 'manager' && u.disabledAt === null,
    );

  const change = (kind: Exclude<AccountChange['kind'], 'spaces'>) =>
    page('users.write', async (req, res, ctx) => {
      const user = await findUser(String(req.params.name));
      try {
        const form = readAccountForm(req.body);
        let c: AccountChange;
        if (kind === 'role') c = { kind, role: form.role };
        else if (kind === 'password') {
          if (form.password !== form.password2)
            throw new AccountRefusal('user-password', 'users.err.mismatch');
          c = { kind, password: form.password };
        } else c = { kind };
        const demoted = (c.kind === 'role' && c.role !== 'manager') || c.kind === 'disable';
        if (
          demoted &&
          user.role === 'manager' &&
          user.disabledAt === null &&
          !(await anotherManager(user.username))
        ) {
          throw new AccountRefusal(
            c.kind === 'disable' ? 'user-disable' : 'user-role',
            'users.err.lastManager',
          );
        }
        await changeAccount(services, {
          username: user.username,
          change: c,
          changedBy: staff(ctx.user.username),
          via: 'console',
          actorSpaces: ctx.user.spaces,
        });
      } catch (err) {
        if (!isRefusal(err)) throw err;
        return showAccount(req, res, ctx, user, err);
      }
      return res.redirect(303, `/users?msg=${kind}`);
    });

  app.post('/users/:name/role', change('role'));
  app.post('/users/:name/password', change('password'));
  app.post('/users/:name/disable', change('disable'));
  app.post('/users/:name/enable', change('enable'));
}
