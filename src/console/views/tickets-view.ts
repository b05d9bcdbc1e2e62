// View models of the tickets pages (issue #14, item 4): plain functions from what the store
// gave to what the templates show, in the space's time zone and the reader's language.

import { formatCode } from '../../domain/ticket-code';
import { TICKET_STATES, ticketState, type Batch, type Ticket, type TicketState } from '../../domain/ticket';
import type { BatchWithTickets } from '../../domain/ports';
import type { Profile } from '../../domain/profile';
import type { ConsoleLanguage, ConsoleTranslate } from '../i18n';
import type { SignedIn } from '../context';
import type { ConsoleDeps } from '../deps';
import { PRINT_LAYOUTS, type PrintLayout } from '../../documents/print/ticket-card';
import { durationText, formatDateTime, shortId, windowText } from '../tickets/format';

/** What every view of these pages needs: the reader's words, the space's clock and profiles. */
export interface TicketsViewContext {
  t: ConsoleTranslate;
  lang: ConsoleLanguage;
  timeZone: string;
  now: number;
  profiles: readonly Profile[];
}

export const DEFAULT_LAYOUT: PrintLayout = 'a4-12';

export function viewContext(deps: ConsoleDeps, ctx: SignedIn): TicketsViewContext {
  return {
    t: ctx.t,
    lang: ctx.lang,
    timeZone: deps.settings.timeZone,
    now: deps.services.clock.now(),
    profiles: deps.services.profiles(),
  };
}

/** Tickets a batch print includes; any other state is printed only when asked for alone. */
export const PRINTABLE: readonly TicketState[] = ['issued', 'active'];

export function batchHref(id: string): string {
  return `/tickets/batches/${encodeURIComponent(id)}`;
}

export function profileLabel(v: TicketsViewContext, name: string): string {
  return v.profiles.find((p) => p.name === name)?.label ?? name;
}

export function layoutOptions(t: ConsoleTranslate) {
  return PRINT_LAYOUTS.map((l) => ({ value: l, label: t(`tickets.layout.${l}`) }));
}

/** The profiles of the issue form: "1 heure" alone when the label says the duration already. */
export function profileOptions(v: TicketsViewContext) {
  return v.profiles.map((p) => {
    const duration = durationText(v.t, p.durationSeconds);
    const text =
      p.label === duration ? p.label : v.t('tickets.issue.profileOption', { label: p.label, duration });
    return { name: p.name, text };
  });
}

function batchFacts(v: TicketsViewContext, b: Batch) {
  return {
    href: batchHref(b.id),
    date: formatDateTime(v.lang, v.timeZone, b.createdAt),
    profile: profileLabel(v, b.profileName),
    count: b.count,
    note: b.note,
    window: windowText(v.t, v.lang, v.timeZone, b.validFrom, b.validUntil),
    by: b.createdBy,
  };
}

/** The recent batches, each with how many of its tickets are in each state now. */
export function recentBatchRows(v: TicketsViewContext, page: readonly BatchWithTickets[]) {
  return page.map(({ batch, tickets }) => {
    const counts = new Map<TicketState, number>();
    for (const tk of tickets) {
      const st = ticketState(tk, v.now);
      counts.set(st, (counts.get(st) ?? 0) + 1);
    }
    return {
      ...batchFacts(v, batch),
      states: TICKET_STATES.filter((st) => counts.has(st)).map((st) =>
        v.t('tickets.stateCount', { state: v.t(`tickets.state.${st}`), n: counts.get(st) ?? 0 }),
      ),
    };
  });
}

/** The ticket list (never a code): state, profile, its batch and first use. */
export function ticketRows(
  v: TicketsViewContext,
  listed: readonly { ticket: Ticket; state: TicketState }[],
  batches: ReadonlyMap<string, Batch>,
) {
  return listed.map(({ ticket, state }) => {
    const batch = batches.get(ticket.batchId);
    return {
      short: shortId(ticket.id),
      state: v.t(`tickets.state.${state}`),
      profile: profileLabel(v, ticket.profileName),
      batchHref: batchHref(ticket.batchId),
      batchLabel: v.t('tickets.batchLink', {
        date: formatDateTime(v.lang, v.timeZone, batch?.createdAt ?? ticket.createdAt),
      }),
      // The batch's own window (a workshop); a profile's window shows on the profile.
      window: batch ? windowText(v.t, v.lang, v.timeZone, batch.validFrom, batch.validUntil) : null,
      firstUse:
        ticket.firstUsedAt === null ? v.t('tickets.never') : formatDateTime(v.lang, v.timeZone, ticket.firstUsedAt),
    };
  });
}

/** The batch page: its facts, and one row per ticket with its code (only this page shows codes). */
export function batchView(v: TicketsViewContext, batch: Batch, tickets: readonly Ticket[], layout: string) {
  const rows = tickets.map((tk, i) => {
    const st = ticketState(tk, v.now);
    const code = formatCode(tk.code);
    return {
      id: tk.id,
      number: i + 1,
      code,
      state: v.t(`tickets.state.${st}`),
      firstUse: tk.firstUsedAt === null ? v.t('tickets.never') : formatDateTime(v.lang, v.timeZone, tk.firstUsedAt),
      devices: tk.devices.length,
      name: v.t('tickets.batch.ticketName', { code }),
      printHref: `/tickets/${encodeURIComponent(tk.id)}/print?layout=${layout}`,
      revokeAction: `/tickets/${encodeURIComponent(tk.id)}/revoke`,
      revocable: st !== 'revoked',
    };
  });
  return {
    batch: { ...batchFacts(v, batch), short: shortId(batch.id) },
    rows,
    printable: tickets.filter((tk) => PRINTABLE.includes(ticketState(tk, v.now))).length,
    anyRevocable: rows.some((r) => r.revocable),
  };
}
