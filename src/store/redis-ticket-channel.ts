// The boxes of a Redis pool tell each other that a ticket ended (revoked, data used up) on a
// pub/sub channel, so each ends its own sessions of it at once (issue #13, item 1).

import Redis from 'ioredis';
import { z } from 'zod';
import type { TicketEndChannel, TicketEnded } from '../domain/ports';

const message = z.object({ ticketId: z.string().min(1).max(100), spaceId: z.string().max(64) });

export interface RedisTicketChannelOptions {
  url: string;
  keyPrefix: string;
  /** This box's space: its own messages come back to it and are left out. */
  spaceId: string;
}

export class RedisTicketChannel implements TicketEndChannel {
  private subscriber: Redis | null = null;
  private publisher: Redis | null = null;
  private readonly listeners = new Set<(ended: TicketEnded) => void>();

  constructor(private readonly options: RedisTicketChannelOptions) {}

  /** One channel per pool, named with the pool's key prefix. */
  private get channel(): string {
    return `${this.options.keyPrefix}tickets-ended`;
  }

  async start(): Promise<void> {
    if (this.subscriber) return;
    const connect = () =>
      new Redis(this.options.url, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: 1000,
        retryStrategy: (times) => Math.min(times * 100, 1000),
      });
    const subscriber = connect();
    const publisher = connect();
    // Failures surface through publish (a missed message is the sweeper's to catch).
    subscriber.on('error', () => {});
    publisher.on('error', () => {});
    subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return;
      let ended: TicketEnded;
      try {
        ended = message.parse(JSON.parse(text));
      } catch {
        return; // Not ours to act on: only well-formed messages end anything.
      }
      if (ended.spaceId === this.options.spaceId) return;
      for (const l of this.listeners) l(ended);
    });
    await subscriber.connect();
    await publisher.connect();
    // ioredis subscribes again by itself after a reconnection.
    await subscriber.subscribe(this.channel);
    this.subscriber = subscriber;
    this.publisher = publisher;
  }

  async stop(): Promise<void> {
    for (const c of [this.subscriber, this.publisher]) c?.disconnect();
    this.subscriber = null;
    this.publisher = null;
  }

  async publish(ended: TicketEnded): Promise<void> {
    if (!this.publisher) return;
    await this.publisher.publish(this.channel, JSON.stringify(ended));
  }

  subscribe(listener: (ended: TicketEnded) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
