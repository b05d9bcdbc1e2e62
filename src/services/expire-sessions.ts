// Ends the box's own sessions whose ticket expired, ran out of data or was revoked (or whose
// free-access time is over, or the space closed) and has the gateway cut them off. Also cuts
// off sessions ended elsewhere (a revocation by the `ecn` command, another process) since the
// last sweep. Only this space's sessions: a ticket that ended in another space is seen here on
// the ticket itself.

import type { Device } from '../domain/device';
import { isStoreDown } from '../domain/store-health';
import type { EndCause, Session } from '../domain/session';
import { ticketEndCause, ticketState, type TicketState } from '../domain/ticket';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';
import { PeriodicTask } from '../periodic-task';
import { sessionAccess, type AccessDeps } from './client-access';
import { endSession } from './sessions';
import { hoursInForce, isOpenAt } from './opening-hours';
import { runOpenClock } from '../domain/open-clock';

export interface SweepResult {
  ended: number;
  deauthorized: number;
}

/** One sweep. `known` holds the local sessions open at the last sweep; it is updated. */
export async function expireSessions(deps: AccessDeps, known: Map<string, Device>): Promise<SweepResult> {
  const now = deps.clock.now();
  let ended = 0;
  let deauthorized = 0;
  const all = await deps.store.listOpenSessions();
  await runOpenClocks(deps, all, now);
  await endNasSessionsOfEndedTickets(deps, all, now);
  const open = all.filter((s) => s.origin.kind === 'local');
  const stillOpen = new Map<string, Device>();
  for (const s of open) {
    const access = await sessionAccess(deps, s, now);
    // A trusted device allowed outside the hours is not cut at closing time (issue #15, item 2).
    const keepsOpen = s.trustedLabel && deps.policy.trustedDevices?.outsideHours;
    const cause =
      keepsOpen || isOpenAt(deps, now)
        ? endCause(access.ticket ? ticketState(access.ticket, now) : null, access.secondsLeft)
        : 'closed';
    if (cause === null) {
      stillOpen.set(s.id, s.device);
      continue;
    }
    await endSession(deps, s.id, cause);
    await deps.gateway.deauthorize(s.device, s.id);
    ended++;
    deauthorized++;
  }
  for (const [id, device] of known) {
    if (stillOpen.has(id) || open.some((s) => s.id === id)) continue;
    await deps.gateway.deauthorize(device, id);
    deauthorized++;
  }
  known.clear();
  for (const [id, device] of stillOpen) known.set(id, device);
  await deps.store.purgeCounters(now);
  return { ended, deauthorized };
}

/**
 * The safety net for a ticket revoked or used up in another space while this box missed the
 * message (issue #13): this space's NAS sessions of it end here, and the RADIUS Disconnect
 * client cuts them. Their time running out is the NAS's to enforce (Session-Timeout). At
 * closing time (issue #15, item 1) they end too, as the box's own do: the access point's
 * Session-Timeout knows nothing of the space's hours.
 */
async function endNasSessionsOfEndedTickets(deps: AccessDeps, open: Session[], now: number): Promise<void> {
  const closed = !isOpenAt(deps, now);
  for (const s of open) {
    if (s.origin.kind !== 'nas') continue;
    if (closed) {
      await endSession(deps, s.id, 'closed');
      continue;
    }
    if (s.ticketId === null) continue;
    const ticket = await deps.store.getTicket(s.ticketId);
    // An access point ends a session at its own Session-Timeout; a revocation or a used-up quota
    // needs ending here (the Disconnect client reacts to `session.ended`).
    const cause = ticket ? ticketEndCause(ticketState(ticket, now)) : null;
    if (cause === 'revoked' || cause === 'quota') await endSession(deps, s.id, cause);
  }
}

/**
 * Clocks that run only while the space is open (issue #15, item 1) are moved at redemption; an
 * open session's ticket is moved here too, so hours changed in the console during an opening
 * (a later closing) reach it before its session would be ended as out of time.
 */
async function runOpenClocks(deps: AccessDeps, open: Session[], now: number): Promise<void> {
  const hours = hoursInForce(deps);
  if (hours === null) return;
  for (const id of new Set(open.map((s) => s.ticketId))) {
    if (id === null) continue;
    const ticket = await deps.store.getTicket(id);
    if (ticket === null || runOpenClock(ticket, hours, now) === ticket) continue;
    await deps.store.updateTicket(id, (current) => runOpenClock(current, hours, now));
  }
}

function endCause(state: TicketState | null, secondsLeft: number): EndCause | null {
  return (state && ticketEndCause(state)) ?? (secondsLeft > 0 ? null : 'expired');
}

/** Runs `expireSessions` every `intervalMs`; a failing sweep is logged and the next one runs. */
export class SessionSweeper implements Component {
  readonly name = 'session-sweeper';
  private readonly known = new Map<string, Device>();
  private readonly task: PeriodicTask;

  constructor(deps: AccessDeps, intervalMs: number, logger: Logger) {
    this.task = new PeriodicTask(
      async () => {
        const r = await expireSessions(deps, this.known);
        if (r.ended || r.deauthorized) logger.info(r, 'sessions swept');
      },
      intervalMs,
      (err) => {
        // Store down (issue #13, item 4): nothing is cut (no session is known to have ended);
        // the store monitor logged the outage once, so each skipped sweep is only a debug line.
        if (isStoreDown(err))
          logger.debug({ errorCode: err.code }, 'session sweep skipped: store unavailable');
        else logger.error({ err }, 'session sweep failed');
      },
    );
  }

  async start(): Promise<void> {
    this.task.start();
  }

  /** One sweep now (also what the timer runs); overlapping calls share the running one. */
  sweep(): Promise<void> {
    return this.task.run();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }
}
