// What every use case is given: the store and the outside world as ports, the profiles and
// limits from the configuration. Built once by the composition root (or by a test).

import type { Clock, RandomBytes } from '../domain/clock';
import type { EventBus } from '../domain/events';
import type { Store } from '../domain/ports';
import type { Profile } from '../domain/profile';

export interface ServiceDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  random: RandomBytes;
  newId: () => string;
  profiles: readonly Profile[];
  maxBatch: number;
}
