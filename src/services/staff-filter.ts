// A manager's filtering choices (blocked categories, own allowed and blocked names) saved as the
// space's settings, then published with who acted for the audit trail (issue #14, item 4): the
// edge only writes the DNS process's files and asks for the rebuild.

import type { FilterChoices } from '../domain/console';
import type { Actor } from '../domain/events';
import { actorText, announce } from './audit-trail';
import type { ServiceDeps } from './deps';
import type { LiveSpaceSettings } from './space-settings';

export interface FilterChange {
  /** Categories blocked now that were not before, and those no longer blocked. */
  added: string[];
  removed: string[];
}

export async function saveFilterChoicesAs(
  deps: Pick<ServiceDeps, 'events'>,
  live: LiveSpaceSettings,
  actor: Actor,
  next: FilterChoices,
): Promise<FilterChange> {
  const before = live.current().filter;
  const added = next.categories.filter((c) => !before.categories.includes(c));
  const removed = before.categories.filter((c) => !next.categories.includes(c));
  await live.save(actorText(actor), (current) => ({ ...current, filter: next }));
  await announce(deps, actor, 'settings.changed', 'filter', {
    categoriesAdded: added.join(', ') || null,
    categoriesRemoved: removed.join(', ') || null,
    allow: next.allow.length,
    block: next.block.length,
  });
  return { added, removed };
}
