// The journal key: from `journal.key` (base64, e.g. ECN_JOURNAL_KEY) or from `journal.keyFile`.
// On first start with neither, a key file is created (0600) and the operator is told to keep
// a copy away from the box: without it the journal cannot be read.

import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EcnError } from '../domain/errors';
import { privateFileIfOwned, privateFolder } from '../store/private-files';

export function loadJournalKey(opts: { key: string; keyFile: string }): { key: Buffer; created: boolean } {
  if (opts.key) return { key: decode(opts.key, 'journal.key'), created: false };
  try {
    const key = decode(readFileSync(opts.keyFile, 'utf8').trim(), opts.keyFile);
    // A key file made by an older version (or copied in by hand) is made private too.
    privateFileIfOwned(opts.keyFile);
    return { key, created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      if (err instanceof EcnError) throw err;
      throw new EcnError(
        'ECN_ERR_JOURNAL_KEY',
        `Cannot read the journal key ${opts.keyFile}: ${(err as Error).message}`,
      );
    }
  }
  const key = randomBytes(32);
  privateFolder(path.dirname(opts.keyFile));
  writeFileSync(opts.keyFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return { key, created: true };
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/]+=*$/.test(text)) {
    throw new EcnError(
      'ECN_ERR_JOURNAL_KEY',
      `The journal key in ${where} must be 32 bytes in base64 (openssl rand -base64 32).`,
    );
  }
  return key;
}
