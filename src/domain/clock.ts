// Time and randomness as ports, so the domain stays pure and tests can fix both.

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** Fills a new array of `size` bytes from a CSPRNG. */
export type RandomBytes = (size: number) => Uint8Array;
