// Guessing limits that hold under concurrency: an attempt is taken (counted atomically in the
// store) before the password or code is checked, for every limit it falls under; a wait that is
// running refuses it before anything is checked. Used by the console sign-in, the own-password
// change, the portal login and RADIUS PAP/CHAP.

import type { EventBus } from '../domain/events';
import type { CounterStore } from '../domain/ports';
import {
  blockedUntil,
  returnAttempt,
  takeAttempt,
  type GuessLimit,
  type TakenAttempt,
  type ThrottlePolicy,
} from '../domain/throttle';

export interface GuessGuard {
  limit: GuessLimit;
  key: string;
  policy: ThrottlePolicy;
}

export interface GuessLimitDeps {
  store: CounterStore;
  clock: { now(): number };
  events: EventBus;
}

export type Admission =
  { allowed: true; taken: TakenAttempt[] } | { allowed: false; limit: GuessLimit; until: number };

/**
 * Takes one attempt under each guard, in order. Refused at the first guard whose wait runs;
 * the attempts already taken under the earlier guards are then given back (they were not
 * checked). A running wait is first looked for with plain reads, so a flood of refused guesses
 * costs no store write.
 */
export async function takeAttempts(deps: GuessLimitDeps, guards: GuessGuard[]): Promise<Admission> {
  const now = deps.clock.now();
  for (const g of guards) {
    const until = blockedUntil(await deps.store.getCounter(g.key), now);
    if (until !== null) return refuse(deps, g.limit, until);
  }
  const taken: TakenAttempt[] = [];
  for (const g of guards) {
    let outcome: ReturnType<typeof takeAttempt> | undefined;
    let before: TakenAttempt['before'] = null;
    // `change` may run more than once (Redis retries); the last run is the one stored.
    const after = await deps.store.updateCounter(g.key, (current) => {
      before = current;
      outcome = takeAttempt(current, g.key, now, g.policy);
      return outcome.counter;
    });
    if (!outcome!.allowed) {
      await giveBack(deps, taken);
      return refuse(deps, g.limit, outcome!.until);
    }
    taken.push({ key: g.key, before, after });
  }
  return { allowed: true, taken };
}

/** Gives back attempts that turned out to be no guess (a right password, a real ticket). */
export async function giveBack(deps: GuessLimitDeps, taken: TakenAttempt[]): Promise<void> {
  const now = deps.clock.now();
  for (const t of taken) await deps.store.updateCounter(t.key, (current) => returnAttempt(current, t, now));
}

function refuse(deps: GuessLimitDeps, limit: GuessLimit, until: number): Admission {
  deps.events.emit('guess.refused', { limit });
  return { allowed: false, limit, until };
}

/** Until when the guard's wait runs (a refusal, counted), or null; a plain read. */
export async function waitingUntil(deps: GuessLimitDeps, guard: GuessGuard): Promise<number | null> {
  const until = blockedUntil(await deps.store.getCounter(guard.key), deps.clock.now());
  if (until !== null) deps.events.emit('guess.refused', { limit: guard.limit });
  return until;
}

/**
 * Counts a wrong guess once checked, atomically; returns until when the sender must now wait
 * (the guess that reaches the allowance already answers "wait"), or null. For limits shared
 * by many honest senders (an access point), where taking attempts before the check would
 * count logins in progress as guesses.
 */
export async function countGuess(deps: GuessLimitDeps, guard: GuessGuard): Promise<number | null> {
  const now = deps.clock.now();
  let outcome: ReturnType<typeof takeAttempt> | undefined;
  const counter = await deps.store.updateCounter(guard.key, (current) => {
    outcome = takeAttempt(current, guard.key, now, guard.policy);
    return outcome.counter;
  });
  const until = outcome!.allowed ? blockedUntil(counter, now) : outcome!.until;
  if (until !== null) deps.events.emit('guess.refused', { limit: guard.limit });
  return until;
}
