// The scope of a requisition from what an operator typed, the same for the command line and
// the console: a ticket (its code, or its identifier), or a public IP, an optional port and a
// time window. The window's limits are checked by `validateScope` when the export is answered.

import { EcnError } from '../domain/errors';
import { normalizeIp } from '../domain/device';
import { isWellFormedCode } from '../domain/ticket-code';
import type { Store } from '../domain/ports';
import { findTicket } from '../services/find-ticket';
import type { RequisitionScope } from './journal-entry';
import { requisitionInvalid } from './requisition';

export interface RequisitionInput {
  /** A ticket code or identifier, instead of an address. */
  ticket?: string;
  publicIp?: string;
  port?: string;
  /** Start and end of the window (epoch ms, UTC); NaN when missing or unreadable. */
  from?: number;
  to?: number;
}

const TICKET_ID_RE = /^[\w-]{1,64}$/;
// The messages name the command's options; the console says each problem in its own words.
const NEEDS_ADDRESS =
  'An address requisition needs --public-ip, --from and --to (ISO-8601), or use --ticket.';

export async function requisitionScope(store: Store, input: RequisitionInput): Promise<RequisitionScope> {
  const ticket = input.ticket?.trim() ?? '';
  const publicIp = input.publicIp?.trim() ?? '';
  const port = input.port?.trim() ?? '';
  const windowGiven = input.from !== undefined || input.to !== undefined;
  const addressGiven = publicIp !== '' || port !== '';
  if (ticket !== '' && addressGiven) {
    throw requisitionInvalid('both', 'Give either --ticket or --public-ip, not both.');
  }
  if (ticket !== '') return { kind: 'ticket', ticketId: await ticketId(store, ticket) };
  if (!addressGiven && !windowGiven) {
    throw requisitionInvalid('scope', NEEDS_ADDRESS);
  }
  const ip = normalizeIp(publicIp);
  if (!ip) throw requisitionInvalid('ip', NEEDS_ADDRESS);
  const portNumber = port === '' ? null : Number(port);
  if (portNumber !== null && !(/^\d{1,5}$/.test(port) && portNumber <= 65535)) {
    throw requisitionInvalid('port', '--port must be a number from 0 to 65535.');
  }
  const from = input.from ?? NaN;
  const to = input.to ?? NaN;
  if (Number.isNaN(from) || Number.isNaN(to)) {
    throw requisitionInvalid('window', NEEDS_ADDRESS);
  }
  return { kind: 'address', publicIp: ip, port: portNumber, from, to };
}

/** The ticket's identifier from its printed code or from the identifier itself. */
async function ticketId(store: Store, typed: string): Promise<string> {
  if (isWellFormedCode(typed)) return (await findTicket(store, typed)).id;
  const byId = TICKET_ID_RE.test(typed) ? await store.getTicket(typed) : null;
  if (!byId) throw new EcnError('ECN_ERR_TICKET_UNKNOWN', 'No ticket has this code or identifier.');
  return byId.id;
}
