// The memory store's staff audit trail, append-only for 90 days like the embedded store's.

import type { AuditEntry, AuditQuery } from '../../domain/console';
import { EcnError } from '../../domain/errors';
import { auditRecord, readRecord } from '../records';
import type { MemoryConnection } from './connection';

/** Audit entries younger than this cannot be removed (the embedded store's trigger). */
const AUDIT_LOCK_MS = 90 * 86_400_000;

export class MemoryAudit {
  constructor(private readonly c: MemoryConnection) {}

  appendAudit(entry: AuditEntry): Promise<void> {
    return this.c.run((d) =>
      d.audit.put(
        `${d.next()}`,
        JSON.stringify(auditRecord.parse({ ...entry, spaceId: this.c.spaceId })),
        d.next(),
      ),
    );
  }

  listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return this.c.run((d) =>
      [...d.audit.rows.values()]
        .reverse()
        .map((row) => readRecord(auditRecord, row.data, 'audit entry'))
        .filter((e) => e.spaceId === undefined || e.spaceId === null || e.spaceId === this.c.spaceId)
        .filter((e) => query.before === undefined || e.at < query.before)
        .filter((e) => query.action === undefined || e.action === query.action)
        .sort((a, b) => b.at - a.at)
        .slice(0, query.limit),
    );
  }

  purgeAudit(before: number): Promise<number> {
    return this.c.run((d) => {
      const lockedFrom = Date.now() - AUDIT_LOCK_MS;
      const doomed = [...d.audit.rows].filter(
        ([, row]) => readRecord(auditRecord, row.data, 'audit entry').at < before,
      );
      // As the embedded store's trigger: a young entry cannot go, and then nothing goes.
      if (doomed.some(([, row]) => readRecord(auditRecord, row.data, 'audit entry').at > lockedFrom)) {
        throw new EcnError('ECN_ERR_STORE_UNAVAILABLE', 'The audit trail is append-only for 90 days.');
      }
      for (const [key] of doomed) d.audit.rows.delete(key);
      return doomed.length;
    });
  }
}
