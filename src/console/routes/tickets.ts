// The console's tickets pages: issue a batch, see a batch with its codes, print or reprint it
// (HTML page or PDF), revoke a ticket or a whole batch, and list tickets by state. Every issue,
// print and revoke is audited, never with a ticket code in the audit entry.

import type { Express, Request, Response } from 'express';
import { can } from '../../domain/console';
import { isEcnError } from '../../domain/errors';
import { formatCode } from '../../domain/ticket-code';
import {
  MAX_NOTE_LENGTH,
  TICKET_STATES,
  ticketState,
  type Batch,
  type Ticket,
  type TicketState,
} from '../../domain/ticket';
import { issueTickets, readWindowTime } from '../../services/issue-tickets';
import { listTickets } from '../../services/list-tickets';
import { revokeBatch, revokeTicket } from '../../services/revoke-tickets';
import { recordAudit } from '../audit';
import { errorText, page, renderPage, type SignedIn } from '../context';
import type { ConsoleDeps } from '../deps';
import { printPageLocals } from '../print/print-page';
import { printTranslator } from '../print/print-translate';
import { isPrintLayout, PRINT_LAYOUTS, type PrintLayout } from '../print/ticket-card';
import { ticketsPdf } from '../print/tickets-pdf';
import { ticketCards } from '../tickets/cards';
import { durationText, formatDateTime, shortId, windowText } from '../tickets/format';
import { dayIn } from '../../i18n/format';

const DEFAULT_LAYOUT: PrintLayout = 'a4-12';
const DEFAULT_COUNT = 12;
const RECENT_BATCHES = 20;
const LISTED_TICKETS = 100;
/** Tickets a batch print includes; any other state is printed only when asked for alone. */
const PRINTABLE: readonly TicketState[] = ['issued', 'active'];

interface IssueForm {
  profile: string;
  count: string;
  note: string;
  layout: string;
  /** A workshop's window, as typed in the datetime-local fields (the space's local time). */
  validFrom: string;
  validUntil: string;
  /** The field the error is about, for aria-invalid. */
  invalid: 'profile' | 'count' | 'note' | 'layout' | 'validFrom' | 'validUntil' | null;
}

interface PageState {
  notice?: string | null;
  error?: string | null;
  invalid?: string | null;
  status?: number;
}

function field(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
}

function batchHref(id: string): string {
  return `/tickets/batches/${encodeURIComponent(id)}`;
}

/** `?layout=`: the default when absent, null when it names no known format. */
function layoutOf(req: Request): PrintLayout | null {
  const raw = req.query.layout;
  if (raw === undefined || raw === '') return DEFAULT_LAYOUT;
  return isPrintLayout(raw) ? raw : null;
}

function problem(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  ctx: SignedIn,
  message: string,
  status: number,
) {
  renderPage(deps, req, res, 'problem', ctx.t('error.title'), { message }, status);
}

export function registerTickets(app: Express, deps: ConsoleDeps): void {
  const { store } = deps.services;

  const profileLabel = (name: string) => deps.services.profiles.find((p) => p.name === name)?.label ?? name;

  // ---- The tickets page: issue form, recent batches, ticket list by state.

  async function renderList(req: Request, res: Response, ctx: SignedIn, form: IssueForm, s: PageState = {}) {
    const { t, lang } = ctx;
    const tz = deps.settings.timeZone;
    const now = deps.services.clock.now();
    const rawState = req.query.state;
    let state: TicketState | undefined;
    let stateError: string | null = null;
    if (typeof rawState === 'string' && (TICKET_STATES as readonly string[]).includes(rawState)) {
      state = rawState as TicketState;
    } else if (rawState !== undefined && rawState !== '') {
      stateError = t('tickets.err.state');
    }

    const batches = await store.listBatches(RECENT_BATCHES);
    const known = new Map<string, Batch>(batches.map((b) => [b.id, b]));
    const batchRows = await Promise.all(
      batches.map(async (b) => {
        const counts = new Map<TicketState, number>();
        for (const tk of await store.listTickets({ batchId: b.id })) {
          const st = ticketState(tk, now);
          counts.set(st, (counts.get(st) ?? 0) + 1);
        }
        return {
          href: batchHref(b.id),
          date: formatDateTime(lang, tz, b.createdAt),
          profile: profileLabel(b.profileName),
          count: b.count,
          note: b.note,
          window: windowText(t, lang, tz, b.validFrom, b.validUntil),
          by: b.createdBy,
          states: TICKET_STATES.filter((st) => counts.has(st)).map((st) =>
            t('tickets.stateCount', { state: t(`tickets.state.${st}`), n: counts.get(st) ?? 0 }),
          ),
        };
      }),
    );

    const listed = await listTickets(deps.services, { state });
    const ticketRows = [];
    for (const { ticket, state: st } of listed.slice(0, LISTED_TICKETS)) {
      let batch = known.get(ticket.batchId);
      if (!batch) {
        batch = (await store.getBatch(ticket.batchId)) ?? undefined;
        if (batch) known.set(batch.id, batch);
      }
      ticketRows.push({
        short: shortId(ticket.id),
        state: t(`tickets.state.${st}`),
        profile: profileLabel(ticket.profileName),
        batchHref: batchHref(ticket.batchId),
        batchLabel: t('tickets.batchLink', {
          date: formatDateTime(lang, tz, batch?.createdAt ?? ticket.createdAt),
        }),
        // The batch's own window (a workshop); a profile's window shows on the profile.
        window: batch ? windowText(t, lang, tz, batch.validFrom, batch.validUntil) : null,
        firstUse:
          ticket.firstUsedAt === null ? t('tickets.never') : formatDateTime(lang, tz, ticket.firstUsedAt),
      });
    }

    const error = s.error ?? stateError;
    renderPage(
      deps,
      req,
      res,
      'tickets',
      t('tickets.title'),
      {
        canIssue: can(ctx.user.role, 'tickets.issue'),
        form,
        profiles: deps.services.profiles.map((p) => {
          const duration = durationText(t, p.durationSeconds);
          // "1 heure (1 heure)" says nothing more than "1 heure".
          const text =
            p.label === duration ? p.label : t('tickets.issue.profileOption', { label: p.label, duration });
          return { name: p.name, text };
        }),
        maxBatch: deps.services.maxBatch,
        maxNote: MAX_NOTE_LENGTH,
        layouts: PRINT_LAYOUTS.map((l) => ({ value: l, label: t(`tickets.layout.${l}`) })),
        batches: batchRows,
        states: TICKET_STATES.map((st) => ({ value: st, label: t(`tickets.state.${st}`) })),
        state: state ?? '',
        stateInvalid: stateError !== null && s.error == null,
        tickets: ticketRows,
        total: listed.length,
        stateLabel: state ? t(`tickets.state.${state}`) : t('tickets.list.all'),
        notice: s.notice ?? null,
        error,
      },
      s.status ?? (stateError ? 400 : 200),
    );
  }

  const emptyForm = (): IssueForm => ({
    profile: deps.services.profiles.find((p) => p.isDefault)?.name ?? deps.services.profiles[0]?.name ?? '',
    count: String(Math.min(DEFAULT_COUNT, deps.services.maxBatch)),
    note: '',
    layout: DEFAULT_LAYOUT,
    validFrom: '',
    validUntil: '',
    invalid: null,
  });

  app.get(
    '/tickets',
    page('tickets.read', (req, res, ctx) => renderList(req, res, ctx, emptyForm())),
  );

  app.post(
    '/tickets/batches',
    page('tickets.issue', async (req, res, ctx) => {
      const form: IssueForm = {
        profile: field(req.body, 'profile'),
        count: field(req.body, 'count').slice(0, 20),
        note: field(req.body, 'note').slice(0, 1000),
        layout: field(req.body, 'layout'),
        validFrom: field(req.body, 'validFrom').slice(0, 40),
        validUntil: field(req.body, 'validUntil').slice(0, 40),
        invalid: null,
      };
      const refuse = (invalid: IssueForm['invalid'], error: string) =>
        renderList(req, res, ctx, { ...form, invalid }, { error, status: 400 });
      if (!isPrintLayout(form.layout)) return refuse('layout', ctx.t('tickets.err.layout'));
      const layout = form.layout;
      const count = /^\s*\d{1,9}\s*$/.test(form.count) ? Number(form.count.trim()) : Number.NaN;
      const tz = deps.settings.timeZone;
      // Empty fields: no window of the batch's own, the profile's alone applies.
      const at = (text: string) => (text.trim() === '' ? null : readWindowTime(text, tz));
      let validFrom: number | null;
      let validUntil: number | null;
      try {
        validFrom = at(form.validFrom);
      } catch (err) {
        return refuse('validFrom', errorText(ctx.t, err));
      }
      try {
        validUntil = at(form.validUntil);
      } catch (err) {
        return refuse('validUntil', errorText(ctx.t, err));
      }
      let batch: Batch;
      try {
        ({ batch } = await issueTickets(deps.services, {
          profile: form.profile,
          count,
          note: form.note,
          validFrom,
          validUntil,
          createdBy: ctx.user.username,
          // Printed on each ticket: using one accepts this version (issue #15, item 7).
          charterVersion: deps.services.policy.charterVersion,
        }));
      } catch (err) {
        if (isEcnError(err, 'ECN_ERR_BATCH_WINDOW_UNREADABLE'))
          return refuse('validUntil', errorText(ctx.t, err));
        if (isEcnError(err, 'ECN_ERR_BATCH_WINDOW_INVERTED'))
          return refuse('validUntil', errorText(ctx.t, err));
        if (isEcnError(err, 'ECN_ERR_BATCH_WINDOW_PAST')) return refuse('validUntil', errorText(ctx.t, err));
        if (isEcnError(err, 'ECN_ERR_BATCH_WINDOW_OUTSIDE_PROFILE')) {
          return refuse('validFrom', errorText(ctx.t, err));
        }
        if (isEcnError(err, 'ECN_ERR_BATCH_SIZE')) return refuse('count', errorText(ctx.t, err));
        if (isEcnError(err, 'ECN_ERR_NOTE_TOO_LONG')) return refuse('note', errorText(ctx.t, err));
        if (isEcnError(err, 'ECN_ERR_PROFILE_UNKNOWN')) return refuse('profile', errorText(ctx.t, err));
        throw err;
      }
      await recordAudit(deps.services, ctx.user.username, 'tickets.issued', batch.id, {
        count: batch.count,
        profile: batch.profileName,
        note: batch.note,
        validFrom: batch.validFrom,
        validUntil: batch.validUntil,
      });
      ctx.log.info({ batchId: batch.id, count: batch.count, profile: batch.profileName }, 'tickets issued');
      return res.redirect(303, `${batchHref(batch.id)}?msg=issued&layout=${layout}`);
    }),
  );

  // ---- The batch page: codes, states, print, revoke.

  async function loadBatch(id: string): Promise<{ batch: Batch; tickets: Ticket[] } | null> {
    const batch = await store.getBatch(id);
    if (!batch) return null;
    // The store lists newest first, then in the order written: the batch's own order.
    const tickets = await store.listTickets({ batchId: id });
    return { batch, tickets };
  }

  async function renderBatch(req: Request, res: Response, ctx: SignedIn, batch: Batch, s: PageState = {}) {
    const { t, lang } = ctx;
    const tz = deps.settings.timeZone;
    const now = deps.services.clock.now();
    const tickets = await store.listTickets({ batchId: batch.id });
    const layout = isPrintLayout(req.query.layout) ? req.query.layout : DEFAULT_LAYOUT;
    const rows = tickets.map((tk, i) => {
      const st = ticketState(tk, now);
      const code = formatCode(tk.code);
      return {
        id: tk.id,
        number: i + 1,
        code,
        state: t(`tickets.state.${st}`),
        firstUse: tk.firstUsedAt === null ? t('tickets.never') : formatDateTime(lang, tz, tk.firstUsedAt),
        devices: tk.devices.length,
        name: t('tickets.batch.ticketName', { code }),
        printHref: `/tickets/${encodeURIComponent(tk.id)}/print?layout=${layout}`,
        revokeAction: `/tickets/${encodeURIComponent(tk.id)}/revoke`,
        revocable: st !== 'revoked',
      };
    });
    const printable = tickets.filter((tk) => PRINTABLE.includes(ticketState(tk, now))).length;
    const date = formatDateTime(lang, tz, batch.createdAt);
    renderPage(
      deps,
      req,
      res,
      'tickets-batch',
      t('tickets.batch.title', { date }),
      {
        batch: {
          href: batchHref(batch.id),
          short: shortId(batch.id),
          date,
          profile: profileLabel(batch.profileName),
          count: batch.count,
          note: batch.note,
          window: windowText(t, lang, tz, batch.validFrom, batch.validUntil),
          by: batch.createdBy,
        },
        rows,
        printable,
        layout,
        layouts: PRINT_LAYOUTS.map((l) => ({ value: l, label: t(`tickets.layout.${l}`) })),
        canIssue: can(ctx.user.role, 'tickets.issue'),
        canRevoke: can(ctx.user.role, 'tickets.revoke'),
        anyRevocable: rows.some((r) => r.revocable),
        confirmInvalid: s.invalid === 'confirm',
        notice: s.notice ?? null,
        error: s.error ?? null,
      },
      s.status ?? 200,
    );
  }

  app.get(
    '/tickets/batches/:id',
    page('tickets.read', async (req, res, ctx) => {
      const batch = await store.getBatch(String(req.params.id));
      if (!batch) return problem(deps, req, res, ctx, ctx.t('err.ECN_ERR_BATCH_UNKNOWN'), 404);
      const msg = req.query.msg;
      const notice =
        msg === 'issued'
          ? ctx.t('tickets.msg.issued', { n: batch.count })
          : msg === 'revoked'
            ? ctx.t('tickets.msg.revoked')
            : msg === 'batch-revoked'
              ? ctx.t('tickets.msg.batchRevoked')
              : null;
      return renderBatch(req, res, ctx, batch, { notice });
    }),
  );

  app.post(
    '/tickets/batches/:id/revoke',
    page('tickets.revoke', async (req, res, ctx) => {
      const batch = await store.getBatch(String(req.params.id));
      if (!batch) return problem(deps, req, res, ctx, ctx.t('err.ECN_ERR_BATCH_UNKNOWN'), 404);
      if (field(req.body, 'confirm') !== 'yes') {
        return renderBatch(req, res, ctx, batch, {
          error: ctx.t('tickets.err.confirm'),
          invalid: 'confirm',
          status: 400,
        });
      }
      const r = await revokeBatch(deps.services, batch.id, ctx.user.username);
      await recordAudit(deps.services, ctx.user.username, 'tickets.revoked', batch.id, {
        kind: 'batch',
        count: r.revoked,
        already: r.already,
      });
      ctx.log.info({ batchId: batch.id, count: r.revoked }, 'batch revoked');
      return res.redirect(303, `${batchHref(batch.id)}?msg=batch-revoked`);
    }),
  );

  app.post(
    '/tickets/:ticketId/revoke',
    page('tickets.revoke', async (req, res, ctx) => {
      const ticket = await store.getTicket(String(req.params.ticketId));
      if (!ticket) return problem(deps, req, res, ctx, ctx.t('tickets.err.ticketUnknown'), 404);
      try {
        await revokeTicket(deps.services, ticket.id, ctx.user.username);
      } catch (err) {
        if (!isEcnError(err, 'ECN_ERR_TICKET_ALREADY_REVOKED')) throw err;
        const batch = await store.getBatch(ticket.batchId);
        if (!batch) throw err;
        return renderBatch(req, res, ctx, batch, { error: errorText(ctx.t, err), status: err.status });
      }
      await recordAudit(deps.services, ctx.user.username, 'tickets.revoked', ticket.id, {
        kind: 'ticket',
        count: 1,
        batch: ticket.batchId,
      });
      ctx.log.info({ ticketId: ticket.id }, 'ticket revoked');
      return res.redirect(303, `${batchHref(ticket.batchId)}?msg=revoked`);
    }),
  );

  // ---- Printing: the HTML page to print from the browser, or the PDF.

  interface PrintJob {
    /** What the audit entry is about: the batch or the one ticket. */
    target: string;
    batch: Batch | null;
    tickets: Ticket[];
    skipped: number;
    backHref: string;
    base: string;
    fileShort: string;
  }

  async function printOut(req: Request, res: Response, ctx: SignedIn, job: PrintJob, format: 'html' | 'pdf') {
    const layout = layoutOf(req);
    if (layout === null) return problem(deps, req, res, ctx, ctx.t('tickets.err.layout'), 400);
    if (job.tickets.length === 0)
      return problem(deps, req, res, ctx, ctx.t('tickets.err.nothingToPrint'), 409);
    const pt = printTranslator(ctx.lang);
    const cards = ticketCards(deps, ctx.lang, ctx.t, job.batch, job.tickets);
    const audit = () =>
      recordAudit(deps.services, ctx.user.username, 'tickets.printed', job.target, {
        layout,
        count: cards.length,
        skipped: job.skipped,
        format,
      });
    if (format === 'pdf') {
      const pdf = await ticketsPdf(cards, layout, pt, { now: new Date(deps.services.clock.now()) });
      await audit();
      const day = dayIn(deps.settings.timeZone, job.batch?.createdAt ?? deps.services.clock.now());
      return res
        .status(200)
        .set('Content-Type', 'application/pdf')
        .set('Content-Disposition', `attachment; filename="tickets-${day}-${job.fileShort}.pdf"`)
        .send(pdf);
    }
    const locals = await printPageLocals(cards, layout, pt, {
      backHref: job.backHref,
      pdfHref: `${job.base}/print.pdf?layout=${layout}`,
    });
    if (job.skipped > 0) {
      locals.howTo = `${ctx.t('tickets.print.skipped', { n: job.skipped })} ${String(locals.howTo)}`;
    }
    await audit();
    return res.status(200).render('console/print', locals);
  }

  async function batchJob(req: Request): Promise<PrintJob | null> {
    const found = await loadBatch(String(req.params.id));
    if (!found) return null;
    const now = deps.services.clock.now();
    const printable = found.tickets.filter((tk) => PRINTABLE.includes(ticketState(tk, now)));
    return {
      target: found.batch.id,
      batch: found.batch,
      tickets: printable,
      skipped: found.tickets.length - printable.length,
      backHref: batchHref(found.batch.id),
      base: batchHref(found.batch.id),
      fileShort: shortId(found.batch.id),
    };
  }

  async function ticketJob(req: Request): Promise<PrintJob | null> {
    const ticket = await store.getTicket(String(req.params.ticketId));
    if (!ticket) return null;
    return {
      target: ticket.id,
      batch: await store.getBatch(ticket.batchId),
      tickets: [ticket],
      skipped: 0,
      backHref: batchHref(ticket.batchId),
      base: `/tickets/${encodeURIComponent(ticket.id)}`,
      fileShort: shortId(ticket.id),
    };
  }

  for (const format of ['html', 'pdf'] as const) {
    const suffix = format === 'pdf' ? 'print.pdf' : 'print';
    app.get(
      `/tickets/batches/:id/${suffix}`,
      page('tickets.issue', async (req, res, ctx) => {
        const job = await batchJob(req);
        if (!job) return problem(deps, req, res, ctx, ctx.t('err.ECN_ERR_BATCH_UNKNOWN'), 404);
        return printOut(req, res, ctx, job, format);
      }),
    );
    app.get(
      `/tickets/:ticketId/${suffix}`,
      page('tickets.issue', async (req, res, ctx) => {
        const job = await ticketJob(req);
        if (!job) return problem(deps, req, res, ctx, ctx.t('tickets.err.ticketUnknown'), 404);
        return printOut(req, res, ctx, job, format);
      }),
    );
  }
}
