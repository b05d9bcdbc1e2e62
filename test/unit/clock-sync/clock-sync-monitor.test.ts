// The monitor's changes reach what people look at: the gauges, the journal's security log
// (not synchronised, synchronised again), and the log; the journal keeps clock lines as long
// as the connection records they qualify.

import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { ClockSyncMonitor } from '../../../src/clock-sync/clock-sync-monitor';
import type { ClockSyncReading } from '../../../src/domain/clock-sync';
import { EventBus } from '../../../src/domain/events';
import { recordClockSyncInJournal } from '../../../src/journal/clock-sync-recorder';
import { SqliteJournal } from '../../../src/journal/sqlite-journal';
import { createLogger } from '../../../src/log';
import { registerClockMetrics } from '../../../src/metrics/clock-metrics';
import { FakeClock } from '../../helpers/fakes';

const DAY = 24 * 3600 * 1000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-clock-monitor-'));

function setup(first: ClockSyncReading) {
  let answer = first;
  const clock = new FakeClock();
  const bus = new EventBus((_e, err) => {
    throw err;
  });
  const registry = new Registry();
  registerClockMetrics(registry, bus);
  const journal = new SqliteJournal(path.join(dir, `${Math.random()}.db`), randomBytes(32));
  journal.start();
  recordClockSyncInJournal(bus, journal, clock);
  let logs = '';
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk, _enc, cb) {
        logs += String(chunk);
        cb();
      },
    }),
  );
  const monitor = new ClockSyncMonitor({ status: async () => answer }, bus, clock, logger, 3600_000);
  const gauge = async (name: string) =>
    (await registry.getSingleMetricAsString(name)).split('\n').filter((l) => !l.startsWith('#'));
  return {
    clock,
    journal,
    monitor,
    gauge,
    logs: () => logs,
    say: (r: ClockSyncReading) => {
      answer = r;
    },
  };
}

const NO: ClockSyncReading = { state: 'unsynchronised', source: 'timedatectl', detail: 'NTPSynchronized=no' };
const YES: ClockSyncReading = { state: 'synchronised', source: 'timedatectl', detail: 'NTPSynchronized=yes' };

describe('ClockSyncMonitor', () => {
  it('reports 0 and "unknown" before any check', async () => {
    const t = setup(YES);
    expect(t.monitor.current()).toBeNull();
    expect(await t.gauge('ecn_clock_synchronized')).toEqual(['ecn_clock_synchronized 0']);
    expect(await t.gauge('ecn_clock_sync_state')).toContain('ecn_clock_sync_state{state="unknown"} 1');
  });

  it('records "not synchronised" at start and "synchronised again" once, with gauges and logs', async () => {
    const t = setup(NO);
    await t.monitor.start();
    try {
      expect(t.monitor.current()).toMatchObject({ state: 'unsynchronised', since: t.clock.now() });
      expect(await t.gauge('ecn_clock_synchronized')).toEqual(['ecn_clock_synchronized 0']);
      expect(await t.gauge('ecn_clock_sync_state')).toContain(
        'ecn_clock_sync_state{state="unsynchronised"} 1',
      );
      expect(t.logs()).toMatch(/"level":40.*system clock NOT synchronised/);

      t.clock.advance(3600_000);
      await t.monitor.check(); // still no: no second line
      t.say(YES);
      t.clock.advance(3600_000);
      await t.monitor.check();
      await t.monitor.check();
      expect(t.monitor.current()).toMatchObject({ state: 'synchronised', since: t.clock.now() });
      expect(await t.gauge('ecn_clock_synchronized')).toEqual(['ecn_clock_synchronized 1']);
      expect(t.logs()).toContain('system clock synchronised again');
      const start = Date.UTC(2026, 10, 28, 9);
      expect(t.journal.securityEvents()).toEqual([
        {
          at: start,
          event: {
            kind: 'clock.unsynchronised',
            previous: null,
            source: 'timedatectl',
            detail: 'NTPSynchronized=no',
          },
        },
        {
          at: start + 2 * 3600_000,
          event: {
            kind: 'clock.synchronised',
            previous: 'unsynchronised',
            source: 'timedatectl',
            detail: 'NTPSynchronized=yes',
          },
        },
      ]);
    } finally {
      await t.monitor.stop();
    }
  });

  it('writes nothing to the journal when the clock is synchronised from the start', async () => {
    const t = setup(YES);
    await t.monitor.check();
    expect(t.journal.securityEvents()).toEqual([]);
    expect(await t.gauge('ecn_clock_synchronized')).toEqual(['ecn_clock_synchronized 1']);
  });

  it('records "cannot tell" when no source can, and a source that throws is "unknown"', async () => {
    const t = setup({ state: 'unknown', source: 'none', detail: 'timedatectl not found' });
    await t.monitor.check();
    expect(t.journal.securityEvents().map((e) => e.event.kind)).toEqual(['clock.sync_unknown']);
    expect(await t.gauge('ecn_clock_synchronized')).toEqual(['ecn_clock_synchronized 0']);
    expect(await t.gauge('ecn_clock_sync_state')).toContain('ecn_clock_sync_state{state="unknown"} 1');
  });
});

describe('journal retention of clock lines', () => {
  it('keeps clock lines as long as connection records, other security lines 90 days', () => {
    const journal = new SqliteJournal(path.join(dir, 'retention.db'), randomBytes(32));
    journal.start();
    const now = Date.UTC(2026, 10, 28);
    journal.recordSecurityEvent(now - 200 * DAY, { kind: 'clock.unsynchronised', source: 'timedatectl' });
    journal.recordSecurityEvent(now - 200 * DAY, { kind: 'console.login_failed' });
    journal.recordSecurityEvent(now - 400 * DAY, { kind: 'clock.synchronised', source: 'timedatectl' });
    const r = journal.purge(now - 365 * DAY, now - 90 * DAY);
    expect(r.securityLines).toBe(2);
    expect(journal.securityEvents().map((e) => e.event.kind)).toEqual(['clock.unsynchronised']);
  });
});
