// Tells the other boxes of the pool when a ticket ends here (revoked, data used up), and ends
// this box's sessions of a ticket that ended in another space (issue #13, item 1). Expiry needs
// no message: every box reads the same clock on the ticket at its next sweep.

import type { TicketEndChannel } from '../domain/ports';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';
import type { AccessDeps } from './client-access';
import { endSpaceSessionsOfEndedTicket } from './end-ticket-sessions';

export class TicketEndRelay implements Component {
  readonly name = 'ticket-end-relay';
  private readonly unsubscribe: (() => void)[] = [];
  /** Tickets whose sessions this box is ending on another box's word: not announced back. */
  private readonly relayed = new Set<string>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly deps: AccessDeps,
    private readonly channel: TicketEndChannel,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const { events } = this.deps;
    this.unsubscribe.push(
      events.on('ticket.revoked', (e) => this.announce(e.ticketId)),
      events.on('session.ended', (e) => {
        if (e.cause === 'quota' && e.ticketId !== null) this.announce(e.ticketId);
      }),
      this.channel.subscribe((ended) => this.track(this.endHere(ended.ticketId, ended.spaceId))),
    );
  }

  private announce(ticketId: string): void {
    if (this.relayed.has(ticketId)) return;
    this.track(
      this.channel
        .publish({ ticketId, spaceId: this.deps.store.spaceId })
        .catch((err: unknown) =>
          this.logger.warn({ err }, 'cannot tell the other spaces that a ticket ended; their sweep will'),
        ),
    );
  }

  private async endHere(ticketId: string, from: string): Promise<void> {
    this.relayed.add(ticketId);
    try {
      const ended = await endSpaceSessionsOfEndedTicket(this.deps, ticketId);
      if (ended > 0)
        this.logger.info({ from, ended }, 'ended sessions of a ticket that ended in another space');
    } catch (err) {
      this.logger.warn({ err, from }, 'cannot end the sessions of a ticket ended elsewhere; the sweep will');
    } finally {
      this.relayed.delete(ticketId);
    }
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Resolves when what this box is doing on a message has been done (tests, stop). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async stop(): Promise<void> {
    for (const u of this.unsubscribe.splice(0)) u();
    await this.settled();
  }
}
