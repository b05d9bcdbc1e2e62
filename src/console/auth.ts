// Console login and sessions. A login takes an attempt per account and per address in the store
// before it checks the password (the same doubling wait as wrong ticket codes), checks it in
// constant time (a decoy hash for unknown names), and opens a session kept in the store under
// the hash of the cookie's random token.

import { createHash, randomBytes } from 'node:crypto';
import { EcnError } from '../domain/errors';
import { coversSpace, sessionLive, type ConsoleSession, type ConsoleUser } from '../domain/console';
import type { ThrottlePolicy } from '../domain/throttle';
import { giveBack, takeAttempts } from '../services/guess-limit';
import { decoyHash, verifyPassword } from '../services/passwords';
import { recordAudit, type AuditDeps } from './audit';
import { normaliseUsername } from '../services/accounts';

export interface AuthPolicy {
  idleTimeoutMs: number;
  maxSessionAgeMs: number;
  throttle: ThrottlePolicy;
}

/** `spaceId`: this box's space; an account that does not act on it is not let in here. */
export type AuthDeps = AuditDeps & { policy: AuthPolicy; spaceId: string };

/** Sessions are touched at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 30_000;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function throttleKeys(username: string, ip: string): [string, string] {
  return [accountThrottleKey(username), `console-login:ip:${ip}`];
}

/** The account's guessing counter, shared by the sign-in and the own-password change. */
export function accountThrottleKey(username: string): string {
  return `console-login:user:${username}`;
}

export interface LoginResult {
  /** Goes into the cookie only; the store keeps its hash. */
  token: string;
  session: ConsoleSession;
  user: ConsoleUser;
}

export async function login(
  deps: AuthDeps,
  req: { username: string; password: string; ip: string },
): Promise<LoginResult> {
  const now = deps.clock.now();
  let username: string;
  try {
    username = normaliseUsername(req.username);
  } catch {
    username = '';
  }
  const [accountKey, addressKey] = throttleKeys(username || '(invalid)', req.ip);
  // 1. Take an attempt for the account and for the address before the slow password check, so
  //    guesses sent in parallel cannot all pass; a running wait refuses before any check.
  const admission = await takeAttempts(deps, [
    { limit: 'console_account', key: accountKey, policy: deps.policy.throttle },
    { limit: 'console_address', key: addressKey, policy: deps.policy.throttle },
  ]);
  if (!admission.allowed) {
    throw new EcnError('ECN_ERR_LOGIN_THROTTLED', 'Too many wrong passwords; wait before trying again.', {
      retryAfterSeconds: Math.ceil((admission.until - now) / 1000),
    });
  }
  // 2. Check the password; an unknown or disabled account costs the same as a wrong password,
  //    and the attempts taken stay counted.
  const user = username ? await deps.store.getUser(username) : null;
  const ok = await verifyPassword(req.password, user?.passwordHash ?? (await decoyHash()));
  if (!ok || !user || user.disabledAt !== null) {
    await recordAudit(deps, username || '(invalid)', 'login.failed', null, { ip: req.ip });
    throw new EcnError('ECN_ERR_LOGIN_FAILED', 'Wrong username or password.');
  }
  // 3. The account must act on this box's space (issue #13, item 2). Said only after the right
  //    password, so a guesser learns nothing; the attempts taken stay counted, as for a refusal.
  if (!coversSpace(user, deps.spaceId)) {
    const unset = user.spaces === null;
    await recordAudit(deps, user.username, 'login.failed', null, {
      ip: req.ip,
      reason: unset ? 'spaces-unset' : 'other-space',
    });
    throw unset
      ? new EcnError(
          'ECN_ERR_CONSOLE_SPACES_UNSET',
          'This account acts on no space yet: city staff run `ecn users spaces NAME --space ID`.',
        )
      : new EcnError('ECN_ERR_CONSOLE_SPACE_REFUSED', 'This account does not act on this space.', {
          space: deps.spaceId,
        });
  }
  // 4. Open the session. The account starts afresh; the address only gets its attempt back, so
  //    signing in to one's own account does not wipe the guesses made on others from there.
  await deps.store.deleteCounter(accountKey);
  await giveBack(
    deps,
    admission.taken.filter((t) => t.key === addressKey),
  );
  const token = randomBytes(32).toString('base64url');
  const session: ConsoleSession = {
    id: sessionIdOf(token),
    username: user.username,
    epoch: user.sessionEpoch,
    csrf: randomBytes(32).toString('base64url'),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + deps.policy.maxSessionAgeMs,
    version: 0,
  };
  await deps.store.createConsoleSession(session);
  await recordAudit(deps, user.username, 'login', null, {});
  return { token, session, user };
}

/** The live session and its account for a cookie's token, or null (and the stale session dropped). */
export async function resolveSession(
  deps: AuthDeps,
  token: string,
): Promise<{ session: ConsoleSession; user: ConsoleUser } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = sessionIdOf(token);
  const session = await deps.store.getConsoleSession(id);
  if (!session) return null;
  const user = await deps.store.getUser(session.username);
  const now = deps.clock.now();
  if (!sessionLive(session, user, now, deps.policy.idleTimeoutMs)) {
    await deps.store.deleteConsoleSession(id);
    return null;
  }
  // A session of another space (a shared store) is not let in here, but not ended either: it
  // may be live on its own box.
  if (!coversSpace(user!, deps.spaceId)) return null;
  if (now - session.lastSeenAt < TOUCH_EVERY_MS) return { session, user: user! };
  const touched = await deps.store.updateConsoleSession(id, (s) => ({ ...s, lastSeenAt: now }));
  return touched ? { session: touched, user: user! } : null;
}

export async function logout(deps: AuthDeps, session: ConsoleSession): Promise<void> {
  await deps.store.deleteConsoleSession(session.id);
  await recordAudit(deps, session.username, 'logout', null, {});
}
