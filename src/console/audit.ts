// Writes the console's audit trail: who did what, when, and publishes the kind of action
// (for the metrics). A failure to write it fails the
// action's request (the action itself is already done, so the error says so in the log).

import type { AuditAction, AuditEntry } from '../domain/console';
import type { ServiceDeps } from '../services/deps';

export type AuditDeps = Pick<ServiceDeps, 'store' | 'clock' | 'newId' | 'events'>;

export async function recordAudit(
  deps: AuditDeps,
  actor: string,
  action: AuditAction,
  target: string | null,
  details: AuditEntry['details'] = {},
): Promise<AuditEntry> {
  const entry: AuditEntry = { id: deps.newId(), at: deps.clock.now(), actor, action, target, details };
  await deps.store.appendAudit(entry);
  // Metrics count console actions by kind (a small fixed set), never who or on what.
  deps.events.emit('console.action_recorded', { action });
  return entry;
}
