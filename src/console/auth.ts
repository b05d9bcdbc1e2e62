// Console login and sessions. A login checks the password in constant time (a decoy hash for
// unknown names), counts wrong passwords per account and per address in the store (the same
// doubling wait as wrong ticket codes), and opens a session kept in the store under the hash
// of the cookie's random token.

import { createHash, randomBytes } from 'node:crypto';
import { EcnError } from '../domain/errors';
import { sessionLive, type ConsoleSession, type ConsoleUser } from '../domain/console';
import { blockedUntil, countWrongCode, type ThrottlePolicy } from '../domain/throttle';
import { decoyHash, verifyPassword } from './passwords';
import { recordAudit, type AuditDeps } from './audit';
import { normaliseUsername } from './accounts';

export interface AuthPolicy {
  idleTimeoutMs: number;
  maxSessionAgeMs: number;
  throttle: ThrottlePolicy;
}

export type AuthDeps = AuditDeps & { policy: AuthPolicy };

/** Sessions are touched at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 30_000;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function throttleKeys(username: string, ip: string): string[] {
  return [`console-login:user:${username}`, `console-login:ip:${ip}`];
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
  const keys = throttleKeys(username || '(invalid)', req.ip);
  // 1. Too many wrong passwords lately: refuse before checking anything.
  for (const key of keys) {
    const until = blockedUntil(await deps.store.getCounter(key), now);
    if (until !== null) {
      throw new EcnError('ECN_ERR_LOGIN_THROTTLED', 'Too many wrong passwords; wait before trying again.', {
        retryAfterSeconds: Math.ceil((until - now) / 1000),
      });
    }
  }
  // 2. Check the password; an unknown or disabled account costs the same as a wrong password.
  const user = username ? await deps.store.getUser(username) : null;
  const ok = await verifyPassword(req.password, user?.passwordHash ?? (await decoyHash()));
  if (!ok || !user || user.disabledAt !== null) {
    for (const key of keys) {
      await deps.store.updateCounter(key, (c) => countWrongCode(c, key, now, deps.policy.throttle));
    }
    await recordAudit(deps, username || '(invalid)', 'login.failed', null, { ip: req.ip });
    throw new EcnError('ECN_ERR_LOGIN_FAILED', 'Wrong username or password.');
  }
  // 3. Open the session.
  await deps.store.deleteCounter(keys[0]!);
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
  if (now - session.lastSeenAt < TOUCH_EVERY_MS) return { session, user: user! };
  const touched = await deps.store.updateConsoleSession(id, (s) => ({ ...s, lastSeenAt: now }));
  return touched ? { session: touched, user: user! } : null;
}

export async function logout(deps: AuthDeps, session: ConsoleSession): Promise<void> {
  await deps.store.deleteConsoleSession(session.id);
  await recordAudit(deps, session.username, 'logout', null, {});
}
