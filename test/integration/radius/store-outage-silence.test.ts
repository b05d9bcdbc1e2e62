// RADIUS while the store does not answer (issue #13, item 4): the packet is dropped without an
// answer (so the access point retries or falls back to its secondary server instead of telling
// the resident "wrong code"), counted as `store_unavailable`, and not logged as an error.

import dgram from 'node:dgram';
import { Writable } from 'node:stream';
import pino from 'pino';
import { EcnError } from '../../../src/domain/errors';
import { EventBus, type DomainEvents } from '../../../src/domain/events';
import { RadiusUdpServer } from '../../../src/radius/udp-server';

describe('RADIUS server while the store is out', () => {
  it('stays silent, counts the drop as store_unavailable and logs no error', async () => {
    const events = new EventBus((_e, err) => {
      throw err;
    });
    const lines: string[] = [];
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          lines.push(chunk.toString());
          cb();
        },
      }),
    );
    const server = new RadiusUdpServer(
      'radius-auth',
      'auth',
      { host: '127.0.0.1', port: 0 },
      () => {
        throw new EcnError(
          'ECN_ERR_STORE_UNAVAILABLE',
          'Redis failed during findTicketByCode: Command timed out',
        );
      },
      { events, logger },
    );
    await server.start();
    const dropped = new Promise<DomainEvents['radius.request_dropped']>((resolve) =>
      events.on('radius.request_dropped', resolve),
    );
    const client = dgram.createSocket('udp4');
    const replies: Buffer[] = [];
    client.on('message', (m) => replies.push(m));
    await new Promise<void>((r) => client.bind(0, '127.0.0.1', () => r()));
    client.send(Buffer.alloc(20), server.boundPort()!, '127.0.0.1');
    expect(await dropped).toEqual({ server: 'auth', reason: 'store_unavailable', nas: null });
    // The server sends a reply before it publishes the outcome; a drop has none to send.
    expect(replies).toEqual([]);
    expect(lines.some((l) => /"level":50/.test(l))).toBe(false);
    client.close();
    await server.stop();
  });
});
