// Answers a judicial requisition: a scoped query only (a public IP and port in a time window,
// or one ticket), the requisition reference required, the answer as RFC 4180 CSV (UTF-8,
// ISO-8601 UTC) with a manifest holding the query, the reference and the file's SHA-256.
// Every export is written to the audit log.

import { createHash } from 'node:crypto';
import { EcnError } from '../domain/errors';
import type { ConnectionRecord, JournalRow, RequisitionScope } from './journal-entry';
import type { SqliteJournal } from './sqlite-journal';

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
];

const MAX_WINDOW_MS = 31 * 24 * 3600 * 1000;

export function validateScope(reference: string, scope: RequisitionScope): void {
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ./_-]{2,79}$/u.test(reference)) {
    throw new EcnError(
      'ECN_ERR_REQUISITION_INVALID',
      'A requisition reference (3 to 80 letters, digits, spaces, dots, slashes, dashes) is required.',
    );
  }
  if (scope.kind === 'address') {
    if (!(scope.from < scope.to))
      throw new EcnError('ECN_ERR_REQUISITION_INVALID', 'The time window must end after it starts.');
    if (scope.to - scope.from > MAX_WINDOW_MS) {
      throw new EcnError(
        'ECN_ERR_REQUISITION_INVALID',
        'A requisition window is limited to 31 days; a broader query is not scoped.',
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

export function toCsv(records: ConnectionRecord[]): string {
  const lines = [CSV_HEADER.join(',')];
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
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

export interface RequisitionAnswer {
  csv: string;
  manifest: {
    reference: string;
    operator: string;
    scope: RequisitionScope;
    generatedAt: string;
    rows: number;
    file: string;
    sha256: string;
    auditSeq: number;
  };
}

export function answerRequisition(
  journal: SqliteJournal,
  req: { reference: string; operator: string; scope: RequisitionScope; now: number },
): RequisitionAnswer {
  validateScope(req.reference, req.scope);
  const matching = connections(journal.read()).filter((c) => matchScope(c, req.scope));
  const csv = toCsv(matching);
  const sha256 = createHash('sha256').update(csv, 'utf8').digest('hex');
  const audit = journal.recordExport({
    at: req.now,
    operator: req.operator,
    reference: req.reference,
    scope: req.scope,
    rows: matching.length,
    sha256,
  });
  return {
    csv,
    manifest: {
      reference: req.reference,
      operator: req.operator,
      scope: req.scope,
      generatedAt: new Date(req.now).toISOString(),
      rows: matching.length,
      file: 'connections.csv',
      sha256,
      auditSeq: audit.seq,
    },
  };
}
