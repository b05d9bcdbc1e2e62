// The memory store's retention purges (issue 13): a record that cannot be read back is kept, as
// in SQLite.

import { ticketEndedBefore } from '../../domain/retention';
import { readOrNull } from '../read-or-null';
import { acceptanceRecord, sessionRecord, ticketRecord } from '../records';
import type { MemoryConnection } from './connection';
import { all, remove } from './rows';

export class MemoryRetention {
  constructor(private readonly c: MemoryConnection) {}

  purgeSessions(endedBefore: number): Promise<number> {
    return this.c.run((d) =>
      remove(d.sessions, sessionRecord, (s) => s.endedAt !== null && s.endedAt < endedBefore),
    );
  }

  purgeDeviceBindings(endedBefore: number): Promise<number> {
    return this.c.run((d) => {
      let n = 0;
      for (const [id, row] of d.tickets.rows) {
        const t = readOrNull(ticketRecord, row.data);
        if (!t || t.devices.length === 0 || !ticketEndedBefore(t, endedBefore)) continue;
        d.tickets.put(id, JSON.stringify({ ...t, devices: [], version: t.version + 1 }), d.next());
        n++;
      }
      return n;
    });
  }

  purgeAcceptances(before: number): Promise<number> {
    return this.c.run((d) =>
      remove(d.acceptances, acceptanceRecord, (a) => {
        if (a.acceptedAt >= before) return false;
        if (a.ticketId === null) return true;
        const row = d.tickets.rows.get(a.ticketId);
        if (!row) return true;
        // The proof is kept while its ticket may still be used, and as long after it ended.
        const t = readOrNull(ticketRecord, row.data);
        return t !== null && ticketEndedBefore(t, before);
      }),
    );
  }

  purgeTickets(endedBefore: number): Promise<number> {
    return this.c.run((d) => {
      const open = new Set(
        all(sessionRecord, d.sessions, 'session', true)
          .filter((s) => s.endedAt === null)
          .map((s) => s.ticketId),
      );
      const gone = new Set<string>();
      const n = remove(d.tickets, ticketRecord, (t) => {
        if (open.has(t.id) || !ticketEndedBefore(t, endedBefore)) return false;
        d.codes.delete(t.code);
        gone.add(t.batchId);
        return true;
      });
      const left = new Set(all(ticketRecord, d.tickets, 'ticket', true).map((t) => t.batchId));
      for (const batch of gone) if (!left.has(batch)) d.batches.rows.delete(batch);
      return n;
    });
  }
}
