// The embedded store's batches and tickets, and the device → ticket index kept in step with
// each ticket's bindings (for RADIUS MAC authentication and the portal's "who is this device").

import type Database from 'better-sqlite3';
import type { BatchWithTickets, Mutation, TicketQuery } from '../../domain/ports';
import type { Batch, Ticket } from '../../domain/ticket';
import { deviceBindings, unboundDevices } from '../device-index';
import { ParsedRows } from '../parsed-rows';
import { batchRecord, readRecord, ticketRecord } from '../records';
import type { SqliteConnection } from './connection';

export class SqliteTickets {
  // The row is read at every request; only its parsing is spared when the text is unchanged.
  private readonly parsedTickets = new ParsedRows(ticketRecord, 'ticket');

  constructor(private readonly c: SqliteConnection) {}

  /** Forgets the parsed rows (the store stopped; the next database may hold other texts). */
  forget(): void {
    this.parsedTickets.clear();
  }

  createBatch(batch: Batch, tickets: Ticket[]): Promise<void> {
    return this.c.run((db) => {
      const insertBatch = db.prepare('INSERT INTO batches (id, created_at, data) VALUES (?, ?, ?)');
      const insertTicket = db.prepare(
        'INSERT INTO tickets (id, code, batch_id, created_at, data) VALUES (?, ?, ?, ?, ?)',
      );
      db.transaction(() => {
        insertBatch.run(batch.id, batch.createdAt, JSON.stringify(batch));
        for (const t of tickets) {
          insertTicket.run(t.id, t.code, t.batchId, t.createdAt, JSON.stringify(t));
          indexDevices(this.c, db, null, t);
        }
      }).immediate();
    });
  }

  getBatch(id: string): Promise<Batch | null> {
    return this.c.run((db) => {
      const row = db.prepare('SELECT data FROM batches WHERE id = ?').get(id) as { data: string } | undefined;
      return row ? readRecord(batchRecord, row.data, 'batch') : null;
    });
  }

  listBatches(limit: number): Promise<Batch[]> {
    return this.c.run((db) => {
      const rows = db.prepare('SELECT data FROM batches ORDER BY created_at DESC, id LIMIT ?').all(limit) as {
        data: string;
      }[];
      return rows.map((r) => readRecord(batchRecord, r.data, 'batch'));
    });
  }

  listBatchesWithTickets(limit: number): Promise<BatchWithTickets[]> {
    return this.c.run((db) => {
      // One statement: the newest batches joined to their tickets, in listTickets' order.
      const rows = db
        .prepare(
          'SELECT b.id AS id, b.data AS batch, t.data AS ticket FROM ' +
            '(SELECT id, data, created_at FROM batches ORDER BY created_at DESC, id LIMIT ?) b ' +
            'LEFT JOIN tickets t ON t.batch_id = b.id ' +
            'ORDER BY b.created_at DESC, b.id, t.created_at DESC, t.rowid',
        )
        .all(limit) as { id: string; batch: string; ticket: string | null }[];
      const out: BatchWithTickets[] = [];
      for (const r of rows) {
        if (out.at(-1)?.batch.id !== r.id)
          out.push({ batch: readRecord(batchRecord, r.batch, 'batch'), tickets: [] });
        if (r.ticket !== null) out.at(-1)!.tickets.push(readRecord(ticketRecord, r.ticket, 'ticket'));
      }
      return out;
    });
  }

  getTicket(id: string): Promise<Ticket | null> {
    return this.c.run((db) => this.readTicket(db, 'id', id));
  }

  findTicketByCode(code: string): Promise<Ticket | null> {
    return this.c.run((db) => this.readTicket(db, 'code', code));
  }

  private readTicket(db: Database.Database, column: 'id' | 'code', value: string): Ticket | null {
    // pluck: the one column as a value, without building a row object.
    const data = this.c.prepare(db, `SELECT data FROM tickets WHERE ${column} = ?`).pluck().get(value) as
      string | undefined;
    return data === undefined ? null : this.parsedTickets.read(data);
  }

  listTickets(query: TicketQuery): Promise<Ticket[]> {
    return this.c.run((db) => {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (query.batchId !== undefined) {
        where.push('batch_id = ?');
        args.push(query.batchId);
      }
      if (query.createdSince !== undefined) {
        where.push('created_at >= ?');
        args.push(query.createdSince);
      }
      const sql =
        'SELECT data FROM tickets' +
        (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
        ' ORDER BY created_at DESC, rowid LIMIT ?';
      const rows = db.prepare(sql).all(...args, query.limit ?? 10000) as { data: string }[];
      return rows.map((r) => readRecord(ticketRecord, r.data, 'ticket'));
    });
  }

  updateTicket(id: string, change: Mutation<Ticket>): Promise<Ticket | null> {
    return this.c.run((db) =>
      db
        .transaction(() => {
          const current = this.readTicket(db, 'id', id);
          if (!current) return null;
          const next = ticketRecord.parse(change(current));
          this.c.prepare(db, 'UPDATE tickets SET data = ? WHERE id = ?').run(JSON.stringify(next), id);
          indexDevices(this.c, db, current, next);
          return next;
        })
        .immediate(),
    );
  }

  listTicketsByDevice(device: string, now: number, limit: number): Promise<Ticket[]> {
    return this.c.run((db) => {
      const rows = this.c
        .prepare(
          db,
          'SELECT t.data FROM ticket_devices d JOIN tickets t ON t.id = d.ticket_id ' +
            'WHERE d.device = ? AND d.usable_until > ? ORDER BY d.usable_until DESC, d.ticket_id LIMIT ?',
        )
        .pluck()
        .all(device, now, limit) as string[];
      return rows.map((data) => readRecord(ticketRecord, data, 'ticket'));
    });
  }
}

/** Keeps `ticket_devices` in step with a ticket's bindings; runs inside the ticket's transaction. */
export function indexDevices(
  c: SqliteConnection,
  db: Database.Database,
  before: Ticket | null,
  after: Ticket,
): void {
  const remove = c.prepare(db, 'DELETE FROM ticket_devices WHERE device = ? AND ticket_id = ?');
  for (const device of before ? unboundDevices(before, after) : []) remove.run(device, after.id);
  const upsert = c.prepare(
    db,
    'INSERT INTO ticket_devices (device, ticket_id, usable_until) VALUES (?, ?, ?) ' +
      'ON CONFLICT (device, ticket_id) DO UPDATE SET usable_until = excluded.usable_until',
  );
  for (const b of deviceBindings(after)) upsert.run(b.device, after.id, b.usableUntil);
}
