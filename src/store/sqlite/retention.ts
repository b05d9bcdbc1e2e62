// The embedded store's retention purges (issue 13): ended sessions, old device bindings, ended
// tickets and their empty batches, old charter acceptances. Each page is one transaction and the
// event loop runs between pages (portal, RADIUS); a record that cannot be read back (corrupt) is
// kept, since nothing can tell whether its time has come.

import type Database from 'better-sqlite3';
import type { Ticket } from '../../domain/ticket';
import { ticketEndedBefore } from '../../domain/retention';
import { readOrNull } from '../read-or-null';
import { acceptanceRecord, ticketRecord } from '../records';
import type { SqliteConnection } from './connection';
import { indexDevices } from './tickets';

/** Rows a purge handles per transaction; the event loop runs between pages (portal, RADIUS). */
const PURGE_PAGE = 500;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class SqliteRetention {
  constructor(private readonly c: SqliteConnection) {}

  async purgeSessions(endedBefore: number): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.c.run(
        (db) =>
          this.c
            .prepare(
              db,
              // INDEXED BY: without statistics the planner would walk every ended session instead.
              'DELETE FROM sessions WHERE rowid IN (SELECT rowid FROM sessions INDEXED BY sessions_ended ' +
                "WHERE open = 0 AND json_valid(data) AND json_extract(data, '$.endedAt') < ? LIMIT ?)",
            )
            .run(endedBefore, PURGE_PAGE).changes,
      );
      total += n;
      if (n < PURGE_PAGE) return total;
      await nextTurn();
    }
  }

  purgeDeviceBindings(endedBefore: number): Promise<number> {
    return this.purgeTicketPages(endedBefore, "AND json_array_length(data, '$.devices') > 0", (db, t) => {
      const next: Ticket = { ...t, devices: [], version: t.version + 1 };
      this.c.prepare(db, 'UPDATE tickets SET data = ? WHERE id = ?').run(JSON.stringify(next), t.id);
      indexDevices(this.c, db, t, next);
      return true;
    });
  }

  purgeTickets(endedBefore: number): Promise<number> {
    return this.purgeTicketPages(endedBefore, '', (db, t) => {
      const open = this.c
        .prepare(db, 'SELECT 1 FROM sessions WHERE ticket_id = ? AND open = 1 LIMIT 1')
        .pluck()
        .get(t.id);
      if (open !== undefined) return false;
      const unbind = this.c.prepare(db, 'DELETE FROM ticket_devices WHERE device = ? AND ticket_id = ?');
      for (const device of new Set(t.devices)) unbind.run(device, t.id);
      this.c.prepare(db, 'DELETE FROM tickets WHERE id = ?').run(t.id);
      this.c
        .prepare(
          db,
          'DELETE FROM batches WHERE id = ? AND NOT EXISTS (SELECT 1 FROM tickets WHERE batch_id = ?)',
        )
        .run(t.batchId, t.batchId);
      return true;
    });
  }

  /**
   * Pages through the tickets created before `endedBefore` (a ticket cannot end before it was
   * made), by rowid, and applies `purge` to each one that ended before it; `purge` says whether
   * it changed anything.
   */
  private async purgeTicketPages(
    endedBefore: number,
    filter: string,
    purge: (db: Database.Database, t: Ticket) => boolean,
  ): Promise<number> {
    let total = 0;
    for (let after = 0; ;) {
      const page = await this.c.run((db) =>
        db
          .transaction(() => {
            const rows = this.c
              .prepare(
                db,
                `SELECT rowid, data FROM tickets WHERE rowid > ? AND created_at < ? ${filter} ` +
                  'ORDER BY rowid LIMIT ?',
              )
              .all(after, endedBefore, PURGE_PAGE) as { rowid: number; data: string }[];
            let changed = 0;
            for (const row of rows) {
              const t = readOrNull(ticketRecord, row.data);
              if (t && ticketEndedBefore(t, endedBefore) && purge(db, t)) changed++;
            }
            return { changed, last: rows.at(-1)?.rowid, full: rows.length === PURGE_PAGE };
          })
          .immediate(),
      );
      total += page.changed;
      if (!page.full || page.last === undefined) return total;
      after = page.last;
      await nextTurn();
    }
  }

  async purgeAcceptances(before: number): Promise<number> {
    let total = 0;
    // Keyset paging on (accepted_at, rowid), the order of the acceptances_at index.
    for (let after = { at: -1, rowid: 0 }; ;) {
      const page = await this.c.run((db) =>
        db
          .transaction(() => {
            const rows = this.c
              .prepare(
                db,
                'SELECT rowid, accepted_at AS at, id, data FROM acceptances INDEXED BY acceptances_at ' +
                  'WHERE accepted_at < ? AND (accepted_at, rowid) > (?, ?) ' +
                  'ORDER BY accepted_at, rowid LIMIT ?',
              )
              .all(before, after.at, after.rowid, PURGE_PAGE) as {
              rowid: number;
              at: number;
              id: string;
              data: string;
            }[];
            const remove = this.c.prepare(db, 'DELETE FROM acceptances WHERE id = ?');
            let removed = 0;
            for (const row of rows) {
              const a = readOrNull(acceptanceRecord, row.data);
              if (!a) continue;
              if (a.ticketId !== null) {
                const data = this.c
                  .prepare(db, 'SELECT data FROM tickets WHERE id = ?')
                  .pluck()
                  .get(a.ticketId) as string | undefined;
                // The proof is kept while its ticket may still be used, and as long after it ended.
                if (data !== undefined) {
                  const t = readOrNull(ticketRecord, data);
                  if (!t || !ticketEndedBefore(t, before)) continue;
                }
              }
              removed += remove.run(row.id).changes;
            }
            const last = rows.at(-1);
            return {
              removed,
              last: last && { at: last.at, rowid: last.rowid },
              full: rows.length === PURGE_PAGE,
            };
          })
          .immediate(),
      );
      total += page.removed;
      if (!page.full || page.last === undefined) return total;
      after = page.last;
      await nextTurn();
    }
  }
}
