// The memory store's records of a space's day (issue 15): calls for help, attendance and the
// space's own trusted devices, each keyed by its space.

import type { HelpRequest } from '../../domain/help-request';
import type { AttendanceEntry } from '../../domain/attendance';
import { byLabel, type TrustedDevice } from '../../domain/trusted-device';
import { EcnError } from '../../domain/errors';
import { readOrNull } from '../read-or-null';
import { attendanceRecord, helpRequestRecord, trustedDeviceRecord } from '../records';
import type { MemoryConnection } from './connection';
import { all, cmp, read, remove } from './rows';

export class MemoryDay {
  constructor(private readonly c: MemoryConnection) {}

  // ---- Calls for help and attendance (issue 15, items 5 and 6)

  saveHelpRequest(
    spaceId: string,
    device: string,
    change: (current: HelpRequest | null) => HelpRequest,
  ): Promise<HelpRequest> {
    return this.c.run((d) => {
      const key = JSON.stringify([spaceId, device]);
      const current = read(helpRequestRecord, d.help.rows.get(key), 'help request');
      const next = helpRequestRecord.parse({ ...change(current), spaceId, device });
      if (current && current.id !== next.id) {
        throw new EcnError('ECN_ERR_INTERNAL', 'A refreshed help request must keep its id.');
      }
      d.help.put(key, JSON.stringify(next), d.next());
      return next;
    });
  }

  listHelpRequests(spaceId: string): Promise<HelpRequest[]> {
    return this.c.run((d) =>
      all(helpRequestRecord, d.help, 'help request')
        .filter((h) => h.spaceId === spaceId)
        .sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : 1)),
    );
  }

  closeHelpRequest(spaceId: string, id: string): Promise<HelpRequest | null> {
    return this.c.run((d) => {
      for (const [key, row] of d.help.rows) {
        const h = readOrNull(helpRequestRecord, row.data);
        if (h?.spaceId !== spaceId || h.id !== id) continue;
        d.help.rows.delete(key);
        return h;
      }
      return null;
    });
  }

  purgeHelpRequests(spaceId: string, askedBefore: number): Promise<number> {
    return this.c.run((d) =>
      remove(d.help, helpRequestRecord, (h) => h.spaceId === spaceId && h.askedAt < askedBefore),
    );
  }

  saveAttendance(entry: AttendanceEntry): Promise<AttendanceEntry | null> {
    return this.c.run((d) => {
      const next = attendanceRecord.parse(entry);
      const key = JSON.stringify([next.spaceId, next.id]);
      const before = d.attendance.rows.get(key);
      d.attendance.put(key, JSON.stringify(next), d.next());
      return before ? readOrNull(attendanceRecord, before.data) : null;
    });
  }

  listAttendance(spaceId: string, fromDay: string, toDay: string): Promise<AttendanceEntry[]> {
    return this.c.run((d) =>
      all(attendanceRecord, d.attendance, 'attendance entry')
        .filter((e) => e.spaceId === spaceId && e.day >= fromDay && e.day <= toDay)
        .sort((a, b) => cmp(a.day, b.day) || a.recordedAt - b.recordedAt || cmp(a.id, b.id)),
    );
  }

  deleteAttendance(spaceId: string, id: string): Promise<AttendanceEntry | null> {
    return this.c.run((d) => {
      const key = JSON.stringify([spaceId, id]);
      const row = d.attendance.rows.get(key);
      if (!row) return null;
      d.attendance.rows.delete(key);
      return readOrNull(attendanceRecord, row.data);
    });
  }

  // ---- Issue #15, item 2: the space's own devices.

  putTrustedDevice(device: TrustedDevice): Promise<boolean> {
    return this.c.run((d) => {
      const key = JSON.stringify([device.spaceId, device.mac]);
      const existed = d.trusted.rows.has(key);
      d.trusted.put(key, JSON.stringify(trustedDeviceRecord.parse(device)), d.next());
      return !existed;
    });
  }

  getTrustedDevice(spaceId: string, mac: string): Promise<TrustedDevice | null> {
    return this.c.run((d) =>
      read(trustedDeviceRecord, d.trusted.rows.get(JSON.stringify([spaceId, mac])), 'trusted device'),
    );
  }

  listTrustedDevices(spaceId: string): Promise<TrustedDevice[]> {
    return this.c.run((d) =>
      all(trustedDeviceRecord, d.trusted, 'trusted device')
        .filter((t) => t.spaceId === spaceId)
        .sort(byLabel),
    );
  }

  deleteTrustedDevice(spaceId: string, mac: string): Promise<boolean> {
    return this.c.run((d) => d.trusted.rows.delete(JSON.stringify([spaceId, mac])));
  }
}
