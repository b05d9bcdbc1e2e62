// Builds the console app the way main does, on the portal fixture's store, services and fake
// clock (so a ticket used on the portal shows up in the console), and signs accounts in with
// supertest agents that carry the session cookie and the page's CSRF token.

import request from 'supertest';
import type { Express } from 'express';
import { createConsoleApp } from '../../src/console/app';
import { consoleDeps } from '../../src/console/compose-console';
import type { ConsoleDeps } from '../../src/console/deps';
import { createAccount } from '../../src/services/accounts';
import type { Role } from '../../src/domain/console';
import type { Store } from '../../src/domain/ports';
import { createLogger, type Logger } from '../../src/log';
import { portalFixture, type PortalFixture } from './portal';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { SqliteStats } from '../../src/stats/sqlite-stats';
import { recordStatistics } from '../../src/stats/stats-recorder';
import { SqliteJournal } from '../../src/journal/sqlite-journal';
import { recordSessionsInJournal } from '../../src/journal/journal-recorder';
import { followSettings, liveSpaceSettings } from '../../src/console/settings/live-settings';

export const PASSWORD = 'un mot de passe solide';

export interface SignedInAgent {
  agent: ReturnType<typeof request.agent>;
  /** The session's CSRF token, to put in `_csrf` of every form sent. */
  csrf: string;
  username: string;
}

export interface ConsoleFixture extends PortalFixture {
  console: Express;
  consoleDeps: ConsoleDeps;
  /** The statistics and the legal journal, fed by the same events as in the service. */
  stats: SqliteStats;
  journal: SqliteJournal;
  /** Creates an account (password PASSWORD unless given). */
  user(username: string, role: Role, password?: string): Promise<void>;
  /** Creates the account if needed and signs it in. */
  signIn(username: string, role?: Role): Promise<SignedInAgent>;
  /** A resident accepts the charter and logs in with `code` on the portal; the phone's agent. */
  residentLogin(code: string): Promise<ReturnType<typeof request.agent>>;
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([A-Za-z0-9_-]{43})"/.exec(html);
  if (!m) throw new Error(`no CSRF token in the page:\n${html.slice(0, 500)}`);
  return m[1]!;
}

/** Signs an account in on a console app (or a running service's console URL) with supertest. */
export async function signInAt(
  target: Express | string,
  username: string,
  password = PASSWORD,
): Promise<SignedInAgent> {
  const agent = request.agent(target);
  const loginPage = await agent.get('/login').expect(200);
  const res = await agent
    .post('/login')
    .type('form')
    .send({ username, password, _csrf: csrfOf(loginPage.text), next: '/' });
  if (res.status !== 303) throw new Error(`sign-in of ${username} failed: ${res.status}\n${res.text}`);
  const home = await agent.get('/').expect(200);
  return { agent, csrf: csrfOf(home.text), username };
}

export async function consoleFixture(
  env: Record<string, string> = {},
  opts: {
    logger?: Logger;
    deps?: (d: ConsoleDeps) => ConsoleDeps;
    store?: Store;
    /** Wraps the store the apps use (e.g. to count reads), as portalFixture does. */
    wrapStore?: (store: Store) => Store;
  } = {},
): Promise<ConsoleFixture> {
  const portal = await portalFixture(env, {
    logger: opts.logger,
    store: opts.store,
    wrapStore: opts.wrapStore,
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-console-'));
  const stats = new SqliteStats(path.join(dir, 'stats.db'));
  stats.start();
  const journal = new SqliteJournal(path.join(dir, 'journal.db'), randomBytes(32));
  journal.start();
  const { events, clock } = portal.access;
  const offs = [
    recordStatistics(events, stats, clock, portal.config.space.timezone),
    recordSessionsInJournal(events, journal, clock, '198.51.100.7'),
  ];
  // As in main: the settings managers saved in the store apply before the apps serve.
  const live = liveSpaceSettings(
    portal.config,
    portal.access,
    portal.settings,
    portal.texts,
    portal.access.profiles(),
  );
  followSettings(live, portal.config.space.timezone, {
    policy: portal.access.policy,
    portal: portal.settings,
    texts: portal.texts,
  });
  // As in the service: the use cases read the profiles in force from the settings source.
  const access = { ...portal.access, profiles: () => live.current().profiles };
  await live.load();
  let deps = consoleDeps(
    portal.config,
    access,
    portal.settings,
    opts.logger ?? createLogger('silent'),
    '0.0.0-test',
    live,
    { stats, journal },
  );
  if (opts.deps) deps = opts.deps(deps);
  const app = createConsoleApp(deps);
  const made = new Set<string>();
  const user = async (username: string, role: Role, password = PASSWORD) => {
    await createAccount(portal.access, {
      username,
      role,
      password,
      createdBy: 'test',
      via: 'box',
      spaces: [portal.config.space.id],
    });
    made.add(username);
  };
  return {
    ...portal,
    access,
    console: app,
    consoleDeps: deps,
    stats,
    journal,
    user,
    async close() {
      offs.forEach((off) => off());
      stats.stop();
      journal.stop();
      rmSync(dir, { recursive: true, force: true });
      await portal.close();
    },
    async residentLogin(code) {
      const phone = request.agent(portal.app);
      const page = await phone.get('/?lang=fr').expect(200);
      const res = await phone
        .post('/login')
        .type('form')
        .send({ _csrf: csrfOf(page.text), charter: 'yes', code });
      if (res.status !== 303)
        throw new Error(`resident login failed: ${res.status}\n${res.text.slice(0, 500)}`);
      return phone;
    },
    async signIn(username, role = 'animator') {
      if (!made.has(username)) await user(username, role);
      return signInAt(app, username);
    },
  };
}
