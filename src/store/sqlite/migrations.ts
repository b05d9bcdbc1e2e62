// Versioned schema of the embedded store. Each entry runs once, in order, inside a
// transaction; PRAGMA user_version records how far a database has gone. Never edit a
// released entry: add a new one. An entry is SQL, or SQL and a back-fill written in TypeScript
// when the rows to add follow a domain rule (so the rule is not written twice).

import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { isEcnError } from '../../domain/errors';
import { deviceBindings, nasSessionKeyOf, sessionDeviceKey } from '../device-index';
import { readRecord, sessionRecord, ticketRecord } from '../records';

/** What a back-fill may need to know of the box that opens the database. */
export interface MigrationContext {
  /** The box's space (`space.id`): rows written before spaces were kept apart are its own. */
  spaceId: string;
}

export type Migration =
  string | { sql: string; backfill(db: Database.Database, context: MigrationContext): void };

export const MIGRATIONS: readonly Migration[] = [
  // 1: tickets, batches, charter acceptances, sessions
  `
  CREATE TABLE batches (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    data TEXT NOT NULL
  ) STRICT;
  CREATE INDEX batches_created ON batches(created_at);

  CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    batch_id TEXT NOT NULL REFERENCES batches(id),
    created_at INTEGER NOT NULL,
    data TEXT NOT NULL
  ) STRICT;
  CREATE INDEX tickets_batch ON tickets(batch_id);
  CREATE INDEX tickets_created ON tickets(created_at);

  CREATE TABLE acceptances (
    id TEXT PRIMARY KEY,
    device TEXT NOT NULL,
    accepted_at INTEGER NOT NULL,
    data TEXT NOT NULL
  ) STRICT;
  CREATE INDEX acceptances_device ON acceptances(device, accepted_at);

  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    ticket_id TEXT,
    started_at INTEGER NOT NULL,
    open INTEGER NOT NULL,
    data TEXT NOT NULL
  ) STRICT;
  CREATE INDEX sessions_ticket ON sessions(ticket_id);
  CREATE INDEX sessions_open ON sessions(open, started_at);
  `,
  // 2: per-device counters (portal rate limit, free-access allowance)
  `
  CREATE TABLE counters (
    key TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL,
    data TEXT NOT NULL
  ) STRICT;
  CREATE INDEX counters_expires ON counters(expires_at);
  `,
  // 3: console accounts, console sessions, audit trail, run-time settings (issue 7)
  `
  CREATE TABLE console_users (
    username TEXT PRIMARY KEY,
    data TEXT NOT NULL
  ) STRICT;

  CREATE TABLE console_sessions (
    id TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL,
    data TEXT NOT NULL
  ) STRICT;
  CREATE INDEX console_sessions_expires ON console_sessions(expires_at);

  CREATE TABLE audit (
    id TEXT PRIMARY KEY,
    at INTEGER NOT NULL,
    action TEXT NOT NULL,
    data TEXT NOT NULL
  ) STRICT;
  CREATE INDEX audit_at ON audit(at);
  -- The trail is append-only: the database refuses to change or delete a line.
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

  CREATE TABLE settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL
  ) STRICT;
  `,
  // 4: the audit trail has a retention: entries older than 90 days may be purged (the
  // configured retention decides when), younger ones still cannot be changed or removed.
  `
  DROP TRIGGER audit_no_delete;
  CREATE TRIGGER audit_no_recent_delete BEFORE DELETE ON audit
    WHEN old.at > CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 90 * 86400000
    BEGIN SELECT RAISE(ABORT, 'audit is append-only for 90 days'); END;
  `,
  // 5: tickets and open sessions indexed by device (issue 12), so that RADIUS MAC authentication
  // and the portal's "who is this device" cost a few indexed reads instead of a scan, and NAS
  // sessions by their accounting key (ticket, NAS, Acct-Session-Id). Existing rows are back-filled.
  {
    sql: `
  CREATE TABLE ticket_devices (
    device TEXT NOT NULL,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    usable_until INTEGER NOT NULL,
    PRIMARY KEY (device, ticket_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX ticket_devices_usable ON ticket_devices(device, usable_until);

  ALTER TABLE sessions ADD COLUMN device TEXT;
  CREATE INDEX sessions_device_open ON sessions(device, started_at) WHERE open = 1;
  ALTER TABLE sessions ADD COLUMN nas_key TEXT;
  CREATE INDEX sessions_nas_key ON sessions(nas_key, started_at) WHERE nas_key IS NOT NULL;
  `,
    backfill(db) {
      const bind = db.prepare(
        'INSERT INTO ticket_devices (device, ticket_id, usable_until) VALUES (?, ?, ?)',
      );
      // Pages by rowid: a statement cannot write while another one is still being iterated.
      const page = db.prepare(
        "SELECT rowid, data FROM tickets WHERE rowid > ? AND json_array_length(data, '$.devices') > 0 " +
          'ORDER BY rowid LIMIT 500',
      );
      for (let after = 0; ;) {
        const rows = page.all(after) as { rowid: number; data: string }[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const t = readOrSkip(ticketRecord, row.data);
          for (const b of t ? deviceBindings(t) : []) bind.run(b.device, t!.id, b.usableUntil);
        }
        after = rows[rows.length - 1]!.rowid;
      }
      const setKeys = db.prepare('UPDATE sessions SET device = ?, nas_key = ? WHERE rowid = ?');
      const sessions = db.prepare(
        'SELECT rowid, open, data FROM sessions WHERE rowid > ? AND (open = 1 OR ticket_id IS NOT NULL) ' +
          'ORDER BY rowid LIMIT 500',
      );
      for (let after = 0; ;) {
        const rows = sessions.all(after) as { rowid: number; open: number; data: string }[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const s = readOrSkip(sessionRecord, row.data);
          if (s)
            setKeys.run(row.open === 1 ? sessionDeviceKey(s.device) : null, nasSessionKeyOf(s), row.rowid);
        }
        after = rows[rows.length - 1]!.rowid;
      }
    },
  },
  // 6: the daily retention purge (issue 13) finds old acceptances and ended sessions by index.
  // The sessions index is on an expression of the stored record, so no write path changes;
  // json_valid keeps a garbled row (reported as corrupt when read) from stopping the upgrade.
  `
  CREATE INDEX acceptances_at ON acceptances(accepted_at);
  CREATE INDEX sessions_ended ON sessions(json_extract(data, '$.endedAt'))
    WHERE open = 0 AND json_valid(data);
  `,
  // 7: each session, charter acceptance and settings record belongs to the space where it
  // happened (issue #13, item 1). An embedded store is one box's: its earlier rows are its space's.
  {
    sql: `
  ALTER TABLE sessions ADD COLUMN space_id TEXT NOT NULL DEFAULT '';
  ALTER TABLE acceptances ADD COLUMN space_id TEXT NOT NULL DEFAULT '';
  DROP INDEX sessions_open;
  CREATE INDEX sessions_open ON sessions(space_id, open, started_at);
  CREATE TABLE space_settings (
    space_id TEXT PRIMARY KEY,
    data TEXT NOT NULL
  ) STRICT;
  `,
    backfill(db, { spaceId }) {
      // A garbled row keeps its data as it is (json_set would fail on it and stop the upgrade).
      const stamp = (table: string) =>
        db
          .prepare(
            `UPDATE ${table} SET space_id = ?, data = CASE WHEN json_valid(data) ` +
              "THEN json_set(data, '$.spaceId', ?) ELSE data END",
          )
          .run(spaceId, spaceId);
      stamp('sessions');
      stamp('acceptances');
      // The one settings row (table kept, no longer written) becomes this space's.
      db.prepare('INSERT INTO space_settings (space_id, data) SELECT ?, data FROM settings WHERE id = 1').run(
        spaceId,
      );
    },
  },
  // 8: residents' calls for help and the attendance animators record (issue 15, items 5 and 6),
  // each row with its space. One open request per device and space; a desk count is one row
  // per half-day (its id), so recording it again replaces it.
  `
  CREATE TABLE help_requests (
    id TEXT PRIMARY KEY,
    space_id TEXT NOT NULL,
    device TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    asked_at INTEGER NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (space_id, device)
  ) STRICT;
  CREATE INDEX help_requests_open ON help_requests(space_id, opened_at);
  CREATE INDEX help_requests_asked ON help_requests(space_id, asked_at);

  CREATE TABLE attendance (
    space_id TEXT NOT NULL,
    id TEXT NOT NULL,
    day TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (space_id, id)
  ) STRICT;
  CREATE INDEX attendance_day ON attendance(space_id, day, recorded_at);
  `,
  // 9: the space's own devices, trusted by MAC (issue #15, item 2).
  `
  CREATE TABLE trusted_devices (
    space_id TEXT NOT NULL,
    mac TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (space_id, mac)
  ) STRICT, WITHOUT ROWID;
  `,
];

/**
 * A corrupt row is left out of the index rather than stopping the upgrade: reading it still
 * reports ECN_ERR_STORE_CORRUPT wherever it is asked for, and it could not be used anyway.
 */
function readOrSkip<T>(schema: z.ZodType<T>, data: string): T | null {
  try {
    return readRecord(schema, data, 'record');
  } catch (err) {
    if (isEcnError(err, 'ECN_ERR_STORE_CORRUPT')) return null;
    throw err;
  }
}
