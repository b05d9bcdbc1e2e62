// Runs the RADIUS components in the test process on 127.0.0.1 port 0 with a real SQLite store,
// and drives them with radclient (FreeRADIUS's own client) or raw datagrams.

import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { configSchema, type ConfigInput } from '../../../src/config/schema';
import type { FrozenConfig } from '../../../src/config/load';
import { EventBus, type DomainEvents, type EventName } from '../../../src/domain/events';
import { formatCode } from '../../../src/domain/ticket-code';
import type { Ticket } from '../../../src/domain/ticket';
import type { OpeningHours } from '../../../src/domain/opening-hours';
import { createRadiusComponents, type RadiusComponents } from '../../../src/radius/radius-components';
import { issueTickets } from '../../../src/services/issue-tickets';
import { SqliteStore } from '../../../src/store/sqlite-store';
import { fixedProfiles, makeDeps, profile, type FakeClock } from '../../helpers/fakes';
import type { ServiceDeps } from '../../../src/services/deps';
import { waitFor } from '../../helpers/wait-for';

export const SECRET = 'ecn-radius-test-secret';
export const NAS_MAC = 'AA-BB-CC-00-00-01';

type RadiusInput = NonNullable<ConfigInput['radius']>;

export interface Harness {
  deps: ServiceDeps & { clock: FakeClock };
  radius: RadiusComponents;
  authPort: number;
  acctPort: number;
  events: { [K in EventName]: DomainEvents[K][] };
  /** The SQLite file, for a second connection (another process, as `ecn` opens it). */
  storeFile: string;
  ticket(profileName?: string): Promise<Ticket>;
  stop(): Promise<void>;
}

const ALL_EVENTS: EventName[] = [
  'ticket.issued',
  'ticket.redeemed',
  'ticket.refused',
  'ticket.revoked',
  'charter.accepted',
  'session.started',
  'session.ended',
  'store.failed',
  'radius.request_dropped',
  'radius.duplicate_answered',
  'radius.access_accepted',
  'radius.access_rejected',
  'radius.accounting_recorded',
  'radius.disconnect_finished',
];

export async function startHarness(
  radius: Partial<RadiusInput> = {},
  space: { openingHours?: () => OpeningHours | null } = {},
): Promise<Harness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-radius-'));
  const storeFile = path.join(dir, 'ecn.db');
  const store = new SqliteStore({ file: storeFile, spaceId: 'roubaix-demo' });
  await store.start();
  const events = new EventBus((_e, err) => {
    throw err;
  });
  const deps = makeDeps(store, {
    events,
    profiles: fixedProfiles([
      profile(),
      profile({ name: '2dev', label: 'Deux appareils', isDefault: false, maxDevices: 2 }),
      profile({
        name: 'limited',
        label: 'Limité',
        isDefault: false,
        quotaBytes: 5_000_000_000,
        bandwidthUpBps: 1_000_000,
        bandwidthDownBps: 4_000_000,
        idleTimeoutSeconds: 600,
      }),
      profile({ name: 'small', label: 'Petit quota', isDefault: false, quotaBytes: 10_000, maxDevices: 1 }),
      profile({
        name: 'open-2h',
        label: '2 heures d’ouverture',
        isDefault: false,
        durationSeconds: 7200,
        clockRunsWhileOpenOnly: true,
      }),
    ]),
  });
  const config = configSchema.parse({
    radius: {
      enabled: true,
      authListen: '127.0.0.1:0',
      acctListen: '127.0.0.1:0',
      clients: [{ name: 'ap-test', address: '127.0.0.1', secret: SECRET, kind: 'chilli' }],
      ...radius,
    },
  }) as FrozenConfig;
  const logger = pino({ level: process.env.RADIUS_TEST_LOG ?? 'silent' });
  const components = createRadiusComponents(
    config.radius,
    { ...deps, policy: { openingHours: space.openingHours } },
    logger,
  );
  await components.disconnect.start();
  await components.auth.start();
  await components.acct.start();
  const seen = Object.fromEntries(ALL_EVENTS.map((n) => [n, []])) as unknown as Harness['events'];
  for (const n of ALL_EVENTS) events.on(n, (p) => (seen[n] as unknown[]).push(p));
  return {
    deps,
    radius: components,
    authPort: components.auth.boundPort()!,
    acctPort: components.acct.boundPort()!,
    events: seen,
    storeFile,
    async ticket(profileName?: string) {
      const { tickets } = await issueTickets(deps, { profile: profileName, count: 1, createdBy: 'test' });
      return tickets[0]!;
    },
    async stop() {
      await components.acct.stop();
      await components.auth.stop();
      await components.disconnect.stop();
      await store.stop();
    },
  };
}

export interface RadclientReply {
  code: string | null;
  attributes: Record<string, string[]>;
  output: string;
}

/** Sends one packet with radclient; attribute lines as radclient reads them on stdin. */
export function radclient(
  port: number,
  command: 'auth' | 'acct',
  lines: string[],
  secret = SECRET,
): Promise<RadclientReply> {
  return new Promise((resolve, reject) => {
    const child = spawn('radclient', ['-x', '-r', '1', '-t', '1', `127.0.0.1:${port}`, command, secret], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', () => resolve(parseRadclient(output)));
    child.stdin.end(lines.join('\n') + '\n');
  });
}

function parseRadclient(output: string): RadclientReply {
  const lines = output.split('\n');
  const at = lines.findIndex((l) => l.startsWith('Received '));
  if (at < 0) return { code: null, attributes: {}, output };
  const code = /^Received (\S+)/.exec(lines[at]!)![1]!;
  const attributes: Record<string, string[]> = {};
  for (const line of lines.slice(at + 1)) {
    const m = /^\s+([A-Za-z0-9.-]+) = (.*)$/.exec(line);
    if (!m) break;
    (attributes[m[1]!] ??= []).push(m[2]!.replace(/^"(.*)"$/, '$1'));
  }
  return { code, attributes, output };
}

/** PAP Access-Request lines for a ticket used on a device. */
export function papLines(
  code: string,
  opts: { mac?: string; messageAuthenticator?: boolean; password?: string } = {},
) {
  const lines = [
    `User-Name = "${formatCode(code)}"`,
    `User-Password = "${opts.password ?? formatCode(code)}"`,
    `Calling-Station-Id = "${opts.mac ?? NAS_MAC}"`,
    'NAS-Identifier = "ap-test"',
  ];
  if (opts.messageAuthenticator !== false) lines.push('Message-Authenticator = 0x00');
  return lines;
}

/**
 * Sends raw datagrams from one socket and collects what comes back until `done` holds (given the
 * replies so far): the expected number of replies, or the server's event for a dropped packet.
 */
export async function udpExchange(
  port: number,
  datagrams: Buffer[],
  done: (replies: Buffer[]) => boolean,
): Promise<Buffer[]> {
  const socket = dgram.createSocket('udp4');
  const replies: Buffer[] = [];
  socket.on('message', (m) => replies.push(m));
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  for (const d of datagrams) await new Promise<void>((r) => socket.send(d, port, '127.0.0.1', () => r()));
  await waitFor(() => done(replies), { what: 'the RADIUS exchange', timeout: 10_000, interval: 10 });
  await new Promise<void>((r) => socket.close(() => r()));
  return replies;
}
