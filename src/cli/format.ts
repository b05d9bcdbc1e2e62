// How the command prints tickets: one readable line, or RFC 4180 CSV.

import { formatCode } from '../domain/ticket-code';
import type { Ticket, TicketState } from '../domain/ticket';

export const TICKET_CSV_HEADER = 'code,state,profile,batch,created,first_used,expires,devices';

function iso(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString();
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatTicketCsv(t: Ticket, state: TicketState): string {
  return [
    formatCode(t.code),
    state,
    t.profileName,
    t.batchId,
    iso(t.createdAt),
    iso(t.firstUsedAt),
    iso(t.expiresAt),
    String(t.devices.length),
  ]
    .map(csvField)
    .join(',');
}

export function formatTicketLine(t: Ticket, state?: TicketState): string {
  if (state === undefined) return formatCode(t.code);
  const expires = t.expiresAt === null ? '' : `  expires ${iso(t.expiresAt)}`;
  return `${formatCode(t.code)}  ${state.padEnd(9)}  ${t.profileName.padEnd(8)}  ${t.devices.length} device(s)${expires}`;
}
