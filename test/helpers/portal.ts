// Builds the portal app the way main does, on an in-memory embedded store, a fake clock and
// the no-op gateway, so tests drive it with supertest and look into the store.

import { loadConfig, type FrozenConfig } from '../../src/config/load';
import { createPortalApp } from '../../src/portal/app';
import {
  accessPolicy,
  loadPortalTexts,
  portalSettings,
  type PortalSettings,
  type PortalTexts,
} from '../../src/portal/settings';
import type { CategoryLookup } from '../../src/portal/category-lookup';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/domain/ports';
import { NoopGateway } from '../../src/gateway/noop-gateway';
import { createLogger, type Logger } from '../../src/log';
import type { AccessDeps } from '../../src/services/client-access';
import { issueTickets } from '../../src/services/issue-tickets';
import { formatCode } from '../../src/domain/ticket-code';
import type { Express } from 'express';
import { fixedProfiles, makeDeps, type FakeClock } from './fakes';

export interface PortalFixture {
  app: Express;
  store: Store;
  gateway: NoopGateway;
  access: AccessDeps & { clock: FakeClock };
  config: FrozenConfig;
  settings: PortalSettings;
  /** The charter and legal texts the portal app shows (live settings change them in place). */
  texts: PortalTexts;
  /** Issues tickets of a profile and returns their printed codes. */
  tickets(count?: number, profile?: string): Promise<string[]>;
  /** Counts of what the store holds, to check that a refusal changed nothing. */
  snapshot(): Promise<string>;
  close(): Promise<void>;
}

export async function portalFixture(
  env: Record<string, string> = {},
  opts: {
    publicUrl?: string;
    file?: string;
    macs?: Map<string, string>;
    logger?: Logger;
    categoryLookup?: CategoryLookup;
    /** Wraps the store the app and its services use (e.g. to count reads); `store` stays raw. */
    wrapStore?: (store: Store) => Store;
    /** Another store (Redis) instead of the embedded one; the fixture starts and stops it. */
    store?: Store;
  } = {},
): Promise<PortalFixture> {
  const config = loadConfig({
    file: null,
    env: { ECN_SPACE_NAME: 'Espace de test', ECN_SPACE_CONTACT_EMAIL: 'contact@ecn.test', ...env },
  });
  const store = opts.store ?? new SqliteStore({ file: opts.file ?? ':memory:', spaceId: 'roubaix-demo' });
  await store.start();
  const gateway = new NoopGateway(undefined, opts.macs);
  const used = opts.wrapStore?.(store) ?? store;
  const base = makeDeps(used, {
    profiles: fixedProfiles([
      ...makeDeps(store).profiles(),
      {
        name: 'week',
        label: '1 semaine',
        isDefault: false,
        durationSeconds: 7 * 86400,
        validFrom: null,
        validUntil: null,
        quotaBytes: 2_000_000_000,
        bandwidthUpBps: null,
        bandwidthDownBps: null,
        maxDevices: 2,
        idleTimeoutSeconds: null,
      },
      {
        name: 'december',
        label: 'Décembre',
        isDefault: false,
        durationSeconds: 3600,
        validFrom: Date.UTC(2026, 11, 1),
        validUntil: Date.UTC(2026, 11, 31),
        quotaBytes: null,
        bandwidthUpBps: null,
        bandwidthDownBps: null,
        maxDevices: 1,
        idleTimeoutSeconds: null,
      },
    ]),
  });
  const access = {
    ...base,
    gateway,
    policy: accessPolicy(config),
  };
  const settings = portalSettings(config, opts.publicUrl ?? 'http://portal.ecn.test');
  const texts = loadPortalTexts(config);
  const app = createPortalApp({
    store: used,
    logger: opts.logger ?? createLogger('silent'),
    version: '0.0.0-test',
    spaceId: config.space.id,
    access,
    settings,
    texts,
    categoryLookup: opts.categoryLookup,
  });
  return {
    app,
    store,
    gateway,
    access,
    config,
    settings,
    texts,
    async tickets(count = 1, profile) {
      const { tickets } = await issueTickets(access, { count, profile, createdBy: 'test' });
      return tickets.map((t) => formatCode(t.code));
    },
    async snapshot() {
      const tickets = await store.listTickets({});
      const sessions = await store.listOpenSessions();
      const acceptances = await Promise.all(
        ['ip:127.0.0.1', 'ip:10.0.0.7', 'ip:10.0.0.8'].map((d) => store.latestAcceptance(d)),
      );
      return JSON.stringify({ tickets, sessions, acceptances });
    },
    async close() {
      await store.stop();
    },
  };
}
