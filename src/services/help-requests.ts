// Residents' calls for help (issue #15, item 5): a portal page asks, the console lists the
// space's open calls and an animator marks one as handled. The same use cases for every edge.

import { deviceKey, type Device } from '../domain/device';
import { EcnError, isEcnError } from '../domain/errors';
import {
  askForHelp,
  countHelpAsk,
  deviceHint,
  helpAskKey,
  type HelpAskPolicy,
  type HelpPage,
  type HelpRequest,
} from '../domain/help-request';
import type { ServiceDeps } from './deps';

export interface HelpPolicy extends HelpAskPolicy {
  /** A call nobody handled is dropped this long after the device last asked (seconds). */
  forgetAfterSeconds: number;
}

export type HelpDeps = Pick<ServiceDeps, 'store' | 'clock' | 'events' | 'newId'>;

/**
 * Records a call for help from `page`: the device's open call is refreshed (one per device),
 * or a new one opened. Past the device's allowance it throws ECN_ERR_HELP_TOO_MANY and
 * writes nothing: the count is taken first, in one atomic step, and refused there.
 */
export async function requestHelp(
  deps: HelpDeps,
  input: { spaceId: string; device: Device; page: HelpPage; policy: HelpPolicy },
): Promise<{ request: HelpRequest; refreshed: boolean }> {
  const now = deps.clock.now();
  const device = deviceKey(input.device);
  const key = helpAskKey(input.spaceId, device);
  try {
    await deps.store.updateCounter(key, (current) => {
      const outcome = countHelpAsk(current, key, now, input.policy);
      if (!outcome.allowed) {
        throw new EcnError('ECN_ERR_HELP_TOO_MANY', 'This device asked for help too many times.', {
          retryAt: outcome.until,
        });
      }
      return outcome.counter;
    });
  } catch (err) {
    if (isEcnError(err, 'ECN_ERR_HELP_TOO_MANY')) deps.events.emit('help.refused', {});
    throw err;
  }
  let refreshed = false;
  const id = deps.newId();
  const request = await deps.store.saveHelpRequest(input.spaceId, device, (current) => {
    refreshed = current !== null;
    return askForHelp(current, {
      id,
      spaceId: input.spaceId,
      device,
      deviceHint: deviceHint(input.device),
      page: input.page,
      now,
    });
  });
  deps.events.emit('help.requested', { page: input.page, refreshed });
  return { request, refreshed };
}

/** The space's open calls, longest waiting first; the forgotten ones are dropped on the way. */
export async function openHelpRequests(
  deps: HelpDeps,
  spaceId: string,
  policy: Pick<HelpPolicy, 'forgetAfterSeconds'>,
): Promise<HelpRequest[]> {
  await deps.store.purgeHelpRequests(spaceId, deps.clock.now() - policy.forgetAfterSeconds * 1000);
  return deps.store.listHelpRequests(spaceId);
}

/** Marks a call as handled (it leaves the list); ECN_ERR_HELP_UNKNOWN when it is not open. */
export async function handleHelpRequest(deps: HelpDeps, spaceId: string, id: string): Promise<HelpRequest> {
  const closed = await deps.store.closeHelpRequest(spaceId, id);
  if (!closed) throw new EcnError('ECN_ERR_HELP_UNKNOWN', 'No open call for help has this identifier.');
  deps.events.emit('help.handled', {
    waitedSeconds: Math.max(0, Math.round((deps.clock.now() - closed.openedAt) / 1000)),
  });
  return closed;
}
