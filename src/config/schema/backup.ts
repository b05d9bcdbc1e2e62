// The `backup` section: where the nightly encrypted backups go and how many are kept.

import { z } from 'zod';

// Issue #16, item 4: what `ecn backup` without --out (the nightly timer) does.
export const backupSchema = z
  .object({
    folder: z
      .string()
      .default('')
      .describe(
        'Folder where `ecn backup` without `--out` (the `ecn-backup.timer`) writes `ecn-backup-<space>-<time>.ecnbak`; empty means none. Copy the files off the box (README).',
      ),
    keep: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(7)
      .describe(
        'How many backups of this space the folder keeps; older ones are deleted after a new one is written.',
      ),
    passphraseFile: z
      .string()
      .default('')
      .describe(
        'File holding the backup passphrase (first line, 12 characters at least), readable by the service user only; used when `--passphrase-file` is not given. Keep the passphrase elsewhere too: without it a backup is useless.',
      ),
  })
  .prefault({})
  .describe('Encrypted backups of the box (`ecn backup`, `ecn restore`).');
