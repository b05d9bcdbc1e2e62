// The console's tickets page: issue a batch (its form read by a zod schema at the edge), the
// recent batches with their tickets' states (one store read), and tickets listed by state.
// The batch page and printing are in tickets-batch.ts and tickets-print.ts.

import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { can } from '../../domain/console';
import { EcnError, isEcnError } from '../../domain/errors';
import { MAX_NOTE_LENGTH, TICKET_STATES, type Batch, type TicketState } from '../../domain/ticket';
import { readWindowTime } from '../../services/issue-tickets';
import { defaultProfileName } from '../../services/profiles';
import { listTickets } from '../../services/list-tickets';
import { staff } from '../../services/audit-trail';
import { issueBatchAs } from '../../services/staff-tickets';
import { errorText, page, renderPage, type SignedIn } from '../context';
import type { ConsoleDeps } from '../deps';
import { parseForm, textField } from '../forms';
import { isPrintLayout } from '../../documents/print/ticket-card';
import {
  DEFAULT_LAYOUT,
  viewContext,
  batchHref,
  layoutOptions,
  profileOptions,
  recentBatchRows,
  ticketRows,
} from '../views/tickets-view';
import { registerTicketBatch } from './tickets-batch';
import { registerTicketPrint } from './tickets-print';

const DEFAULT_COUNT = 12;
const RECENT_BATCHES = 20;
const LISTED_TICKETS = 100;

/** The issue form as sent: lengths bounded here, meaning checked by the use case. */
const issueSchema = z.object({
  layout: textField(40),
  validFrom: textField(40),
  validUntil: textField(40),
  count: textField(20),
  note: textField(1000),
  profile: textField(100),
});
type IssueField = keyof z.output<typeof issueSchema>;

interface IssueForm extends z.output<typeof issueSchema> {
  /** The field the error is about, for aria-invalid. */
  invalid: IssueField | null;
}

interface PageState {
  notice?: string | null;
  error?: string | null;
  status?: number;
}

/** Which field a refusal of the use case is about. */
const REFUSED_FIELD: Partial<Record<string, IssueField>> = {
  ECN_ERR_BATCH_WINDOW_UNREADABLE: 'validUntil',
  ECN_ERR_BATCH_WINDOW_INVERTED: 'validUntil',
  ECN_ERR_BATCH_WINDOW_PAST: 'validUntil',
  ECN_ERR_BATCH_WINDOW_OUTSIDE_PROFILE: 'validFrom',
  ECN_ERR_BATCH_SIZE: 'count',
  ECN_ERR_NOTE_TOO_LONG: 'note',
  ECN_ERR_PROFILE_UNKNOWN: 'profile',
};

/** `?state=`: a known state, none, or the refusal to show. */
function stateOf(req: Request): { state?: TicketState; invalid: boolean } {
  const raw = req.query.state;
  if (typeof raw === 'string' && (TICKET_STATES as readonly string[]).includes(raw)) {
    return { state: raw as TicketState, invalid: false };
  }
  return { invalid: raw !== undefined && raw !== '' };
}

/** The messages a malformed field gets: the same the use case gives for a bad value of it. */
function fieldMessages(deps: ConsoleDeps, ctx: SignedIn): Record<IssueField, () => string> {
  const err =
    (code: ConstructorParameters<typeof EcnError>[0], details = {}) =>
    () =>
      errorText(ctx.t, new EcnError(code, code, details));
  const max = deps.services.maxBatch;
  return {
    layout: () => ctx.t('tickets.err.layout'),
    validFrom: err('ECN_ERR_BATCH_WINDOW_UNREADABLE'),
    validUntil: err('ECN_ERR_BATCH_WINDOW_UNREADABLE'),
    count: err('ECN_ERR_BATCH_SIZE', { max }),
    note: err('ECN_ERR_NOTE_TOO_LONG', { max: MAX_NOTE_LENGTH }),
    profile: err('ECN_ERR_PROFILE_UNKNOWN'),
  };
}

async function renderList(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  ctx: SignedIn,
  form: IssueForm,
  s: PageState = {},
) {
  const v = viewContext(deps, ctx);
  const { t } = ctx;
  const { state, invalid: stateInvalid } = stateOf(req);
  const recent = await deps.services.store.listBatchesWithTickets(RECENT_BATCHES);
  const listed = await listTickets(deps.services, { state });
  const shown = listed.slice(0, LISTED_TICKETS);
  const batches = await batchesOf(
    deps,
    recent.map((r) => r.batch),
    shown.map((l) => l.ticket.batchId),
  );
  const error = s.error ?? (stateInvalid ? t('tickets.err.state') : null);
  renderPage(
    deps,
    req,
    res,
    'tickets',
    t('tickets.title'),
    {
      canIssue: can(ctx.user.role, 'tickets.issue'),
      form,
      profiles: profileOptions(v),
      maxBatch: deps.services.maxBatch,
      maxNote: MAX_NOTE_LENGTH,
      layouts: layoutOptions(t),
      batches: recentBatchRows(v, recent),
      states: TICKET_STATES.map((st) => ({ value: st, label: t(`tickets.state.${st}`) })),
      state: state ?? '',
      stateInvalid: stateInvalid && s.error == null,
      tickets: ticketRows(v, shown, batches),
      total: listed.length,
      stateLabel: state ? t(`tickets.state.${state}`) : t('tickets.list.all'),
      notice: s.notice ?? null,
      error,
    },
    s.status ?? (stateInvalid ? 400 : 200),
  );
}

/** The listed tickets' batches: the recent ones already read, the few older ones once each. */
async function batchesOf(deps: ConsoleDeps, recent: Batch[], wanted: string[]): Promise<Map<string, Batch>> {
  const known = new Map(recent.map((b) => [b.id, b]));
  const missing = [...new Set(wanted)].filter((id) => !known.has(id));
  for (const b of await Promise.all(missing.map((id) => deps.services.store.getBatch(id))))
    if (b) known.set(b.id, b);
  return known;
}

export function registerTickets(app: Express, deps: ConsoleDeps): void {
  const emptyForm = (): IssueForm => ({
    profile: defaultProfileName(deps.services.profiles()),
    count: String(Math.min(DEFAULT_COUNT, deps.services.maxBatch)),
    note: '',
    layout: DEFAULT_LAYOUT,
    validFrom: '',
    validUntil: '',
    invalid: null,
  });

  app.get(
    '/tickets',
    page('tickets.read', (req, res, ctx) => renderList(deps, req, res, ctx, emptyForm())),
  );

  app.post(
    '/tickets/batches',
    page('tickets.issue', async (req, res, ctx) => {
      const parsed = parseForm(issueSchema, req.body, fieldMessages(deps, ctx), () => ctx.t('error.title'));
      if (!parsed.ok) {
        const shown = { ...emptyForm(), invalid: parsed.field };
        return renderList(deps, req, res, ctx, shown, { error: parsed.message, status: 400 });
      }
      const form: IssueForm = { ...parsed.value, invalid: null };
      const refuse = (invalid: IssueField, error: string) =>
        renderList(deps, req, res, ctx, { ...form, invalid }, { error, status: 400 });
      if (!isPrintLayout(form.layout)) return refuse('layout', ctx.t('tickets.err.layout'));
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
      const count = /^\s*\d{1,9}\s*$/.test(form.count) ? Number(form.count.trim()) : Number.NaN;
      let batch: Batch;
      try {
        ({ batch } = await issueBatchAs(deps.services, staff(ctx.user.username), {
          profile: form.profile,
          count,
          note: form.note,
          validFrom,
          validUntil,
          // Printed on each ticket: using one accepts this version (issue #15, item 7).
          charterVersion: deps.services.policy.charterVersion,
        }));
      } catch (err) {
        const field = isEcnError(err) ? REFUSED_FIELD[err.code] : undefined;
        if (!field) throw err;
        return refuse(field, errorText(ctx.t, err));
      }
      ctx.log.info({ batchId: batch.id, count: batch.count, profile: batch.profileName }, 'tickets issued');
      return res.redirect(303, `${batchHref(batch.id)}?msg=issued&layout=${form.layout}`);
    }),
  );

  registerTicketBatch(app, deps);
  registerTicketPrint(app, deps);
}
