// Subscribes the legal journal to session events: one entry when a session starts and one
// when it ends, written synchronously so the entry is on disk before the use case returns.
// It reads the session record only; it never sees URLs, names or filter decisions.

import type { EventBus } from '../domain/events';
import type { Session } from '../domain/session';
import type { Clock } from '../domain/clock';
import type { JournalEntry } from './journal-entry';
import type { SqliteJournal } from './sqlite-journal';

/**
 * The entry for a session. `publicIp` is the address the Internet sees (`journal.publicIp`);
 * without it, the address the box translated the client to stands in. The NAT port block is
 * the session's own, as the gateway recorded it: one entry covers every connection it opened.
 */
export function entryFor(kind: JournalEntry['kind'], s: Session, publicIp: string | null): JournalEntry {
  const nat = s.natPorts ?? null;
  return {
    kind,
    sessionId: s.id,
    ticketId: s.ticketId,
    mac: s.device.mac,
    privateIp: s.device.ip,
    publicIp: publicIp ?? nat?.publicIp ?? null,
    natPorts: nat ? [nat.first, nat.last] : null,
    nas: s.origin.kind === 'local' ? 'local' : s.origin.nas,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    bytesIn: s.bytesIn,
    bytesOut: s.bytesOut,
    ...(s.trustedLabel ? { spaceDevice: s.trustedLabel } : {}),
  };
}

export function recordSessionsInJournal(
  bus: EventBus,
  journal: SqliteJournal,
  clock: Clock,
  publicIp: string | null,
): () => void {
  const offStart = bus.on('session.started', ({ session }) => {
    journal.append(entryFor('session.start', session, publicIp), clock.now());
  });
  const offEnd = bus.on('session.ended', ({ session }) => {
    journal.append(entryFor('session.end', session, publicIp), clock.now());
  });
  return () => {
    offStart();
    offEnd();
  };
}
