// The fleet's metrics of issue #15 (items 5 and 6): calls for help by page, refused and open
// now; the month's attendance by kind, read from the store at each scrape. promtool accepts them.

import { spawnSync } from 'node:child_process';
import { Registry } from 'prom-client';
import { EventBus } from '../../../src/domain/events';
import { MemoryStore } from '../../../src/store/memory-store';
import { registerHelpAttendanceMetrics } from '../../../src/metrics/help-attendance-metrics';
import { monthAttendance, recentAttendance } from '../../../src/services/attendance';
import { askForHelp } from '../../../src/domain/help-request';
import { deskEntryId } from '../../../src/domain/attendance';

describe('help and attendance metrics', () => {
  const store = new MemoryStore('roubaix-test');
  beforeAll(() => store.start());
  afterAll(() => store.stop());

  it('counts calls by page, refusals and open calls, and this month’s attendance by kind', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ space_id: 'roubaix-test' });
    const bus = new EventBus();
    registerHelpAttendanceMetrics(registry, bus, {
      spaceId: 'roubaix-test',
      store,
      monthAttendance: async () => (await monthAttendance({ store }, 'roubaix-test', '2026-12')).summary,
      recentAttendance: () => recentAttendance({ store }, 'roubaix-test', '2026-12'),
      since: 1,
    });
    await store.saveHelpRequest('roubaix-test', 'mac:aa', (c) =>
      askForHelp(c, {
        id: 'h1',
        spaceId: 'roubaix-test',
        device: 'mac:aa',
        deviceHint: 'AAAA',
        page: 'code',
        now: 1,
      }),
    );
    await store.saveHelpRequest('other-space', 'mac:bb', (c) =>
      askForHelp(c, {
        id: 'h2',
        spaceId: 'other-space',
        device: 'mac:bb',
        deviceHint: 'BBBB',
        page: 'code',
        now: 1,
      }),
    );
    bus.emit('help.requested', { page: 'code', refreshed: false });
    bus.emit('help.requested', { page: 'code', refreshed: true });
    bus.emit('help.refused', {});
    const base = { spaceId: 'roubaix-test', theme: null, minutes: null, recordedAt: 1, recordedBy: 'amina' };
    await store.saveAttendance({
      ...base,
      id: deskEntryId('2026-12-02', 'morning'),
      kind: 'desk',
      day: '2026-12-02',
      halfDay: 'morning',
      people: 9,
    });
    await store.saveAttendance({
      ...base,
      id: 'w1',
      kind: 'workshop',
      day: '2026-12-03',
      halfDay: null,
      theme: 'Emploi',
      minutes: 90,
      people: 6,
    });
    await store.saveAttendance({
      ...base,
      id: 'old',
      kind: 'desk',
      day: '2026-11-30',
      halfDay: 'morning',
      people: 50,
    });
    // Recorded before this process started: not counted (a counter counts from its start).
    await store.saveAttendance({
      ...base,
      id: 'before',
      kind: 'individual',
      day: '2026-12-01',
      halfDay: null,
      theme: 'CAF',
      minutes: 30,
      people: 1,
      recordedAt: 0,
    });

    const text = await registry.metrics();
    expect(text).toMatch(/^ecn_help_requests_total\{page="code",space_id="roubaix-test"\} 1$/m);
    expect(text).toMatch(/^ecn_help_requests_refused_total\{space_id="roubaix-test"\} 1$/m);
    expect(text).toMatch(/^ecn_help_requests_open\{space_id="roubaix-test"\} 1$/m);
    // Every entry recorded since the start (the last month's too), whatever wrote it to the store.
    expect(text).toMatch(/^ecn_attendance_entries_total\{kind="desk",space_id="roubaix-test"\} 2$/m);
    expect(text).toMatch(/^ecn_attendance_entries_total\{kind="workshop",space_id="roubaix-test"\} 1$/m);
    expect(text).toMatch(/^ecn_attendance_entries_total\{kind="individual",space_id="roubaix-test"\} 0$/m);
    expect(text).toMatch(/^ecn_attendance_month_people\{kind="desk",space_id="roubaix-test"\} 9$/m);
    expect(text).toMatch(/^ecn_attendance_month_people\{kind="workshop",space_id="roubaix-test"\} 6$/m);
    expect(text).toMatch(/^ecn_attendance_month_seconds\{kind="workshop",space_id="roubaix-test"\} 5400$/m);
    expect(text).not.toMatch(/mac:|AAAA|Emploi/);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('keeps the month it last read while the store does not answer', async () => {
    const registry = new Registry();
    let answers = true;
    const summary = {
      deskVisits: 4,
      workshopParticipants: 3,
      individualSessions: 2,
      workshopMinutes: 60,
      individualMinutes: 30,
    };
    const m = registerHelpAttendanceMetrics(registry, new EventBus(), {
      spaceId: 'roubaix-test',
      store,
      recentAttendance: async () => [],
      since: 0,
      monthAttendance: async () => {
        if (!answers) throw new Error('store down');
        return { ...(await monthAttendance({ store }, 'roubaix-test', '2026-01')).summary, ...summary };
      },
    });
    await m.refresh();
    answers = false;
    const text = await registry.metrics();
    expect(text).toMatch(/^ecn_attendance_month_people\{kind="desk"\} 4$/m);
    expect(text).toMatch(/^ecn_attendance_month_seconds\{kind="workshop"\} 3600$/m);
    m.stop();
  });
});
