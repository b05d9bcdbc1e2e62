// The legal connection log on disk: its own SQLite file (separate from the store), append
// only, every entry encrypted and linked to the previous one by a keyed hash. Purging the
// entries past retention keeps an authenticated anchor so the rest still verifies.

import Database from 'better-sqlite3';
import { EcnError } from '../domain/errors';
import { openDurableSqlite } from '../store/open-durable-sqlite';
import { chainHash, deriveKeys, GENESIS, open, sameBytes, seal, type JournalKeys } from './journal-crypto';
import { journalEntrySchema, type JournalEntry, type JournalRow } from './journal-entry';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS entries (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  iv BLOB NOT NULL,
  ct BLOB NOT NULL,
  tag BLOB NOT NULL,
  hash BLOB NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS entries_at ON entries(at);
CREATE TABLE IF NOT EXISTS anchor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash BLOB NOT NULL,
  mac BLOB NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS export_audit (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  data TEXT NOT NULL,
  hash BLOB NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS security_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  data TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS security_log_at ON security_log(at);
`;

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** First entry that fails, with why, when not ok. */
  failure: { seq: number; reason: 'gap' | 'hash' | 'decrypt' | 'schema' | 'anchor' } | null;
}

export interface ExportAuditRecord {
  seq: number;
  at: number;
  operator: string;
  reference: string;
  scope: unknown;
  rows: number;
  sha256: string;
}

interface EntryRow {
  seq: number;
  at: number;
  iv: Buffer;
  ct: Buffer;
  tag: Buffer;
  hash: Buffer;
}

function aad(seq: number, at: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeBigUInt64BE(BigInt(seq), 0);
  b.writeBigUInt64BE(BigInt(at), 8);
  return b;
}

export class SqliteJournal {
  private db: Database.Database | null = null;
  private readonly keys: JournalKeys;

  constructor(
    private readonly file: string,
    masterKey: Buffer,
  ) {
    this.keys = deriveKeys(masterKey);
  }

  start(): void {
    if (this.db) return;
    try {
      this.db = openDurableSqlite(this.file, SCHEMA);
    } catch (err) {
      throw new EcnError(
        'ECN_ERR_JOURNAL_UNAVAILABLE',
        `Cannot open the journal at ${this.file}: ${(err as Error).message}`,
        {},
        { cause: err },
      );
    }
  }

  stop(): void {
    this.db?.close();
    this.db = null;
  }

  private handle(): Database.Database {
    if (!this.db) throw new EcnError('ECN_ERR_JOURNAL_UNAVAILABLE', 'The journal is not open.');
    return this.db;
  }

  /** Appends one entry durably (the commit has returned when this does). */
  append(entry: JournalEntry, at: number): number {
    const valid = journalEntrySchema.parse(entry);
    const db = this.handle();
    return db
      .transaction(() => {
        const last = db.prepare('SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1').get() as
          { seq: number; hash: Buffer } | undefined;
        const anchor = this.readAnchor(db);
        const prev = last?.hash ?? anchor?.hash ?? GENESIS;
        const seq = (last?.seq ?? anchor?.seq ?? 0) + 1;
        const sealed = seal(this.keys.encryption, Buffer.from(JSON.stringify(valid)), aad(seq, at));
        const hash = chainHash(
          this.keys.chain,
          prev,
          seq,
          at,
          Buffer.concat([sealed.iv, sealed.tag, sealed.ciphertext]),
        );
        db.prepare('INSERT INTO entries (seq, at, iv, ct, tag, hash) VALUES (?, ?, ?, ?, ?, ?)').run(
          seq,
          at,
          sealed.iv,
          sealed.ciphertext,
          sealed.tag,
          hash,
        );
        return seq;
      })
      .immediate();
  }

  private readAnchor(db: Database.Database): { seq: number; hash: Buffer } | null {
    const row = db.prepare('SELECT seq, hash, mac FROM anchor WHERE id = 1').get() as
      { seq: number; hash: Buffer; mac: Buffer } | undefined;
    if (!row) return null;
    return { seq: row.seq, hash: row.hash };
  }

  private anchorMac(seq: number, hash: Buffer): Buffer {
    return chainHash(this.keys.chain, Buffer.from('anchor'), seq, 0, hash);
  }

  /** Decrypts entries appended within [from, to] (epoch ms), oldest first. */
  read(range: { from?: number; to?: number } = {}): JournalRow[] {
    const db = this.handle();
    const rows = db
      .prepare('SELECT seq, at, iv, ct, tag, hash FROM entries WHERE at >= ? AND at <= ? ORDER BY seq')
      .all(range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER) as EntryRow[];
    return rows.map((r) => ({ seq: r.seq, at: r.at, entry: this.decrypt(r) }));
  }

  private decrypt(r: EntryRow): JournalEntry {
    let plain: Buffer;
    try {
      plain = open(this.keys.encryption, { iv: r.iv, ciphertext: r.ct, tag: r.tag }, aad(r.seq, r.at));
    } catch (err) {
      throw new EcnError(
        'ECN_ERR_JOURNAL_TAMPERED',
        `Journal entry ${r.seq} cannot be decrypted (altered, or another key).`,
        { seq: r.seq },
        { cause: err },
      );
    }
    const parsed = journalEntrySchema.safeParse(JSON.parse(plain.toString('utf8')));
    if (!parsed.success)
      throw new EcnError('ECN_ERR_JOURNAL_TAMPERED', `Journal entry ${r.seq} is not a valid entry.`, {
        seq: r.seq,
      });
    return parsed.data;
  }

  /** Walks the whole chain: no gap, every link and every ciphertext intact. */
  verify(): VerifyResult {
    const db = this.handle();
    const anchorRow = db.prepare('SELECT seq, hash, mac FROM anchor WHERE id = 1').get() as
      { seq: number; hash: Buffer; mac: Buffer } | undefined;
    if (anchorRow && !sameBytes(anchorRow.mac, this.anchorMac(anchorRow.seq, anchorRow.hash))) {
      return { ok: false, entries: 0, failure: { seq: anchorRow.seq, reason: 'anchor' } };
    }
    let prev: Buffer = anchorRow?.hash ?? GENESIS;
    let expected = (anchorRow?.seq ?? 0) + 1;
    let count = 0;
    for (const r of db
      .prepare('SELECT seq, at, iv, ct, tag, hash FROM entries ORDER BY seq')
      .iterate() as IterableIterator<EntryRow>) {
      if (r.seq !== expected) return { ok: false, entries: count, failure: { seq: expected, reason: 'gap' } };
      const hash = chainHash(this.keys.chain, prev, r.seq, r.at, Buffer.concat([r.iv, r.tag, r.ct]));
      if (!sameBytes(hash, r.hash))
        return { ok: false, entries: count, failure: { seq: r.seq, reason: 'hash' } };
      try {
        this.decrypt(r);
      } catch {
        return { ok: false, entries: count, failure: { seq: r.seq, reason: 'decrypt' } };
      }
      prev = r.hash;
      expected++;
      count++;
    }
    return { ok: true, entries: count, failure: null };
  }

  /**
   * Deletes entries appended before `before` (and security-log lines before
   * `securityBefore`, clock lines only once both have passed), keeping an authenticated anchor where the chain now starts.
   */
  purge(before: number, securityBefore: number): { entries: number; securityLines: number } {
    const db = this.handle();
    return db
      .transaction(() => {
        const last = db
          .prepare('SELECT seq, hash FROM entries WHERE at < ? ORDER BY seq DESC LIMIT 1')
          .get(before) as { seq: number; hash: Buffer } | undefined;
        let entries = 0;
        if (last) {
          entries = db.prepare('DELETE FROM entries WHERE seq <= ?').run(last.seq).changes;
          db.prepare('INSERT OR REPLACE INTO anchor (id, seq, hash, mac) VALUES (1, ?, ?, ?)').run(
            last.seq,
            last.hash,
            this.anchorMac(last.seq, last.hash),
          );
        }
        // Clock lines say whether the entries' times can be trusted: kept as long as the entries.
        const securityLines = db
          .prepare(
            `DELETE FROM security_log WHERE at < ?
               AND (coalesce(json_extract(data, '$.kind'), '') NOT LIKE 'clock.%' OR at < ?)`,
          )
          .run(securityBefore, before).changes;
        return { entries, securityLines };
      })
      .immediate();
  }

  /** Records one requisition export in the audit log (chained like the entries). */
  recordExport(record: Omit<ExportAuditRecord, 'seq'>): ExportAuditRecord {
    const db = this.handle();
    return db
      .transaction(() => {
        const last = db.prepare('SELECT seq, hash FROM export_audit ORDER BY seq DESC LIMIT 1').get() as
          { seq: number; hash: Buffer } | undefined;
        const seq = (last?.seq ?? 0) + 1;
        const full: ExportAuditRecord = { seq, ...record };
        const data = JSON.stringify(full);
        const hash = chainHash(this.keys.chain, last?.hash ?? GENESIS, seq, record.at, Buffer.from(data));
        db.prepare('INSERT INTO export_audit (seq, at, data, hash) VALUES (?, ?, ?, ?)').run(
          seq,
          record.at,
          data,
          hash,
        );
        return full;
      })
      .immediate();
  }

  /** The export audit log, newest first, with whether its chain is intact. */
  exportAudit(): { records: ExportAuditRecord[]; intact: boolean } {
    const db = this.handle();
    const rows = db.prepare('SELECT seq, at, data, hash FROM export_audit ORDER BY seq').all() as {
      seq: number;
      at: number;
      data: string;
      hash: Buffer;
    }[];
    let prev: Buffer = GENESIS;
    let intact = true;
    rows.forEach((r, i) => {
      const hash = chainHash(this.keys.chain, prev, r.seq, r.at, Buffer.from(r.data));
      if (r.seq !== i + 1 || !sameBytes(hash, r.hash)) intact = false;
      prev = r.hash;
    });
    return { records: rows.map((r) => JSON.parse(r.data) as ExportAuditRecord).reverse(), intact };
  }

  /** Security events (console logins, refused exports, clock synchronisation) kept 90 days. */
  recordSecurityEvent(at: number, event: Record<string, string | number | boolean | null>): void {
    this.handle().prepare('INSERT INTO security_log (at, data) VALUES (?, ?)').run(at, JSON.stringify(event));
  }

  securityEvents(): { at: number; event: Record<string, unknown> }[] {
    const rows = this.handle().prepare('SELECT at, data FROM security_log ORDER BY seq').all() as {
      at: number;
      data: string;
    }[];
    return rows.map((r) => ({ at: r.at, event: JSON.parse(r.data) as Record<string, unknown> }));
  }
}
