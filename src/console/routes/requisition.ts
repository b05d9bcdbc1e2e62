// Answering a judicial requisition from the legal journal (requisition role only), exactly as
// `ecn journal export` does: the scope is read by `requisitionScope`, the answer made and
// audited by `answerRequisitionAs`, which also publishes `journal.exported` for the staff audit trail.
//
// POST → 303 to the export's page: its manifest (rebuilt from the export audit record, so it
// is the same every time) and two downloads. The CSV is read again from the journal and given
// only when its SHA-256 is the audited one: nothing is stored besides the audit record.
// Managers read the export audit at /requisition/audit.

import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { EcnError, isEcnError } from '../../domain/errors';
import type { RequisitionScope } from '../../journal/journal-entry';
import {
  manifestOf,
  MAX_WINDOW_DAYS,
  reproduceExport,
  type RequisitionProblem,
} from '../../journal/requisition';
import { requisitionScope } from '../../journal/requisition-scope';
import type { ExportAuditRecord, SqliteJournal } from '../../journal/sqlite-journal';
import { answerRequisitionAs } from '../../journal/answer-requisition-as';
import { staff } from '../../services/audit-trail';
import { errorText, page, renderPage, type PageHandler, type SignedIn } from '../context';
import { parseForm, textField } from '../forms';
import type { ConsoleDeps } from '../deps';
import type { ConsoleKey, ConsoleLanguage, ConsoleTranslate } from '../i18n';
import { zonedToUtc } from '../../domain/zoned-time';
import { intlLocale } from '../../domain/languages';

const EXPORT_FILE_RE = /^(\d{1,9})(\.csv|\.json)?$/;
const RECENT = 10;

/** The form's fields, as typed (kept when the form is refused). */
interface RequisitionForm {
  reference: string;
  publicIp: string;
  port: string;
  from: string;
  to: string;
  ticket: string;
}

type Field = 'reference' | 'publicIp' | 'port' | 'from' | 'to' | 'ticket';

const FIELD_OF: Record<RequisitionProblem, Field> = {
  reference: 'reference',
  scope: 'publicIp',
  both: 'ticket',
  ip: 'publicIp',
  port: 'port',
  window: 'from',
  'window-order': 'to',
  'window-size': 'to',
};

/** A text field, trimmed; one string of at most `max` characters, absent reads as empty. */
const trimmed = (max: number) => textField(max).transform((s) => s.trim());

/** The form read at the edge: a repeated, too long or non-text field is refused on that field. */
const requisitionSchema = z.object({
  reference: trimmed(200),
  publicIp: trimmed(64),
  port: trimmed(10),
  from: trimmed(32),
  to: trimmed(32),
  ticket: trimmed(200),
});

/** The sentence a malformed field gets: the one a bad value of that field gets. */
const MALFORMED: Record<Field, ConsoleKey> = {
  reference: 'requisition.err.reference',
  publicIp: 'requisition.err.ip',
  port: 'requisition.err.port',
  from: 'requisition.err.window',
  to: 'requisition.err.window',
  ticket: 'requisition.err.ticket',
};

/** What was typed, shown back in a refused form (text fields only, cut short). */
function typedBack(body: Record<string, unknown>): RequisitionForm {
  const s = (k: Field, max: number) => (typeof body[k] === 'string' ? body[k].trim().slice(0, max) : '');
  return {
    reference: s('reference', 200),
    publicIp: s('publicIp', 64),
    port: s('port', 10),
    from: s('from', 32),
    to: s('to', 32),
    ticket: s('ticket', 64),
  };
}

const EMPTY_FORM: RequisitionForm = { reference: '', publicIp: '', port: '', from: '', to: '', ticket: '' };

const operatorOf = (ctx: SignedIn) => `console:${ctx.user.username}`;

function locale(lang: ConsoleLanguage): string {
  return intlLocale(lang);
}

export function formatLocal(ms: number, lang: ConsoleLanguage, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeStyle: 'medium', timeZone }).format(
    ms,
  );
}

/** The query in words, local times of the space. */
export function describeScope(
  scope: RequisitionScope,
  t: ConsoleTranslate,
  lang: ConsoleLanguage,
  timeZone: string,
): string {
  if (scope.kind === 'ticket') return t('requisition.scope.ticket', { ticket: scope.ticketId });
  const vars = {
    ip: scope.publicIp,
    from: formatLocal(scope.from, lang, timeZone),
    to: formatLocal(scope.to, lang, timeZone),
  };
  return scope.port === null
    ? t('requisition.scope.address', vars)
    : t('requisition.scope.addressPort', { ...vars, port: scope.port });
}

/** The French sentence and the field for a refused requisition. */
function problemOf(err: unknown, t: ConsoleTranslate): { message: string; field: Field | null } | null {
  if (!isEcnError(err)) return null;
  if (err.code === 'ECN_ERR_TICKET_UNKNOWN' || err.code === 'ECN_ERR_TICKET_CODE_MALFORMED') {
    return { message: t('requisition.err.ticket'), field: 'ticket' };
  }
  if (err.code !== 'ECN_ERR_REQUISITION_INVALID') return null;
  const reason = err.details.reason as RequisitionProblem | undefined;
  if (!reason || !(reason in FIELD_OF)) return { message: errorText(t, err), field: null };
  return {
    message: t(`requisition.err.${reason}` as ConsoleKey, { days: MAX_WINDOW_DAYS }),
    field: FIELD_OF[reason],
  };
}

export function registerRequisition(app: Express, deps: ConsoleDeps): void {
  app.get(
    '/requisition',
    page('journal.export', (req, res, ctx) => formPage(deps, req, res, ctx, EMPTY_FORM)),
  );
  app.post('/requisition', page('journal.export', answer(deps)));
  app.get('/requisition/exports/:file', page('journal.export', showExport(deps)));
  app.get('/requisition/audit', page('audit.read', showAudit(deps)));
}

function journalOf(deps: ConsoleDeps): SqliteJournal {
  if (!deps.journal) throw new EcnError('ECN_ERR_JOURNAL_UNAVAILABLE', 'The journal is off.');
  return deps.journal;
}

/** The last exports, newest first, as the form page lists them. */
function recentExports(journal: SqliteJournal, ctx: SignedIn, tz: string) {
  return journal
    .exportAudit()
    .records.slice(0, RECENT)
    .map((r) => ({ seq: r.seq, reference: r.reference, at: formatLocal(r.at, ctx.lang, tz), rows: r.rows }));
}

/** The form, with the refusal on its field when there is one; 503 when the journal is off. */
function formPage(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  ctx: SignedIn,
  form: RequisitionForm,
  problem: { message: string; field: Field | null } | null = null,
) {
  const title = ctx.t('requisition.title');
  if (!deps.journal) return renderPage(deps, req, res, 'requisition', title, { unavailable: true }, 503);
  const tz = deps.settings.timeZone;
  return renderPage(
    deps,
    req,
    res,
    'requisition',
    title,
    {
      unavailable: false,
      form,
      field: problem?.field ?? null,
      error: problem?.message ?? null,
      recent: recentExports(deps.journal, ctx, tz),
      zone: tz,
      days: MAX_WINDOW_DAYS,
    },
    problem ? 400 : 200,
  );
}

/** POST /requisition: the form read, the scope found, the export made and audited. */
function answer(deps: ConsoleDeps): PageHandler {
  const tz = deps.settings.timeZone;
  return async (req, res, ctx) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(requisitionSchema, body, {}, () => null);
    if (!parsed.ok) {
      const field = parsed.field as Field;
      ctx.log.info({ errorCode: 'ECN_ERR_REQUISITION_INVALID', field }, 'requisition refused');
      const message = ctx.t(MALFORMED[field] ?? 'requisition.err.reference', { days: MAX_WINDOW_DAYS });
      return formPage(deps, req, res, ctx, typedBack(body), { message, field });
    }
    const form = parsed.value;
    if (!deps.journal) return formPage(deps, req, res, ctx, form);
    let manifest;
    try {
      const scope = await requisitionScope(deps.services.store, {
        ticket: form.ticket,
        publicIp: form.publicIp,
        port: form.port,
        from: form.from === '' ? undefined : zonedToUtc(form.from, tz),
        to: form.to === '' ? undefined : zonedToUtc(form.to, tz),
      });
      ({ manifest } = await answerRequisitionAs(deps.services, deps.journal, staff(ctx.user.username), {
        reference: form.reference,
        operator: operatorOf(ctx),
        scope,
        now: deps.services.clock.now(),
      }));
    } catch (err) {
      const problem = problemOf(err, ctx.t);
      if (!problem) throw err;
      ctx.log.info({ errorCode: (err as EcnError).code }, 'requisition refused');
      return formPage(deps, req, res, ctx, form, problem);
    }
    ctx.log.info({ seq: manifest.auditSeq, rows: manifest.rows }, 'requisition answered');
    return res.redirect(303, `/requisition/exports/${manifest.auditSeq}?msg=exported`);
  };
}

/** GET /requisition/exports/<seq>[.csv|.json]: the export's page, its manifest or its rows. */
function showExport(deps: ConsoleDeps): PageHandler {
  const tz = deps.settings.timeZone;
  return (req, res, ctx) => {
    const m = EXPORT_FILE_RE.exec(String(req.params.file));
    if (!m) throw new EcnError('ECN_ERR_NOT_FOUND', 'No such export.');
    const journal = journalOf(deps);
    const seq = Number(m[1]);
    const record = journal.exportAudit().records.find((r) => r.seq === seq);
    if (!record) return refusal(deps, req, res, ctx, 'requisition.export.unknown', 404, 'ECN_ERR_NOT_FOUND');
    const manifest = manifestOf(record);
    if (m[2] === '.json') {
      return res
        .attachment(`requisition-${seq}-manifest.json`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(manifest, null, 2) + '\n');
    }
    if (m[2] === '.csv') return sendCsv(deps, req, res, ctx, record);
    const exported = req.query.msg === 'exported';
    return renderPage(deps, req, res, 'requisition-export', ctx.t('requisition.export.title', { seq }), {
      notice: exported ? ctx.t('requisition.export.done', { rows: record.rows }) : null,
      manifest,
      scopeText: describeScope(manifest.scope, ctx.t, ctx.lang, tz),
      at: formatLocal(record.at, ctx.lang, tz),
      mine: record.operator === operatorOf(ctx),
    });
  };
}

/** The problem page for an export that cannot be given. */
function refusal(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  ctx: SignedIn,
  key: ConsoleKey,
  status: number,
  errorCode = 'ECN_ERR_REQUISITION_INVALID',
) {
  return renderPage(
    deps,
    req,
    res,
    'problem',
    ctx.t('error.title'),
    { message: ctx.t(key), errorCode },
    status,
  );
}

/** The export's rows, read again from the journal, only when they are still the audited ones. */
function sendCsv(deps: ConsoleDeps, req: Request, res: Response, ctx: SignedIn, record: ExportAuditRecord) {
  // Only the officer who made the export takes its rows away again.
  if (record.operator !== operatorOf(ctx))
    return refusal(deps, req, res, ctx, 'requisition.export.notYours', 403);
  const csv = reproduceExport(journalOf(deps), record);
  if (csv === null) return refusal(deps, req, res, ctx, 'requisition.export.changed', 409);
  ctx.log.info({ seq: record.seq }, 'requisition file downloaded');
  return res
    .attachment(`requisition-${record.seq}-connections.csv`)
    .type('text/csv; charset=utf-8')
    .send(csv);
}

/** GET /requisition/audit: every export, for managers, and whether the record is intact. */
function showAudit(deps: ConsoleDeps): PageHandler {
  const tz = deps.settings.timeZone;
  return (req, res, ctx) => {
    const { records, intact } = journalOf(deps).exportAudit();
    return renderPage(deps, req, res, 'requisition-audit', ctx.t('requisition.audit.title'), {
      intact,
      records: records.map((r) => ({
        seq: r.seq,
        at: formatLocal(r.at, ctx.lang, tz),
        operator: r.operator,
        reference: r.reference,
        scope: describeScope(r.scope as RequisitionScope, ctx.t, ctx.lang, tz),
        rows: r.rows,
        sha256: r.sha256,
      })),
    });
  };
}
