// Monthly statistics: counted per local day, devices counted once a day without being
// followable from day to day, and the report the label committee receives.

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { localTime } from '../../../src/stats/local-time';
import { SqliteStats } from '../../../src/stats/sqlite-stats';
import { recordStatistics } from '../../../src/stats/stats-recorder';
import { monthlyCsv, monthlyReport } from '../../../src/documents/monthly/monthly-report';
import { MemoryStore } from '../../../src/store/memory-store';
import { issueTickets } from '../../../src/services/issue-tickets';
import { redeemTicket } from '../../../src/services/redeem-ticket';
import { acceptCharter, acceptCharterByTicket } from '../../../src/services/accept-charter';
import { startSession, endSession } from '../../../src/services/sessions';
import { makeDevice } from '../../../src/domain/device';
import { FakeClock, makeDeps } from '../../helpers/fakes';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-stats-'));
let n = 0;
const freshStats = () => {
  const file = path.join(dir, `s${++n}.db`);
  const s = new SqliteStats(file);
  s.start();
  return { stats: s, file };
};

describe('local time', () => {
  it('counts days and hours in Paris time, across daylight saving changes', () => {
    expect(localTime(Date.UTC(2026, 10, 30, 23, 30), 'Europe/Paris')).toEqual({
      day: '2026-12-01',
      month: '2026-12',
      hour: 0,
      weekday: 2,
    });
    expect(localTime(Date.UTC(2026, 6, 14, 21, 59), 'Europe/Paris')).toMatchObject({
      day: '2026-07-14',
      hour: 23,
    });
    expect(localTime(Date.UTC(2026, 6, 14, 22, 0), 'Europe/Paris')).toMatchObject({
      day: '2026-07-15',
      hour: 0,
    });
  });
});

describe('statistics', () => {
  it('counts a device once per day, and forgets yesterday’s salt and hashes', () => {
    const { stats, file } = freshStats();
    stats.countDevice('2026-11-02', 'mac:aa:aa:aa:aa:aa:01');
    stats.countDevice('2026-11-02', 'mac:aa:aa:aa:aa:aa:01');
    stats.countDevice('2026-11-02', 'mac:aa:aa:aa:aa:aa:02');
    expect(stats.dayDeviceHashes()).toBe(2);
    stats.countDevice('2026-11-03', 'mac:aa:aa:aa:aa:aa:01');
    expect(stats.dayDeviceHashes()).toBe(1);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT day FROM salt').all()).toEqual([{ day: '2026-11-03' }]);
    const dump = JSON.stringify(db.prepare('SELECT * FROM daily').all());
    expect(dump).not.toContain('aa:aa');
    db.close();
    expect(monthlyReport(stats, 'x', '2026-11').deviceDays).toBe(3);
  });

  it('builds the month from events: sessions, hours, tickets, charter, busiest hours', async () => {
    const store = new MemoryStore('roubaix-demo');
    await store.start();
    const clock = new FakeClock(Date.UTC(2026, 10, 10, 13, 15)); // Tuesday 14:15 in Paris
    const deps = makeDeps(store, { clock });
    const { stats } = freshStats();
    recordStatistics(deps.events, stats, clock, 'Europe/Paris');
    const alice = makeDevice({ mac: 'aa:00:00:00:00:01' });
    const { tickets } = await issueTickets(deps, { profile: '1d', count: 4, createdBy: 'x' });
    await acceptCharter(deps, { device: alice, charterVersion: 'v', lang: 'fr-falc', ticketId: null });
    await redeemTicket(deps, { code: tickets[0]!.code, device: alice, via: 'portal' });
    const s1 = await startSession(deps, {
      ticketId: tickets[0]!.id,
      device: alice,
      origin: { kind: 'local' },
    });
    clock.advance(2 * 3600_000);
    await endSession(deps, s1.id, 'logout');
    await redeemTicket(deps, { code: tickets[0]!.code, device: alice, via: 'portal' });
    const s2 = await startSession(deps, {
      ticketId: tickets[0]!.id,
      device: alice,
      origin: { kind: 'local' },
    });
    clock.advance(1800_000);
    await endSession(deps, s2.id, 'expired');

    const r = monthlyReport(stats, 'roubaix-epeule', '2026-11');
    expect(r).toMatchObject({
      sessions: 2,
      hoursConnected: 2.5,
      deviceDays: 1,
      ticketsIssued: { '1d': 4 },
      ticketsUsed: { '1d': 1 },
      charterAcceptances: { 'fr-falc': 1 },
    });
    expect(r.heat[1]![14]).toBe(1); // Tuesday 14 h
    expect(r.heat[1]![16]).toBe(1); // Tuesday 16 h
    expect(monthlyReport(stats, 'roubaix-epeule', '2026-10').sessions).toBe(0);

    const csv = monthlyCsv(r).split('\r\n');
    expect(csv[0]).toBe('space_id,month,figure,key,value');
    expect(csv).toEqual(
      expect.arrayContaining([
        'roubaix-epeule,2026-11,sessions,,2',
        'roubaix-epeule,2026-11,hours_connected,,2.5',
        'roubaix-epeule,2026-11,tickets_issued,1d,4',
        'roubaix-epeule,2026-11,charter_acceptances,fr-falc,1',
        'roubaix-epeule,2026-11,sessions_by_hour,2-14,1',
      ]),
    );
    await store.stop();
  });

  it('counts charter acceptances by way: on the portal, or by using a printed ticket', async () => {
    const store = new MemoryStore('roubaix-demo');
    await store.start();
    const clock = new FakeClock(Date.UTC(2026, 10, 10, 13, 15));
    const deps = makeDeps(store, { clock });
    const { stats } = freshStats();
    recordStatistics(deps.events, stats, clock, 'Europe/Paris');
    const device = (i: number) => makeDevice({ mac: `aa:00:00:00:00:0${i}` });
    const printed = await issueTickets(deps, { count: 1, createdBy: 'x', charterVersion: '2026-11' });
    const unprinted = await issueTickets(deps, { count: 1, createdBy: 'x' });
    await acceptCharter(deps, { device: device(1), charterVersion: '2026-11', lang: 'fr', ticketId: null });
    for (const i of [2, 3]) {
      await acceptCharterByTicket(deps, { device: device(i), ticket: printed.tickets[0]!, lang: 'fr' });
    }
    // A ticket printed without the charter line accepts nothing.
    expect(
      await acceptCharterByTicket(deps, { device: device(4), ticket: unprinted.tickets[0]!, lang: 'fr' }),
    ).toBeNull();

    const r = monthlyReport(stats, 'roubaix-epeule', '2026-11');
    expect(r.charterAcceptancesByWay).toEqual({ portal: 1, ticket: 2 });
    expect(r.charterAcceptances).toEqual({ fr: 3 });
    expect(monthlyCsv(r).split('\r\n')).toEqual(
      expect.arrayContaining([
        'roubaix-epeule,2026-11,charter_acceptances_by_way,portal,1',
        'roubaix-epeule,2026-11,charter_acceptances_by_way,ticket,2',
      ]),
    );
    await store.stop();
  });
});
