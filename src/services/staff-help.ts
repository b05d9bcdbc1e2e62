// A staff member marks a resident's call for help as handled (issue #15, item 5): the same
// use case as the residents' side, published with who handled it for the audit trail.

import type { Actor } from '../domain/events';
import type { HelpRequest } from '../domain/help-request';
import { announce } from './audit-trail';
import type { ServiceDeps } from './deps';
import { handleHelpRequest } from './help-requests';

export async function handleHelpRequestAs(
  deps: ServiceDeps,
  actor: Actor,
  spaceId: string,
  id: string,
): Promise<HelpRequest> {
  const handled = await handleHelpRequest(deps, spaceId, id);
  await announce(deps, actor, 'help.handled', handled.id, {
    page: handled.page,
    waitedMinutes: Math.max(0, Math.round((deps.clock.now() - handled.openedAt) / 60_000)),
  });
  return handled;
}
