// The `store` and `retention` sections: where tickets, sessions and acceptances are kept, and
// how long the personal data among them stays.

import { z } from 'zod';

/** The law's year: connection records are kept one year (CPCE R10-13), so what names them is too. */
export const LEGAL_FLOOR_DAYS = 365;
/** Sessions go no sooner than a month after they ended (console history, late accounting). */
export const SESSIONS_FLOOR_DAYS = 31;

export const storeSchema = z
  .object({
    kind: z
      .enum(['embedded', 'redis'])
      .default('embedded')
      .describe(
        '`embedded` (SQLite file in dataDir, one box) or `redis` (shared ticket pool for several boxes).',
      ),
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\//, 'expected redis://… or rediss://…')
      .default('redis://127.0.0.1:6379/0')
      .describe('Redis URL when `kind` is `redis`; use AOF with `appendfsync always` on that server.'),
    keyPrefix: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,32}$/)
      .default('ecn:')
      .describe('Prefix of every Redis key, so one Redis can hold several pools.'),
  })
  .prefault({})
  .describe('Where tickets, sessions and acceptances are kept.');

// Issue 13, item 5: what the privacy notice promises for the store, purged daily.
export const retentionSchema = z
  .object({
    sessionsDays: z
      .number()
      .int()
      .min(
        SESSIONS_FLOOR_DAYS,
        `at least ${SESSIONS_FLOOR_DAYS} days (a month of history for the console and late RADIUS accounting)`,
      )
      .max(3650)
      .default(365)
      .describe(
        `Ended sessions (device MAC and IP, times, bytes) are deleted from the store this many days after they ended, and the devices bound to a ticket this many days after the ticket ended; at least ${SESSIONS_FLOOR_DAYS}. The legal journal keeps its own copy for \`journal.retentionDays\`; the statistics keep only their anonymous daily counts.`,
      ),
    acceptancesDays: z
      .number()
      .int()
      .min(LEGAL_FLOOR_DAYS, `at least ${LEGAL_FLOOR_DAYS} days (the year the law keeps connection records)`)
      .max(3650)
      .default(365)
      .describe(
        `A charter acceptance is deleted once it is this many days old and its ticket ended this many days ago; at least ${LEGAL_FLOOR_DAYS} and at least \`journal.retentionDays\`, so the proof lasts as long as the connection records.`,
      ),
    ticketsDays: z
      .number()
      .int()
      .min(LEGAL_FLOOR_DAYS, `at least ${LEGAL_FLOOR_DAYS} days (the year the law keeps connection records)`)
      .max(3650)
      .default(365)
      .describe(
        `A ticket (its code, devices and use) is deleted this many days after it ended (time over, data used up or revoked); a ticket still usable never is. At least ${LEGAL_FLOOR_DAYS} and at least \`journal.retentionDays\`: a requisition or a resident's request names the ticket by its code, which only the store can turn into the journal's identifier.`,
      ),
  })
  .prefault({})
  .describe(
    'How long the store keeps personal data (the privacy page states these durations); purged daily by the service and by `ecn store purge`.',
  );
