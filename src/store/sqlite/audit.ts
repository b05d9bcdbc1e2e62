// The embedded store's staff audit trail: appended with the box's space, listed newest first,
// purged past its retention (the database itself refuses to drop an entry younger than 90 days).

import type { AuditEntry, AuditQuery } from '../../domain/console';
import { auditRecord, readRecord } from '../records';
import type { SqliteConnection } from './connection';

export class SqliteAudit {
  constructor(private readonly c: SqliteConnection) {}

  appendAudit(entry: AuditEntry): Promise<void> {
    return this.c.run((db) => {
      db.prepare('INSERT INTO audit (id, at, action, data) VALUES (?, ?, ?, ?)').run(
        entry.id,
        entry.at,
        entry.action,
        JSON.stringify(auditRecord.parse({ ...entry, spaceId: this.c.spaceId })),
      );
    });
  }

  listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return this.c.run((db) => {
      // An embedded store is one box's: entries written before spaces were recorded are its own.
      const where: string[] = [
        "(json_extract(data, '$.spaceId') IS NULL OR json_extract(data, '$.spaceId') = ?)",
      ];
      const args: (string | number)[] = [this.c.spaceId];
      if (query.before !== undefined) {
        where.push('at < ?');
        args.push(query.before);
      }
      if (query.action !== undefined) {
        where.push('action = ?');
        args.push(query.action);
      }
      const sql =
        'SELECT data FROM audit' +
        (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
        ' ORDER BY at DESC, rowid DESC LIMIT ?';
      return (
        db
          .prepare(sql)
          .pluck()
          .all(...args, query.limit) as string[]
      ).map((d) => readRecord(auditRecord, d, 'audit entry'));
    });
  }

  purgeAudit(before: number): Promise<number> {
    return this.c.run((db) => db.prepare('DELETE FROM audit WHERE at < ?').run(before).changes);
  }
}
