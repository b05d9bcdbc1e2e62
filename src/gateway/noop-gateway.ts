// The gateway adapter for development and for set-ups where nothing on the box enforces
// access (`gateway.kind: none`): it knows no MAC and lets everything through. It remembers
// what it was asked, so the portal's behaviour can be observed in tests and logs.

import type { ClientGrant, Gateway, GardenEntry, GardenOutcome } from '../domain/ports';
import type { Device } from '../domain/device';
import type { Logger } from '../log';

export class NoopGateway implements Gateway {
  readonly kind = 'none';
  /** Session ids currently authorized, with their grant. */
  readonly authorized = new Map<string, ClientGrant>();
  /** The walled garden last asked for (nothing is held back here, so nothing is opened). */
  garden: readonly GardenEntry[] = [];

  constructor(
    private readonly logger?: Logger,
    /** Optional IP → MAC table, for tests of MAC-bound devices. */
    private readonly macs: ReadonlyMap<string, string> = new Map(),
  ) {}

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    this.authorized.clear();
  }

  async identify(ip: string): Promise<string | null> {
    return this.macs.get(ip) ?? null;
  }

  async authorize(grant: ClientGrant): Promise<void> {
    this.authorized.set(grant.sessionId, grant);
    this.logger?.debug({ sessionId: grant.sessionId, secondsLeft: grant.secondsLeft }, 'authorize (no-op)');
  }

  async deauthorize(_device: Device, sessionId: string): Promise<void> {
    this.authorized.delete(sessionId);
    this.logger?.debug({ sessionId }, 'deauthorize (no-op)');
  }

  /** Nothing holds captive clients back here, so the portal must not promise a walled garden. */
  async setGarden(entries: readonly GardenEntry[]): Promise<GardenOutcome> {
    this.garden = [...entries];
    this.logger?.debug({ entries: entries.length }, 'walled garden (no-op)');
    return 'not-enforced';
  }
}
