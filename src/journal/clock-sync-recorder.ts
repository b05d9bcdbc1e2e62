// Writes the clock's synchronisation changes to the journal's security log (issue #16, item 5):
// an officer reading a connection record can see whether the box's clock was trusted then.
// No personal data: a state, the source that told it, and a short technical detail.

import type { Clock } from '../domain/clock';
import type { EventBus } from '../domain/events';
import type { SqliteJournal } from './sqlite-journal';

/** The security-log kinds this recorder writes; the journal keeps them as long as its entries. */
export const CLOCK_EVENT_KINDS = [
  'clock.unsynchronised',
  'clock.sync_unknown',
  'clock.synchronised',
] as const;

export function recordClockSyncInJournal(bus: EventBus, journal: SqliteJournal, clock: Clock): () => void {
  return bus.on('clock.sync_changed', (e) => {
    // A clock found synchronised at start is the normal case: only a return is worth a line.
    if (e.state === 'synchronised' && (e.previous === null || e.previous === 'synchronised')) return;
    const kind =
      e.state === 'synchronised'
        ? 'clock.synchronised'
        : e.state === 'unsynchronised'
          ? 'clock.unsynchronised'
          : 'clock.sync_unknown';
    journal.recordSecurityEvent(clock.now(), {
      kind,
      previous: e.previous,
      source: e.source,
      detail: e.detail,
    });
  });
}
