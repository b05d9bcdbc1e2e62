// Whether the system clock is synchronised: the legal journal's times are only as good as the
// clock. Pure values; the adapters that ask the system live in src/clock-sync/.

/** `unknown`: no source could tell. Never read as synchronised. */
export const CLOCK_SYNC_STATES = ['synchronised', 'unsynchronised', 'unknown'] as const;
export type ClockSyncState = (typeof CLOCK_SYNC_STATES)[number];

/** Where an answer can come from (`clock.source`); `auto` tries them in this order. */
export const CLOCK_SYNC_SOURCES = ['timedatectl', 'chrony', 'adjtimex', 'command'] as const;
export type ClockSyncSource = (typeof CLOCK_SYNC_SOURCES)[number];

/** One answer of a source. `detail` is short and technical (for logs and the journal). */
export interface ClockSyncReading {
  state: ClockSyncState;
  /** The source that answered; `none` when none could tell. */
  source: ClockSyncSource | 'none';
  detail: string;
}

/** The last answer, as the service shows it (health check, console, metrics). */
export interface ClockSyncStatus extends ClockSyncReading {
  /** When it was checked (epoch ms). */
  checkedAt: number;
  /** Since when the state has been this one, as far as this process saw (epoch ms). */
  since: number;
}
