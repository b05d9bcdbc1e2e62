// `ecn journal` as the person answering a judicial requisition uses it.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ecn, run, startService, tempSetup, ROOT } from '../helpers/processes';

jest.setTimeout(60_000);

describe('ecn journal', () => {
  const { config, dir } = tempSetup();
  const out = path.join(dir, 'requisition');

  beforeAll(async () => {
    const r = await run(process.execPath, [path.join(ROOT, 'test/fixtures/journal-writer.js'), config]);
    expect(r.stderr).toBe('');
  });

  it('verifies an intact journal', async () => {
    const r = await ecn(config, ['journal', 'verify']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Journal intact: 4 entries/);
  });

  it('exports a scoped requisition as CSV with a manifest, and audits it', async () => {
    const r = await ecn(config, [
      'journal',
      'export',
      '--reference',
      'PV 2026-1234',
      '--public-ip',
      '203.0.113.9',
      '--from',
      '2026-11-20T14:10:00Z',
      '--to',
      '2026-11-20T14:20:00Z',
      '--out',
      out,
      '--operator',
      'Mme Martin',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/1 connection\(s\) written/);
    const csv = readFileSync(path.join(out, 'connections.csv'), 'utf8');
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(csv.split('\r\n')[1]).toMatch(
      /^s1,t1,aa:00:00:00:00:01,10\.42\.0\.10,203\.0\.113\.9,,,local,2026-11-20T14:00:00\.000Z,2026-11-20T14:30:00\.000Z,100,50,$/,
    );
    expect(manifest).toMatchObject({ reference: 'PV 2026-1234', operator: 'Mme Martin', rows: 1 });
    expect(manifest.sha256).toBe(createHash('sha256').update(csv).digest('hex'));
    expect(statSync(path.join(out, 'connections.csv')).mode & 0o777).toBe(0o600);
    const audit = await ecn(config, ['journal', 'audit']);
    expect(audit.stdout).toMatch(/#1 {2}PV 2026-1234 {2}by Mme Martin {2}1 row\(s\)/);
    expect(audit.stderr).toMatch(/audit chain intact/);
  });

  it.each([
    [
      ['journal', 'export', '--out', '/tmp/x', '--ticket', 'K7QM-X4TR-9WPA'],
      /required option '-r, --reference/,
    ],
    [['journal', 'export', '--reference', 'R-1', '--out', '/tmp/x'], /needs --public-ip, --from and --to/],
    [
      [
        'journal',
        'export',
        '--reference',
        'R-1',
        '--out',
        '/tmp/x',
        '--public-ip',
        '203.0.113.9',
        '--from',
        '2026-01-01',
        '--to',
        '2026-12-01',
      ],
      /limited to 31 days/,
    ],
    [
      ['journal', 'export', '--reference', 'R-1', '--out', '/tmp/x', '--ticket', 'K7QM-X4TR-9WPA'],
      /ECN_ERR_TICKET_UNKNOWN/,
    ],
  ])('refuses %j with a clear message and writes nothing', async (args, message) => {
    const r = await ecn(config, args);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(existsSync('/tmp/x/manifest.json')).toBe(false);
  });

  it('the service creates a journal key on first start and says to keep a copy', async () => {
    const fresh = tempSetup();
    const svc = await startService(fresh.config);
    expect(svc.logs()).toMatch(/created a new journal key: keep a copy off the box/);
    expect(existsSync(path.join(fresh.dir, 'data', 'journal.key'))).toBe(true);
    svc.child.kill('SIGTERM');
    await svc.exited;
    const again = await startService(fresh.config);
    expect(again.logs()).not.toMatch(/created a new journal key/);
    again.child.kill('SIGTERM');
    await again.exited;
  });
});
