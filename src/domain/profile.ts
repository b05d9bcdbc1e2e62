// Ticket profiles: what a ticket grants. A ticket keeps a copy of its profile's limits
// when it is issued, so editing a profile never changes tickets already printed.

import { copyLimits, type ProfileLimits } from './profile-fields';

export type { ProfileLimits } from './profile-fields';

export interface Profile extends ProfileLimits {
  /** Stable identifier used by `--profile` and stored on tickets, e.g. `1h`. */
  name: string;
  /** What animators and residents read, e.g. "1 heure". */
  label: string;
  isDefault: boolean;
}

/** The limits alone, as a ticket keeps them (every limit of `PROFILE_FIELDS`, nothing else). */
export function profileLimits(p: Profile): ProfileLimits {
  return copyLimits(p);
}
