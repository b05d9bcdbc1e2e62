// Whether the store can be used right now (issue #13, item 4): the shared Redis may be out of
// reach over an association's link, or come back empty. Pure names, shared by every edge.

import { EcnError, isEcnError } from './errors';

/** `unavailable`: no answer in time; `emptied`: answers but lost its data (marker key gone). */
export const STORE_STATES = ['up', 'unavailable', 'emptied'] as const;
export type StoreState = (typeof STORE_STATES)[number];

export interface StoreHealth {
  state: StoreState;
  /** Epoch ms of the last change of state. */
  since: number;
}

/**
 * Whether an error only says that the store cannot be used now (not a fault of ours): out of
 * reach, emptied, or on a full disk (reads may still work, writes do not).
 */
export function isStoreDown(err: unknown): err is EcnError {
  return (
    isEcnError(err, 'ECN_ERR_STORE_UNAVAILABLE') ||
    isEcnError(err, 'ECN_ERR_STORE_EMPTIED') ||
    isEcnError(err, 'ECN_ERR_STORE_FULL')
  );
}
