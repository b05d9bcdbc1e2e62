// Find a ticket from what a person typed: validate the code before touching the store,
// then compare the stored code in constant time.

import { timingSafeEqual } from 'node:crypto';
import { EcnError } from '../domain/errors';
import { normalizeCode } from '../domain/ticket-code';
import type { Ticket } from '../domain/ticket';
import type { Store } from '../domain/ports';

export async function findTicket(store: Store, typed: string): Promise<Ticket> {
  const code = normalizeCode(typed);
  const ticket = await store.findTicketByCode(code);
  if (!ticket || !sameCode(ticket.code, code)) {
    throw new EcnError('ECN_ERR_TICKET_UNKNOWN', 'No ticket has this code.');
  }
  return ticket;
}

export function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
