// Sessions as use cases: start one when a device gets access, record its traffic (which also
// counts against the ticket's quota), end it with a cause. Portal, RADIUS accounting and the
// gateway adapters all go through these, so a session means the same thing everywhere.

import { EcnError } from '../domain/errors';
import {
  endSession as endSessionRule,
  recordTraffic,
  type EndCause,
  type Session,
  type SessionOrigin,
} from '../domain/session';
import { deviceKey, type Device } from '../domain/device';
import { addUsage, ticketState } from '../domain/ticket';
import type { ServiceDeps } from './deps';

/** Open sessions read per device at most (a device holds one; see `openSessionsOf`). */
export const OPEN_SESSIONS_PER_DEVICE = 16;

type Deps = Pick<ServiceDeps, 'store' | 'clock' | 'events' | 'newId'>;

/**
 * Creates the session and publishes `session.started`, unless `announce` is false: the portal's
 * login announces it itself once the gateway has answered, so that the journal's start entry
 * holds the NAT port block the gateway gave.
 */
export async function startSession(
  deps: Deps,
  req: {
    ticketId: string | null;
    device: Device;
    origin: SessionOrigin;
    nasSessionId?: string | null;
    /** A trusted device of the space (issue #15, item 2): its label. */
    trustedLabel?: string;
  },
  options: { announce?: boolean } = {},
): Promise<Session> {
  const now = deps.clock.now();
  const session: Session = {
    id: deps.newId(),
    spaceId: deps.store.spaceId,
    ticketId: req.ticketId,
    device: req.device,
    origin: req.origin,
    startedAt: now,
    lastSeenAt: now,
    bytesIn: 0,
    bytesOut: 0,
    endedAt: null,
    endCause: null,
    nasSessionId: req.nasSessionId ?? null,
    ...(req.trustedLabel ? { trustedLabel: req.trustedLabel } : {}),
  };
  await deps.store.createSession(session);
  if (options.announce !== false) announceSession(deps, session);
  return session;
}

/** Publishes `session.started` for a session created with `announce: false`. */
export function announceSession(deps: Pick<Deps, 'events'>, session: Session): void {
  deps.events.emit('session.started', {
    sessionId: session.id,
    ticketId: session.ticketId,
    origin: session.origin,
    session,
  });
}

/**
 * Ends a session once; ending it again returns it unchanged and publishes nothing. `announce:
 * false` publishes nothing either: for a session never announced (the gateway refused it), which
 * carried no traffic and so has no place in the journal, the statistics or the metrics.
 */
export async function endSession(
  deps: Pick<Deps, 'store' | 'clock' | 'events'>,
  sessionId: string,
  cause: EndCause,
  options: { announce?: boolean } = {},
): Promise<Session> {
  const now = deps.clock.now();
  let endedNow = false;
  const s = await deps.store.updateSession(sessionId, (cur) => {
    endedNow = cur.endedAt === null;
    return endSessionRule(cur, cause, now);
  });
  if (!s) throw new EcnError('ECN_ERR_SESSION_UNKNOWN', 'No session has this identifier.');
  if (endedNow && options.announce !== false) {
    deps.events.emit('session.ended', {
      sessionId: s.id,
      ticketId: s.ticketId,
      cause: s.endCause ?? cause,
      durationSeconds: Math.round((s.lastSeenAt - s.startedAt) / 1000),
      session: s,
    });
  }
  return s;
}

/**
 * Records a session's traffic totals (as a NAS or the gateway counters report them). Only the
 * growth since the last report is added to the ticket, so a retransmitted report counts once.
 * Returns whether the ticket is now over its quota or out of time (the caller ends the session).
 */
export async function recordSessionTraffic(
  deps: Deps,
  sessionId: string,
  totals: { bytesIn: number; bytesOut: number },
): Promise<{ session: Session; limitReached: 'quota' | 'expired' | null }> {
  const now = deps.clock.now();
  let delta = 0;
  const s = await deps.store.updateSession(sessionId, (cur) => {
    const next = recordTraffic(cur, totals, now);
    delta = next.bytesIn + next.bytesOut - (cur.bytesIn + cur.bytesOut);
    return next;
  });
  if (!s) throw new EcnError('ECN_ERR_SESSION_UNKNOWN', 'No session has this identifier.');
  if (s.ticketId === null) return { session: s, limitReached: null };
  const ticket =
    delta > 0
      ? await deps.store.updateTicket(s.ticketId, (t) => addUsage(t, delta))
      : await deps.store.getTicket(s.ticketId);
  if (!ticket) return { session: s, limitReached: null };
  const state = ticketState(ticket, now);
  return {
    session: s,
    limitReached: state === 'exhausted' ? 'quota' : state === 'expired' ? 'expired' : null,
  };
}

/** The open session of this device under this ticket, if any (a device coming back). */
export async function findOpenSession(
  deps: Pick<Deps, 'store'>,
  ticketId: string,
  device: Device,
): Promise<Session | null> {
  // By device, not by ticket: a ticket's past sessions are many, a device's open ones are few.
  const open = await deps.store.listOpenSessionsByDevice(deviceKey(device), OPEN_SESSIONS_PER_DEVICE);
  return open.find((s) => s.ticketId === ticketId) ?? null;
}
