// The Redis store's format on a real server: a fixed set of records written through the store
// (one of each kind it keeps, and the space's claim), and a dump of every key under a prefix
// (name, type, contents), so a test can hold the layout that boxes already wrote to the one a
// new version writes and reads.

import type Redis from 'ioredis';
import type { z } from 'zod';
import type { Batch, Ticket } from '../../src/domain/ticket';
import type { Session } from '../../src/domain/session';
import type { CharterAcceptance } from '../../src/domain/charter';
import type { AuditEntry, ConsoleSession, ConsoleUser } from '../../src/domain/console';
import type { HelpRequest } from '../../src/domain/help-request';
import type { AttendanceEntry } from '../../src/domain/attendance';
import type { TrustedDevice } from '../../src/domain/trusted-device';
import type { RedisStore } from '../../src/store/redis-store';
import { newTicket } from '../../src/domain/ticket';
import { profileLimits } from '../../src/domain/profile';
import {
  acceptanceRecord,
  attendanceRecord,
  auditRecord,
  batchRecord,
  consoleSessionRecord,
  counterRecord,
  helpRequestRecord,
  sessionRecord,
  settingsRecord,
  ticketRecord,
  trustedDeviceRecord,
  userRecord,
} from '../../src/store/records';
import { profile } from './fakes';

export const SPACE = 'roubaix-demo';
/** 2026-03-14 09:00 UTC: the scenario's clock. */
export const T0 = Date.UTC(2026, 2, 14, 9);
/** Far enough that nothing Redis expires by itself goes while a test runs. */
export const FAR = Date.UTC(2100, 0, 1);
const MAC = 'aa:00:00:00:00:01';

const batch: Batch = batchRecord.parse({
  id: 'batch-1',
  profileName: '1h',
  count: 2,
  note: 'atelier CV',
  createdBy: 'cli:test',
  createdAt: T0,
});
const fresh = (id: string, code: string): Ticket =>
  newTicket({
    id,
    code,
    batchId: batch.id,
    profileName: '1h',
    limits: profileLimits(profile()),
    createdAt: T0,
  });
const used: Ticket = {
  ...fresh('ticket-1', 'ABCDEFGHJKMN'),
  firstUsedAt: T0 + 60_000,
  expiresAt: FAR,
  devices: [`mac:${MAC}`],
};
const revoked: Ticket = {
  ...fresh('ticket-2', 'PQRSTUVWXYZ2'),
  revokedAt: T0 + 120_000,
  revokedBy: 'anim',
  version: 2,
};
const nasSession: Session = {
  id: 'session-nas',
  spaceId: SPACE,
  ticketId: used.id,
  device: { mac: MAC, ip: '10.42.0.11' },
  origin: { kind: 'nas', nas: '10.0.0.2' },
  startedAt: T0 + 60_000,
  lastSeenAt: T0 + 60_000,
  bytesIn: 0,
  bytesOut: 0,
  endedAt: null,
  endCause: null,
  nasSessionId: 'acct-0001',
};
const ended: Session = {
  ...nasSession,
  id: 'session-ended',
  device: { mac: 'aa:00:00:00:00:02', ip: '10.42.0.12' },
  origin: { kind: 'local' },
  nasSessionId: null,
  endedAt: T0 + 90_000,
  endCause: 'logout',
};
const acceptance: CharterAcceptance = acceptanceRecord.parse({
  id: 'acceptance-1',
  spaceId: SPACE,
  charterVersion: '2026-01',
  lang: 'fr',
  acceptedAt: T0 + 30_000,
  device: `mac:${MAC}`,
  ticketId: used.id,
});
const user: ConsoleUser = userRecord.parse({
  username: 'anim',
  role: 'animator',
  passwordHash: 'scrypt$not-a-real-hash',
  createdAt: T0,
  createdBy: 'cli:test',
  disabledAt: null,
  sessionEpoch: 0,
  version: 0,
});
const consoleSession: ConsoleSession = {
  id: 'console-session-1',
  username: 'anim',
  epoch: 0,
  csrf: 'csrf-token',
  createdAt: T0,
  lastSeenAt: T0,
  expiresAt: FAR,
  version: 0,
};
const audit: AuditEntry = {
  id: 'audit-1',
  at: T0 + 120_000,
  actor: 'anim',
  action: 'login',
  target: null,
  details: { ip: '10.42.0.20' },
};
const help: HelpRequest = {
  id: 'help-1',
  spaceId: SPACE,
  device: `mac:${MAC}`,
  deviceHint: '0001',
  page: 'code',
  openedAt: T0 + 10_000,
  askedAt: T0 + 20_000,
};
const desk: AttendanceEntry = {
  id: 'desk:2026-03-14:morning',
  spaceId: SPACE,
  kind: 'desk',
  day: '2026-03-14',
  halfDay: 'morning',
  theme: null,
  minutes: null,
  people: 7,
  recordedAt: T0 + 3_600_000,
  recordedBy: 'anim',
};
const trusted: TrustedDevice = {
  spaceId: SPACE,
  mac: 'aa:00:00:00:00:03',
  label: 'PC 3',
  addedAt: T0,
  addedBy: 'anim',
};

/** What the scenario leaves in the store, as the Store port reads it back. */
export const written = {
  batch,
  tickets: [used, revoked],
  sessions: { open: { ...nasSession, bytesIn: 5000, lastSeenAt: T0 + 70_000 }, ended },
  acceptance,
  counter: { key: `guess:mac:${MAC}`, count: 2, firstAt: T0, until: null, expiresAt: FAR, version: 1 },
  user: { ...user, disabledAt: T0 + 5000, version: 1 },
  consoleSession,
  audit: { ...audit, spaceId: SPACE },
  settings: { updatedAt: T0, updatedBy: 'anim', version: 1 },
  help,
  desk,
  trusted,
  claim: 'box-1',
};

/** Writes one record of each kind through the port, changing some (compare-and-set) once. */
export async function writeScenario(store: RedisStore): Promise<void> {
  await store.createBatch(batch, [used, { ...revoked, revokedAt: null, revokedBy: null, version: 0 }]);
  await store.updateTicket(revoked.id, (t) => ({
    ...t,
    revokedAt: revoked.revokedAt,
    revokedBy: 'anim',
    version: 2,
  }));
  await store.recordAcceptance(acceptance);
  await store.createSession(nasSession);
  await store.createSession(ended);
  await store.updateSession(nasSession.id, (s) => ({ ...s, bytesIn: 5000, lastSeenAt: T0 + 70_000 }));
  for (let i = 0; i < 2; i++) {
    await store.updateCounter(written.counter.key, (c) => ({
      key: written.counter.key,
      count: (c?.count ?? 0) + 1,
      firstAt: T0,
      until: null,
      expiresAt: FAR,
      version: c === null ? 0 : c.version + 1,
    }));
  }
  await store.createUser(user);
  await store.updateUser('anim', (u) => ({ ...u, disabledAt: T0 + 5000 }));
  await store.createConsoleSession(consoleSession);
  await store.appendAudit(audit);
  await store.updateSettings(() => ({ updatedAt: T0, updatedBy: 'anim', version: 0 }));
  await store.claimSpace(written.claim, 600_000);
  await store.saveHelpRequest(SPACE, help.device, () => help);
  await store.saveAttendance(desk);
  await store.putTrustedDevice(trusted);
}

/** The record schema of each JSON document, by the first part of its key. */
const DOCUMENTS: Record<string, z.ZodType<unknown>> = {
  ticket: ticketRecord,
  batch: batchRecord,
  session: sessionRecord,
  acceptances: acceptanceRecord,
  counter: counterRecord,
  user: userRecord,
  'console-session': consoleSessionRecord,
  'audit-space': auditRecord,
  settings: settingsRecord,
  help: helpRequestRecord,
  attendance: attendanceRecord,
  'trusted-devices': trustedDeviceRecord,
};

export interface DumpedKey {
  key: string;
  type: string;
  value: unknown;
}

/** Every key under `prefix`, sorted, with its type and contents as Redis holds them. */
export async function dumpKeys(redis: Redis, prefix: string): Promise<DumpedKey[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  const out: DumpedKey[] = [];
  for (const full of keys.sort()) {
    const key = full.slice(prefix.length);
    const type = await redis.type(full);
    let value: unknown;
    if (type === 'string') value = await redis.get(full);
    else if (type === 'set') value = (await redis.smembers(full)).sort();
    else if (type === 'zset') {
      const flat = await redis.zrange(full, 0, -1, 'WITHSCORES');
      const pairs: [string, string][] = [];
      for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
      value = pairs;
    } else if (type === 'hash') {
      const fields = Object.entries(await redis.hgetall(full));
      value = Object.fromEntries(fields.sort(([a], [b]) => a.localeCompare(b)));
    } else value = `(unexpected type ${type})`;
    out.push({ key, type, value });
  }
  return out;
}

/**
 * A dump as the store's format means it: each JSON document read by its record schema (so a
 * field a later version adds with a default compares equal), the marker's date left out; key
 * names, types, index members and scores exactly as Redis holds them.
 */
export function readable(dump: DumpedKey[]): DumpedKey[] {
  return dump.map(({ key, type, value }) => {
    const schema = DOCUMENTS[key.split(':')[0]!];
    const doc = (json: string): unknown => (schema ? schema.parse(JSON.parse(json)) : json);
    if (key === 'marker') return { key, type, value: '(the date of the first start)' };
    if (type === 'string')
      return { key, type, value: key.startsWith('batch:') ? doc(value as string) : value };
    if (type === 'zset')
      return { key, type, value: (value as [string, string][]).map(([m, score]) => [doc(m), score]) };
    if (type === 'hash') {
      const fields = Object.entries(value as Record<string, string>);
      return { key, type, value: Object.fromEntries(fields.map(([f, v]) => [f, f === 'v' ? v : doc(v)])) };
    }
    return { key, type, value };
  });
}

/** Writes a dump back under another prefix, byte for byte: the data of a box before an upgrade. */
export async function loadKeys(redis: Redis, prefix: string, dump: DumpedKey[]): Promise<void> {
  for (const { key, type, value } of dump) {
    const full = prefix + key;
    if (type === 'string') await redis.set(full, value as string);
    else if (type === 'set') await redis.sadd(full, ...(value as string[]));
    else if (type === 'zset')
      for (const [member, score] of value as [string, string][]) await redis.zadd(full, score, member);
    else if (type === 'hash') await redis.hset(full, value as Record<string, string>);
  }
}
