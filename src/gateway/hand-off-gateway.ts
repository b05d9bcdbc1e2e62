// The gateway adapter when another router enforces access by itself (openNDS, CoovaChilli):
// the portal hands the browser back to it (src/portal/hand-off.ts), so authorize and
// deauthorize have nothing to apply on this box. openNDS keeps a client for its own
// `sessiontimeout`; CoovaChilli gets Session-Timeout from our RADIUS server and is
// disconnected with a Disconnect-Request (RFC 5176) on revocation.

import type { ClientGrant, Gateway, GardenOutcome } from '../domain/ports';
import type { Device } from '../domain/device';
import type { Logger } from '../log';

export class HandOffGateway implements Gateway {
  constructor(
    readonly kind: 'opennds' | 'chilli',
    private readonly logger?: Logger,
  ) {}

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** The client's MAC comes from the router's signed redirect, not from this box's tables. */
  async identify(_ip: string): Promise<string | null> {
    return null;
  }

  async authorize(grant: ClientGrant): Promise<void> {
    this.logger?.debug({ sessionId: grant.sessionId, kind: this.kind }, 'authorize: the router enforces');
  }

  async deauthorize(_device: Device, sessionId: string): Promise<void> {
    this.logger?.debug({ sessionId, kind: this.kind }, 'deauthorize: the router enforces');
  }

  /**
   * Refused: the router lets captive clients through by its own walled-garden list (openNDS
   * `preauthenticated_users`, CoovaChilli `uamallowed`), which this box does not write.
   */
  async setGarden(): Promise<GardenOutcome> {
    return 'unsupported';
  }
}
