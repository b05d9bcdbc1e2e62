// The sealed backup format: a round trip, and every kind of damage told apart from a wrong
// passphrase. Cheaper scrypt parameters than the default keep it quick; the reader takes them
// from the header either way.

import { createHash } from 'node:crypto';
import { openBackup, sealBackup } from '../../../src/backup/backup-file';
import { packBackup, unpackBackup } from '../../../src/backup/backup-archive';
import { gzipSync } from 'node:zlib';

const KDF = { log2N: 14, r: 8, p: 1 };
const PASS = 'une phrase de passe correcte';

const contents = () => ({
  format: 1 as const,
  createdAt: '2026-12-05T01:30:00.000Z',
  gatewayVersion: '0.1.0',
  spaceId: 'roubaix-epeule',
  storeKind: 'embedded' as const,
  configFile: '/etc/ecn/config.yaml',
  files: new Map([
    ['store', Buffer.from('SQLite format 3\0 tickets K7QM-X4TR-9WPA')],
    ['config', Buffer.from('space: { id: roubaix-epeule }\n')],
  ] as const),
});

/** Recomputes the trailing SHA-256, as someone altering the file on purpose would. */
function rehash(file: Buffer): Buffer {
  const body = file.subarray(0, file.length - 32);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

describe('sealed backup file', () => {
  let sealed: Buffer;
  beforeAll(async () => {
    sealed = await sealBackup(packBackup(contents()), PASS, KDF);
  });

  it('opens with its passphrase and gives back every file, nothing readable without it', async () => {
    const back = unpackBackup(await openBackup(sealed, PASS));
    expect(back.spaceId).toBe('roubaix-epeule');
    expect([...back.files.keys()]).toEqual(['store', 'config']);
    expect(back.files.get('store')!.toString()).toContain('K7QM-X4TR-9WPA');
    expect(sealed.includes('K7QM')).toBe(false);
    expect(sealed.includes('roubaix')).toBe(false);
  });

  it('two backups of the same data differ (fresh salt and nonce)', async () => {
    const again = await sealBackup(packBackup(contents()), PASS, KDF);
    expect(again.subarray(10, 38).equals(sealed.subarray(10, 38))).toBe(false);
  });

  it('a wrong passphrase on an intact file is ECN_ERR_BACKUP_PASSPHRASE', async () => {
    await expect(openBackup(sealed, 'une autre phrase de passe')).rejects.toMatchObject({
      code: 'ECN_ERR_BACKUP_PASSPHRASE',
    });
  });

  it.each([
    ['empty', () => Buffer.alloc(0)],
    ['another file', () => Buffer.from('PK\x03\x04 a zip file')],
    ['cut in the header', () => sealed.subarray(0, 30)],
    ['cut at the end', () => sealed.subarray(0, sealed.length - 1)],
    ['a flipped bit in the salt', () => flip(sealed, 12)],
    ['a flipped bit in the ciphertext', () => flip(sealed, 60)],
    ['a flipped bit in the tag', () => flip(sealed, sealed.length - 40)],
    ['a newer format version', () => rehash(set(sealed, 6, 2))],
    ['absurd scrypt parameters', () => rehash(set(sealed, 7, 40))],
    // Altered on purpose, checksum recomputed: GCM still refuses it.
    ['altered ciphertext with its checksum redone', () => rehash(flip(sealed, 60))],
  ])('%s is ECN_ERR_BACKUP_CORRUPT', async (_what, damaged) => {
    await expect(openBackup(damaged(), PASS)).rejects.toMatchObject({ code: 'ECN_ERR_BACKUP_CORRUPT' });
  });

  it.each([
    ['not gzip', Buffer.from('plain')],
    ['a manifest longer than the content', gzipSync(Buffer.from([0, 0, 1, 0, 123]))],
    ['a manifest of the wrong shape', gzipSync(withManifest({ format: 2 }))],
    [
      'a file longer than the content',
      gzipSync(withManifest({ ...manifest(), files: [{ role: 'store', size: 99 }] })),
    ],
    [
      'bytes the manifest does not list',
      gzipSync(Buffer.concat([withManifest(manifest()), Buffer.from('x')])),
    ],
  ])('a payload with %s is ECN_ERR_BACKUP_CORRUPT', (_what, payload) => {
    expect(() => unpackBackup(payload)).toThrow(expect.objectContaining({ code: 'ECN_ERR_BACKUP_CORRUPT' }));
  });
});

function flip(b: Buffer, at: number): Buffer {
  const c = Buffer.from(b);
  c[at]! ^= 0x01;
  return c;
}

function set(b: Buffer, at: number, value: number): Buffer {
  const c = Buffer.from(b);
  c[at] = value;
  return c;
}

function manifest(): Record<string, unknown> {
  return {
    format: 1,
    createdAt: 'x',
    gatewayVersion: '0',
    spaceId: 's',
    storeKind: 'embedded',
    configFile: '/c',
    files: [],
  };
}

function withManifest(m: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(m));
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  return Buffer.concat([len, json]);
}
