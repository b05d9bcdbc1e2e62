// What a backup holds, before encryption: a manifest (JSON, checked with zod when read back)
// followed by the files it lists, byte for byte, the whole compressed with gzip. Kept in
// memory: a box's store and journal are tens of megabytes, and nothing in clear touches disk.

import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { EcnError } from '../domain/errors';

/** What each file of a backup is, and so where a restore puts it. */
export const BACKUP_ROLES = ['store', 'journal', 'journal-key', 'stats', 'config'] as const;
export type BackupRole = (typeof BACKUP_ROLES)[number];

const manifestSchema = z
  .object({
    format: z.literal(1),
    createdAt: z.string().max(40),
    gatewayVersion: z.string().max(40),
    spaceId: z.string().max(200),
    /** `redis`: the shared store is the city's and is not in the backup. */
    storeKind: z.enum(['embedded', 'redis']),
    /** Where the configuration file was on the box that made the backup (information only). */
    configFile: z.string().max(4096),
    files: z
      .array(z.object({ role: z.enum(BACKUP_ROLES), size: z.number().int().min(0) }).strict())
      .max(BACKUP_ROLES.length),
  })
  .strict();

export type BackupManifest = z.infer<typeof manifestSchema>;
export type BackupContents = Omit<BackupManifest, 'files'> & { files: Map<BackupRole, Buffer> };

export function packBackup(contents: BackupContents): Buffer {
  const files = [...contents.files.entries()];
  const manifest: BackupManifest = {
    ...contents,
    files: files.map(([role, data]) => ({ role, size: data.length })),
  };
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return gzipSync(Buffer.concat([length, json, ...files.map(([, data]) => data)]));
}

export function unpackBackup(payload: Buffer): BackupContents {
  let raw: Buffer;
  try {
    raw = gunzipSync(payload);
  } catch {
    throw corrupt('its content cannot be decompressed');
  }
  if (raw.length < 4) throw corrupt('its content is too short');
  const jsonLength = raw.readUInt32BE(0);
  if (4 + jsonLength > raw.length) throw corrupt('its manifest is cut short');
  let parsed;
  try {
    parsed = manifestSchema.safeParse(JSON.parse(raw.subarray(4, 4 + jsonLength).toString('utf8')));
  } catch {
    throw corrupt('its manifest is not JSON');
  }
  if (!parsed.success) throw corrupt('its manifest is not valid');
  const files = new Map<BackupRole, Buffer>();
  let offset = 4 + jsonLength;
  for (const { role, size } of parsed.data.files) {
    if (files.has(role)) throw corrupt(`its manifest names ${role} twice`);
    if (offset + size > raw.length) throw corrupt('a file in it is cut short');
    files.set(role, raw.subarray(offset, offset + size));
    offset += size;
  }
  if (offset !== raw.length) throw corrupt('it holds bytes its manifest does not list');
  return { ...parsed.data, files };
}

function corrupt(why: string): EcnError {
  return new EcnError('ECN_ERR_BACKUP_CORRUPT', `Not a usable backup: ${why}; nothing was written.`);
}
