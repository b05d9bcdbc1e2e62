// Printing tickets from the console: the HTML page to print from the browser, or the PDF, of a
// batch (its usable tickets) or of one ticket. Each print is a staff action on the audit trail.

import type { Express, Request, Response } from 'express';
import { ticketState, type Batch, type Ticket } from '../../domain/ticket';
import { dayIn } from '../../portal/i18n';
import { staff } from '../../services/audit-trail';
import { recordPrint } from '../../services/staff-tickets';
import type { SignedIn } from '../context';
import { page } from '../context';
import type { ConsoleDeps } from '../deps';
import { printPageLocals } from '../../documents/print/print-page';
import { printTranslator } from '../../documents/print/print-translate';
import { isPrintLayout, type PrintLayout } from '../../documents/print/ticket-card';
import { ticketsPdf } from '../../documents/print/tickets-pdf';
import { ticketCards } from '../tickets/cards';
import { shortId } from '../tickets/format';
import { batchHref, DEFAULT_LAYOUT, PRINTABLE } from '../views/tickets-view';
import { problem } from './tickets-batch';

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

/** `?layout=`: the default when absent, null when it names no known format. */
function layoutOf(req: Request): PrintLayout | null {
  const raw = req.query.layout;
  if (raw === undefined || raw === '') return DEFAULT_LAYOUT;
  return isPrintLayout(raw) ? raw : null;
}

async function printOut(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  ctx: SignedIn,
  job: PrintJob,
  format: 'html' | 'pdf',
) {
  const layout = layoutOf(req);
  if (layout === null) return problem(deps, req, res, ctx, ctx.t('tickets.err.layout'), 400);
  if (job.tickets.length === 0) return problem(deps, req, res, ctx, ctx.t('tickets.err.nothingToPrint'), 409);
  const pt = printTranslator(ctx.lang);
  const cards = ticketCards(deps, ctx.lang, ctx.t, job.batch, job.tickets);
  const audit = () =>
    recordPrint(deps.services, staff(ctx.user.username), job.target, {
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

export function registerTicketPrint(app: Express, deps: ConsoleDeps): void {
  const { store } = deps.services;

  async function batchJob(req: Request): Promise<PrintJob | null> {
    const batch = await store.getBatch(String(req.params.id));
    if (!batch) return null;
    const tickets = await store.listTickets({ batchId: batch.id });
    const now = deps.services.clock.now();
    const printable = tickets.filter((tk) => PRINTABLE.includes(ticketState(tk, now)));
    return {
      target: batch.id,
      batch,
      tickets: printable,
      skipped: tickets.length - printable.length,
      backHref: batchHref(batch.id),
      base: batchHref(batch.id),
      fileShort: shortId(batch.id),
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
        return printOut(deps, req, res, ctx, job, format);
      }),
    );
    app.get(
      `/tickets/:ticketId/${suffix}`,
      page('tickets.issue', async (req, res, ctx) => {
        const job = await ticketJob(req);
        if (!job) return problem(deps, req, res, ctx, ctx.t('tickets.err.ticketUnknown'), 404);
        return printOut(deps, req, res, ctx, job, format);
      }),
    );
  }
}
