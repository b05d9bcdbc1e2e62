// Fleet metrics of issue #15, items 5 and 6: residents' calls for help (by page, refused, open
// now) and the attendance animators recorded this month (by kind). Counts only: no person, no
// device, no theme as a label.

import { Counter, Gauge, type Registry } from 'prom-client';
import { ATTENDANCE_KINDS, type AttendanceSummary } from '../domain/attendance';
import type { EventBus } from '../domain/events';
import type { Store } from '../domain/ports';

export interface HelpAttendanceMetricsOptions {
  spaceId: string;
  store: Store;
  /** This month's attendance of the space (its local month), read at each scrape. */
  monthAttendance: () => Promise<AttendanceSummary>;
}

export function registerHelpAttendanceMetrics(
  registry: Registry,
  bus: EventBus,
  options: HelpAttendanceMetricsOptions,
): { stop(): void; refresh(): Promise<void> } {
  const requests = new Counter({
    name: 'ecn_help_requests_total',
    help: 'Calls for help from the portal (a repeated call of the same device counts once), by page.',
    labelNames: ['page'],
    registers: [registry],
  });
  const refused = new Counter({
    name: 'ecn_help_requests_refused_total',
    help: 'Calls for help refused because the device asked too often.',
    registers: [registry],
  });
  const handled = new Counter({
    name: 'ecn_help_requests_handled_total',
    help: 'Calls for help an animator marked as handled.',
    registers: [registry],
  });
  new Gauge({
    name: 'ecn_help_requests_open',
    help: 'Calls for help waiting now.',
    registers: [registry],
    collect: async function (this: Gauge) {
      try {
        this.set((await options.store.listHelpRequests(options.spaceId)).length);
      } catch {
        // The store's failure is counted by ecn_store_errors_total; keep the last value.
      }
    },
  });
  const entries = new Counter({
    name: 'ecn_attendance_entries_total',
    help: 'Attendance entries recorded in the console (a corrected desk count counts again), by kind.',
    labelNames: ['kind'],
    registers: [registry],
  });
  const people = new Gauge({
    name: 'ecn_attendance_month_people',
    help: 'People counted this month (local month of the space): desk visits, workshop participants, individual sessions.',
    labelNames: ['kind'],
    registers: [registry],
    collect: () => readMonth(),
  });
  const seconds = new Gauge({
    name: 'ecn_attendance_month_seconds',
    help: 'Time spent in workshops and in individual help sessions this month (local month of the space), in seconds.',
    labelNames: ['kind'],
    registers: [registry],
    collect: () => readMonth(),
  });
  /**
   * Reads the month once for both gauges. A store that does not answer keeps the last values
   * (its failure is counted by ecn_store_errors_total). `refresh` reads it once when the store
   * has started, so a box that loses its store before the first scrape still reports what it
   * last knew.
   */
  async function readMonth(): Promise<void> {
    try {
      const a = await options.monthAttendance();
      people.labels('desk').set(a.deskVisits);
      people.labels('workshop').set(a.workshopParticipants);
      people.labels('individual').set(a.individualSessions);
      seconds.labels('workshop').set(a.workshopMinutes * 60);
      seconds.labels('individual').set(a.individualMinutes * 60);
    } catch {
      // As above.
    }
  }
  for (const kind of ATTENDANCE_KINDS) entries.labels(kind);
  const offs = [
    bus.on('help.requested', (e) => {
      if (!e.refreshed) requests.labels(e.page).inc();
    }),
    bus.on('help.refused', () => refused.inc()),
    bus.on('help.handled', () => handled.inc()),
    bus.on('attendance.recorded', (e) => entries.labels(e.kind).inc()),
  ];
  return { stop: () => offs.forEach((off) => off()), refresh: readMonth };
}
