// Test doubles of the ports that cannot be made real in a unit test: time and randomness.

import { randomBytes } from 'node:crypto';
import type { Clock } from '../../src/domain/clock';
import { EventBus, type DomainEvents, type EventName } from '../../src/domain/events';
import type { Store } from '../../src/domain/ports';
import type { Profile } from '../../src/domain/profile';
import type { ServiceDeps } from '../../src/services/deps';
import { subscribeAuditTrail } from '../../src/services/audit-trail';

export class FakeClock implements Clock {
  constructor(public t = Date.UTC(2026, 10, 28, 9, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export const HOUR = 3600_000;

export function profile(overrides: Partial<Profile> = {}): Profile {
  return {
    name: '1h',
    label: '1 heure',
    isDefault: true,
    durationSeconds: 3600,
    validFrom: null,
    validUntil: null,
    quotaBytes: null,
    bandwidthUpBps: null,
    bandwidthDownBps: null,
    maxDevices: 1,
    idleTimeoutSeconds: null,
    ...overrides,
  };
}

/** Records every event published, by name. */
export function recordEvents(bus: EventBus): { [K in EventName]?: DomainEvents[K][] } {
  const seen: { [K in EventName]?: DomainEvents[K][] } = {};
  const names: EventName[] = [
    'ticket.issued',
    'ticket.redeemed',
    'ticket.refused',
    'ticket.revoked',
    'charter.accepted',
    'session.started',
    'session.ended',
    'store.failed',
  ];
  for (const n of names) bus.on(n, (p) => ((seen[n] ??= [] as never[]) as unknown[]).push(p));
  return seen;
}

let counter = 0;

/** Profiles as the use cases read them: one frozen list, the same at every call. */
export function fixedProfiles(list: readonly Profile[]): () => readonly Profile[] {
  const frozen = Object.freeze(list.map((p) => Object.freeze({ ...p })));
  return () => frozen;
}

export function makeDeps(
  store: Store,
  overrides: Partial<ServiceDeps> = {},
): ServiceDeps & { clock: FakeClock } {
  const clock = overrides.clock instanceof FakeClock ? overrides.clock : new FakeClock();
  const deps: ServiceDeps & { clock: FakeClock } = {
    store,
    events: new EventBus((_e, err) => {
      throw err;
    }),
    random: (n) => randomBytes(n),
    newId: () => `id-${process.pid}-${++counter}-${randomBytes(4).toString('hex')}`,
    profiles: fixedProfiles([
      profile(),
      profile({ name: '1d', label: '1 journée', isDefault: false, durationSeconds: 86400, maxDevices: 2 }),
      profile({ name: 'quota', label: 'Quota', isDefault: false, quotaBytes: 1000, maxDevices: 3 }),
    ]),
    maxBatch: 500,
    ...overrides,
    clock,
  };
  // As createServiceDeps does: staff actions published on the bus are written to the trail.
  if (!overrides.events) subscribeAuditTrail(deps);
  return deps;
}
