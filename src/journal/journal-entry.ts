// What the legal connection log may hold, and nothing else (CPCE L34-1, R10-13): who was
// connected (ticket, device MAC, private IP), through what (NAS, the box's public IP and
// the client's NAT port block), when (UTC, milliseconds) and how much. Never a URL, a Host
// header, a DNS name or a filter hit.

import { z } from 'zod';

export const journalEntrySchema = z
  .object({
    kind: z.enum(['session.start', 'session.end']),
    sessionId: z.string().min(1).max(64),
    ticketId: z.string().max(64).nullable(),
    mac: z.string().max(17).nullable(),
    privateIp: z.string().max(45).nullable(),
    publicIp: z.string().max(45).nullable(),
    /** NAT port block of the client when the box translates addresses, e.g. [10240, 10495]. */
    natPorts: z.tuple([z.number().int().min(0).max(65535), z.number().int().min(0).max(65535)]).nullable(),
    /** `local` when the box is the gateway, else the NAS name. */
    nas: z.string().max(64),
    startedAt: z.number().int().nonnegative(),
    endedAt: z.number().int().nonnegative().nullable(),
    bytesIn: z.number().int().nonnegative(),
    bytesOut: z.number().int().nonnegative(),
    /** The space's own device (issue #15, item 2: a public PC, no ticket), by its label. */
    spaceDevice: z.string().max(40).nullable().optional(),
  })
  .strict();

export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** A stored entry with its place in the chain. */
export interface JournalRow {
  seq: number;
  /** When it was appended (epoch ms, UTC). */
  at: number;
  entry: JournalEntry;
}

/** A legal requisition's scope: a public IP (and port) in a time window, or a ticket. */
export type RequisitionScope =
  | { kind: 'address'; publicIp: string; port: number | null; from: number; to: number }
  | { kind: 'ticket'; ticketId: string };

/** One connection as answered to a requisition: start and end records merged. */
export interface ConnectionRecord {
  sessionId: string;
  ticketId: string | null;
  mac: string | null;
  privateIp: string | null;
  publicIp: string | null;
  natPorts: [number, number] | null;
  nas: string;
  startedAt: number;
  endedAt: number | null;
  bytesIn: number;
  bytesOut: number;
  /** The space's own device (a public PC, a staff laptop) by its label; null or absent for a resident's. */
  spaceDevice?: string | null;
}
