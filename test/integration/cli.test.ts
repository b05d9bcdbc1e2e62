// The `ecn` command as an operator runs it: real process, real store on disk or in Redis.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ecn, tempSetup } from '../helpers/processes';
import { consoleMsg } from '../helpers/messages';
import { SqliteStore } from '../../src/store/sqlite-store';

// Cases run `ecn` up to four times each; on a loaded 2-core machine a run takes seconds.
jest.setTimeout(120_000);

const CODE_LINE =
  /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/;

describe('ecn tickets (embedded store)', () => {
  const { config } = tempSetup();

  it('creates three tickets of the default profile and lists them', async () => {
    const created = await ecn(config, ['tickets', 'create', '--count', '3']);
    expect(created.status).toBe(0);
    const codes = created.stdout.trim().split('\n');
    expect(codes).toHaveLength(3);
    for (const c of codes) expect(c).toMatch(CODE_LINE);
    expect(created.stderr).toMatch(/3 ticket\(s\), profile 1h/);

    const listed = await ecn(config, ['tickets', 'list']);
    expect(listed.status).toBe(0);
    for (const c of codes) expect(listed.stdout).toContain(c);
    expect(listed.stdout).toMatch(/issued/);
  });

  it('prints CSV with a header, and a named profile with a note', async () => {
    const r = await ecn(config, [
      'tickets',
      'create',
      '--profile',
      '1w',
      '--count',
      '2',
      '--csv',
      '--note',
      'atelier CV, mardi',
    ]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('code,state,profile,batch,created,first_used,expires,devices');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^[A-Z0-9-]{14},issued,1w,[0-9a-f-]{36},\d{4}-\d\d-\d\dT/);
  });

  it('revokes one ticket, then a whole batch', async () => {
    const created = await ecn(config, ['tickets', 'create', '--count', '3']);
    const [first] = created.stdout.trim().split('\n');
    const batch = /Batch ([0-9a-f-]{36})/.exec(created.stderr)![1]!;
    const one = await ecn(config, ['tickets', 'revoke', first!.toLowerCase()]);
    expect(one.status).toBe(0);
    const again = await ecn(config, ['tickets', 'revoke', first!]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already revoked.*ECN_ERR_TICKET_ALREADY_REVOKED/);
    const all = await ecn(config, ['tickets', 'revoke', '--batch', batch]);
    expect(all.stdout).toMatch(/Revoked 2 ticket\(s\) of batch .* \(1 already revoked\)/);
    const revoked = await ecn(config, ['tickets', 'list', '--state', 'revoked', '--batch', batch]);
    expect(revoked.stdout.trim().split('\n')).toHaveLength(3);
  });

  it.each([
    [
      ['tickets', 'create', '--profile', 'nope', '--count', '3'],
      /No ticket profile is named "nope".*ECN_ERR_PROFILE_UNKNOWN/,
    ],
    [['tickets', 'create', '--count', '0'], /ECN_ERR_BATCH_SIZE/],
    [['tickets', 'create', '--count', '100000'], /ECN_ERR_BATCH_SIZE/],
    [['tickets', 'create', '--count', 'three'], /not a whole number/],
    [['tickets', 'create', '--count', '1', '--note', 'x'.repeat(300)], /ECN_ERR_NOTE_TOO_LONG/],
    [['tickets', 'revoke', 'K7QM-X4TR-9WP0'], /ECN_ERR_TICKET_CODE_MALFORMED/],
    [['tickets', 'revoke', 'K7QM-X4TR-9WPA'], /ECN_ERR_TICKET_UNKNOWN/],
    [['tickets', 'revoke', '--batch', 'no-such-batch'], /ECN_ERR_BATCH_UNKNOWN/],
  ])('refuses %j with a specific message and changes nothing', async (args, message) => {
    const before = (await ecn(config, ['tickets', 'list', '--csv'])).stdout;
    const r = await ecn(config, args);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect((await ecn(config, ['tickets', 'list', '--csv'])).stdout).toBe(before);
  });

  /** `2026-12-08T14:00`: the space's (Europe/Paris) wall-clock time `days` from now at `hour`. */
  function parisLocal(days: number, hour: number): string {
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(
      Date.now() + days * 86_400_000,
    );
    return `${day}T${String(hour).padStart(2, '0')}:00`;
  }

  it("creates a workshop batch whose window is the space's local time, and keeps it on the tickets", async () => {
    const from = parisLocal(3, 14);
    const until = parisLocal(3, 17);
    const r = await ecn(config, [
      'tickets',
      'create',
      '--count',
      '2',
      '--note',
      'atelier mardi',
      '--valid-from',
      from,
      '--valid-until',
      until,
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    // Paris is one or two hours ahead of UTC: 14:00 local is 12:00 or 13:00 UTC, three hours long.
    const m = /valid (\S+) → (\S+)\./.exec(r.stderr);
    expect(m).not.toBeNull();
    expect([12, 13]).toContain(new Date(m![1]!).getUTCHours());
    expect(Date.parse(m![2]!) - Date.parse(m![1]!)).toBe(3 * 3600_000);
    // An ISO time with its own offset is taken as it is.
    const z = await ecn(config, [
      'tickets',
      'create',
      '--count',
      '1',
      '--valid-until',
      `${parisLocal(2, 10)}:00Z`,
    ]);
    expect(z.status).toBe(0);
    expect(z.stderr).toContain(`→ ${parisLocal(2, 10)}:00.000Z.`);
  });

  it.each([
    [
      ['--valid-from', 'today+3 17:00', '--valid-until', 'today+3 14:00'],
      /ends before it starts.*ECN_ERR_BATCH_WINDOW_INVERTED/,
    ],
    [
      ['--valid-from', 'today-3 14:00', '--valid-until', 'today-3 17:00'],
      /already ended.*ECN_ERR_BATCH_WINDOW_PAST/,
    ],
    [['--valid-from', 'mardi 14h'], /not a date and time.*ECN_ERR_BATCH_WINDOW_UNREADABLE/],
  ])(
    'refuses the workshop window %j with a specific message and creates nothing',
    async (window, message) => {
      const args = window.map((w) =>
        w.replace(/^today([+-]\d) (\d\d):00$/, (_, d: string, h: string) => parisLocal(Number(d), Number(h))),
      );
      const before = (await ecn(config, ['tickets', 'list', '--csv'])).stdout;
      const r = await ecn(config, ['tickets', 'create', '--count', '2', ...args]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
      expect((await ecn(config, ['tickets', 'list', '--csv'])).stdout).toBe(before);
    },
  );

  it('answers usage mistakes with status 2', async () => {
    const both = await ecn(config, ['tickets', 'revoke', 'K7QM-X4TR-9WPA', '--batch', 'x']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/either a ticket code or --batch/);
    const state = await ecn(config, ['tickets', 'list', '--state', 'lost']);
    expect(state.status).not.toBe(0);
    expect(state.stderr).toMatch(/Allowed choices are issued, active, expired, exhausted, revoked/);
  });

  it('checks the configuration, store and charter', async () => {
    const r = await ecn(config, ['config', 'check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Configuration OK: space roubaix-test, store embedded/);
  });

  it('shows the charter in French by default and in Arabic on request', async () => {
    const fr = await ecn(config, ['charter', 'show']);
    expect(fr.status).toBe(0);
    expect(fr.stdout).toMatch(/\(version 2026-11, fr\)/);
    const ar = await ecn(config, ['charter', 'show', '--lang', 'ar']);
    expect(ar.stdout).toMatch(/\(version 2026-11, ar\)/);
    expect(ar.stdout).toMatch(/[\u0600-\u06FF]/);
  });
});

describe('ecn with a broken configuration', () => {
  it('lists every problem with its path and exits 1', async () => {
    const { config } = tempSetup(
      'store: { kind: floppy }\nprofiles: [{ name: "Bad Name", label: "", duration: "soon" }]\n',
    );
    const r = await ecn(config, ['tickets', 'list']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/store\.kind/);
    expect(r.stderr).toMatch(/profiles\.0\.name/);
    expect(r.stderr).toMatch(/profiles\.0\.label/);
    expect(r.stderr).toMatch(/profiles\.0\.duration/);
    expect(r.stderr).toMatch(/ECN_ERR_CONFIG_INVALID/);
  });

  it('refuses a misspelt key in the file, naming it, its line and the key meant', async () => {
    const { dir, config } = tempSetup();
    // tempSetup's file already has a `portal:` mapping; this one is written whole.
    writeFileSync(
      config,
      [
        'space: { id: roubaix-test, nmae: x }',
        `dataDir: ${JSON.stringify(path.join(dir, 'data'))}`,
        'portal: {lisen: 127.0.0.1:9999}',
        '',
      ].join('\n'),
    );
    const r = await ecn(config, ['config', 'check']);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/Configuration OK/);
    expect(r.stderr).toContain('space.nmae (line 1): unknown key; did you mean `name`?');
    expect(r.stderr).toContain('portal.lisen (line 3): unknown key; did you mean `listen`?');
    expect(r.stderr).toMatch(/ECN_ERR_CONFIG_INVALID/);
  });

  it('refuses an unknown ECN_* variable', async () => {
    const { config } = tempSetup();
    const r = await ecn(config, ['config', 'check'], { ECN_PORTAL_LISTN: '127.0.0.1:80' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ECN_PORTAL_LISTN: unknown environment variable/);
  });
});

describe('ecn with the Redis store', () => {
  it('issues and lists tickets in Redis, chosen by environment', async () => {
    const { config } = tempSetup();
    const env = {
      ECN_STORE_KIND: 'redis',
      ECN_STORE_REDIS_URL: process.env.ECN_TEST_REDIS_URL!,
      ECN_STORE_KEY_PREFIX: 'cli-it:',
    };
    const created = await ecn(config, ['tickets', 'create', '--count', '3'], env);
    expect(created.status).toBe(0);
    const codes = created.stdout.trim().split('\n');
    const listed = await ecn(config, ['tickets', 'list'], env);
    for (const c of codes) expect(listed.stdout).toContain(c);
    const check = await ecn(config, ['config', 'check'], env);
    expect(check.stdout).toMatch(/store redis/);
  });

  it('says clearly when Redis is unreachable', async () => {
    const { config } = tempSetup();
    const r = await ecn(config, ['tickets', 'list'], {
      ECN_STORE_KIND: 'redis',
      ECN_STORE_REDIS_URL: 'redis://:hunter2@127.0.0.1:1/0',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /Cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1\/0.*ECN_ERR_STORE_UNAVAILABLE/s,
    );
    expect(r.stderr).not.toContain('hunter2');
  });
});

describe('ecn stats', () => {
  it('reports the tickets issued this month, and refuses a malformed month', async () => {
    // UTC, so that the month of `new Date()` is the month the gateway counts in.
    const utc = { ECN_SPACE_TIMEZONE: 'UTC' };
    const setup = tempSetup();
    await ecn(setup.config, ['tickets', 'create', '--profile', '1d', '--count', '4'], utc);
    const month = new Date().toISOString().slice(0, 7);
    const csv = await ecn(setup.config, ['stats', '--month', month, '--csv'], utc);
    expect(csv.status).toBe(0);
    expect(csv.stdout).toContain(`roubaix-test,${month},tickets_issued,1d,4`);
    const text = await ecn(setup.config, ['stats', '--month', month], utc);
    expect(text.stdout).toContain(consoleMsg('fr', 'cli.stats.ticketsIssued', { value: '1d 4' }));
    const bad = await ecn(setup.config, ['stats', '--month', '2026-13']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/ECN_ERR_MONTH_INVALID/);
  });

  it('puts the attendance the animators recorded beside the Wi-Fi figures (issue #15)', async () => {
    const utc = { ECN_SPACE_TIMEZONE: 'UTC' };
    const setup = tempSetup();
    await ecn(setup.config, ['tickets', 'create', '--count', '1'], utc);
    const store = new SqliteStore({ file: path.join(setup.dir, 'data', 'ecn.db'), spaceId: 'roubaix-test' });
    await store.start();
    const base = { spaceId: 'roubaix-test', recordedAt: 1, recordedBy: 'amina' };
    await store.saveAttendance({
      ...base,
      id: 'desk:2026-11-02:morning',
      kind: 'desk',
      day: '2026-11-02',
      halfDay: 'morning',
      theme: null,
      minutes: null,
      people: 9,
    });
    await store.saveAttendance({
      ...base,
      id: 'w1',
      kind: 'workshop',
      day: '2026-11-03',
      halfDay: null,
      theme: 'Emploi',
      minutes: 90,
      people: 6,
    });
    // Another space's entry (a shared store) is not this space's attendance.
    await store.saveAttendance({
      ...base,
      spaceId: 'other',
      id: 'w2',
      kind: 'workshop',
      day: '2026-11-03',
      halfDay: null,
      theme: 'Emploi',
      minutes: 90,
      people: 60,
    });
    await store.stop();
    const csv = await ecn(setup.config, ['stats', '--month', '2026-11', '--csv'], utc);
    expect(csv.status).toBe(0);
    expect(csv.stdout).toContain('roubaix-test,2026-11,attendance_desk_visits,morning,9\r\n');
    expect(csv.stdout).toContain('roubaix-test,2026-11,attendance_workshop_participants,,6\r\n');
    expect(csv.stdout).toContain('roubaix-test,2026-11,attendance_workshops_by_theme,Emploi,1\r\n');
    const text = await ecn(setup.config, ['stats', '--month', '2026-11'], utc);
    expect(text.stdout).toContain(
      consoleMsg('fr', 'cli.stats.desk', { visits: '9', mornings: '9', afternoons: '0' }),
    );
    expect(text.stdout).toContain(
      consoleMsg('fr', 'cli.stats.workshops', { workshops: '1', participants: '6', minutes: '90' }),
    );
  });

  it('writes the printable report with --pdf, in French, and refuses a malformed month', async () => {
    const utc = { ECN_SPACE_TIMEZONE: 'UTC' };
    const setup = tempSetup();
    await ecn(setup.config, ['tickets', 'create', '--profile', '1d', '--count', '4'], utc);
    const now = new Date();
    const month = now.toISOString().slice(0, 7);
    const file = path.join(setup.dir, 'bilan.pdf');
    const r = await ecn(setup.config, ['stats', '--month', month, '--pdf', file], utc);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const frenchMonth = new Intl.DateTimeFormat('fr-FR', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(now);
    expect(text).toContain(`Espace de test — ${frenchMonth}`);
    expect(text).toMatch(/Tickets émis\s+4/);
    expect(text).toMatch(/1 journée\s+4\s+0/);
    expect(text).toMatch(/Page 1 sur \d/);

    const bad = await ecn(setup.config, [
      'stats',
      '--month',
      '11-2026',
      '--pdf',
      path.join(setup.dir, 'x.pdf'),
    ]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/"11-2026" is not a month written YYYY-MM.*ECN_ERR_MONTH_INVALID/);
    expect(existsSync(path.join(setup.dir, 'x.pdf'))).toBe(false);

    const nowhere = await ecn(setup.config, [
      'stats',
      '--month',
      month,
      '--pdf',
      path.join(setup.dir, 'no', 'x.pdf'),
    ]);
    expect(nowhere.status).toBe(1);
    expect(nowhere.stderr).toMatch(/^ecn: Cannot write .*x\.pdf: ENOENT/);
  }, 30_000); // four runs of the command: slow on a busy two-core box
});
