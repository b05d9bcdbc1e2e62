// The legal journal: what it keeps, that it is encrypted and tamper-evident, purged after a
// year, and that requisitions are scoped, audited and answered in the agreed format.

import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteJournal } from '../../../src/journal/sqlite-journal';
import { answerRequisition, CSV_HEADER } from '../../../src/journal/requisition';
import { recordSessionsInJournal } from '../../../src/journal/journal-recorder';
import type { JournalEntry } from '../../../src/journal/journal-entry';
import { loadJournalKey } from '../../../src/journal/journal-key';
import { EventBus } from '../../../src/domain/events';
import type { Session } from '../../../src/domain/session';
import { FakeClock } from '../../helpers/fakes';

const DAY = 24 * 3600 * 1000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-journal-'));
let n = 0;

function fresh(key = randomBytes(32)): { journal: SqliteJournal; file: string; key: Buffer } {
  const file = path.join(dir, `j${++n}.db`);
  const journal = new SqliteJournal(file, key);
  journal.start();
  return { journal, file, key };
}

function entry(over: Partial<JournalEntry> = {}): JournalEntry {
  return {
    kind: 'session.start',
    sessionId: 's1',
    ticketId: 't1',
    mac: 'aa:bb:cc:00:11:22',
    privateIp: '10.42.0.17',
    publicIp: '203.0.113.9',
    natPorts: null,
    nas: 'local',
    startedAt: Date.UTC(2026, 10, 28, 9),
    endedAt: null,
    bytesIn: 0,
    bytesOut: 0,
    ...over,
  };
}

describe('legal journal', () => {
  it('reads back what it appended, oldest first', () => {
    const { journal } = fresh();
    journal.append(entry(), 1000);
    journal.append(entry({ kind: 'session.end', endedAt: 5000, bytesIn: 10, bytesOut: 20 }), 5000);
    const rows = journal.read();
    expect(rows.map((r) => [r.seq, r.at, r.entry.kind])).toEqual([
      [1, 1000, 'session.start'],
      [2, 5000, 'session.end'],
    ]);
    expect(journal.verify()).toEqual({ ok: true, entries: 2, failure: null });
  });

  it('keeps nothing but connection identifiers (a URL or a DNS name is refused)', () => {
    const { journal } = fresh();
    expect(() => journal.append({ ...entry(), url: 'http://example.org/' } as JournalEntry, 1)).toThrow();
    expect(() => journal.append({ ...entry(), dnsName: 'example.org' } as JournalEntry, 1)).toThrow();
    expect(journal.read()).toEqual([]);
  });

  it('is encrypted on disk: the file holds no MAC or IP in clear', () => {
    const { journal, file } = fresh();
    journal.append(entry(), 1000);
    journal.stop();
    const raw = Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`, { flag: 'a+' })]).toString(
      'latin1',
    );
    expect(raw).not.toContain('aa:bb:cc:00:11:22');
    expect(raw).not.toContain('10.42.0.17');
    expect(raw).not.toContain('203.0.113.9');
  });

  it('cannot be read with another key', () => {
    const { journal, file } = fresh();
    journal.append(entry(), 1000);
    journal.stop();
    const other = new SqliteJournal(file, randomBytes(32));
    other.start();
    expect(() => other.read()).toThrow(expect.objectContaining({ code: 'ECN_ERR_JOURNAL_TAMPERED' }));
    expect(other.verify().ok).toBe(false);
    other.stop();
  });

  it.each([
    ['an altered ciphertext', 'UPDATE entries SET ct = zeroblob(length(ct)) WHERE seq = 2', 'hash'],
    ['a removed entry', 'DELETE FROM entries WHERE seq = 2', 'gap'],
    ['an altered time', 'UPDATE entries SET at = at + 1 WHERE seq = 2', 'hash'],
    ['a replaced hash', 'UPDATE entries SET hash = zeroblob(32) WHERE seq = 3', 'hash'],
  ])('detects %s', (_what, sql, reason) => {
    const { journal, file, key } = fresh();
    for (let i = 1; i <= 4; i++) journal.append(entry({ sessionId: `s${i}` }), i * 1000);
    journal.stop();
    const db = new Database(file);
    db.exec(sql);
    db.close();
    const j = new SqliteJournal(file, key);
    j.start();
    const r = j.verify();
    expect(r.ok).toBe(false);
    expect(r.failure?.reason).toBe(reason);
    j.stop();
  });

  it('purges entries older than retention and still verifies, from an authenticated anchor', () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    const { journal, file, key } = fresh();
    journal.append(entry({ sessionId: 'old' }), clock.now());
    clock.advance(200 * DAY);
    journal.append(entry({ sessionId: 'mid' }), clock.now());
    journal.recordSecurityEvent(clock.now(), { kind: 'console.login_failed' });
    clock.advance(200 * DAY);
    journal.append(entry({ sessionId: 'new' }), clock.now());
    const now = clock.now();
    expect(journal.purge(now - 365 * DAY, now - 90 * DAY)).toEqual({ entries: 1, securityLines: 1 });
    expect(journal.read().map((r) => r.entry.sessionId)).toEqual(['mid', 'new']);
    expect(journal.verify()).toEqual({ ok: true, entries: 2, failure: null });
    journal.append(entry({ sessionId: 'after' }), now + 1);
    expect(journal.verify().ok).toBe(true);
    journal.stop();
    const db = new Database(file);
    db.exec('UPDATE anchor SET seq = 0');
    db.close();
    const j = new SqliteJournal(file, key);
    j.start();
    expect(j.verify().failure?.reason).toBe('anchor');
    j.stop();
  });

  it('records session starts and ends from domain events', () => {
    const { journal } = fresh();
    const bus = new EventBus((_e, err) => {
      throw err;
    });
    const clock = new FakeClock();
    recordSessionsInJournal(bus, journal, clock, '198.51.100.4');
    const session: Session = {
      id: 'sx',
      spaceId: 'roubaix-demo',
      ticketId: 'tx',
      device: { mac: 'aa:aa:aa:aa:aa:01', ip: '10.42.0.50' },
      origin: { kind: 'nas', nas: 'ap-hall' },
      startedAt: clock.now(),
      lastSeenAt: clock.now(),
      bytesIn: 0,
      bytesOut: 0,
      endedAt: null,
      endCause: null,
      nasSessionId: null,
    };
    bus.emit('session.started', { sessionId: 'sx', ticketId: 'tx', origin: session.origin, session });
    clock.advance(60_000);
    const ended = {
      ...session,
      endedAt: clock.now(),
      bytesIn: 1000,
      bytesOut: 200,
      endCause: 'logout' as const,
    };
    bus.emit('session.ended', {
      sessionId: 'sx',
      ticketId: 'tx',
      cause: 'logout',
      durationSeconds: 60,
      session: ended,
    });
    expect(journal.read().map((r) => r.entry)).toEqual([
      expect.objectContaining({
        kind: 'session.start',
        mac: 'aa:aa:aa:aa:aa:01',
        privateIp: '10.42.0.50',
        publicIp: '198.51.100.4',
        nas: 'ap-hall',
      }),
      expect.objectContaining({ kind: 'session.end', endedAt: clock.now(), bytesIn: 1000, bytesOut: 200 }),
    ]);
  });
});

describe('requisition export', () => {
  const T = Date.UTC(2026, 10, 20, 14);
  function populated() {
    const f = fresh();
    f.journal.append(entry({ sessionId: 'a', ticketId: 'ta', startedAt: T }), T);
    f.journal.append(
      entry({
        kind: 'session.end',
        sessionId: 'a',
        ticketId: 'ta',
        startedAt: T,
        endedAt: T + 3600_000,
        bytesIn: 5,
        bytesOut: 7,
      }),
      T + 3600_000,
    );
    f.journal.append(
      entry({ sessionId: 'b', ticketId: 'tb', mac: '02:00:00:00:00:0b', startedAt: T + 2 * DAY }),
      T + 2 * DAY,
    );
    f.journal.append(entry({ sessionId: 'c', ticketId: 'tc', publicIp: '192.0.2.1', startedAt: T }), T);
    return f;
  }

  it('answers an address and window with the merged connections only, as RFC 4180 CSV', () => {
    const { journal } = populated();
    const a = answerRequisition(journal, {
      reference: 'PV 2026/1234 TJ Lille',
      operator: 'cli:manager',
      scope: { kind: 'address', publicIp: '203.0.113.9', port: null, from: T - 60_000, to: T + 60_000 },
      now: T + 10 * DAY,
    });
    const lines = a.csv.split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      'a,ta,aa:bb:cc:00:11:22,10.42.0.17,203.0.113.9,,,local,2026-11-20T14:00:00.000Z,2026-11-20T15:00:00.000Z,5,7,',
    );
    expect(a.manifest).toMatchObject({
      reference: 'PV 2026/1234 TJ Lille',
      rows: 1,
      file: 'connections.csv',
      auditSeq: 1,
    });
    expect(a.manifest.sha256).toBe(createHash('sha256').update(a.csv).digest('hex'));
  });

  it('answers a ticket scope', () => {
    const { journal } = populated();
    const a = answerRequisition(journal, {
      reference: 'REQ-77',
      operator: 'x',
      scope: { kind: 'ticket', ticketId: 'tb' },
      now: T,
    });
    expect(a.manifest.rows).toBe(1);
    expect(a.csv).toContain('02:00:00:00:00:0b');
  });

  it.each([
    ['', { kind: 'ticket', ticketId: 'ta' }],
    ['ok-ref', { kind: 'address', publicIp: '203.0.113.9', port: null, from: T, to: T - 1 }],
    ['ok-ref', { kind: 'address', publicIp: '203.0.113.9', port: null, from: T, to: T + 40 * DAY }],
  ] as const)('refuses an unscoped or unreferenced export (%p) and audits nothing', (reference, scope) => {
    const { journal } = populated();
    expect(() => answerRequisition(journal, { reference, operator: 'x', scope, now: T })).toThrow(
      expect.objectContaining({ code: 'ECN_ERR_REQUISITION_INVALID' }),
    );
    expect(journal.exportAudit().records).toEqual([]);
  });

  it('writes every export to an audit log whose alteration is detected', () => {
    const { journal, file, key } = populated();
    answerRequisition(journal, {
      reference: 'R-1',
      operator: 'alice',
      scope: { kind: 'ticket', ticketId: 'ta' },
      now: T,
    });
    answerRequisition(journal, {
      reference: 'R-2',
      operator: 'bob',
      scope: { kind: 'ticket', ticketId: 'tb' },
      now: T + 1,
    });
    const audit = journal.exportAudit();
    expect(audit.intact).toBe(true);
    expect(audit.records.map((r) => [r.reference, r.operator])).toEqual([
      ['R-2', 'bob'],
      ['R-1', 'alice'],
    ]);
    journal.stop();
    const db = new Database(file);
    db.exec(`UPDATE export_audit SET data = replace(data, 'alice', 'mallory')`);
    db.close();
    const j = new SqliteJournal(file, key);
    j.start();
    expect(j.exportAudit().intact).toBe(false);
    j.stop();
  });
});

describe('journal key', () => {
  it('creates a 0600 key file once, then reads it back', () => {
    const keyFile = path.join(dir, 'keys', 'journal.key');
    const first = loadJournalKey({ key: '', keyFile });
    expect(first.created).toBe(true);
    const again = loadJournalKey({ key: '', keyFile });
    expect(again.created).toBe(false);
    expect(again.key.equals(first.key)).toBe(true);
    const { statSync } = require('node:fs') as typeof import('node:fs');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('refuses a key that is not 32 bytes of base64', () => {
    expect(() => loadJournalKey({ key: 'c2hvcnQ=', keyFile: '/nonexistent' })).toThrow(
      expect.objectContaining({ code: 'ECN_ERR_JOURNAL_KEY' }),
    );
  });
});
