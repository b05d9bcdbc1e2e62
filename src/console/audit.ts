// Writes the console's audit trail: who did what, when. A failure to write it fails the
// action's request (the action itself is already done, so the error says so in the log).

import type { AuditAction, AuditEntry } from '../domain/console';
import type { ServiceDeps } from '../services/deps';

export type AuditDeps = Pick<ServiceDeps, 'store' | 'clock' | 'newId'>;

export async function recordAudit(
  deps: AuditDeps,
  actor: string,
  action: AuditAction,
  target: string | null,
  details: AuditEntry['details'] = {},
): Promise<AuditEntry> {
  const entry: AuditEntry = { id: deps.newId(), at: deps.clock.now(), actor, action, target, details };
  await deps.store.appendAudit(entry);
  return entry;
}
