// What an access-point vendor is to the RADIUS server: the dictionary files that define its
// attributes, and the attributes it understands in an Access-Accept for a ticket's limits.

/** A ticket's limits as a vendor can enforce them; null means none. */
export interface VendorGrant {
  /** Upload limit, bits per second. */
  readonly upBps: number | null;
  /** Download limit, bits per second. */
  readonly downBps: number | null;
  /** Data left on the ticket (in + out), bytes. */
  readonly bytesLeft: number | null;
}

/** Makes an attribute by its dictionary name. */
export type AttributeMaker<A> = (name: string, value: string | number) => A;

export interface AccessPointVendor<K extends string = string> {
  /** The `radius.clients[].kind` that picks it. */
  readonly kind: K;
  /** Who makes it, for the configuration reference. */
  readonly title: string;
  /** Files of config/radius/dictionaries that define the attributes it is sent. */
  readonly dictionaries: readonly string[];
  /** Every attribute `accept` may add, by dictionary name. */
  readonly attributes: readonly string[];
  /**
   * Whether it applies a new Session-Timeout sent in a CoA-Request (RFC 5176) to a running
   * session, so that time added in the console reaches the device at once (issue #15, item 4).
   */
  readonly coaSessionTimeout: boolean;
  /** Its own attributes of an Access-Accept (after the standard ones every kind gets). */
  accept<A>(grant: VendorGrant, at: AttributeMaker<A>): A[];
}

const MAX_INTEGER = 2 ** 32 - 1;

/** An integer attribute's value: whole, and within 0 … 2^32 − 1. */
export function clampInteger(n: number): number {
  return Math.min(MAX_INTEGER, Math.max(0, Math.floor(n)));
}

/** The low 32 bits of a byte count and its "gigawords" (how many times 2^32). */
export function octetsAndGigawords(bytes: number): [number, number] {
  return [bytes % 2 ** 32, clampInteger(Math.floor(bytes / 2 ** 32))];
}
