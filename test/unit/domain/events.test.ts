import { EventBus } from '../../../src/domain/events';

describe('event bus', () => {
  it('delivers to every subscriber, and a failing one does not stop the others', () => {
    const failures: string[] = [];
    const bus = new EventBus((event) => failures.push(event));
    const got: string[] = [];
    bus.on('charter.accepted', () => {
      throw new Error('boom');
    });
    bus.on('charter.accepted', (p) => got.push(p.lang));
    bus.emit('charter.accepted', { charterVersion: 'v1', lang: 'ar', via: 'portal' });
    expect(got).toEqual(['ar']);
    expect(failures).toEqual(['charter.accepted']);
  });

  it('stops delivering after unsubscribe', () => {
    const bus = new EventBus();
    const got: number[] = [];
    const off = bus.on('ticket.issued', (p) => got.push(p.count));
    bus.emit('ticket.issued', { batchId: 'b', profileName: 'p', count: 1, createdBy: 'x' });
    off();
    bus.emit('ticket.issued', { batchId: 'b', profileName: 'p', count: 2, createdBy: 'x' });
    expect(got).toEqual([1]);
  });
});

describe('publish (issue #14, item 4)', () => {
  const action = {
    actor: { kind: 'cli', user: 'camille' },
    action: 'tickets.issued',
    target: 'b1',
    details: { count: 2 },
  } as const;

  it('waits for a subscriber that writes, and rejects when that write fails', async () => {
    const bus = new EventBus();
    const written: string[] = [];
    const off = bus.on('operator.acted', async (e) => {
      await new Promise((r) => setImmediate(r));
      written.push(e.target ?? '');
    });
    await bus.publish('operator.acted', action);
    expect(written).toEqual(['b1']);
    off();
    bus.on('operator.acted', () => Promise.reject(new Error('disk full')));
    await expect(bus.publish('operator.acted', action)).rejects.toThrow('disk full');
  });

  it('emit does not wait, and reports an asynchronous failure to the bus', async () => {
    const failures: string[] = [];
    const bus = new EventBus((event) => failures.push(event));
    let rejectIt!: (e: Error) => void;
    bus.on('operator.acted', () => new Promise<void>((_, reject) => (rejectIt = reject)));
    bus.emit('operator.acted', action);
    expect(failures).toEqual([]);
    rejectIt(new Error('late'));
    await new Promise((r) => setImmediate(r));
    expect(failures).toEqual(['operator.acted']);
  });
});
