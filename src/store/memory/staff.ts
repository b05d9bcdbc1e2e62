// The memory store's console accounts and console sessions (issue 7), versioned as in SQLite.

import type { Mutation } from '../../domain/ports';
import type { ConsoleSession, ConsoleUser } from '../../domain/console';
import { consoleSessionRecord, userRecord } from '../records';
import type { MemoryConnection } from './connection';
import { all, read, remove } from './rows';

export class MemoryStaff {
  constructor(private readonly c: MemoryConnection) {}

  createUser(user: ConsoleUser): Promise<boolean> {
    return this.c.run((d) => {
      const data = JSON.stringify(userRecord.parse(user));
      if (d.users.rows.has(user.username)) return false;
      d.users.put(user.username, data, d.next());
      return true;
    });
  }

  getUser(username: string): Promise<ConsoleUser | null> {
    return this.c.run((d) => read(userRecord, d.users.rows.get(username), 'console user'));
  }

  listUsers(): Promise<ConsoleUser[]> {
    return this.c.run((d) =>
      all(userRecord, d.users, 'console user').sort((a, b) => (a.username < b.username ? -1 : 1)),
    );
  }

  updateUser(username: string, change: Mutation<ConsoleUser>): Promise<ConsoleUser | null> {
    return this.c.run((d) => {
      const current = read(userRecord, d.users.rows.get(username), 'console user');
      if (!current) return null;
      const next = userRecord.parse({ ...change(current), username, version: current.version + 1 });
      d.users.put(username, JSON.stringify(next), d.next());
      return next;
    });
  }

  createConsoleSession(s: ConsoleSession): Promise<void> {
    return this.c.run((d) =>
      d.consoleSessions.put(s.id, JSON.stringify(consoleSessionRecord.parse(s)), d.next()),
    );
  }

  getConsoleSession(id: string): Promise<ConsoleSession | null> {
    return this.c.run((d) => read(consoleSessionRecord, d.consoleSessions.rows.get(id), 'console session'));
  }

  updateConsoleSession(id: string, change: Mutation<ConsoleSession>): Promise<ConsoleSession | null> {
    return this.c.run((d) => {
      const current = read(consoleSessionRecord, d.consoleSessions.rows.get(id), 'console session');
      if (!current) return null;
      const next = consoleSessionRecord.parse({ ...change(current), id, version: current.version + 1 });
      d.consoleSessions.put(id, JSON.stringify(next), d.next());
      return next;
    });
  }

  deleteConsoleSession(id: string): Promise<void> {
    return this.c.run((d) => void d.consoleSessions.rows.delete(id));
  }

  purgeConsoleSessions(now: number): Promise<number> {
    return this.c.run((d) => remove(d.consoleSessions, consoleSessionRecord, (s) => s.expiresAt < now));
  }
}
