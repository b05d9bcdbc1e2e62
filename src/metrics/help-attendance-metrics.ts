// Fleet metrics of issue #15, items 5 and 6: residents' calls for help (by page, refused, open
// now) and the attendance animators recorded (by kind), read from the store at each scrape, so
// that entries made with `ecn` (another process) count like the console's. Counts only: no
// person, no device, no theme as a label.

import { Counter, Gauge, type Registry } from 'prom-client';
import { ATTENDANCE_KINDS, type AttendanceEntry, type AttendanceSummary } from '../domain/attendance';
import type { EventBus } from '../domain/events';
import type { Store } from '../domain/ports';

export interface HelpAttendanceMetricsOptions {
  spaceId: string;
  store: Store;
  /** This month's attendance of the space (its local month), read at each scrape. */
  monthAttendance: () => Promise<AttendanceSummary>;
  /**
   * The space's entries of the days an entry is recorded for (this month and the last: the
   * first of the month gets yesterday's desk count), read at each scrape.
   */
  recentAttendance: () => Promise<AttendanceEntry[]>;
  /** When this process started (epoch ms): entries recorded since then are counted. */
  since: number;
}

export function registerHelpAttendanceMetrics(
  registry: Registry,
  bus: EventBus,
  options: HelpAttendanceMetricsOptions,
): { stop(): void; refresh(): Promise<void> } {
  const offs = registerHelpMetrics(registry, bus, options);
  const refresh = registerAttendanceMetrics(registry, options);
  return { stop: () => offs.forEach((off) => off()), refresh };
}

/** Calls for help: counted from the portal's and the console's events, open ones read from the store. */
function registerHelpMetrics(
  registry: Registry,
  bus: EventBus,
  options: HelpAttendanceMetricsOptions,
): (() => void)[] {
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
  return [
    bus.on('help.requested', (e) => {
      if (!e.refreshed) requests.labels(e.page).inc();
    }),
    bus.on('help.refused', () => refused.inc()),
    bus.on('help.handled', () => handled.inc()),
  ];
}

/** Attendance, read from the store at each scrape; returns the month's read, for the start. */
function registerAttendanceMetrics(
  registry: Registry,
  options: HelpAttendanceMetricsOptions,
): () => Promise<void> {
  const entries = new Counter({
    name: 'ecn_attendance_entries_total',
    help: 'Attendance entries recorded since the service started, in the console or with ecn (a corrected desk count counts again), by kind.',
    labelNames: ['kind'],
    registers: [registry],
    collect: () => countNewEntries(),
  });
  /** Each recording once: an entry's id with the time it was recorded (a correction is a new one). */
  const counted = new Set<string>();
  async function countNewEntries(): Promise<void> {
    let recent: AttendanceEntry[];
    try {
      recent = await options.recentAttendance();
    } catch {
      return; // The store's failure is counted by ecn_store_errors_total; counted at the next scrape.
    }
    const keys = new Set<string>();
    for (const e of recent) {
      const key = `${e.id}@${e.recordedAt}`;
      keys.add(key);
      if (e.recordedAt < options.since || counted.has(key)) continue;
      counted.add(key);
      entries.labels(e.kind).inc();
    }
    // What left the window (or was removed) is never read again: forgotten, so memory stays small.
    for (const key of counted) if (!keys.has(key)) counted.delete(key);
  }
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
      // The store's failure is counted by ecn_store_errors_total; keep the last values.
    }
  }
  // Every kind from the start, at zero: a first entry is then an increase, not a new series.
  for (const kind of ATTENDANCE_KINDS) entries.labels(kind).inc(0);
  return readMonth;
}
