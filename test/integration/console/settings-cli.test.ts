// Settings changed in the running service's console apply to its portal at once, survive a
// restart, and the `ecn` command issues tickets of a profile made in the console.

import { rmSync } from 'node:fs';
import request from 'supertest';
import { ecn, startService, tempSetup, type RunningService } from '../../helpers/processes';
import { signInAt } from '../../helpers/console';

const setup = tempSetup();
let service: RunningService | null = null;

async function stop() {
  service?.child.kill('SIGTERM');
  await service?.exited;
  service = null;
}

afterAll(async () => {
  await stop();
  rmSync(setup.dir, { recursive: true, force: true });
});

const signIn = (url: string) => signInAt(url, 'claire', 'claire-mot-de-passe');

describe('live settings in the service', () => {
  it('applies a change at once, keeps it across a restart, and the command line knows the new profile', async () => {
    const add = await ecn(
      setup.config,
      ['users', 'add', '--username', 'claire', '--role', 'manager'],
      {},
      'claire-mot-de-passe\n',
    );
    expect(add.status).toBe(0);
    service = await startService(setup.config);
    const { agent, csrf } = await signIn(service.consoleUrl);
    await agent
      .post('/settings/space')
      .type('form')
      .send({ _csrf: csrf, name: 'ECN du Pile', primary: '#0b3d2e', accent: '#ffcc00' })
      .expect(303);
    await agent
      .post('/settings/profiles')
      .type('form')
      .send({ _csrf: csrf, name: 'atelier', label: 'Atelier', durationSeconds: '3h', maxDevices: '1' })
      .expect(303);
    expect((await request(service.url).get('/')).text).toContain('ECN du Pile');

    const created = await ecn(setup.config, ['tickets', 'create', '--profile', 'atelier', '-n', '1']);
    expect(created.stderr).toContain('profile atelier');
    expect(created.status).toBe(0);

    await stop();
    service = await startService(setup.config);
    expect((await request(service.url).get('/')).text).toContain('ECN du Pile');
    expect((await request(service.url).get('/static/theme.css')).text).toContain('#0b3d2e');

    // A charter published in the console is the one `ecn charter show` prints.
    const again = await signIn(service.consoleUrl);
    await again.agent
      .post('/settings/charter')
      .type('form')
      .send({
        _csrf: again.csrf,
        version: '2026-12',
        title: 'Charte du Pile',
        summary: 'On se respecte.',
        body: '## Le respect\nOn se respecte en ligne comme ici.',
      })
      .expect(303);
    const shown = await ecn(setup.config, ['charter', 'show']);
    expect(shown.stdout).toContain('Charte du Pile (version 2026-12, fr)');
    const ar = await ecn(setup.config, ['charter', 'show', '--lang', 'ar']);
    expect(ar.stdout).toContain('version 2026-12, ar');
  }, 90_000);
});
