// Versioned schema of the embedded store. Each entry runs once, in order, inside a
// transaction; PRAGMA user_version records how far a database has gone. Never edit a
// released entry: add a new one.

export const MIGRATIONS: readonly string[] = [
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
];
