// The memory store's batches and tickets; a ticket's devices are found from its bindings, as the
// embedded store's device index would.

import type { BatchWithTickets, Mutation, TicketQuery } from '../../domain/ports';
import type { Batch, Ticket } from '../../domain/ticket';
import { EcnError } from '../../domain/errors';
import { deviceBindings } from '../device-index';
import { batchRecord, ticketRecord } from '../records';
import type { MemoryConnection } from './connection';
import { all, read } from './rows';

export class MemoryTickets {
  constructor(private readonly c: MemoryConnection) {}

  createBatch(batch: Batch, tickets: Ticket[]): Promise<void> {
    return this.c.run((d) => {
      const rows = tickets.map((t) => ticketRecord.parse(t));
      const codes = new Set(rows.map((t) => t.code));
      if (codes.size !== rows.length || rows.some((t) => d.codes.has(t.code) || d.tickets.rows.has(t.id))) {
        throw new EcnError('ECN_ERR_STORE_UNAVAILABLE', 'A ticket code or id is already stored.');
      }
      d.batches.put(batch.id, JSON.stringify(batchRecord.parse(batch)), d.next());
      for (const t of rows) {
        d.tickets.put(t.id, JSON.stringify(t), d.next());
        d.codes.set(t.code, t.id);
      }
    });
  }

  getBatch(id: string): Promise<Batch | null> {
    return this.c.run((d) => read(batchRecord, d.batches.rows.get(id), 'batch'));
  }

  listBatches(limit: number): Promise<Batch[]> {
    return this.c.run((d) =>
      all(batchRecord, d.batches, 'batch')
        .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
        .slice(0, limit),
    );
  }

  async listBatchesWithTickets(limit: number): Promise<BatchWithTickets[]> {
    // Memory has no round trips to save: the batches, then each one's tickets as listTickets gives them.
    const batches = await this.listBatches(limit);
    return Promise.all(
      batches.map(async (batch) => ({ batch, tickets: await this.listTickets({ batchId: batch.id }) })),
    );
  }

  getTicket(id: string): Promise<Ticket | null> {
    return this.c.run((d) => read(ticketRecord, d.tickets.rows.get(id), 'ticket'));
  }

  findTicketByCode(code: string): Promise<Ticket | null> {
    return this.c.run((d) => {
      const id = d.codes.get(code);
      return id === undefined ? null : read(ticketRecord, d.tickets.rows.get(id), 'ticket');
    });
  }

  listTickets(query: TicketQuery): Promise<Ticket[]> {
    return this.c.run((d) =>
      all(ticketRecord, d.tickets, 'ticket')
        .filter((t) => query.batchId === undefined || t.batchId === query.batchId)
        .filter((t) => query.createdSince === undefined || t.createdAt >= query.createdSince)
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, query.limit ?? 10000),
    );
  }

  updateTicket(id: string, change: Mutation<Ticket>): Promise<Ticket | null> {
    return this.c.run((d) => {
      const current = read(ticketRecord, d.tickets.rows.get(id), 'ticket');
      if (!current) return null;
      const next = ticketRecord.parse(change(current));
      d.tickets.put(id, JSON.stringify(next), d.next());
      return next;
    });
  }

  listTicketsByDevice(device: string, now: number, limit: number): Promise<Ticket[]> {
    return this.c.run((d) =>
      all(ticketRecord, d.tickets, 'ticket')
        .map((t) => ({ t, until: deviceBindings(t).find((b) => b.device === device)?.usableUntil }))
        .filter((x): x is { t: Ticket; until: number } => x.until !== undefined && x.until > now)
        .sort((a, b) => b.until - a.until || a.t.id.localeCompare(b.t.id))
        .slice(0, limit)
        .map((x) => x.t),
    );
  }
}
