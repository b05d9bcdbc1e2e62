// More time for a device's ticket (issue #15, item 3): the allowance of the day is taken
// atomically in the store, the ticket's end moved in one atomic update, and every open local
// session of the ticket let through again for the new time (the nftables set timeout is
// replaced). A session a RADIUS access point opened is sent its new Session-Timeout in a
// CoA-Request (RFC 5176) when its kind applies one; what came of it (ACK, NAK, no answer) is
// returned for the animator to see and for the audit trail, never lost.

import { EcnError } from '../domain/errors';
import { extendTicket, extensionKey, type ExtensionPolicy } from '../domain/extension';
import { bytesLeft, secondsLeft, type Ticket } from '../domain/ticket';
import type { Session } from '../domain/session';
import type { NasTimeOutcome } from '../domain/ports';
import type { AccessDeps } from './client-access';

export interface ExtensionResult {
  ticket: Ticket;
  session: Session;
  /** What was added today after this one, in seconds. */
  usedTodaySeconds: number;
  /** Each open access-point session of the ticket and what its NAS made of the new time. */
  nasUpdates: { sessionId: string; nas: string; outcome: NasTimeOutcome }[];
}

/** Seconds already added to this ticket on the space's day of `now`. */
export async function extendedToday(
  deps: Pick<AccessDeps, 'store' | 'policy'>,
  spaceId: string,
  ticketId: string,
  now: number,
): Promise<number> {
  const c = await deps.store.getCounter(extensionKey(spaceId, ticketId, deps.policy.dayOf(now)));
  return c && c.expiresAt > now ? c.count : 0;
}

export async function extendSessionTime(
  deps: AccessDeps,
  input: { spaceId: string; sessionId: string; addSeconds: number; policy: ExtensionPolicy },
): Promise<ExtensionResult> {
  const now = deps.clock.now();
  const session = await deps.store.getSession(input.sessionId);
  if (!session || session.endedAt !== null || session.ticketId === null) {
    throw new EcnError('ECN_ERR_EXTENSION_NOT_ACTIVE', 'Only a ticket in use can be given more time.');
  }
  const ticketId = session.ticketId;
  const ticket = await deps.store.getTicket(ticketId);
  if (!ticket) throw new EcnError('ECN_ERR_EXTENSION_NOT_ACTIVE', 'The session has no ticket any more.');
  // A check without writing first, so a refusal for the window or the state counts nothing.
  extendTicket(
    ticket,
    input.addSeconds,
    now,
    await extendedToday(deps, input.spaceId, ticketId, now),
    input.policy,
  );

  const key = extensionKey(input.spaceId, ticketId, deps.policy.dayOf(now));
  const counter = await deps.store.updateCounter(key, (current) => {
    const used = current && current.expiresAt > now ? current.count : 0;
    if (used + input.addSeconds > input.policy.maxPerDaySeconds) {
      throw new EcnError('ECN_ERR_EXTENSION_DAILY_MAX', 'This ticket had its most added time for the day.', {
        maxPerDaySeconds: input.policy.maxPerDaySeconds,
        usedSeconds: used,
      });
    }
    return {
      key,
      count: used + input.addSeconds,
      firstAt: current?.firstAt ?? now,
      until: null,
      // Kept two days: the day's allowance is read on that day only.
      expiresAt: now + 2 * 86400_000,
      version: (current?.version ?? 0) + 1,
    };
  });
  let extended: Ticket | null;
  try {
    extended = await deps.store.updateTicket(ticketId, (t) =>
      extendTicket(t, input.addSeconds, now, counter.count - input.addSeconds, input.policy),
    );
  } catch (err) {
    // The ticket changed meanwhile (revoked, window): the allowance taken is given back.
    await deps.store.updateCounter(key, (current) => ({
      ...(current ?? counter),
      count: Math.max(0, (current?.count ?? counter.count) - input.addSeconds),
      version: (current?.version ?? 0) + 1,
    }));
    throw err;
  }
  if (!extended) throw new EcnError('ECN_ERR_EXTENSION_NOT_ACTIVE', 'The session has no ticket any more.');
  const seconds = secondsLeft(extended, now);
  const nasUpdates: ExtensionResult['nasUpdates'] = [];
  for (const s of await deps.store.listSessionsByTicket(ticketId)) {
    if (s.endedAt !== null) continue;
    if (s.origin.kind === 'nas') {
      const outcome = (await deps.nasSessions?.changeSessionTimeout(s.id, seconds)) ?? 'unsupported';
      nasUpdates.push({ sessionId: s.id, nas: s.origin.nas, outcome });
      continue;
    }
    if (s.origin.kind !== 'local') continue;
    await deps.gateway.authorize({
      device: s.device,
      sessionId: s.id,
      secondsLeft: seconds,
      bytesLeft: bytesLeft(extended),
      bandwidthUpBps: extended.limits.bandwidthUpBps,
      bandwidthDownBps: extended.limits.bandwidthDownBps,
      idleTimeoutSeconds: extended.limits.idleTimeoutSeconds,
    });
  }
  deps.events.emit('ticket.extended', { ticketId, addSeconds: input.addSeconds });
  return { ticket: extended, session, usedTodaySeconds: counter.count, nasUpdates };
}
