// The `journal` section: the legal connection log, its key and how long it keeps records.

import { z } from 'zod';

export const journalSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe('Keep the legal connection log (required by French law for public Internet access).'),
    file: z.string().default('').describe('Journal database file; empty means `<dataDir>/journal.db`.'),
    key: z
      .string()
      .default('')
      .describe(
        'Journal encryption key, 32 bytes in base64 (`openssl rand -base64 32`); prefer `keyFile` or ECN_JOURNAL_KEY.',
      ),
    keyFile: z
      .string()
      .default('')
      .describe(
        'File holding the key; empty means `<dataDir>/journal.key`, created (0600) on first start. Keep a copy off the box.',
      ),
    retentionDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(365)
      .describe('Connection records are purged after this many days.'),
    securityRetentionDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(90)
      .describe('Security log lines are purged after this many days.'),
    publicIp: z
      .string()
      .default('')
      .describe(
        "The box's public IP address as the Internet sees it, recorded with each connection (empty: unknown).",
      ),
  })
  .prefault({})
  .describe('Legal connection log (CPCE L34-1, R10-13): connection identifiers only, encrypted, one year.');
