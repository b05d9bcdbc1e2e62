// Which source answers: `auto` takes the first tool that can tell, a tool that fails or is
// missing says nothing, and when nothing can tell the answer is "unknown".

import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CommandClockSync,
  commandRunner,
  type CommandResult,
  type RunCommand,
} from '../../../src/clock-sync/command-clock-sync';

const ok = (stdout: string): CommandResult => ({ code: 0, stdout, stderr: '', failure: null });
const missing = (file: string): CommandResult => ({
  code: null,
  stdout: '',
  stderr: '',
  failure: `${file} not found`,
});

function fakeRun(answers: Record<string, CommandResult>): RunCommand & { calls: string[] } {
  const calls: string[] = [];
  const run = async (file: string) => {
    calls.push(file);
    return answers[file] ?? missing(file);
  };
  return Object.assign(run, { calls });
}

describe('CommandClockSync', () => {
  it('auto: asks timedatectl first and stops at its answer', async () => {
    const run = fakeRun({ timedatectl: ok('no\n'), chronyc: ok('Leap status     : Normal\n') });
    const sync = new CommandClockSync({ source: 'auto', command: '', run });
    expect(await sync.status()).toEqual({
      state: 'unsynchronised',
      source: 'timedatectl',
      detail: 'NTPSynchronized=no',
    });
    expect(run.calls).toEqual(['timedatectl']);
  });

  it('auto: without systemd, falls through to chronyc, then adjtimex', async () => {
    const noSystemd: CommandResult = {
      code: 1,
      stdout: '',
      stderr: "System has not been booted with systemd as init system (PID 1). Can't operate.\n",
      failure: null,
    };
    const run = fakeRun({ timedatectl: noSystemd, adjtimex: ok('       status: 8193\n') });
    const sync = new CommandClockSync({ source: 'auto', command: '', run });
    expect(await sync.status()).toMatchObject({ state: 'synchronised', source: 'adjtimex' });
    expect(run.calls).toEqual(['timedatectl', 'chronyc', 'adjtimex']);
  });

  it('auto: says unknown, not synchronised, when no source can tell', async () => {
    const run = fakeRun({
      chronyc: { code: 1, stdout: '506 Cannot talk to daemon\n', stderr: '', failure: null },
    });
    const r = await new CommandClockSync({ source: 'auto', command: '', run }).status();
    expect(r.state).toBe('unknown');
    expect(r.source).toBe('none');
    expect(r.detail).toContain('timedatectl not found');
    expect(r.detail).toContain('506 Cannot talk to daemon');
  });

  it('a named source is the only one asked', async () => {
    const run = fakeRun({ timedatectl: ok('yes\n') });
    const r = await new CommandClockSync({ source: 'chrony', command: '', run }).status();
    expect(r).toMatchObject({ state: 'unknown', source: 'chrony' });
    expect(run.calls).toEqual(['chronyc']);
  });

  it("runs an operator's command for real, without a shell, and reads its yes or no", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-clock-'));
    const script = path.join(dir, 'synced.sh');
    writeFileSync(script, '#!/bin/sh\n[ $# -eq 0 ] && echo no\n');
    chmodSync(script, 0o755);
    const sync = new CommandClockSync({ source: 'command', command: script, path: '/usr/bin:/bin' });
    expect(await sync.status()).toMatchObject({ state: 'unsynchronised', source: 'command' });
    writeFileSync(script, '#!/bin/sh\nexit 3\n');
    expect(await sync.status()).toMatchObject({ state: 'unknown', source: 'command' });
    const gone = new CommandClockSync({ source: 'command', command: path.join(dir, 'none'), path: '/bin' });
    expect(await gone.status()).toMatchObject({
      state: 'unknown',
      detail: expect.stringContaining('not found'),
    });
  });

  it('the real runner reports a missing tool as a failure, not an answer', async () => {
    const r = await commandRunner('/nonexistent')('ecn-no-such-tool', []);
    expect(r.failure).toBe('ecn-no-such-tool not found');
  });
});
