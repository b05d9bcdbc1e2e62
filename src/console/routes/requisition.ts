// Answering a judicial requisition from the legal journal (requisition role only), exactly as
// `ecn journal export` does: the scope is read by `requisitionScope`, the answer made and
// audited by `answerRequisition`. The console also writes `journal.exported` to its own audit.
//
// POST → 303 to the export's page: its manifest (rebuilt from the export audit record, so it
// is the same every time) and two downloads. The CSV is read again from the journal and given
// only when its SHA-256 is the audited one: nothing is stored besides the audit record.
// Managers read the export audit at /requisition/audit.

import type { Express, Request, Response } from 'express';
import { EcnError, isEcnError } from '../../domain/errors';
import type { RequisitionScope } from '../../journal/journal-entry';
import {
  answerRequisition,
  manifestOf,
  MAX_WINDOW_DAYS,
  reproduceExport,
  type RequisitionProblem,
} from '../../journal/requisition';
import { requisitionScope } from '../../journal/requisition-scope';
import type { ExportAuditRecord, SqliteJournal } from '../../journal/sqlite-journal';
import { recordAudit } from '../audit';
import { errorText, page, renderPage, type SignedIn } from '../context';
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

function readForm(body: Record<string, unknown>): RequisitionForm {
  const s = (k: string, max: number) => (typeof body[k] === 'string' ? body[k].trim().slice(0, max) : '');
  return {
    reference: s('reference', 200),
    publicIp: s('publicIp', 64),
    port: s('port', 10),
    from: s('from', 32),
    to: s('to', 32),
    ticket: s('ticket', 64),
  };
}

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
  const tz = deps.settings.timeZone;
  const journalOf = (): SqliteJournal => {
    if (!deps.journal) throw new EcnError('ECN_ERR_JOURNAL_UNAVAILABLE', 'The journal is off.');
    return deps.journal;
  };

  const formPage = (
    req: Request,
    res: Response,
    ctx: SignedIn,
    form: RequisitionForm,
    problem: { message: string; field: Field | null } | null = null,
  ) => {
    if (!deps.journal) {
      return renderPage(
        deps,
        req,
        res,
        'requisition',
        ctx.t('requisition.title'),
        { unavailable: true },
        503,
      );
    }
    const recent = deps.journal
      .exportAudit()
      .records.slice(0, RECENT)
      .map((r) => ({
        seq: r.seq,
        reference: r.reference,
        at: formatLocal(r.at, ctx.lang, tz),
        rows: r.rows,
      }));
    return renderPage(
      deps,
      req,
      res,
      'requisition',
      ctx.t('requisition.title'),
      {
        unavailable: false,
        form,
        field: problem?.field ?? null,
        error: problem?.message ?? null,
        recent,
        zone: tz,
        days: MAX_WINDOW_DAYS,
      },
      problem ? 400 : 200,
    );
  };

  app.get(
    '/requisition',
    page('journal.export', (req, res, ctx) =>
      formPage(req, res, ctx, { reference: '', publicIp: '', port: '', from: '', to: '', ticket: '' }),
    ),
  );

  app.post(
    '/requisition',
    page('journal.export', async (req, res, ctx) => {
      const form = readForm((req.body ?? {}) as Record<string, unknown>);
      if (!deps.journal) return formPage(req, res, ctx, form);
      const journal = deps.journal;
      let manifest;
      try {
        const scope = await requisitionScope(deps.services.store, {
          ticket: form.ticket,
          publicIp: form.publicIp,
          port: form.port,
          from: form.from === '' ? undefined : zonedToUtc(form.from, tz),
          to: form.to === '' ? undefined : zonedToUtc(form.to, tz),
        });
        manifest = answerRequisition(journal, {
          reference: form.reference,
          operator: operatorOf(ctx),
          scope,
          now: deps.services.clock.now(),
        }).manifest;
      } catch (err) {
        const problem = problemOf(err, ctx.t);
        if (!problem) throw err;
        ctx.log.info({ errorCode: (err as EcnError).code }, 'requisition refused');
        return formPage(req, res, ctx, form, problem);
      }
      await recordAudit(deps.services, ctx.user.username, 'journal.exported', `export:${manifest.auditSeq}`, {
        reference: manifest.reference,
        rows: manifest.rows,
      });
      ctx.log.info({ seq: manifest.auditSeq, rows: manifest.rows }, 'requisition answered');
      return res.redirect(303, `/requisition/exports/${manifest.auditSeq}?msg=exported`);
    }),
  );

  app.get(
    '/requisition/exports/:file',
    page('journal.export', (req, res, ctx) => {
      const m = EXPORT_FILE_RE.exec(String(req.params.file));
      if (!m) throw new EcnError('ECN_ERR_NOT_FOUND', 'No such export.');
      const journal = journalOf();
      const seq = Number(m[1]);
      const record = journal.exportAudit().records.find((r) => r.seq === seq);
      if (!record) {
        return renderPage(
          deps,
          req,
          res,
          'problem',
          ctx.t('error.title'),
          { message: ctx.t('requisition.export.unknown'), errorCode: 'ECN_ERR_NOT_FOUND' },
          404,
        );
      }
      const manifest = manifestOf(record);
      if (m[2] === '.json') {
        return res
          .attachment(`requisition-${seq}-manifest.json`)
          .type('application/json; charset=utf-8')
          .send(JSON.stringify(manifest, null, 2) + '\n');
      }
      if (m[2] === '.csv') return sendCsv(req, res, ctx, journal, record);
      const exported = req.query.msg === 'exported';
      return renderPage(deps, req, res, 'requisition-export', ctx.t('requisition.export.title', { seq }), {
        notice: exported ? ctx.t('requisition.export.done', { rows: record.rows }) : null,
        manifest,
        scopeText: describeScope(manifest.scope, ctx.t, ctx.lang, tz),
        at: formatLocal(record.at, ctx.lang, tz),
        mine: record.operator === operatorOf(ctx),
      });
    }),
  );

  const sendCsv = (
    req: Request,
    res: Response,
    ctx: SignedIn,
    journal: SqliteJournal,
    record: ExportAuditRecord,
  ) => {
    const refuse = (key: ConsoleKey, status: number) =>
      renderPage(
        deps,
        req,
        res,
        'problem',
        ctx.t('error.title'),
        { message: ctx.t(key), errorCode: 'ECN_ERR_REQUISITION_INVALID' },
        status,
      );
    // Only the officer who made the export takes its rows away again.
    if (record.operator !== operatorOf(ctx)) return refuse('requisition.export.notYours', 403);
    const csv = reproduceExport(journal, record);
    if (csv === null) return refuse('requisition.export.changed', 409);
    ctx.log.info({ seq: record.seq }, 'requisition file downloaded');
    return res
      .attachment(`requisition-${record.seq}-connections.csv`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  };

  app.get(
    '/requisition/audit',
    page('audit.read', (req, res, ctx) => {
      const { records, intact } = journalOf().exportAudit();
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
    }),
  );
}
