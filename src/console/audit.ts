// A console account's action, published for the audit trail (src/services/audit-trail.ts
// writes it). For the few routes that act without a staff use case of their own yet.

import type { AuditAction, AuditEntry } from '../domain/console';
import { announce, staff, type AuditDeps } from '../services/audit-trail';

export type { AuditDeps } from '../services/audit-trail';

export function recordAudit(
  deps: Pick<AuditDeps, 'events'>,
  account: string,
  action: AuditAction,
  target: string | null,
  details: AuditEntry['details'] = {},
): Promise<void> {
  return announce(deps, staff(account), action, target, details);
}
