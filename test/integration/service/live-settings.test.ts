// Issue #14, item 5: one read-only settings source. A change saved in the console's settings is
// seen at once by the portal, by the use cases and RADIUS (a new profile's duration in
// Session-Timeout, radclient as the access point) and by the filter's own lists, without a
// restart; and what was read before a change stays as it was (frozen, never refilled).

import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { consoleFixture, signInAt, type ConsoleFixture } from '../../helpers/console';
import {
  ecn,
  radiusOnLoopbackYaml,
  startService,
  tempSetup,
  type RunningService,
} from '../../helpers/processes';
import { papLines, radclient } from '../radius/radius-harness';

jest.setTimeout(120_000);

const PROFILE = { label: '2 heures', name: '2h', durationSeconds: '2h', maxDevices: '2' };
const PASSWORD = 'un mot de passe solide';

function post(who: { agent: request.Agent; csrf: string }, url: string, fields: Record<string, string>) {
  return who.agent
    .post(url)
    .type('form')
    .send({ _csrf: who.csrf, ...fields });
}

/** A deep copy to compare with later, and whether every object inside is frozen. */
function deepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return true;
  return Object.isFrozen(value) && Object.values(value).every(deepFrozen);
}

describe('a snapshot of the settings', () => {
  let f: ConsoleFixture;
  afterEach(async () => {
    await f.close();
  });

  it('stays as it was, frozen, while the console changes profiles, hours, links and the name', async () => {
    f = await consoleFixture();
    const m = await f.signIn('marie', 'manager');
    const live = f.consoleDeps.spaceSettings;
    const before = live.current();
    const profilesBefore = f.access.profiles();
    const was = structuredClone(before);
    const profilesWas = structuredClone(profilesBefore);

    await post(m, '/settings/profiles', PROFILE).expect(303);
    await post(m, '/settings/hours', { mon: '09:00-12:00' }).expect(303);
    await post(m, '/settings/links', {
      'label-0': 'Pôle emploi',
      'url-0': 'https://www.francetravail.fr/',
    }).expect(303);
    await post(m, '/settings/space', { name: 'ECN du Pile', primary: '#0b3d2e', accent: '#ffcc00' }).expect(
      303,
    );

    // What was read before: unchanged, and nobody can change it.
    expect(before).toEqual(was);
    expect(profilesBefore).toEqual(profilesWas);
    expect(deepFrozen(before)).toBe(true);
    expect(deepFrozen(profilesBefore)).toBe(true);
    expect(() => (profilesBefore as unknown[]).push({})).toThrow(TypeError);

    // What is read now: the change, for the use cases and the portal alike, frozen too.
    const now = live.current();
    expect(deepFrozen(now) && deepFrozen(f.access.profiles())).toBe(true);
    expect(f.access.profiles().map((p) => p.name)).toContain('2h');
    expect(now.hours.openingHours.mon).toEqual(['09:00-12:00']);
    expect(now.links.map((l) => l.url)).toEqual(['https://www.francetravail.fr/']);
    const welcome = await request(f.app).get('/?lang=fr').expect(200);
    expect(welcome.text).toContain('ECN du Pile');
  });
});

describe('the running service follows a change saved in the console', () => {
  const SECRET = 'live-settings-secret';
  let setup: { dir: string; config: string };
  let svc: RunningService | null = null;

  beforeAll(() => {
    setup = tempSetup(radiusOnLoopbackYaml(SECRET));
  });
  afterAll(async () => {
    svc?.child.kill('SIGTERM');
    await svc?.exited;
    rmSync(setup.dir, { recursive: true, force: true });
  });

  it('gives a new profile’s duration in Session-Timeout, the new name on the portal, the own lists to the filter', async () => {
    expect(
      (await ecn(setup.config, ['users', 'add', '-u', 'marie', '-r', 'manager'], {}, `${PASSWORD}\n`)).status,
    ).toBe(0);
    svc = await startService(setup.config);
    const { radiusAuthPort } = JSON.parse(
      svc
        .logs()
        .split('\n')
        .find((l) => l.includes('ECN gateway started'))!,
    ) as { radiusAuthPort: number };
    const m = await signInAt(svc.consoleUrl, 'marie', PASSWORD);

    // A profile made in the console: the service issues it (control socket) and RADIUS grants its time.
    await post(m, '/settings/profiles', PROFILE).expect(303);
    const issue = async (profile: string) => {
      const made = await ecn(setup.config, ['tickets', 'create', '--count', '1', '--profile', profile]);
      expect(made.status).toBe(0);
      expect(made.stderr).not.toContain('not reached');
      return made.stdout.trim();
    };
    const first = await radclient(radiusAuthPort, 'auth', papLines(await issue('2h')), SECRET);
    expect(first.code).toBe('Access-Accept');
    expect(first.attributes['Session-Timeout']).toEqual(['7200']);

    // Edited: the next ticket carries the new duration.
    await post(m, '/settings/profiles/2h', {
      label: '3 heures',
      durationSeconds: '3h',
      maxDevices: '1',
    }).expect(303);
    const second = await radclient(
      radiusAuthPort,
      'auth',
      papLines(await issue('2h'), { mac: 'AA-BB-CC-00-00-22' }),
      SECRET,
    );
    expect(second.code).toBe('Access-Accept');
    expect(second.attributes['Session-Timeout']).toEqual(['10800']);

    // The portal shows the new name.
    await post(m, '/settings/space', { name: 'ECN du Pile', primary: '#0b3d2e', accent: '#ffcc00' }).expect(
      303,
    );
    expect((await request(svc.url).get('/?lang=fr').expect(200)).text).toContain('ECN du Pile');

    // The filter's own lists (read by the DNS process from their file), with the categories kept.
    const categories = ['adult', 'malware', 'phishing', 'cryptojacking', 'stalkerware', 'doh'];
    await m.agent
      .post('/filter')
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(m.csrf)}&${categories.map((c) => `categories=${c}`).join('&')}&allow=exemple.fr&block=`,
      )
      .expect(303);
    const lists = JSON.parse(readFileSync(path.join(setup.dir, 'data', 'filter', 'custom.json'), 'utf8')) as {
      allow: string[];
    };
    expect(lists.allow).toEqual(['exemple.fr']);
  });
});
