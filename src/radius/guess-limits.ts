// The Access-Request pipeline's guessing step: wrong PAP/CHAP codes counted per device
// (Calling-Station-Id) and per access point, and the wait that follows too many.

import { createHash } from 'node:crypto';
import { EcnError, isEcnError } from '../domain/errors';
import type { Redemption } from '../domain/ticket';
import { blockedUntil, type ThrottlePolicy } from '../domain/throttle';
import { countGuess, waitingUntil, type GuessGuard } from '../services/guess-limit';
import type { ServiceDeps } from '../services/deps';
import type { NasClient } from './nas-table';

/** Where a PAP/CHAP code came from, for its guessing limits. */
export interface GuessSource {
  station: string | null;
  stationMac: string | null;
  nas: NasClient;
}

/**
 * PAP/CHAP guessing limits, per device (Calling-Station-Id) and per access point. A running
 * wait refuses before the lookup; a wrong code is counted atomically as soon as it is known,
 * at both; a code found is used only if no wait runs by then. However datagrams interleave,
 * no more than the allowance of wrong codes gets an answer other than "wait", and no right
 * code gets through once it is reached. Unlike the console's slow password check, the
 * check here is one lookup, and honest logins (many at once through one access point) cost
 * reads only, no durable write. While a wait runs the answer is an Access-Reject that says
 * so (not silence: the access point would retransmit, then count our server as down for
 * every resident). An accepted code starts the device afresh.
 */
export async function limitGuesses(
  services: Pick<ServiceDeps, 'store' | 'clock' | 'events'>,
  policies: { station: ThrottlePolicy; nas: ThrottlePolicy },
  from: GuessSource,
  check: (admit: () => Promise<void>) => Promise<Redemption>,
): Promise<Redemption> {
  const guards: GuessGuard[] = [
    ...(from.station === null
      ? []
      : [
          {
            limit: 'radius_station' as const,
            key: guessStationKey(from.station, from.stationMac),
            policy: policies.station,
          },
        ]),
    { limit: 'radius_nas', key: `radius-tries:nas:${from.nas.name}`, policy: policies.nas },
  ];
  const admit = async () => {
    for (const g of guards) {
      const until = await waitingUntil(services, g);
      if (until !== null) throw tooManyTries(until);
    }
  };
  // The same reads before the lookup, keeping whether the device has a count to clear.
  const now = services.clock.now();
  let counted = false;
  for (const g of guards) {
    const counter = await services.store.getCounter(g.key);
    if (g.limit === 'radius_station') counted = counter !== null;
    const until = blockedUntil(counter, now);
    if (until !== null) {
      services.events.emit('guess.refused', { limit: g.limit });
      throw tooManyTries(until);
    }
  }
  let granted: Redemption;
  try {
    granted = await check(admit);
  } catch (err) {
    if (isEcnError(err, 'ECN_ERR_TICKET_UNKNOWN') || isEcnError(err, 'ECN_ERR_RADIUS_BAD_PASSWORD')) {
      let until: number | null = null;
      for (const g of guards) until = (await countGuess(services, g)) ?? until;
      throw until === null ? err : tooManyTries(until);
    }
    throw err;
  }
  if (counted) await services.store.deleteCounter(guards[0]!.key);
  return granted;
}

/** One counter per device whatever the spelling of its MAC; other identifiers are hashed to bound the key. */
function guessStationKey(callingStationId: string, mac: string | null): string {
  const id = mac ?? createHash('sha256').update(callingStationId).digest('hex');
  return `radius-tries:station:${id}`;
}

function tooManyTries(until: number): EcnError {
  return new EcnError('ECN_ERR_RADIUS_TOO_MANY_TRIES', 'Too many wrong codes; wait before trying again.', {
    retryAt: until,
  });
}
