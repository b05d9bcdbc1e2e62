// One box per space on a shared pool (issue #13): at start the box claims its `space.id` with
// its own instance id and keeps the claim fresh; a second box with the same id refuses to start.

import { EcnError, isEcnError } from '../domain/errors';
import type { SpaceClaims } from '../domain/ports';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';
import { PeriodicTask } from '../periodic-task';

/**
 * How long a claim lives without a heartbeat: a box that died lets its space go after this. Long
 * enough that a Redis pause or a slow heartbeat never loses it, short enough for a replacement.
 */
export const SPACE_CLAIM_TTL_MS = 30_000;

export class SpaceClaim implements Component {
  readonly name = 'space-claim';
  private readonly task: PeriodicTask;
  private held = false;

  constructor(
    private readonly claims: SpaceClaims,
    private readonly instanceId: string,
    private readonly logger: Logger,
    private readonly ttlMs = SPACE_CLAIM_TTL_MS,
  ) {
    this.task = new PeriodicTask(
      () => this.renew(),
      // Renewed three times per lifetime, so two missed beats in a row still keep it.
      Math.floor(ttlMs / 3),
      (err) => {
        // A store outage is reported by the store monitor; the claim is taken again on its return.
        if (isEcnError(err) && err.code.startsWith('ECN_ERR_STORE_'))
          this.logger.debug({ errorCode: err.code }, 'space claim not renewed: store unavailable');
        else this.logger.error({ err }, 'cannot renew the claim on this space');
      },
    );
  }

  async start(): Promise<void> {
    const holder = await this.claims.claimSpace(this.instanceId, this.ttlMs);
    if (holder !== null) throw takenError(this.claims.spaceId, this.ttlMs);
    this.held = true;
    this.task.start();
  }

  private async renew(): Promise<void> {
    const holder = await this.claims.claimSpace(this.instanceId, this.ttlMs);
    if (holder === null) {
      if (!this.held) this.logger.info({ space: this.claims.spaceId }, 'space claimed again');
      this.held = true;
      return;
    }
    // Our claim lapsed (a long outage) and another box took the id meanwhile: two boxes now
    // run as one space. Say it loudly each beat; stopping residents' access would be worse.
    this.held = false;
    this.logger.error(
      { space: this.claims.spaceId, errorCode: 'ECN_ERR_SPACE_ID_TAKEN' },
      'another box now runs with this space.id on the shared store: give each box its own space.id',
    );
  }

  async stop(): Promise<void> {
    await this.task.stop();
    if (this.held) await this.claims.releaseSpace(this.instanceId);
    this.held = false;
  }
}

function takenError(spaceId: string, ttlMs: number): EcnError {
  return new EcnError(
    'ECN_ERR_SPACE_ID_TAKEN',
    `Another box already runs with space.id "${spaceId}" on this shared store. Give this box its ` +
      `own space.id (one per space) in its configuration. If that other box was switched off or ` +
      `replaced, its claim lapses by itself ${Math.round(ttlMs / 1000)} s after it stopped: start ` +
      `this one again then.`,
    { spaceId },
  );
}
