// The city's Prometheus files in deploy/ are valid: configs load, rules pass their unit
// tests (promtool test rules), and every dashboard query is valid PromQL.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/processes';

const dir = path.join(ROOT, 'deploy/prometheus');
function promtool(args: string[], cwd = dir) {
  const r = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

describe('deploy/prometheus', () => {
  it('has a valid city configuration and agent configuration', () => {
    // city.yml names its token and target files relative to its own folder, as installed.
    const { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } =
      require('node:fs') as typeof import('node:fs');
    const etc = mkdtempSync(path.join(require('node:os').tmpdir(), 'ecn-city-etc-'));
    try {
      cpSync(dir, etc, { recursive: true });
      writeFileSync(path.join(etc, 'ecn-metrics.token'), 'token\n', { mode: 0o600 });
      mkdirSync(path.join(etc, 'ecn-boxes'));
      writeFileSync(
        path.join(etc, 'ecn-boxes/roubaix-epeule.yml'),
        "- targets: ['10.8.0.12:9464']\n  labels:\n    space_id: roubaix-epeule\n",
      );
      const city = promtool(['check', 'config', 'city.yml'], etc);
      expect(city.stdout + city.stderr).toMatch(/SUCCESS/);
      expect(city.stdout + city.stderr).not.toMatch(/WARNING/);
      expect(city.status).toBe(0);
    } finally {
      rmSync(etc, { recursive: true, force: true });
    }
    const agent = promtool(['check', 'config', '--agent', 'agent.yml']);
    expect(agent.status).toBe(0);
  });

  it('passes the alert and recording rule unit tests', () => {
    const r = promtool(['test', 'rules', 'tests.yml'], path.join(dir, 'rules'));
    expect(r.stdout + r.stderr).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });

  it('fails the rule tests when an alert is broken (the tests can fail)', () => {
    const broken = readFileSync(path.join(dir, 'rules/alerts.yml'), 'utf8').replace('< 0.1', '< 0.01');
    const { mkdtempSync, writeFileSync, copyFileSync } = require('node:fs') as typeof import('node:fs');
    const tmp = mkdtempSync(path.join(require('node:os').tmpdir(), 'ecn-rules-'));
    writeFileSync(path.join(tmp, 'alerts.yml'), broken);
    copyFileSync(path.join(dir, 'rules/recording.yml'), path.join(tmp, 'recording.yml'));
    copyFileSync(path.join(dir, 'rules/tests.yml'), path.join(tmp, 'tests.yml'));
    const r = promtool(['test', 'rules', 'tests.yml'], tmp);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/EcnDiskNearlyFull/);
  });

  it('fails the rule tests when the clock alert watches the wrong state (issue #16, item 5)', () => {
    const alerts = readFileSync(path.join(dir, 'rules/alerts.yml'), 'utf8');
    const broken = alerts.replace('ecn_clock_sync_state{state="unsynchronised"}', 'ecn_clock_synchronized');
    expect(broken).not.toBe(alerts);
    const { mkdtempSync, writeFileSync, copyFileSync } = require('node:fs') as typeof import('node:fs');
    const tmp = mkdtempSync(path.join(require('node:os').tmpdir(), 'ecn-rules-'));
    writeFileSync(path.join(tmp, 'alerts.yml'), broken);
    copyFileSync(path.join(dir, 'rules/recording.yml'), path.join(tmp, 'recording.yml'));
    copyFileSync(path.join(dir, 'rules/tests.yml'), path.join(tmp, 'tests.yml'));
    const r = promtool(['test', 'rules', 'tests.yml'], tmp);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/EcnClockNotSynchronised/);
  });
});
