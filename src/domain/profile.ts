// Ticket profiles: what a ticket grants. A ticket keeps a copy of its profile's limits
// when it is issued, so editing a profile never changes tickets already printed.

export interface ProfileLimits {
  /** Seconds of access counted from the first use. */
  durationSeconds: number;
  /** Optional fixed validity window (epoch ms); the ticket is refused outside it. */
  validFrom: number | null;
  validUntil: number | null;
  /** Optional data quota in bytes (in + out). */
  quotaBytes: number | null;
  /** Optional bandwidth limits in bits per second. */
  bandwidthUpBps: number | null;
  bandwidthDownBps: number | null;
  /** How many devices one ticket may be used on. */
  maxDevices: number;
  /** Seconds without traffic after which a session ends; null for the NAS default. */
  idleTimeoutSeconds: number | null;
}

export interface Profile extends ProfileLimits {
  /** Stable identifier used by `--profile` and stored on tickets, e.g. `1h`. */
  name: string;
  /** What animators and residents read, e.g. "1 heure". */
  label: string;
  isDefault: boolean;
}

export function profileLimits(p: Profile): ProfileLimits {
  return {
    durationSeconds: p.durationSeconds,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    quotaBytes: p.quotaBytes,
    bandwidthUpBps: p.bandwidthUpBps,
    bandwidthDownBps: p.bandwidthDownBps,
    maxDevices: p.maxDevices,
    idleTimeoutSeconds: p.idleTimeoutSeconds,
  };
}
