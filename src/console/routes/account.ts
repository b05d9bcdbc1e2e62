// "My account": every signed-in role changes its own password here (the current one first,
// wrong guesses slowed like sign-ins). A change ends all of the account's sessions.

import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { staff } from '../../services/audit-trail';
import { emptyIfMalformed } from '../forms';
import { changeAccount } from '../../services/accounts';
import { verifyPassword } from '../../services/passwords';
import { isEcnError } from '../../domain/errors';
import { accountThrottleKey } from '../auth';
import { giveBack, takeAttempts } from '../../services/guess-limit';
import { errorText, page, renderPage, type SignedIn } from '../context';
import type { ConsoleDeps } from '../deps';
import type { ConsoleKey } from '../i18n';

type Field = 'account-current' | 'account-new';

/** Longer than any allowed password (200), so an over-long one still gets the weak-password answer. */
const passwordSchema = z.object({
  current: emptyIfMalformed(1000),
  password: emptyIfMalformed(1000),
  password2: emptyIfMalformed(1000),
});

export function registerAccount(app: Express, deps: ConsoleDeps): void {
  const show = (
    req: Request,
    res: Response,
    ctx: SignedIn,
    problem: { field: Field; message: string } | null = null,
    status = 200,
  ) =>
    renderPage(
      deps,
      req,
      res,
      'account',
      ctx.t('account.title'),
      { field: problem?.field ?? null, error: problem?.message ?? null },
      status,
    );

  app.get(
    '/account',
    page(null, (req, res, ctx) => show(req, res, ctx)),
  );

  app.post(
    '/account/password',
    page(null, async (req, res, ctx) => {
      const form = passwordSchema.parse(req.body ?? {});
      const refuse = (field: Field, key: ConsoleKey, status = 400, vars?: Record<string, number>) =>
        show(req, res, ctx, { field, message: ctx.t(key, vars) }, status);
      const { store, clock } = deps.services;
      const now = clock.now();
      // The same counter as sign-ins, taken before the check: a stolen session cannot guess the
      // password faster here, not even with requests sent in parallel.
      const key = accountThrottleKey(ctx.user.username);
      const admission = await takeAttempts(deps.services, [
        { limit: 'console_account', key, policy: deps.auth.throttle },
      ]);
      if (!admission.allowed) {
        res.set('Retry-After', String(Math.ceil((admission.until - now) / 1000)));
        return refuse('account-current', 'account.err.throttled', 429, {
          minutes: Math.max(1, Math.ceil((admission.until - now) / 60_000)),
        });
      }
      if (!(await verifyPassword(form.current, ctx.user.passwordHash))) {
        return refuse('account-current', 'account.err.current');
      }
      // The current password was right: that attempt was no guess.
      await giveBack(deps.services, admission.taken);
      if (form.password !== form.password2) return refuse('account-new', 'account.err.mismatch');
      if (form.password === form.current) return refuse('account-new', 'account.err.same');
      try {
        await changeAccount(deps.services, {
          username: ctx.user.username,
          change: { kind: 'password', password: form.password },
          changedBy: staff(ctx.user.username),
          via: 'self',
        });
      } catch (err) {
        if (isEcnError(err, 'ECN_ERR_PASSWORD_WEAK')) {
          return show(req, res, ctx, { field: 'account-new', message: errorText(ctx.t, err) }, 400);
        }
        throw err;
      }
      await store.deleteCounter(key);
      ctx.log.info({ user: ctx.user.username }, 'console password changed by its owner');
      return res.redirect(303, '/login?msg=password');
    }),
  );
}
