// The batch page of the console: its tickets with their codes and states, revoke one ticket
// or the whole batch (staff use cases, audited through their events, never with a code).

import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { can } from '../../domain/console';
import { isEcnError } from '../../domain/errors';
import type { Batch } from '../../domain/ticket';
import { staff } from '../../services/audit-trail';
import { revokeBatchAs, revokeTicketAs } from '../../services/staff-tickets';
import { errorText, page, renderPage, type SignedIn } from '../context';
import type { ConsoleDeps } from '../deps';
import { confirmField, parseForm } from '../forms';
import { isPrintLayout } from '../../documents/print/ticket-card';
import { batchHref, batchView, DEFAULT_LAYOUT, layoutOptions, viewContext } from '../views/tickets-view';

const confirmSchema = z.object({ confirm: confirmField() });

interface PageState {
  notice?: string | null;
  error?: string | null;
  invalid?: string | null;
  status?: number;
}

const NOTICES = {
  issued: 'tickets.msg.issued',
  revoked: 'tickets.msg.revoked',
  'batch-revoked': 'tickets.msg.batchRevoked',
} as const;

export function problem(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  ctx: SignedIn,
  message: string,
  status: number,
) {
  renderPage(deps, req, res, 'problem', ctx.t('error.title'), { message }, status);
}

export function registerTicketBatch(app: Express, deps: ConsoleDeps): void {
  const { store } = deps.services;

  async function renderBatch(req: Request, res: Response, ctx: SignedIn, batch: Batch, s: PageState = {}) {
    // The store lists newest first, then in the order written: the batch's own order.
    const tickets = await store.listTickets({ batchId: batch.id });
    const layout = isPrintLayout(req.query.layout) ? req.query.layout : DEFAULT_LAYOUT;
    const view = batchView(viewContext(deps, ctx), batch, tickets, layout);
    renderPage(
      deps,
      req,
      res,
      'tickets-batch',
      ctx.t('tickets.batch.title', { date: view.batch.date }),
      {
        ...view,
        layout,
        layouts: layoutOptions(ctx.t),
        canIssue: can(ctx.user.role, 'tickets.issue'),
        canRevoke: can(ctx.user.role, 'tickets.revoke'),
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
      const msg = typeof req.query.msg === 'string' ? req.query.msg : '';
      const key = Object.hasOwn(NOTICES, msg) ? NOTICES[msg as keyof typeof NOTICES] : null;
      const notice = key ? ctx.t(key, { n: batch.count }) : null;
      return renderBatch(req, res, ctx, batch, { notice });
    }),
  );

  app.post(
    '/tickets/batches/:id/revoke',
    page('tickets.revoke', async (req, res, ctx) => {
      const batch = await store.getBatch(String(req.params.id));
      if (!batch) return problem(deps, req, res, ctx, ctx.t('err.ECN_ERR_BATCH_UNKNOWN'), 404);
      const form = parseForm(confirmSchema, req.body, {}, () => ctx.t('tickets.err.confirm'));
      if (!form.ok || form.value.confirm !== 'yes') {
        return renderBatch(req, res, ctx, batch, {
          error: ctx.t('tickets.err.confirm'),
          invalid: 'confirm',
          status: 400,
        });
      }
      const r = await revokeBatchAs(deps.services, staff(ctx.user.username), batch.id);
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
        await revokeTicketAs(deps.services, staff(ctx.user.username), ticket.id);
      } catch (err) {
        if (!isEcnError(err, 'ECN_ERR_TICKET_ALREADY_REVOKED')) throw err;
        const batch = await store.getBatch(ticket.batchId);
        if (!batch) throw err;
        return renderBatch(req, res, ctx, batch, { error: errorText(ctx.t, err), status: err.status });
      }
      ctx.log.info({ ticketId: ticket.id }, 'ticket revoked');
      return res.redirect(303, `${batchHref(ticket.batchId)}?msg=revoked`);
    }),
  );
}
