// The service's start and stop order (src/lifecycle.ts) with fake components: pure, no I/O.

import { Lifecycle, type Component } from '../../../src/lifecycle';

/** A log that keeps what was said, by message and component name. */
function recordingLog() {
  const lines: string[] = [];
  const say = (fields: { component: string }, msg: string) => void lines.push(`${msg}: ${fields.component}`);
  return { lines, logger: { info: say, error: say } };
}

function fake(
  name: string,
  calls: string[],
  opts: { failStart?: boolean; failStop?: boolean } = {},
): Component {
  return {
    name,
    async start() {
      calls.push(`start ${name}`);
      if (opts.failStart) throw new Error(`${name} cannot start`);
    },
    async stop() {
      calls.push(`stop ${name}`);
      if (opts.failStop) throw new Error(`${name} cannot stop`);
    },
  };
}

describe('lifecycle', () => {
  it('starts in the order given, stops in reverse, and logs each by name', async () => {
    const calls: string[] = [];
    const log = recordingLog();
    const lifecycle = new Lifecycle(log.logger);
    await lifecycle.start(['store', 'gateway', 'portal'].map((n) => fake(n, calls)));
    await lifecycle.stop();
    expect(calls).toEqual([
      'start store',
      'start gateway',
      'start portal',
      'stop portal',
      'stop gateway',
      'stop store',
    ]);
    expect(log.lines).toEqual([
      'component started: store',
      'component started: gateway',
      'component started: portal',
      'component stopped: portal',
      'component stopped: gateway',
      'component stopped: store',
    ]);
  });

  it('stops the components already started when one fails to start, and throws its error', async () => {
    const calls: string[] = [];
    const log = recordingLog();
    const lifecycle = new Lifecycle(log.logger);
    const components = [
      fake('store', calls),
      fake('gateway', calls),
      fake('portal', calls, { failStart: true }),
    ];
    components.push(fake('console', calls));
    await expect(lifecycle.start(components)).rejects.toThrow('portal cannot start');
    // The console never starts; the store and the gateway are not left running.
    expect(calls).toEqual(['start store', 'start gateway', 'start portal', 'stop gateway', 'stop store']);
    expect(log.lines).toContain('component failed to start: portal');
    // A second stop (main's SIGTERM after a failed start) has nothing left to stop.
    await lifecycle.stop();
    expect(calls).toHaveLength(5);
  });

  it('logs a failing stop and goes on stopping the others', async () => {
    const calls: string[] = [];
    const log = recordingLog();
    const lifecycle = new Lifecycle(log.logger);
    await lifecycle.start([
      fake('store', calls),
      fake('gateway', calls, { failStop: true }),
      fake('portal', calls),
    ]);
    await expect(lifecycle.stop()).resolves.toBeUndefined();
    expect(calls.slice(3)).toEqual(['stop portal', 'stop gateway', 'stop store']);
    expect(log.lines).toContain('stop failed: gateway');
  });
});
