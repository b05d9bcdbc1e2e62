// Kick one session (an animator's "disconnect this device"): end it with the cause
// `disconnected`. Whatever enforces access (the RADIUS Disconnect client, a gateway adapter)
// reacts to the `session.ended` event.

import type { Session } from '../domain/session';
import type { ServiceDeps } from './deps';
import { endSession } from './sessions';

export function disconnectSession(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'events' | 'newId'>,
  sessionId: string,
): Promise<Session> {
  return endSession(deps, sessionId, 'disconnected');
}
