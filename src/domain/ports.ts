// Ports: what the services need from the outside world. Adapters live in store/, gateway/…

import type { Batch, Ticket } from './ticket';
import type { CharterAcceptance } from './charter';
import type { Session } from './session';

export interface TicketQuery {
  batchId?: string;
  /** Only tickets created at or after this time (epoch ms). */
  createdSince?: number;
  limit?: number;
}

/**
 * Applies a pure change to a stored record atomically. The function may be called more
 * than once (the Redis adapter retries on a concurrent write), so it must not have effects.
 * Throwing from it aborts the update and changes nothing.
 */
export type Mutation<T> = (current: T) => T;

export interface Store {
  readonly kind: 'embedded' | 'redis';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when the store answers a trivial read; rejects with ECN_ERR_STORE_UNAVAILABLE. */
  ping(): Promise<void>;

  /** Writes a batch and its tickets in one durable transaction. */
  createBatch(batch: Batch, tickets: Ticket[]): Promise<void>;
  getBatch(id: string): Promise<Batch | null>;
  listBatches(limit: number): Promise<Batch[]>;
  getTicket(id: string): Promise<Ticket | null>;
  /** Looks a ticket up by its normalised code. */
  findTicketByCode(code: string): Promise<Ticket | null>;
  listTickets(query: TicketQuery): Promise<Ticket[]>;
  /** Atomically applies `change` to the ticket; returns the stored result, or null if unknown. */
  updateTicket(id: string, change: Mutation<Ticket>): Promise<Ticket | null>;

  recordAcceptance(acceptance: CharterAcceptance): Promise<void>;
  /** The most recent acceptance by this device key, if any. */
  latestAcceptance(device: string): Promise<CharterAcceptance | null>;

  createSession(session: Session): Promise<void>;
  getSession(id: string): Promise<Session | null>;
  updateSession(id: string, change: Mutation<Session>): Promise<Session | null>;
  /** Sessions that have not ended, oldest first. */
  listOpenSessions(): Promise<Session[]>;
  listSessionsByTicket(ticketId: string): Promise<Session[]>;
}
