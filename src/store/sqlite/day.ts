// The embedded store's records of a space's day (issue 15): residents' calls for help, the
// attendance animators record, and the space's own trusted devices, each row with its space.

import type { HelpRequest } from '../../domain/help-request';
import type { AttendanceEntry } from '../../domain/attendance';
import { byLabel, type TrustedDevice } from '../../domain/trusted-device';
import { EcnError } from '../../domain/errors';
import { readOrNull } from '../read-or-null';
import { attendanceRecord, helpRequestRecord, readRecord, trustedDeviceRecord } from '../records';
import type { SqliteConnection } from './connection';

export class SqliteDay {
  constructor(private readonly c: SqliteConnection) {}

  // ---- Calls for help and attendance (issue 15, items 5 and 6)

  saveHelpRequest(
    spaceId: string,
    device: string,
    change: (current: HelpRequest | null) => HelpRequest,
  ): Promise<HelpRequest> {
    return this.c.run((db) =>
      db
        .transaction(() => {
          const data = this.c
            .prepare(db, 'SELECT data FROM help_requests WHERE space_id = ? AND device = ?')
            .pluck()
            .get(spaceId, device) as string | undefined;
          const current = data === undefined ? null : readRecord(helpRequestRecord, data, 'help request');
          const next = helpRequestRecord.parse({ ...change(current), spaceId, device });
          if (current && current.id !== next.id) {
            throw new EcnError('ECN_ERR_INTERNAL', 'A refreshed help request must keep its id.');
          }
          db.prepare(
            'INSERT INTO help_requests (id, space_id, device, opened_at, asked_at, data) VALUES (?, ?, ?, ?, ?, ?) ' +
              'ON CONFLICT(space_id, device) DO UPDATE SET opened_at = excluded.opened_at, ' +
              'asked_at = excluded.asked_at, data = excluded.data',
          ).run(next.id, spaceId, device, next.openedAt, next.askedAt, JSON.stringify(next));
          return next;
        })
        .immediate(),
    );
  }

  listHelpRequests(spaceId: string): Promise<HelpRequest[]> {
    return this.c.run((db) =>
      (
        this.c
          .prepare(db, 'SELECT data FROM help_requests WHERE space_id = ? ORDER BY opened_at, id')
          .pluck()
          .all(spaceId) as string[]
      ).map((d) => readRecord(helpRequestRecord, d, 'help request')),
    );
  }

  closeHelpRequest(spaceId: string, id: string): Promise<HelpRequest | null> {
    return this.c.run((db) =>
      db
        .transaction(() => {
          const data = db
            .prepare('SELECT data FROM help_requests WHERE space_id = ? AND id = ?')
            .pluck()
            .get(spaceId, id) as string | undefined;
          if (data === undefined) return null;
          db.prepare('DELETE FROM help_requests WHERE space_id = ? AND id = ?').run(spaceId, id);
          return readOrNull(helpRequestRecord, data);
        })
        .immediate(),
    );
  }

  purgeHelpRequests(spaceId: string, askedBefore: number): Promise<number> {
    return this.c.run(
      (db) =>
        db.prepare('DELETE FROM help_requests WHERE space_id = ? AND asked_at < ?').run(spaceId, askedBefore)
          .changes,
    );
  }

  saveAttendance(entry: AttendanceEntry): Promise<AttendanceEntry | null> {
    return this.c.run((db) =>
      db
        .transaction(() => {
          const next = attendanceRecord.parse(entry);
          const data = db
            .prepare('SELECT data FROM attendance WHERE space_id = ? AND id = ?')
            .pluck()
            .get(next.spaceId, next.id) as string | undefined;
          db.prepare(
            'INSERT INTO attendance (space_id, id, day, recorded_at, data) VALUES (?, ?, ?, ?, ?) ' +
              'ON CONFLICT(space_id, id) DO UPDATE SET day = excluded.day, ' +
              'recorded_at = excluded.recorded_at, data = excluded.data',
          ).run(next.spaceId, next.id, next.day, next.recordedAt, JSON.stringify(next));
          return data === undefined ? null : readOrNull(attendanceRecord, data);
        })
        .immediate(),
    );
  }

  listAttendance(spaceId: string, fromDay: string, toDay: string): Promise<AttendanceEntry[]> {
    return this.c.run((db) =>
      (
        this.c
          .prepare(
            db,
            'SELECT data FROM attendance WHERE space_id = ? AND day >= ? AND day <= ? ORDER BY day, recorded_at, id',
          )
          .pluck()
          .all(spaceId, fromDay, toDay) as string[]
      ).map((d) => readRecord(attendanceRecord, d, 'attendance entry')),
    );
  }

  deleteAttendance(spaceId: string, id: string): Promise<AttendanceEntry | null> {
    return this.c.run((db) =>
      db
        .transaction(() => {
          const data = db
            .prepare('SELECT data FROM attendance WHERE space_id = ? AND id = ?')
            .pluck()
            .get(spaceId, id) as string | undefined;
          if (data === undefined) return null;
          db.prepare('DELETE FROM attendance WHERE space_id = ? AND id = ?').run(spaceId, id);
          return readOrNull(attendanceRecord, data);
        })
        .immediate(),
    );
  }

  // ---- Issue #15, item 2: the space's own devices.

  putTrustedDevice(device: TrustedDevice): Promise<boolean> {
    return this.c.run((db) =>
      db
        .transaction(() => {
          const data = JSON.stringify(trustedDeviceRecord.parse(device));
          const existed =
            db
              .prepare('SELECT 1 FROM trusted_devices WHERE space_id = ? AND mac = ?')
              .get(device.spaceId, device.mac) !== undefined;
          db.prepare(
            'INSERT INTO trusted_devices (space_id, mac, data) VALUES (?, ?, ?) ' +
              'ON CONFLICT(space_id, mac) DO UPDATE SET data = excluded.data',
          ).run(device.spaceId, device.mac, data);
          return !existed;
        })
        .immediate(),
    );
  }

  getTrustedDevice(spaceId: string, mac: string): Promise<TrustedDevice | null> {
    return this.c.run((db) => {
      const data = this.c
        .prepare(db, 'SELECT data FROM trusted_devices WHERE space_id = ? AND mac = ?')
        .pluck()
        .get(spaceId, mac) as string | undefined;
      return data === undefined ? null : readRecord(trustedDeviceRecord, data, 'trusted device');
    });
  }

  listTrustedDevices(spaceId: string): Promise<TrustedDevice[]> {
    return this.c.run((db) =>
      (db.prepare('SELECT data FROM trusted_devices WHERE space_id = ?').pluck().all(spaceId) as string[])
        .map((d) => readRecord(trustedDeviceRecord, d, 'trusted device'))
        .sort(byLabel),
    );
  }

  deleteTrustedDevice(spaceId: string, mac: string): Promise<boolean> {
    return this.c.run(
      (db) =>
        db.prepare('DELETE FROM trusted_devices WHERE space_id = ? AND mac = ?').run(spaceId, mac).changes ===
        1,
    );
  }
}
