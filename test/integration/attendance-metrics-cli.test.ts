// Issue #15, item 6: the fleet metric ecn_attendance_entries_total counts every attendance
// entry, whatever made it. An entry made with `bin/ecn attendance` (another process than the
// service) shows in the running service's /metrics, as one made in the console does; a
// corrected desk count counts again; an entry recorded before the service started does not.

import { rmSync } from 'node:fs';
import { signInAt, csrfOf } from '../helpers/console';
import { ecn, startService, tempSetup, type RunningService } from '../helpers/processes';

jest.setTimeout(120_000);

const PASSWORD = 'un mot de passe solide';
/** Today in the space's time zone (the default, Europe/Paris), as the forms and options write it. */
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
let setup: { dir: string; config: string };
let svc: RunningService | null = null;

beforeAll(() => {
  setup = tempSetup();
});
afterAll(async () => {
  svc?.child.kill('SIGTERM');
  await svc?.exited;
  rmSync(setup.dir, { recursive: true, force: true });
});

async function entries(): Promise<Record<string, number>> {
  const text = await (await fetch(`${svc!.metricsUrl}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^ecn_attendance_entries_total\{kind="(\w+)"[^}]*\} (\d+)$/gm)) {
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

describe('ecn_attendance_entries_total', () => {
  it('counts the entries made with ecn attendance, as those made in the console', async () => {
    expect(
      (await ecn(setup.config, ['users', 'add', '-u', 'amina', '-r', 'animator'], {}, `${PASSWORD}\n`))
        .status,
    ).toBe(0);
    // Before the service runs: not counted (the counter counts from the service's start).
    const before = await ecn(setup.config, ['attendance', 'individual', '--theme', 'CAF', '--minutes', '20']);
    expect(before.status).toBe(0);
    svc = await startService(setup.config);
    expect(await entries()).toEqual({ desk: 0, workshop: 0, individual: 0 });

    const workshop = await ecn(setup.config, [
      'attendance',
      'workshop',
      '--theme',
      'Emploi',
      '--minutes',
      '90',
      '--participants',
      '6',
    ]);
    expect(workshop.status).toBe(0);
    const desk = ['attendance', 'desk', '--day', TODAY, '--half-day', 'morning'];
    expect((await ecn(setup.config, [...desk, '--count', '9'])).status).toBe(0);
    expect(await entries()).toEqual({ desk: 1, workshop: 1, individual: 0 });
    // Read again: nothing counted twice.
    expect(await entries()).toEqual({ desk: 1, workshop: 1, individual: 0 });
    // A corrected desk count is a new recording.
    expect((await ecn(setup.config, [...desk, '--count', '11'])).status).toBe(0);
    expect(await entries()).toEqual({ desk: 2, workshop: 1, individual: 0 });

    // And the console's entries as before.
    const { agent } = await signInAt(svc.consoleUrl, 'amina', PASSWORD);
    const page = await agent.get('/attendance').expect(200);
    await agent
      .post('/attendance/individual')
      .type('form')
      .send({ _csrf: csrfOf(page.text), day: TODAY, theme: 'Impôts', minutes: '30' })
      .expect(303);
    expect(await entries()).toEqual({ desk: 2, workshop: 1, individual: 1 });
  });
});
