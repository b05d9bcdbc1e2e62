// What staff do to residents' sessions from the console's "connected now" page: end one, or
// give its ticket more time. Published with who acted, for the audit trail.

import type { Actor } from '../domain/events';
import type { Session } from '../domain/session';
import { announce } from './audit-trail';
import type { AccessDeps } from './client-access';
import { disconnectSession } from './disconnect-session';
import { extendSessionTime, type ExtensionResult } from './extend-ticket';
import type { ServiceDeps } from './deps';
import type { ExtensionPolicy } from '../domain/extension';

export async function disconnectSessionAs(
  deps: ServiceDeps,
  actor: Actor,
  sessionId: string,
): Promise<Session> {
  const s = await disconnectSession(deps, sessionId);
  await announce(deps, actor, 'session.disconnected', s.id, { ticketId: s.ticketId, origin: s.origin.kind });
  return s;
}

export async function extendSessionAs(
  deps: AccessDeps,
  actor: Actor,
  input: { spaceId: string; sessionId: string; addSeconds: number; policy: ExtensionPolicy },
): Promise<ExtensionResult> {
  const extended = await extendSessionTime(deps, input);
  await announce(deps, actor, 'session.extended', input.sessionId, {
    ticketId: extended.ticket.id,
    addedMinutes: input.addSeconds / 60,
    todayMinutes: extended.usedTodaySeconds / 60,
    // What each access point answered to the new time (CoA): a NAK or silence is on record.
    ...(extended.nasUpdates.length > 0
      ? { accessPoint: extended.nasUpdates.map((u) => `${u.nas}: ${u.outcome}`).join(', ') }
      : {}),
  });
  return extended;
}
