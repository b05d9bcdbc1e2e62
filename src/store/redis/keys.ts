// The Redis store's key layout: every key is the configured prefix and `:`-joined parts. The
// layout is the store's format (boxes of different versions may share one pool, and a box's data
// must survive an upgrade), so a key is renamed only with a back-fill (see index-backfill.ts).
//
// City-wide (the pool's): `ticket:<id>` (hash v, data), `code:<code>` → id, `tickets` (zset by
// creation), `batch:<id>` (json), `batches`, `batch-tickets:<batch>`, `device-tickets:<device>`
// (zset by usable-until), `session:<id>` (hash), `sessions` (zset by start), `sessions-open`
// (set), `ticket-sessions:<ticket>`, `device-sessions:<device>`, `counter:<key>`, `user:<name>`,
// `users`, `console-session:<id>`, `console-sessions`, `marker`, `index-version:<index>`, and
// the pool's records from before spaces were kept apart: `settings`, `audit`.
// Per space: `space:<space>` (the box's claim), `space-sessions-open:<space>`,
// `acceptances:<space>:<device>`, `nas-session:<space>:<base64url>`, `audit-space:<space>`,
// `settings:<space>`, `help:<space>:<device>`, `help-open:<space>`, `attendance:<space>`,
// `attendance-days:<space>`, `trusted-devices:<space>`.

export class RedisKeys {
  constructor(private readonly prefix: string) {}

  key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  /** This space's open sessions (the city-wide `sessions-open` set serves the purge). */
  spaceOpen(spaceId: string): string {
    return this.key('space-sessions-open', spaceId);
  }

  /**
   * A device's charter acceptances in one space. Those written before spaces were kept apart
   * (`acceptances:<device>`) are read by no space: the resident accepts the charter once more.
   */
  acceptances(spaceId: string, device: string): string {
    return spaceId === '' ? this.key('acceptances', device) : this.key('acceptances', spaceId, device);
  }

  /**
   * The key of a NAS session's index entry; base64url, as the accounting key holds any text.
   * Per space: two spaces may well name their access points alike. A session written before
   * spaces were kept apart (no space) keeps its old key.
   */
  nasSession(spaceId: string, nasKey: string): string {
    const encoded = Buffer.from(nasKey).toString('base64url');
    return spaceId === '' ? this.key('nas-session', encoded) : this.key('nas-session', spaceId, encoded);
  }

  /** Each space's audit trail: a manager sees what was done in their space only. */
  audit(spaceId: string): string {
    return this.key('audit-space', spaceId);
  }
}
