// The memory store's charter acceptances and sessions, each with its space.

import type { Mutation } from '../../domain/ports';
import type { CharterAcceptance } from '../../domain/charter';
import type { Session } from '../../domain/session';
import { EcnError } from '../../domain/errors';
import { nasSessionKey, nasSessionKeyOf, sessionDeviceKey } from '../device-index';
import { acceptanceRecord, sessionRecord } from '../records';
import type { MemoryConnection } from './connection';
import type { MemoryData } from './schema';
import { all, read } from './rows';

export class MemorySessions {
  constructor(private readonly c: MemoryConnection) {}

  recordAcceptance(a: CharterAcceptance): Promise<void> {
    return this.c.run((d) => d.acceptances.put(a.id, JSON.stringify(acceptanceRecord.parse(a)), d.next()));
  }

  latestAcceptance(device: string): Promise<CharterAcceptance | null> {
    return this.c.run((d) => {
      const mine = all(acceptanceRecord, d.acceptances, 'charter acceptance', true).filter(
        (a) => a.device === device && a.spaceId === this.c.spaceId,
      );
      return mine.sort((a, b) => b.acceptedAt - a.acceptedAt)[0] ?? null;
    });
  }

  createSession(s: Session): Promise<void> {
    return this.c.run((d) => {
      if (d.sessions.rows.has(s.id)) throw new EcnError('ECN_ERR_STORE_UNAVAILABLE', 'Session id taken.');
      d.sessions.put(s.id, JSON.stringify(sessionRecord.parse(s)), d.next());
    });
  }

  getSession(id: string): Promise<Session | null> {
    return this.c.run((d) => read(sessionRecord, d.sessions.rows.get(id), 'session'));
  }

  updateSession(id: string, change: Mutation<Session>): Promise<Session | null> {
    return this.c.run((d) => {
      const current = read(sessionRecord, d.sessions.rows.get(id), 'session');
      if (!current) return null;
      const next = sessionRecord.parse(change(current));
      d.sessions.put(id, JSON.stringify(next), d.next());
      return next;
    });
  }

  /** Sessions in start order (then first written), read back through their schema. */
  private sessions(d: MemoryData, keep: (s: Session) => boolean): Session[] {
    return all(sessionRecord, d.sessions, 'session')
      .filter(keep)
      .sort((a, b) => a.startedAt - b.startedAt);
  }

  listOpenSessions(): Promise<Session[]> {
    return this.c.run((d) => this.sessions(d, (s) => s.endedAt === null && s.spaceId === this.c.spaceId));
  }

  listSessionsByTicket(ticketId: string): Promise<Session[]> {
    return this.c.run((d) => this.sessions(d, (s) => s.ticketId === ticketId));
  }

  listOpenSessionsByDevice(device: string, limit: number): Promise<Session[]> {
    return this.c.run((d) =>
      this.sessions(
        d,
        (s) => s.endedAt === null && s.spaceId === this.c.spaceId && sessionDeviceKey(s.device) === device,
      )
        .reverse()
        .slice(0, limit),
    );
  }

  findNasSession(ticketId: string, nas: string, nasSessionId: string): Promise<Session | null> {
    const key = nasSessionKey(ticketId, nas, nasSessionId);
    return this.c.run(
      (d) => this.sessions(d, (s) => s.spaceId === this.c.spaceId && nasSessionKeyOf(s) === key)[0] ?? null,
    );
  }
}
