// The Store port's calls for help and attendance entries (issue #15, items 5 and 6), run
// against the embedded store and a real redis-server: behaviour must be identical, and every
// record stays in the space that wrote it.

import type { Store } from '../../src/domain/ports';
import { askForHelp, type HelpRequest } from '../../src/domain/help-request';
import { deskEntryId, type AttendanceEntry } from '../../src/domain/attendance';
import { adapters } from '../helpers/store-adapters';

const T0 = Date.UTC(2026, 11, 5, 9, 0, 0);

function ask(
  id: string,
  device: string,
  now: number,
  spaceId = 'espace-a',
  page: HelpRequest['page'] = 'welcome',
) {
  return (current: HelpRequest | null) =>
    askForHelp(current, { id, spaceId, device, deviceHint: device.slice(-4), page, now });
}

function entry(over: Partial<AttendanceEntry> & Pick<AttendanceEntry, 'id'>): AttendanceEntry {
  return {
    spaceId: 'espace-a',
    kind: 'workshop',
    day: '2026-12-05',
    halfDay: null,
    theme: 'Démarches en ligne',
    minutes: 90,
    people: 6,
    recordedAt: T0,
    recordedBy: 'alice',
    ...over,
  };
}

describe.each(adapters)('Help and attendance store contract: $name', (adapter) => {
  let store: Store;

  beforeEach(async () => {
    ({ store } = await adapter.make());
    await store.start();
  });
  afterEach(async () => {
    await store.stop();
  });

  it('keeps one open request per device: asking again refreshes it and keeps its id and start', async () => {
    await store.saveHelpRequest('espace-a', 'mac:aa', ask('h1', 'mac:aa', T0));
    await store.saveHelpRequest('espace-a', 'mac:bb', ask('h2', 'mac:bb', T0 + 1000));
    const again = await store.saveHelpRequest(
      'espace-a',
      'mac:aa',
      ask('h3', 'mac:aa', T0 + 60_000, 'espace-a', 'status'),
    );
    expect(again).toMatchObject({ id: 'h1', openedAt: T0, askedAt: T0 + 60_000, page: 'status' });
    const open = await store.listHelpRequests('espace-a');
    expect(open.map((r) => r.id)).toEqual(['h1', 'h2']);
    expect(open[0]).toEqual(again);
  });

  it('lists and closes requests of its own space only', async () => {
    await store.saveHelpRequest('espace-a', 'mac:aa', ask('h1', 'mac:aa', T0));
    await store.saveHelpRequest('espace-b', 'mac:aa', ask('h2', 'mac:aa', T0, 'espace-b'));
    expect((await store.listHelpRequests('espace-b')).map((r) => r.id)).toEqual(['h2']);
    expect(await store.closeHelpRequest('espace-b', 'h1')).toBeNull();
    expect((await store.listHelpRequests('espace-a')).map((r) => r.id)).toEqual(['h1']);
    expect(await store.closeHelpRequest('espace-a', 'h1')).toMatchObject({ id: 'h1', device: 'mac:aa' });
    expect(await store.closeHelpRequest('espace-a', 'h1')).toBeNull();
    expect(await store.listHelpRequests('espace-a')).toEqual([]);
    expect((await store.listHelpRequests('espace-b')).map((r) => r.id)).toEqual(['h2']);
    // Once handled, the device's next ask is a new request.
    const fresh = await store.saveHelpRequest('espace-a', 'mac:aa', ask('h9', 'mac:aa', T0 + 5000));
    expect(fresh).toMatchObject({ id: 'h9', openedAt: T0 + 5000 });
  });

  it('purges the requests last asked before a time, in its space, and keeps a refreshed one', async () => {
    await store.saveHelpRequest('espace-a', 'mac:aa', ask('h1', 'mac:aa', T0));
    await store.saveHelpRequest('espace-a', 'mac:bb', ask('h2', 'mac:bb', T0));
    await store.saveHelpRequest('espace-a', 'mac:bb', ask('h2', 'mac:bb', T0 + 7200_000));
    await store.saveHelpRequest('espace-b', 'mac:cc', ask('h3', 'mac:cc', T0, 'espace-b'));
    expect(await store.purgeHelpRequests('espace-a', T0 + 3600_000)).toBe(1);
    expect((await store.listHelpRequests('espace-a')).map((r) => r.id)).toEqual(['h2']);
    expect((await store.listHelpRequests('espace-b')).map((r) => r.id)).toEqual(['h3']);
  });

  it('replaces a half-day desk count, returns the one replaced, and lists by day in its space', async () => {
    const morning = deskEntryId('2026-12-05', 'morning');
    const desk = entry({
      id: morning,
      kind: 'desk',
      halfDay: 'morning',
      theme: null,
      minutes: null,
      people: 12,
    });
    expect(await store.saveAttendance(desk)).toBeNull();
    expect(await store.saveAttendance({ ...desk, people: 14, recordedAt: T0 + 1 })).toMatchObject({
      people: 12,
    });
    await store.saveAttendance(entry({ id: 'w1', day: '2026-12-01' }));
    await store.saveAttendance(
      entry({ id: 'i1', kind: 'individual', day: '2026-12-31', people: 1, minutes: 30 }),
    );
    await store.saveAttendance(entry({ id: 'n1', day: '2027-01-01' }));
    await store.saveAttendance(entry({ id: 'b1', spaceId: 'espace-b' }));
    const december = await store.listAttendance('espace-a', '2026-12-01', '2026-12-31');
    expect(december.map((e) => [e.id, e.people])).toEqual([
      ['w1', 6],
      [morning, 14],
      ['i1', 1],
    ]);
    expect((await store.listAttendance('espace-b', '2026-12-01', '2026-12-31')).map((e) => e.id)).toEqual([
      'b1',
    ]);
  });

  it('deletes an entry of its own space only', async () => {
    await store.saveAttendance(entry({ id: 'w1' }));
    expect(await store.deleteAttendance('espace-b', 'w1')).toBeNull();
    expect(await store.deleteAttendance('espace-a', 'w1')).toMatchObject({
      id: 'w1',
      theme: 'Démarches en ligne',
    });
    expect(await store.deleteAttendance('espace-a', 'w1')).toBeNull();
    expect(await store.listAttendance('espace-a', '2026-12-01', '2026-12-31')).toEqual([]);
  });

  it('refuses an entry that breaks its schema and writes nothing', async () => {
    await expect(store.saveAttendance(entry({ id: 'w1', people: -1 }))).rejects.toThrow();
    await expect(store.saveAttendance(entry({ id: 'w2', theme: 'x'.repeat(81) }))).rejects.toThrow();
    expect(await store.listAttendance('espace-a', '2026-12-01', '2026-12-31')).toEqual([]);
  });
});
