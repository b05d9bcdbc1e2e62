// Issue #15, item 2 in a requisition: the space's own devices (a public PC anyone at the desk
// may use) are marked by their label in the exported CSV, so an officer tells them from a
// resident's phone; an export answered before that column existed is still given again as it was.

import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteJournal } from '../../../src/journal/sqlite-journal';
import {
  answerRequisition,
  connections,
  CSV_HEADER,
  reproduceExport,
  toCsv,
} from '../../../src/journal/requisition';
import { recordSessionsInJournal } from '../../../src/journal/journal-recorder';
import { EventBus } from '../../../src/domain/events';
import type { Session } from '../../../src/domain/session';
import { FakeClock } from '../../helpers/fakes';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-requisition-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PUBLIC_IP = '198.51.100.4';

/** A journal fed by the same domain events as the service: a public PC's session and a resident's. */
function journalWithSessions(pcLabel: string) {
  const journal = new SqliteJournal(path.join(dir, `${randomBytes(6).toString('hex')}.db`), randomBytes(32));
  journal.start();
  const bus = new EventBus((_e, err) => {
    throw err;
  });
  const clock = new FakeClock();
  recordSessionsInJournal(bus, journal, clock, PUBLIC_IP);
  const session = (id: string, mac: string, over: Partial<Session>): Session => ({
    id,
    spaceId: 'roubaix-demo',
    ticketId: null,
    device: { mac, ip: '10.42.0.50' },
    origin: { kind: 'local' },
    startedAt: clock.now(),
    lastSeenAt: clock.now(),
    bytesIn: 0,
    bytesOut: 0,
    endedAt: null,
    endCause: null,
    nasSessionId: null,
    ...over,
  });
  const pc = session('s-pc', 'aa:aa:aa:aa:aa:03', { trustedLabel: pcLabel });
  const phone = session('s-phone', 'aa:aa:aa:aa:aa:77', { ticketId: 't-phone' });
  for (const s of [pc, phone]) {
    bus.emit('session.started', { sessionId: s.id, ticketId: s.ticketId, origin: s.origin, session: s });
  }
  clock.advance(60_000);
  // The end record carries no label of its own here: the merged row keeps the start's.
  const ended: Session = { ...pc, trustedLabel: undefined, endedAt: clock.now(), endCause: 'logout' };
  bus.emit('session.ended', {
    sessionId: pc.id,
    ticketId: null,
    cause: 'logout',
    durationSeconds: 60,
    session: ended,
  });
  return { journal, from: clock.now() - 3_600_000, to: clock.now() + 3_600_000 };
}

describe('requisition CSV and the space’s own devices', () => {
  it('marks a trusted device’s row with its label and leaves a resident’s row empty', () => {
    const { journal, from, to } = journalWithSessions('PC 3');
    const a = answerRequisition(journal, {
      reference: 'PV 2026/88 OPJ Roubaix',
      operator: 'cli:manager',
      scope: { kind: 'address', publicIp: PUBLIC_IP, port: null, from, to },
      now: to,
    });
    const lines = a.csv.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines[0]!.endsWith(',bytes_out,space_device')).toBe(true);
    const byMac = (mac: string) => lines.find((l) => l.includes(mac))!.split(',');
    expect(byMac('aa:aa:aa:aa:aa:03').at(-1)).toBe('PC 3');
    expect(byMac('aa:aa:aa:aa:aa:03')[1]).toBe(''); // no ticket: the space's device
    expect(byMac('aa:aa:aa:aa:aa:77').at(-1)).toBe('');
    expect(byMac('aa:aa:aa:aa:aa:77')[1]).toBe('t-phone');
    journal.stop();
  });

  it('quotes a label holding a comma or a quote (RFC 4180)', () => {
    const { journal, from, to } = journalWithSessions('PC "accueil", 2');
    const a = answerRequisition(journal, {
      reference: 'REQ-2',
      operator: 'x',
      scope: { kind: 'address', publicIp: PUBLIC_IP, port: null, from, to },
      now: to,
    });
    const pcLine = a.csv.split('\r\n').find((l) => l.includes('aa:aa:aa:aa:aa:03'))!;
    expect(pcLine.endsWith(',"PC ""accueil"", 2"')).toBe(true);
    journal.stop();
  });

  it('gives an export answered before the column again, byte for byte as it was answered', () => {
    const { journal, from, to } = journalWithSessions('PC 3');
    const scope = { kind: 'address' as const, publicIp: PUBLIC_IP, port: null, from, to };
    // The file an older gateway answered: the same rows without the last column.
    const old = toCsv(connections(journal.read()), CSV_HEADER.slice(0, -1));
    expect(old).not.toContain('space_device');
    const sha256 = createHash('sha256').update(old, 'utf8').digest('hex');
    const record = journal.recordExport({
      at: to,
      operator: 'x',
      reference: 'OLD-1',
      scope,
      rows: 2,
      sha256,
    });
    expect(reproduceExport(journal, record)).toBe(old);
    // And today's export comes back as today's file.
    const now = answerRequisition(journal, { reference: 'NEW-1', operator: 'x', scope, now: to });
    const again = journal.exportAudit().records.find((r) => r.reference === 'NEW-1')!;
    expect(reproduceExport(journal, again)).toBe(now.csv);
    journal.stop();
  });
});
