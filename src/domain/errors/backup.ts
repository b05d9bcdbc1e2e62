// Error codes: backup and restore (issue #16, item 4).
// One area of the one registry, which src/domain/errors.ts composes (docs/errors.md follows it).

import type { ErrorSpec } from './error-spec';

export const BACKUP_ERRORS = {
  ECN_ERR_BACKUP_PASSPHRASE: {
    status: 400,
    expose: false,
    description: 'The passphrase does not open this backup (the file itself is intact); nothing was written.',
  },
  ECN_ERR_BACKUP_NO_PASSPHRASE: {
    status: 400,
    expose: false,
    description:
      'No usable passphrase: no --passphrase-file (or `backup.passphraseFile`) and no terminal to ask on, an empty or unreadable file, two entries that differ, or fewer than 12 characters.',
  },
  ECN_ERR_BACKUP_CORRUPT: {
    status: 400,
    expose: false,
    description:
      'The file is not an ECN backup, or it was truncated or altered (its checksum or authentication fails); nothing was written.',
  },
  ECN_ERR_BACKUP_FAILED: {
    status: 500,
    expose: false,
    description:
      'A backup could not be made (a data file unreadable, the journal without its key, the destination not writable or already there); no partial file is left.',
  },
  ECN_ERR_RESTORE_TARGET: {
    status: 409,
    expose: false,
    description:
      'Restore refused: the data folder (or the journal file or key) is not empty and --force was not given, or the gateway service is running; nothing was written.',
  },
} as const satisfies Record<string, ErrorSpec>;
