// List tickets with the state they are in now (states such as "expired" are derived).

import { ticketState, type Ticket, type TicketState } from '../domain/ticket';
import type { ServiceDeps } from './deps';

export interface ListedTicket {
  ticket: Ticket;
  state: TicketState;
}

export async function listTickets(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  query: { state?: TicketState; batchId?: string; limit?: number },
): Promise<ListedTicket[]> {
  const now = deps.clock.now();
  const tickets = await deps.store.listTickets({ batchId: query.batchId });
  const listed = tickets.map((ticket) => ({ ticket, state: ticketState(ticket, now) }));
  const filtered = query.state ? listed.filter((l) => l.state === query.state) : listed;
  return query.limit === undefined ? filtered : filtered.slice(0, query.limit);
}
