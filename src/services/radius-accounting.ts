// RADIUS accounting as a use case: a NAS reports a session starting, its traffic so far, its
// end, or its own reboot. Idempotent: counters only grow and a session ends once, so a
// retransmitted record changes nothing. A quota or time limit reached ends the session (the
// Disconnect client reacts to `session.ended`).

import type { Device } from '../domain/device';
import type { RadiusAccountingOutcome, RadiusAccountingStatus } from '../domain/events';
import type { EndCause, Session } from '../domain/session';
import { ticketState, type Ticket } from '../domain/ticket';
import type { ServiceDeps } from './deps';
import { findTicket } from './find-ticket';
import { endSession, recordSessionTraffic, startSession } from './sessions';

type Deps = Pick<ServiceDeps, 'store' | 'clock' | 'events' | 'newId'>;

export interface AccountingRecord {
  status: RadiusAccountingStatus;
  /** The NAS's address, kept as the session's origin so a Disconnect can reach it. */
  nasAddress: string;
  nasSessionId: string | null;
  /** From the echoed Class, when the NAS sends it back. */
  ticketId: string | null;
  /** User-Name, used when there is no Class. */
  userName: string | null;
  device: Device | null;
  totals: { bytesIn: number; bytesOut: number } | null;
  /** What the NAS says ended the session (Stop only). */
  endCause: EndCause;
}

export interface AccountingResult {
  outcome: RadiusAccountingOutcome;
  session: Session | null;
}

export async function recordAccounting(deps: Deps, rec: AccountingRecord): Promise<AccountingResult> {
  switch (rec.status) {
    case 'on':
    case 'off':
      return endNasSessions(deps, rec.nasAddress);
    case 'start':
    case 'interim':
    case 'stop':
      return recordSessionRecord(deps, rec);
    default:
      return { outcome: 'unknown_session', session: null };
  }
}

async function recordSessionRecord(deps: Deps, rec: AccountingRecord): Promise<AccountingResult> {
  const ticket = await ticketOf(deps, rec);
  if (ticket === null || rec.nasSessionId === null) return { outcome: 'unknown_session', session: null };
  // Indexed by (ticket, NAS, Acct-Session-Id): one read, however many sessions the ticket had.
  const existing = await deps.store.findNasSession(ticket.id, rec.nasAddress, rec.nasSessionId);
  if (existing && existing.endedAt !== null) {
    // A retransmitted Stop, or a record after the end: already counted.
    return { outcome: 'duplicate', session: existing };
  }
  if (rec.status === 'start' && existing) return { outcome: 'duplicate', session: existing };
  // An Interim-Update or Stop whose Start was lost still counts: open the session now.
  const session =
    existing ??
    (rec.device === null
      ? null
      : await startSession(deps, {
          ticketId: ticket.id,
          device: rec.device,
          origin: { kind: 'nas', nas: rec.nasAddress },
          nasSessionId: rec.nasSessionId,
        }));
  if (session === null) return { outcome: 'unknown_session', session: null };
  if (!existing && rec.status === 'start') {
    // Accepted just before a revocation or the end of its time: the NAS must let it go.
    const cause = endCauseOf(ticket, deps.clock.now());
    if (cause !== null)
      return { outcome: 'limit_reached', session: await endSession(deps, session.id, cause) };
  }
  if (rec.status === 'start' || rec.totals === null) {
    if (rec.status === 'stop')
      return { outcome: 'recorded', session: await endSession(deps, session.id, rec.endCause) };
    return { outcome: 'recorded', session };
  }
  const traffic = await recordSessionTraffic(deps, session.id, rec.totals);
  if (rec.status === 'stop') {
    return { outcome: 'recorded', session: await endSession(deps, session.id, rec.endCause) };
  }
  if (traffic.limitReached !== null) {
    return { outcome: 'limit_reached', session: await endSession(deps, session.id, traffic.limitReached) };
  }
  return { outcome: 'recorded', session: traffic.session };
}

function endCauseOf(ticket: Ticket, now: number): EndCause | null {
  switch (ticketState(ticket, now)) {
    case 'revoked':
      return 'revoked';
    case 'expired':
      return 'expired';
    case 'exhausted':
      return 'quota';
    default:
      return null;
  }
}

async function ticketOf(deps: Deps, rec: AccountingRecord): Promise<Ticket | null> {
  if (rec.ticketId !== null) {
    const byClass = await deps.store.getTicket(rec.ticketId);
    if (byClass) return byClass;
  }
  if (rec.userName === null) return null;
  try {
    return await findTicket(deps.store, rec.userName);
  } catch {
    return null;
  }
}

/** Accounting-On/Off: the NAS rebooted, so every session it held is over. */
async function endNasSessions(deps: Deps, nasAddress: string): Promise<AccountingResult> {
  for (const s of await deps.store.listOpenSessions()) {
    if (s.origin.kind === 'nas' && s.origin.nas === nasAddress) await endSession(deps, s.id, 'nas-reboot');
  }
  return { outcome: 'recorded', session: null };
}
