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
