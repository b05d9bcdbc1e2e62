// The ClockSync adapter that runs the system's time tools (no native module can be loaded to
// call adjtimex(2) itself): timedatectl, chronyc, adjtimex, or an operator's own command.

import { execFile } from 'node:child_process';
import type { ClockSync } from '../domain/ports';
import type { ClockSyncReading, ClockSyncSource } from '../domain/clock-sync';
import {
  parseAdjtimexPrint,
  parseChronycTracking,
  parseYesNo,
  shortDetail,
  type ParsedSync,
} from './parse-sync-output';

export interface CommandResult {
  /** Exit code; null when the command could not be run or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why it could not be run (not found, timed out), when it could not. */
  failure: string | null;
}

export type RunCommand = (file: string, args: readonly string[]) => Promise<CommandResult>;

interface SourceSpec {
  file: string;
  args: readonly string[];
  parse: (stdout: string) => ParsedSync;
}

/** What `auto` tries, in order: the first source that can tell answers. */
export const AUTO_ORDER: readonly Exclude<ClockSyncSource, 'command'>[] = [
  'timedatectl',
  'chrony',
  'adjtimex',
];

const SOURCES: Record<Exclude<ClockSyncSource, 'command'>, SourceSpec> = {
  timedatectl: { file: 'timedatectl', args: ['show', '-p', 'NTPSynchronized', '--value'], parse: parseYesNo },
  chrony: { file: 'chronyc', args: ['-n', 'tracking'], parse: parseChronycTracking },
  adjtimex: { file: 'adjtimex', args: ['--print'], parse: parseAdjtimexPrint },
};

export interface CommandClockSyncOptions {
  /** `auto`, one named source, or `command` (the operator's executable, printing yes or no). */
  source: 'auto' | ClockSyncSource;
  /** The executable for `command`; run without a shell and without arguments. */
  command: string;
  /** The service's PATH (main reads the environment); /usr/sbin and /sbin are added. */
  path?: string;
  /** How commands are run; tests give a fake. */
  run?: RunCommand;
}

export class CommandClockSync implements ClockSync {
  private readonly run: RunCommand;

  constructor(private readonly options: CommandClockSyncOptions) {
    this.run = options.run ?? commandRunner(options.path ?? '/usr/bin:/bin');
  }

  async status(): Promise<ClockSyncReading> {
    const { source } = this.options;
    if (source === 'command') {
      return this.ask('command', { file: this.options.command, args: [], parse: parseYesNo });
    }
    if (source !== 'auto') return this.ask(source, SOURCES[source]);
    const tried: string[] = [];
    for (const name of AUTO_ORDER) {
      const reading = await this.ask(name, SOURCES[name]);
      if (reading.state !== 'unknown') return reading;
      // Each tool's reason kept short, so the line names every one that was tried.
      tried.push(`${name}: ${shortDetail(reading.detail, 60)}`);
    }
    return { state: 'unknown', source: 'none', detail: shortDetail(tried.join('; '), 200) };
  }

  private async ask(name: ClockSyncSource, spec: SourceSpec): Promise<ClockSyncReading> {
    let r: CommandResult;
    try {
      r = await this.run(spec.file, spec.args);
    } catch (err) {
      return { state: 'unknown', source: name, detail: shortDetail((err as Error).message) };
    }
    if (r.failure !== null) return { state: 'unknown', source: name, detail: shortDetail(r.failure) };
    // A failing tool (no systemd, chronyd not running) says nothing about the clock.
    if (r.code !== 0) {
      return {
        state: 'unknown',
        source: name,
        detail: shortDetail(`exit ${r.code}: ${r.stderr || r.stdout}`),
      };
    }
    const parsed = spec.parse(r.stdout);
    return { state: parsed.state, source: name, detail: parsed.detail };
  }
}

const TIMEOUT_MS = 5000;
const MAX_OUTPUT = 64 * 1024;

/**
 * Runs a tool without a shell, in the C locale, with a time limit and a bounded output. Tools in
 * /usr/sbin (adjtimex) are found even when the service's PATH leaves it out.
 */
export function commandRunner(path: string): RunCommand {
  const env = { PATH: `${path}:/usr/sbin:/sbin`, LC_ALL: 'C' };
  return (file, args) =>
    new Promise((resolve) => {
      execFile(
        file,
        [...args],
        {
          timeout: TIMEOUT_MS,
          maxBuffer: MAX_OUTPUT,
          env,
          encoding: 'utf8',
        },
        (err, stdout, stderr) => {
          const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: unknown }) | null;
          if (e && typeof e.code === 'string') {
            resolve({
              code: null,
              stdout,
              stderr,
              failure: e.code === 'ENOENT' ? `${file} not found` : e.code,
            });
          } else if (e?.killed) {
            resolve({ code: null, stdout, stderr, failure: `${file} timed out` });
          } else {
            resolve({ code: e ? ((e.code as number | undefined) ?? 1) : 0, stdout, stderr, failure: null });
          }
        },
      );
    });
}
