// The running service checks its clock (issue #16, item 5): with a source saying "no", /healthz
// is degraded, the metric is 0, every console page has the banner and the journal records it;
// once the source says "yes", all of it comes back within a bounded poll and the journal
// records the return.

import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { SqliteJournal } from '../../src/journal/sqlite-journal';
import { loadJournalKey } from '../../src/journal/journal-key';
import { ecn, startService, tempSetup, type RunningService } from '../helpers/processes';
import { signInAt } from '../helpers/console';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(60_000);

const BANNER = 'Les heures du journal légal des connexions peuvent être fausses';

async function health(svc: RunningService): Promise<{ code: number; body: Record<string, string> }> {
  const res = await fetch(`${svc.url}/healthz`);
  return { code: res.status, body: (await res.json()) as Record<string, string> };
}

async function clockGauge(svc: RunningService): Promise<string | undefined> {
  const text = await (await fetch(`${svc.metricsUrl}/metrics`)).text();
  return /^ecn_clock_synchronized\{space_id="roubaix-test"\} (\d+)$/m.exec(text)?.[1];
}

/** Polls until `ok` holds, at most `ms`: the service checks its clock every second here. */
async function until(ok: () => Promise<boolean>, ms = 15_000): Promise<void> {
  await waitFor(ok, { what: 'the clock condition', timeout: ms, interval: 100 });
}

function journalClockEvents(dir: string): Record<string, unknown>[] {
  const data = path.join(dir, 'data');
  const { key } = loadJournalKey({ key: '', keyFile: path.join(data, 'journal.key') });
  const journal = new SqliteJournal(path.join(data, 'journal.db'), key);
  journal.start();
  try {
    return journal.securityEvents().map((e) => e.event);
  } finally {
    journal.stop();
  }
}

describe('clock synchronisation check', () => {
  const setup = tempSetup();
  const answer = path.join(setup.dir, 'answer');
  const script = path.join(setup.dir, 'ntp-said.sh');
  let svc: RunningService | null = null;

  afterAll(async () => {
    svc?.child.kill('SIGTERM');
    await svc?.exited;
    rmSync(setup.dir, { recursive: true, force: true });
  });

  it('says so everywhere while the source says "no", and comes back when it says "yes"', async () => {
    writeFileSync(answer, 'no\n');
    writeFileSync(script, `#!/bin/sh\nexec cat ${JSON.stringify(answer)}\n`);
    chmodSync(script, 0o755);
    const add = await ecn(
      setup.config,
      ['users', 'add', '-u', 'claire', '-r', 'manager'],
      {},
      'claire-mot-de-passe\n',
    );
    expect(add.status).toBe(0);
    svc = await startService(setup.config, {
      ECN_CLOCK_SOURCE: 'command',
      ECN_CLOCK_COMMAND: script,
      ECN_CLOCK_CHECK_INTERVAL: '1',
    });

    // Checked before the service listens: the first answer is already "not synchronised".
    const degraded = await health(svc);
    expect(degraded.code).toBe(200);
    expect(degraded.body).toMatchObject({
      status: 'degraded',
      clock: 'unsynchronised',
      clockSource: 'command',
    });
    expect(await clockGauge(svc)).toBe('0');
    const login = await request(svc.consoleUrl).get('/login').expect(200);
    expect(login.text).toContain('id="clock-warning"');
    expect(login.text).toContain(BANNER);
    const { agent } = await signInAt(svc.consoleUrl, 'claire', 'claire-mot-de-passe');
    for (const page of ['/', '/tickets', '/sessions']) {
      expect((await agent.get(page).expect(200)).text).toContain(BANNER);
    }
    expect(svc.logs()).toContain('system clock NOT synchronised');
    expect(journalClockEvents(setup.dir)).toEqual([
      { kind: 'clock.unsynchronised', previous: null, source: 'command', detail: 'NTPSynchronized=no' },
    ]);

    writeFileSync(answer, 'yes\n');
    await until(async () => (await health(svc!)).body.status === 'ok');
    expect((await health(svc)).body).toMatchObject({ status: 'ok', clock: 'synchronised' });
    expect(await clockGauge(svc)).toBe('1');
    const home = await agent.get('/').expect(200);
    expect(home.text).not.toContain('clock-warning');
    expect(home.text).toContain('Connecté : claire');
    expect(journalClockEvents(setup.dir)).toEqual([
      { kind: 'clock.unsynchronised', previous: null, source: 'command', detail: 'NTPSynchronized=no' },
      {
        kind: 'clock.synchronised',
        previous: 'unsynchronised',
        source: 'command',
        detail: 'NTPSynchronized=yes',
      },
    ]);
    expect(svc.logs()).toContain('system clock synchronised again');
    // The IT department reads the same lines with the command, while the service runs.
    const listed = await ecn(setup.config, ['journal', 'clock']);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(
      /^\S+Z {2}clock\.unsynchronised {2}command {2}NTPSynchronized=no\n\S+Z {2}clock\.synchronised {2}command {2}NTPSynchronized=yes\n$/,
    );
  });
});
