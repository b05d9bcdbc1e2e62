// What every use case is given: the store and the outside world as ports, the profiles in
// force and the limits from the configuration. Built once by the composition root (or a test).

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
  /**
   * The ticket profiles in force now, frozen. A function, not a list: managers change profiles
   * at run time, and the deps are copied by spreading, so every copy reads the one source.
   */
  profiles: () => readonly Profile[];
  maxBatch: number;
}
