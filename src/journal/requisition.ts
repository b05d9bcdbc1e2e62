// Answers a judicial requisition: a scoped query only (a public IP and port in a time window,
// or one ticket), the requisition reference required, the answer as RFC 4180 CSV (UTF-8,
// ISO-8601 UTC) with a manifest holding the query, the reference and the file's SHA-256.
// Every export is written to the audit log.

import { createHash } from 'node:crypto';
import { EcnError } from '../domain/errors';
import type { ConnectionRecord, JournalRow, RequisitionScope } from './journal-entry';
import type { ExportAuditRecord, SqliteJournal } from './sqlite-journal';

export const CSV_HEADER = [
  'session_id',
  'ticket_id',
  'device_mac',
  'private_ip',
  'public_ip',
  'nat_port_first',
  'nat_port_last',
  'nas',
  'start_utc',
  'end_utc',
  'bytes_in',
  'bytes_out',
  // Issue #15, item 2: a trusted device's label ("PC 3"), so an officer tells the space's public
  // PC (anyone at the desk may have used it) from a resident's own phone; empty for a resident.
  'space_device',
];

/** Exports answered before the `space_device` column had these columns only. */
const CSV_HEADER_BEFORE_SPACE_DEVICE = CSV_HEADER.slice(0, -1);

export const MAX_WINDOW_DAYS = 31;
const MAX_WINDOW_MS = MAX_WINDOW_DAYS * 24 * 3600 * 1000;

/**
 * What is wrong with a requisition, in `details.reason` of ECN_ERR_REQUISITION_INVALID, so the
 * console can say it in French next to the right field.
 */
export type RequisitionProblem =
  'reference' | 'scope' | 'both' | 'ip' | 'port' | 'window' | 'window-order' | 'window-size';

export function requisitionInvalid(reason: RequisitionProblem, message: string): EcnError {
  return new EcnError('ECN_ERR_REQUISITION_INVALID', message, { reason });
}

// Letters, digits and the punctuation of French references (« PV n° 2026/1234 – OPJ Roubaix »).
const REFERENCE_RE = /^[\p{L}\p{N}][\p{L}\p{N} ./_\-–’'°:,()]{2,79}$/u;

export function validateScope(reference: string, scope: RequisitionScope): void {
  if (!REFERENCE_RE.test(reference)) {
    throw requisitionInvalid(
      'reference',
      "A requisition reference (3 to 80 letters, digits, spaces and . / - – ’ ' ° : , ( )) is required.",
    );
  }
  if (scope.kind === 'address') {
    if (!(scope.from < scope.to))
      throw requisitionInvalid('window-order', 'The time window must end after it starts.');
    if (scope.to - scope.from > MAX_WINDOW_MS) {
      throw requisitionInvalid(
        'window-size',
        `A requisition window is limited to ${MAX_WINDOW_DAYS} days; a broader query is not scoped.`,
      );
    }
  }
}

/** Start and end entries of each session merged into one connection record. */
export function connections(rows: JournalRow[]): ConnectionRecord[] {
  const bySession = new Map<string, ConnectionRecord>();
  for (const { entry } of rows) {
    const prev = bySession.get(entry.sessionId);
    bySession.set(entry.sessionId, {
      sessionId: entry.sessionId,
      ticketId: entry.ticketId ?? prev?.ticketId ?? null,
      mac: entry.mac ?? prev?.mac ?? null,
      privateIp: entry.privateIp ?? prev?.privateIp ?? null,
      publicIp: entry.publicIp ?? prev?.publicIp ?? null,
      natPorts: entry.natPorts ?? prev?.natPorts ?? null,
      nas: entry.nas,
      startedAt: Math.min(entry.startedAt, prev?.startedAt ?? entry.startedAt),
      endedAt: entry.endedAt ?? prev?.endedAt ?? null,
      bytesIn: Math.max(entry.bytesIn, prev?.bytesIn ?? 0),
      bytesOut: Math.max(entry.bytesOut, prev?.bytesOut ?? 0),
      spaceDevice: entry.spaceDevice ?? prev?.spaceDevice ?? null,
    });
  }
  return [...bySession.values()].sort((a, b) => a.startedAt - b.startedAt);
}

export function matchScope(c: ConnectionRecord, scope: RequisitionScope): boolean {
  if (scope.kind === 'ticket') return c.ticketId === scope.ticketId;
  if (c.publicIp !== scope.publicIp) return false;
  if (c.startedAt > scope.to || (c.endedAt !== null && c.endedAt < scope.from)) return false;
  if (scope.port !== null && c.natPorts !== null)
    return scope.port >= c.natPorts[0] && scope.port <= c.natPorts[1];
  return true;
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

export function toCsv(records: ConnectionRecord[], header: readonly string[] = CSV_HEADER): string {
  const lines = [header.join(',')];
  for (const c of records) {
    lines.push(
      [
        c.sessionId,
        c.ticketId ?? '',
        c.mac ?? '',
        c.privateIp ?? '',
        c.publicIp ?? '',
        c.natPorts ? String(c.natPorts[0]) : '',
        c.natPorts ? String(c.natPorts[1]) : '',
        c.nas,
        iso(c.startedAt),
        iso(c.endedAt),
        String(c.bytesIn),
        String(c.bytesOut),
        c.spaceDevice ?? '',
      ]
        .slice(0, header.length)
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

export interface RequisitionManifest {
  reference: string;
  operator: string;
  scope: RequisitionScope;
  generatedAt: string;
  rows: number;
  file: string;
  sha256: string;
  auditSeq: number;
}

export interface RequisitionAnswer {
  csv: string;
  manifest: RequisitionManifest;
}

const sha256Of = (csv: string) => createHash('sha256').update(csv, 'utf8').digest('hex');

/** The manifest of an export, from its audit record alone: the same whenever it is asked for. */
export function manifestOf(record: ExportAuditRecord): RequisitionManifest {
  return {
    reference: record.reference,
    operator: record.operator,
    scope: record.scope as RequisitionScope,
    generatedAt: new Date(record.at).toISOString(),
    rows: record.rows,
    file: 'connections.csv',
    sha256: record.sha256,
    auditSeq: record.seq,
  };
}

function matchingCsv(
  journal: SqliteJournal,
  scope: RequisitionScope,
  header: readonly string[] = CSV_HEADER,
): { csv: string; rows: number } {
  const matching = connections(journal.read()).filter((c) => matchScope(c, scope));
  return { csv: toCsv(matching, header), rows: matching.length };
}

/**
 * The CSV of an export already answered, read again from the journal, only when it is byte for
 * byte the file that was audited (same SHA-256); null when the journal changed since (a session
 * of the scope ended, entries were purged): then a new requisition is needed.
 */
export function reproduceExport(journal: SqliteJournal, record: ExportAuditRecord): string | null {
  // A file answered before the `space_device` column is given again as it was answered.
  for (const header of [CSV_HEADER, CSV_HEADER_BEFORE_SPACE_DEVICE]) {
    const { csv } = matchingCsv(journal, record.scope as RequisitionScope, header);
    if (sha256Of(csv) === record.sha256) return csv;
  }
  return null;
}

export function answerRequisition(
  journal: SqliteJournal,
  req: { reference: string; operator: string; scope: RequisitionScope; now: number },
): RequisitionAnswer {
  validateScope(req.reference, req.scope);
  const { csv, rows } = matchingCsv(journal, req.scope);
  const audit = journal.recordExport({
    at: req.now,
    operator: req.operator,
    reference: req.reference,
    scope: req.scope,
    rows,
    sha256: sha256Of(csv),
  });
  return { csv, manifest: manifestOf(audit) };
}
